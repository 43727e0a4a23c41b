package dev.pgpart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.advise.AdviceKind;
import dev.pgpart.advise.AdviseOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/cli.md's advise section lists every kind the JSON can carry, by its JSON name, and the real default threshold. */
class AdviseDocsTest {
    private static String section() throws Exception {
        String doc = Files.readString(Path.of("../docs/cli.md"));
        int start = doc.indexOf("\n## advise\n");
        return doc.substring(start, doc.indexOf("\n## ", start + 1));
    }

    @Test
    void theKindTableNamesExactlyTheKindsOfTheJson() throws Exception {
        Matcher m = Pattern.compile("(?m)^\\| `([a-z_]+)` \\| (high|medium|low) \\|").matcher(section());
        List<String> documented = m.results().map(r -> r.group(1)).toList();
        assertThat(documented).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(AdviceKind.values()).map(AdviceKind::jsonName).toList());
    }

    @Test
    void theDocumentedDefaultPlanningThresholdIsTheCodes() throws Exception {
        assertThat(section()).contains("default " + (int) AdviseOptions.DEFAULT_PLANNING_MILLIS + " ms");
    }
}
