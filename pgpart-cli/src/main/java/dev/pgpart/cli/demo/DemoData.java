package dev.pgpart.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.sql.DataSource;

/**
 * The demo's sample schema and data, relative to "today" so the story is the same whenever it
 * runs: {@code orders} has two years of rows, the first two months in hand-made partitions, the
 * third in one an earlier pgpart run made, and the rest in its DEFAULT partition; {@code orders_by_region} has only a default; {@code customers}
 * is hash-partitioned with no partitions yet.
 */
public record DemoData(LocalDate start) {
    public static final int ORDERS = 200_000;

    /** Two years ago, first of the month, in UTC. */
    public static DemoData relativeTo(LocalDate today) {
        return new DemoData(YearMonth.from(today).minusMonths(24).atDay(1));
    }

    public static DemoData now() {
        return relativeTo(LocalDate.now(ZoneOffset.UTC));
    }

    public void load(DataSource ds) throws SQLException {
        String sql = resource("schema.sql")
                .replace("${start}", start.toString())
                .replace("${m1}", start.plusMonths(1).toString())
                .replace("${m2}", start.plusMonths(2).toString())
                .replace("${m3}", start.plusMonths(3).toString())
                .replace("${m2compact}", start.plusMonths(2).format(DateTimeFormatter.BASIC_ISO_DATE))
                .replace("${m0name}", start.format(DateTimeFormatter.ofPattern("yyyy_MM")))
                .replace("${m1name}", start.plusMonths(1).format(DateTimeFormatter.ofPattern("yyyy_MM")))
                .replace("${orders}", String.valueOf(ORDERS));
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Writes the demo pgpart.yml into {@code dir} and returns its path. */
    public Path writeConfig(Path dir) {
        Path file = dir.resolve("pgpart.yml");
        try {
            Files.writeString(file, resource("pgpart.yml").replace("${start}", start.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static String resource(String name) {
        try (InputStream in = DemoData.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("demo resource " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
