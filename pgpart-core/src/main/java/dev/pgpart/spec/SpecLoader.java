package dev.pgpart.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads {@code pgpart.yml}. Every problem in the file is reported at once in one
 * {@link ConfigException}, each with its line, the observed value and what to write instead.
 *
 * <pre>{@code Spec spec = SpecLoader.load(Path.of("pgpart.yml"));}</pre>
 */
public final class SpecLoader {
    private SpecLoader() {
    }

    public static Spec load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigProblem(file.toString(), "cannot read the configuration file: "
                    + e.getClass().getSimpleName() + " " + e.getMessage(), "check the path and that the file is readable UTF-8")));
        }
        return parse(text, file.toString());
    }

    /**
     * @param sourceName how problems name the text, e.g. {@code pgpart.yml}
     */
    public static Spec parse(String yaml, String sourceName) {
        return SpecReader.read(YamlTree.parse(yaml, sourceName), new ConfigNode.Origin(sourceName, 1));
    }
}
