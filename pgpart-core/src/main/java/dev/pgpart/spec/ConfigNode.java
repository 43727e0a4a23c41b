package dev.pgpart.spec;

import java.util.List;

/**
 * A configuration document as a plain tree. YAML ({@link SpecLoader}) and Java
 * ({@link SpecBuilder}) both produce one, so a single reader ({@link SpecReader}) validates both
 * and they cannot drift apart.
 */
sealed interface ConfigNode permits ConfigNode.Scalar, ConfigNode.Mapping, ConfigNode.Sequence {

    Origin origin();

    /** What the YAML 1.2 core schema resolved a scalar to; quoted scalars are always TEXT. */
    enum Type { TEXT, INTEGER, FLOAT, BOOLEAN, NULL }

    /** Where a node came from; line 0 when unknown (the Java builder has no lines). */
    record Origin(String source, int line) {
        String render() {
            return line > 0 ? source + ":" + line : source;
        }
    }

    record Scalar(String text, Type type, Origin origin) implements ConfigNode {
        boolean isNull() {
            return type == Type.NULL;
        }
    }

    record Entry(Scalar key, ConfigNode value) {
    }

    record Mapping(List<Entry> entries, Origin origin) implements ConfigNode {
        public Mapping {
            entries = List.copyOf(entries);
        }
    }

    record Sequence(List<ConfigNode> items, Origin origin) implements ConfigNode {
        public Sequence {
            items = List.copyOf(items);
        }
    }

    /** The observed value, for messages: {@code 'abc'}, {@code 42}, {@code a mapping}. */
    static String describe(ConfigNode node) {
        if (node instanceof Mapping) {
            return "a mapping";
        }
        if (node instanceof Sequence) {
            return "a list";
        }
        Scalar s = (Scalar) node;
        if (s.isNull()) {
            return s.text().isEmpty() ? "empty" : "null";
        }
        return s.type() == Type.TEXT ? "'" + s.text() + "'" : s.text();
    }
}
