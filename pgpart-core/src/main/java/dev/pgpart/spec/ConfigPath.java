package dev.pgpart.spec;

import dev.pgpart.sql.QualifiedName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A dotted path to a key, as shown to users: {@code tables."public.orders".interval}. Below a
 * table's entry it also carries that table, so every problem found there names it as a value.
 */
record ConfigPath(List<String> segments, Optional<QualifiedName> table) {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final ConfigPath ROOT = new ConfigPath(List.of(), Optional.empty());

    ConfigPath {
        segments = List.copyOf(segments);
    }

    /** Keys that are not plain words are quoted so dots inside table names stay unambiguous. */
    ConfigPath child(String key) {
        String segment = PLAIN.matcher(key).matches() ? key : '"' + key.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        return with(segment);
    }

    /** The same path, now known to be inside the entry of {@code name}. */
    ConfigPath of(Optional<QualifiedName> name) {
        return new ConfigPath(segments, name);
    }

    ConfigPath index(int i) {
        if (segments.isEmpty()) {
            return with("[" + i + "]");
        }
        List<String> s = new ArrayList<>(segments);
        s.set(s.size() - 1, s.get(s.size() - 1) + "[" + i + "]");
        return new ConfigPath(s, table);
    }

    private ConfigPath with(String segment) {
        List<String> s = new ArrayList<>(segments);
        s.add(segment);
        return new ConfigPath(s, table);
    }

    @Override
    public String toString() {
        return String.join(".", segments);
    }
}
