package dev.pgpart.jpa;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Writes {@link Migration}s as Flyway SQL migrations or as a Liquibase changelog (formatted SQL or XML). */
public final class MigrationFiles {
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)(?:[._]\\d+)*__.*");

    private MigrationFiles() {
    }

    /** What happened to one migration. */
    public record Written(Migration migration, Path file, boolean created) {
    }

    /**
     * One {@code V<next>__create_partitioned_<table>.sql} per table, numbered after the highest existing
     * version. A table that already has its {@code create_partitioned} migration in the folder is left
     * alone (regenerating it under a new version would create the table twice).
     */
    public static List<Written> flyway(Path dir, List<Migration> migrations) {
        try {
            Files.createDirectories(dir);
            List<String> names;
            try (Stream<Path> files = Files.list(dir)) {
                names = files.map(p -> p.getFileName().toString()).sorted().toList();
            }
            long next = names.stream().map(VERSIONED::matcher).filter(Matcher::matches)
                    .mapToLong(m -> Long.parseLong(m.group(1))).max().orElse(0) + 1;
            List<Written> out = new ArrayList<>();
            for (Migration m : migrations) {
                String suffix = "__create_partitioned_" + m.slug() + ".sql";
                Optional<String> existing = names.stream().filter(n -> VERSIONED.matcher(n).matches() && n.endsWith(suffix))
                        .findFirst();
                if (existing.isPresent()) {
                    out.add(new Written(m, dir.resolve(existing.get()), false));
                    continue;
                }
                Path file = dir.resolve("V" + next++ + suffix);
                Files.writeString(file, m.sql(), StandardCharsets.UTF_8);
                out.add(new Written(m, file, true));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Flyway migrations to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A Liquibase changelog, XML when the file name ends in {@code .xml}, else formatted SQL. */
    public static Written liquibase(Path file, List<Migration> migrations) {
        String text = file.getFileName().toString().endsWith(".xml") ? xml(migrations) : formattedSql(migrations);
        try {
            if (Files.exists(file)) {
                if (Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
                    return new Written(migrations.get(0), file, false);
                }
                throw new PgpartException(ErrorCode.CONFIG, file + " already exists with other content; nothing was"
                        + " written -> pass a new file name (and include it from your master changelog), or delete the"
                        + " old one if no database has applied it");
            }
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return new Written(migrations.get(0), file, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Liquibase changelog " + file + ": " + e.getMessage(), e);
        }
    }

    static String formattedSql(List<Migration> migrations) {
        StringBuilder out = new StringBuilder("-- liquibase formatted sql\n");
        for (Migration m : migrations) {
            out.append("\n-- changeset pgpart:create_partitioned_").append(m.slug()).append('\n');
            m.comments().forEach(c -> out.append("-- ").append(c).append('\n'));
            m.statements().forEach(s -> out.append(s).append(";\n"));
            out.append("-- rollback ").append(m.rollback()).append(";\n");
        }
        return out.toString();
    }

    static String xml(List<Migration> migrations) {
        StringBuilder out = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                                   xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                                   xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                                       http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.33.xsd">
                """);
        for (Migration m : migrations) {
            out.append("  <changeSet id=\"create_partitioned_").append(m.slug()).append("\" author=\"pgpart\">\n");
            m.comments().forEach(c -> out.append("    <!-- ").append(c.replace("--", "- -")).append(" -->\n"));
            m.statements().forEach(s -> out.append("    <sql splitStatements=\"false\">").append(cdata(s)).append("</sql>\n"));
            out.append("    <rollback><sql>").append(cdata(m.rollback())).append("</sql></rollback>\n");
            out.append("  </changeSet>\n");
        }
        return out.append("</databaseChangeLog>\n").toString();
    }

    /** A CDATA section keeps SQL readable; a {@code ]]>} inside (in a quoted name) is split across two sections. */
    private static String cdata(String text) {
        return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>";
    }
}
