package dev.pgpart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.cli.demo.DemoData;
import dev.pgpart.spec.Spec;
import dev.pgpart.spec.SpecLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The YAML we ship (demo, README, guide) loads with the real loader; bad files exit 2 listing every problem. */
class ConfigFilesTest {
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void theDemoConfigurationLoads() {
        Path file = DemoData.relativeTo(LocalDate.parse("2026-11-22")).writeConfig(dir);
        Spec spec = SpecLoader.load(file);
        assertThat(spec.tables()).extracting(t -> t.table().toString())
                .containsExactly("public.orders", "public.orders_by_region", "public.customers");
    }

    @Test
    void thePgpartYmlExamplesInTheDocsLoad() throws IOException {
        List<String> blocks = new ArrayList<>();
        for (String doc : List.of("../README.md", "../docs/guide-maintenance.md")) {
            Matcher m = YAML_BLOCK.matcher(Files.readString(Path.of(doc)));
            while (m.find()) {
                // an application.yml (pgpart: at its root) is the Spring starter's, loaded by its GuideExamplesTest
                if (m.group(1).contains("tables:") && !m.group(1).contains("apiVersion") && !m.group(1).startsWith("pgpart:")) {
                    blocks.add(m.group(1));
                }
            }
        }
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(2);
        for (String yaml : blocks) {
            assertThat(SpecLoader.parse(yaml, "doc").tables()).as(yaml).isNotEmpty();
        }
    }

    @Test
    void aBadFileExitsTwoAndListsEveryProblemWithItsLine() throws IOException {
        Path bad = Files.writeString(dir.resolve("pgpart.yml"), """
                lock_timeout: soon
                tables:
                  public.orders:
                    interval: 1 fortnight
                    premake: -1
                  public.customers:
                    hash: {modulus: 8}
                    default_partition: true
                """);
        Run run = Run.of(Main.with(Env.of(Map.of(Env.URL, "jdbc:postgresql://localhost:1/none")), Clock.systemUTC()),
                "--config", bad.toString(), "plan");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        // the readable tables are checked against the database too; an unreachable one is said, not hidden
        assertThat(run.err()).contains("5 configuration problems", "pgpart.yml:1 lock_timeout", "pgpart.yml:4", "pgpart.yml:5",
                "pgpart.yml:8", "database: the tables were not checked against the database: database error: Connection to"
                        + " localhost:1 refused");
        assertThat(run.out()).isEmpty();
    }
}
