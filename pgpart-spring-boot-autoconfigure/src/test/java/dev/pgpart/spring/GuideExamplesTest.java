package dev.pgpart.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.spec.Spec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;

/** The guide must not lie: every application.yml block in docs/guide-spring-boot.md and the README binds as written. */
class GuideExamplesTest {
    private static final Pattern YAML = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyYamlExampleOfTheSpringGuideAndTheReadmeReadsToASpec() throws IOException {
        List<String> blocks = new ArrayList<>();
        for (String doc : List.of("docs/guide-spring-boot.md", "README.md")) {
            String text = Files.readString(root().resolve(doc));
            Matcher m = YAML.matcher(text);
            while (m.find()) {
                if (m.group(1).startsWith("pgpart:")) {
                    blocks.add(m.group(1));
                }
            }
        }
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(2);
        for (String yaml : blocks) {
            StandardEnvironment env = new StandardEnvironment();
            new YamlPropertySourceLoader().load("application.yml", new ByteArrayResource(yaml.getBytes(), "application.yml"))
                    .forEach(env.getPropertySources()::addFirst);
            Spec spec = SpecSource.read(env, new PgpartProperties());
            assertThat(spec.tables()).as(yaml).isNotEmpty();
        }
    }

    private static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docs/guide-spring-boot.md"))) {
            dir = dir.getParent();
        }
        return dir;
    }
}
