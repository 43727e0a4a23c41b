package dev.pgpart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeps the layering of DESIGN.md true: a plain scan of the imports, no framework needed. */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/dev/pgpart");

    private static List<String> violations(Path dir, String... forbidden) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).flatMap(p -> {
                try {
                    return Files.readAllLines(p).stream()
                            .filter(l -> l.startsWith("import "))
                            .filter(l -> Stream.of(forbidden).anyMatch(l::contains))
                            // the API's value types (a partition bound) are what plans and specs are made of
                            .filter(l -> !l.equals("import dev.pgpart.api.Bound;"))
                            .map(l -> p + ": " + l);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    @Test
    void thePlannerIsPureAndNeverTouchesJdbc() throws IOException {
        assertThat(violations(MAIN.resolve("plan"), "java.sql", "javax.sql", "org.postgresql",
                "dev.pgpart.internal.exec", "dev.pgpart.api", "java.time.Clock")).isEmpty();
    }

    @Test
    void theSpecAndCatalogModelsDoNotDependOnExecution() throws IOException {
        assertThat(violations(MAIN.resolve("spec"), "java.sql", "dev.pgpart.internal.exec", "dev.pgpart.api")).isEmpty();
    }

    /**
     * The public surface is {@code dev.pgpart.api} (with the plan, spec, state and guard models it
     * returns); {@code dev.pgpart.internal.*} may change in any release, so no other module uses it.
     */
    @Test
    void noOtherModuleUsesTheCoresInternalPackages() throws IOException {
        try (Stream<Path> modules = Files.list(Path.of(".."))) {
            List<Path> sources = modules.filter(m -> !m.getFileName().toString().equals("pgpart-core"))
                    .map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList();
            assertThat(sources).isNotEmpty();
            for (Path src : sources) {
                assertThat(violations(src, "dev.pgpart.internal.")).as(src.toString()).isEmpty();
            }
        }
    }

    @Test
    void theCoreDependsOnNoCliOrIntegration() throws IOException {
        assertThat(violations(MAIN, "picocli", "com.fasterxml", "dev.pgpart.cli", "org.springframework")).isEmpty();
    }
}
