package dev.pgpart.exec;

import dev.pgpart.sql.QualifiedName;
import java.nio.charset.StandardCharsets;

/** Names of sub-partition children, kept within PostgreSQL's 63-byte identifier limit. */
final class PartitionNames {
    private PartitionNames() {
    }

    /**
     * {@code <base><suffix>}, cutting {@code base} (never the suffix, which tells siblings apart)
     * at a character boundary so the UTF-8 form fits in 63 bytes: PostgreSQL would otherwise
     * truncate it silently, possibly mid-character, and two siblings could collide.
     */
    static String withSuffix(String base, String suffix) {
        int budget = QualifiedName.MAX_IDENTIFIER_BYTES - QualifiedName.byteLength(suffix);
        if (budget < 1) {
            throw new IllegalArgumentException("suffix '" + suffix + "' leaves no room for a name");
        }
        StringBuilder kept = new StringBuilder();
        int used = 0;
        for (int i = 0; i < base.length(); ) {
            int cp = base.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            int bytes = ch.getBytes(StandardCharsets.UTF_8).length;
            if (used + bytes > budget) {
                break;
            }
            kept.append(ch);
            used += bytes;
            i += Character.charCount(cp);
        }
        return kept + suffix;
    }
}
