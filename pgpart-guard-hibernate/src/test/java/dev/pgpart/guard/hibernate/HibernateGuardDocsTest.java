package dev.pgpart.guard.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.guard.jdbc.PartitionKeyGuard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.cfg.AvailableSettings;
import org.junit.jupiter.api.Test;

/** The Hibernate section of the guide shows code that the tests run, and names what the code names. */
class HibernateGuardDocsTest {
    private static final Path TESTS = Path.of("src/test/java/dev/pgpart/guard/hibernate");

    private static String section() throws IOException {
        String guide = Files.readString(Path.of("../docs/guide-guard.md"));
        return guide.substring(guide.indexOf("## Hibernate 7 (`pgpart-guard-hibernate`)"));
    }

    /** Code lines of the section's java blocks, without trailing comments, elisions and braces. */
    private static List<String> javaLines(String section) {
        List<String> out = new ArrayList<>();
        String[] blocks = section.split("```");
        for (int i = 1; i < blocks.length; i += 2) {
            if (blocks[i].startsWith("java\n")) {
                blocks[i].substring(5).lines().map(l -> l.replaceAll("\\s*//.*$", "").strip())
                        .filter(l -> !l.isEmpty() && !l.equals("...") && !l.equals("}")).forEach(out::add);
            }
        }
        return out;
    }

    @Test
    void everyJavaLineOfTheHibernateSectionIsALineOfTheTests() throws IOException {
        Set<String> testLines;
        try (var files = Files.list(TESTS)) {
            testLines = files.flatMap(f -> {
                try {
                    return Files.readAllLines(f).stream();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(l -> l.replaceAll("\\s*//.*$", "").strip()).collect(Collectors.toSet());
        }
        List<String> lines = javaLines(section());
        assertThat(lines).hasSizeGreaterThan(15);
        assertThat(lines).allSatisfy(l -> assertThat(testLines).as("a test line").contains(l));
    }

    @Test
    void theSectionNamesTheSettingsTheExceptionAndTheSqlState() throws IOException {
        String section = section();
        assertThat(AvailableSettings.STATEMENT_INSPECTOR).isEqualTo("hibernate.session_factory.statement_inspector");
        assertThat(section).contains("// " + AvailableSettings.STATEMENT_INSPECTOR,
                "Hibernate setting `" + EntityKeyCheck.SETTING + "`: `off` (default), `warn`, `fail`",
                "`getSQLState()` is `" + PartitionKeyGuard.SQLSTATE + "`", GuardRejectedException.class.getSimpleName());
        assertThat(Files.readString(Path.of("../README.md"))).contains("`pgpart-guard-hibernate`", EntityKeyCheck.SETTING);
    }

    @Test
    void theSectionsFailureExampleIsTheMessageTheCheckWrites() throws IOException {
        String section = section().replaceAll("\\s+", " ");
        String message = new EntityKeyProblem("dev.pgpart.guard.hibernate.BareOrder",
                dev.pgpart.sql.QualifiedName.of("public", "orders"), "created_at").message();
        assertThat(section).contains("1 entity mapping lacks the partition key of their partitioned table: " + message
                + " The session factory was not built; nothing was written to the database. Fix the mappings, or set "
                + EntityKeyCheck.SETTING + "=warn to start anyway.");
    }
}
