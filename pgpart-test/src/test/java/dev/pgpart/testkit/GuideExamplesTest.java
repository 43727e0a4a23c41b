package dev.pgpart.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The guide's example is the real test: the java block in docs/guide-guard.md is cut from EventRepositoryIT. */
class GuideExamplesTest {
    @Test
    void theGuidesJdbcExampleIsTheTestThatRuns() throws Exception {
        String source = Files.readString(Path.of("src/test/java/dev/pgpart/testkit/examples/EventRepositoryIT.java"));
        String example = source.split("// guide:jdbc-start\n")[1].split("// guide:jdbc-end")[0].stripTrailing();
        String guide = Files.readString(Path.of("../docs/guide-guard.md"));
        assertThat(guide).contains("```java\n" + example + "\n```");
    }
}
