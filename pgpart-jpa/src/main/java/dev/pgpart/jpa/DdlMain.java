package dev.pgpart.jpa;

import dev.pgpart.PgpartException;
import dev.pgpart.api.TableDdl;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code pgpart ddl} without the CLI, for build tools (exec-maven-plugin, a Gradle JavaExec task):
 * the entities must be on this JVM's class path.
 *
 * <pre>
 * java -cp target/classes:... dev.pgpart.jpa.DdlMain --package com.example.orders --flyway src/main/resources/db/migration
 * </pre>
 * Options: {@code --package PKG}, {@code --class FQCN} (each repeatable), one of {@code --flyway DIR},
 * {@code --liquibase FILE}, {@code --sql}; {@code --no-initial-partitions}, {@code --at INSTANT},
 * {@code --url JDBC_URL}, {@code --hibernate key=value}. Exit codes as the CLI's: 0 ok, 1 failure, 2 usage.
 */
public final class DdlMain {
    private DdlMain() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(args, out, err));
    }

    /** The run of {@link #main}, with its exit code instead of exiting (tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        try {
            return DdlRun.run(parse(args), Thread.currentThread().getContextClassLoader(), out, err);
        } catch (PgpartException e) {
            err.println("pgpart ddl: " + e.getMessage());
            err.flush();
            return e.code().exitCode();
        }
    }

    static DdlRun.Request parse(String[] args) {
        List<String> packages = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        List<DdlRun.Output> outputs = new ArrayList<>();
        Map<String, Object> hibernate = new LinkedHashMap<>();
        TableDdl.Initial initial = TableDdl.Initial.PLANNED;
        Instant at = Instant.now();
        Optional<DdlRun.Database> db = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--package" -> packages.add(value(args, ++i, a));
                case "--class" -> classes.add(value(args, ++i, a));
                case "--flyway" -> outputs.add(new DdlRun.Flyway(Path.of(value(args, ++i, a))));
                case "--liquibase" -> outputs.add(new DdlRun.Liquibase(Path.of(value(args, ++i, a))));
                case "--sql" -> outputs.add(new DdlRun.Stdout());
                case "--no-initial-partitions" -> initial = TableDdl.Initial.NONE;
                case "--at" -> at = instant(value(args, ++i, a));
                case "--url" -> db = Optional.of(database(value(args, ++i, a)));
                case "--hibernate" -> {
                    String kv = value(args, ++i, a);
                    int eq = kv.indexOf('=');
                    if (eq < 1) {
                        throw usage("--hibernate takes key=value, got '" + kv + "'");
                    }
                    hibernate.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                default -> throw usage("unknown option '" + a + "'");
            }
        }
        if (outputs.size() != 1) {
            throw usage("give exactly one of --flyway DIR, --liquibase FILE or --sql (got " + outputs.size() + ")");
        }
        if (packages.isEmpty() && classes.isEmpty()) {
            throw usage("give --package PKG or --class FQCN to say which entities to read");
        }
        return new DdlRun.Request(packages, classes, outputs.get(0), initial, at, hibernate, db);
    }

    /** {@code 2027-01-01} (midnight UTC) or {@code 2027-01-01T10:00:00Z}, as the CLI's {@code --at}. */
    static Instant instant(String text) {
        try {
            return text.length() == 10 ? java.time.LocalDate.parse(text).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                    : Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw usage("--at '" + text + "' is not a date or an instant: write 2027-01-01 or 2027-01-01T10:00:00Z");
        }
    }

    private static DdlRun.Database database(String url) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        try {
            ds.setUrl(url);
        } catch (IllegalArgumentException e) {
            throw usage("--url is not a PostgreSQL JDBC URL: " + e.getMessage());
        }
        return new DdlRun.Database(ds, url.replaceAll("(?i)(password=)[^&]*", "$1***"));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw usage(option + " needs a value");
        }
        return args[i];
    }

    private static PgpartException usage(String message) {
        return new PgpartException(dev.pgpart.ErrorCode.CONFIG, message + " -> see the javadoc of DdlMain or docs/guide-jpa.md");
    }
}
