package dev.pgpart.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A dotted path to a key, as shown to users: {@code tables."public.orders".interval}. */
record ConfigPath(List<String> segments) {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final ConfigPath ROOT = new ConfigPath(List.of());

    ConfigPath {
        segments = List.copyOf(segments);
    }

    /** Keys that are not plain words are quoted so dots inside table names stay unambiguous. */
    ConfigPath child(String key) {
        String segment = PLAIN.matcher(key).matches() ? key : '"' + key.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        return with(segment);
    }

    ConfigPath index(int i) {
        if (segments.isEmpty()) {
            return with("[" + i + "]");
        }
        List<String> s = new ArrayList<>(segments);
        s.set(s.size() - 1, s.get(s.size() - 1) + "[" + i + "]");
        return new ConfigPath(s);
    }

    private ConfigPath with(String segment) {
        List<String> s = new ArrayList<>(segments);
        s.add(segment);
        return new ConfigPath(s);
    }

    @Override
    public String toString() {
        return String.join(".", segments);
    }
}
