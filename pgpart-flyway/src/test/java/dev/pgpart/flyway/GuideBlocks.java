package dev.pgpart.flyway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The fenced code blocks of docs/guide-migrations.md, so the guide's examples are the tested ones. */
final class GuideBlocks {
    private GuideBlocks() {
    }

    static Path guide() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docs/guide-migrations.md"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("docs/guide-migrations.md not found above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("docs/guide-migrations.md");
    }

    static List<String> blocks(String language) {
        try {
            String text = Files.readString(guide());
            Matcher m = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(text);
            List<String> out = new ArrayList<>();
            while (m.find()) {
                out.add(m.group(1));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
