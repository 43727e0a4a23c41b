package dev.pgpart.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The reference must not lie: every ```yaml block in docs/config.md loads. */
class ConfigDocsTest {
    private static final Pattern YAML_BLOCK = Pattern.compile("^```yaml\\n(.*?)^```", Pattern.DOTALL | Pattern.MULTILINE);

    static Path configDoc() {
        // Surefire runs in the module directory; walk up so the test also works from the repository root.
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docs/config.md"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("docs/config.md above the working directory").isNotNull();
        return dir.resolve("docs/config.md");
    }

    static Stream<String> examples() throws IOException {
        String doc = Files.readString(configDoc(), StandardCharsets.UTF_8);
        List<String> blocks = new ArrayList<>();
        Matcher m = YAML_BLOCK.matcher(doc);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks.stream();
    }

    @Test
    void theReferenceHasExamples() throws IOException {
        assertThat(examples()).hasSizeGreaterThanOrEqualTo(10);
    }

    @ParameterizedTest(name = "example {index} loads")
    @MethodSource("examples")
    void everyYamlExampleInTheReferenceLoads(String yaml) {
        assertThatCode(() -> SpecLoader.parse(yaml, "docs/config.md")).doesNotThrowAnyException();
    }
}
