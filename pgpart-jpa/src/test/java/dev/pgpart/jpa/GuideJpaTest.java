package dev.pgpart.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pgpart.api.TableDdl;
import dev.pgpart.jpa.wrong.IdWithoutKey;
import dev.pgpart.spec.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/guide-jpa.md shows what the code does: its entity compiles, its migration is the generated one. */
class GuideJpaTest {
    private static String guide() throws Exception {
        return Files.readString(Path.of("../docs/guide-jpa.md"));
    }

    @Test
    void theGuidesEntityIsTheTestedOne() throws Exception {
        String source = Files.readString(Path.of("src/test/java/dev/pgpart/jpa/guide/Order.java"));
        String shown = source.split("// guide:begin\n")[1].split("// guide:end")[0];
        assertThat(guide()).contains("```java\n" + shown + "```");
    }

    @Test
    void theGuidesMigrationIsWhatPgpartDdlGeneratesForItsEntity() throws Exception {
        Migration m = DdlGenerator.generate(List.of(dev.pgpart.jpa.guide.Order.class), Map.of(), TableDdl.Initial.PLANNED,
                Instant.parse("2026-12-01T00:00:00Z")).get(0);
        assertThat(guide()).contains("```sql\n" + m.sql().stripTrailing() + "\n```");
    }

    @Test
    void theGuidesKeyRuleMessageIsTheOneReported() throws Exception {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> PartitionedEntities.spec(List.of(IdWithoutKey.class)));
        String message = e.problems().get(0).toString()
                .replace("IdWithoutKey (dev.pgpart.jpa.wrong.IdWithoutKey)", "Event (com.example.Event)");
        assertThat(guide()).contains(message);
    }
}
