package dev.pgpart.archive;

import dev.pgpart.spec.ArchiveSpec;
import dev.pgpart.sql.QualifiedName;
import java.nio.charset.StandardCharsets;

/**
 * Where a partition's objects live in a store: {@code <schema>/<parent>/<partition>/manifest.json}
 * and {@code part-00000.csv.zst}, ... Names are percent-encoded byte by byte except letters,
 * digits, {@code _} and {@code -}, so a name with slashes, dots or quotes stays one path segment
 * and maps back to itself.
 */
public record Layout(QualifiedName parent, QualifiedName partition) {
    public static final String MANIFEST = "manifest.json";

    public String prefix() {
        return segment(parent.schema()) + "/" + segment(parent.name()) + "/" + segment(partition.name()) + "/";
    }

    public String manifest() {
        return prefix() + MANIFEST;
    }

    /** @param index from 0 */
    public String part(int index, ArchiveSpec.Compression compression) {
        return prefix() + String.format("part-%05d.csv%s", index, compression.extension());
    }

    static String segment(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
