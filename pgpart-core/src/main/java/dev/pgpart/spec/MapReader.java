package dev.pgpart.spec;

import dev.pgpart.spec.ConfigNode.Entry;
import dev.pgpart.spec.ConfigNode.Mapping;
import dev.pgpart.spec.ConfigNode.Scalar;
import dev.pgpart.spec.ConfigNode.Type;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Typed access to one mapping of known keys. Unknown and repeated keys are reported when it is
 * made, so every caller gets those checks without asking; typed getters report wrong types and
 * return empty, letting the caller go on and find the next problem.
 */
final class MapReader {
    private final Mapping map;
    private final ConfigPath path;
    private final Problems problems;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    MapReader(Mapping map, ConfigPath path, Problems problems, List<String> knownKeys) {
        this(map, path, problems, knownKeys, key -> "");
    }

    /** @param hint extra advice for an unknown key, e.g. "table entries go under tables:" */
    MapReader(Mapping map, ConfigPath path, Problems problems, List<String> knownKeys, UnaryOperator<String> hint) {
        this.map = map;
        this.path = path;
        this.problems = problems;
        for (Entry e : firstOfEach(map, path, problems)) {
            if (knownKeys.contains(e.key().text())) {
                entries.put(e.key().text(), e);
            } else {
                problems.add(e.key(), path.child(e.key().text()), "unknown key '" + e.key().text() + "'",
                        Suggest.closest(e.key().text(), knownKeys).map(k -> "did you mean " + k + "? ").orElse("")
                                + hint.apply(e.key().text()) + "keys allowed here: " + String.join(", ", knownKeys));
            }
        }
    }

    /** The entries of {@code map} with repeated keys reported (YAML forbids them; the last would silently win). */
    static List<Entry> firstOfEach(Mapping map, ConfigPath path, Problems problems) {
        Map<String, Entry> first = new HashMap<>();
        return map.entries().stream().filter(e -> {
            Entry earlier = first.putIfAbsent(e.key().text(), e);
            if (earlier != null) {
                problems.add(e.key(), path.child(e.key().text()), "key '" + e.key().text() + "' is repeated (first at "
                        + earlier.key().origin().render() + ")", "keep one of them");
            }
            return earlier == null;
        }).toList();
    }

    Mapping node() {
        return map;
    }

    ConfigPath path(String key) {
        return path.child(key);
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    Optional<Entry> entry(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    Optional<ConfigNode> get(String key) {
        return entry(key).map(Entry::value);
    }

    /** A non-null scalar; anything else is reported with {@code expected} as the fix. */
    Optional<Scalar> scalar(String key, String expected) {
        Optional<ConfigNode> node = get(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (node.get() instanceof Scalar && !((Scalar) node.get()).isNull()) {
            return Optional.of((Scalar) node.get());
        }
        problems.add(node.get(), path(key), key + " is " + ConfigNode.describe(node.get()), "write " + expected);
        return Optional.empty();
    }

    /** Any non-null scalar as text; numbers and booleans keep the text they were written with. */
    Optional<String> text(String key, String expected) {
        return scalar(key, expected).map(Scalar::text);
    }

    /** YAML 1.2 booleans only: {@code yes}, {@code on} and friends are text, and reported. */
    Optional<Boolean> bool(String key) {
        Optional<Scalar> s = scalar(key, "true or false");
        if (s.isPresent() && s.get().type() != Type.BOOLEAN) {
            problems.add(s.get(), path(key), key + " must be true or false, got " + ConfigNode.describe(s.get()),
                    "write true or false (YAML 1.2 reads yes/no/on/off as text)");
            return Optional.empty();
        }
        return s.map(v -> Boolean.parseBoolean(v.text().toLowerCase(java.util.Locale.ROOT)));
    }

    /** A whole number in {@code [min, max]}. */
    Optional<Integer> integer(String key, int min, int max, String why) {
        String expected = "a whole number from " + min + " to " + max;
        Optional<Scalar> s = scalar(key, expected);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        String t = s.get().text().strip();
        if (!t.matches("[+-]?\\d{1,9}")) {
            problems.add(s.get(), path(key), key + " must be a whole number, got " + ConfigNode.describe(s.get()), "write " + expected);
            return Optional.empty();
        }
        int v = Integer.parseInt(t);
        if (v < min || v > max) {
            problems.add(s.get(), path(key), key + " is " + v + ", outside " + min + ".." + max + why, "write " + expected);
            return Optional.empty();
        }
        return Optional.of(v);
    }

    Problems problems() {
        return problems;
    }
}
