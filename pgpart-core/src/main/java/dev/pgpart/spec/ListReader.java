package dev.pgpart.spec;

import dev.pgpart.spec.ConfigNode.Entry;
import dev.pgpart.spec.ConfigNode.Mapping;
import dev.pgpart.spec.ConfigNode.Scalar;
import dev.pgpart.spec.ConfigNode.Sequence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code list: {na: [NA], eu: EU, unknown: null}}: suffix to values. Explicit {@code null} (or
 * {@code ~}) is SQL NULL; an empty value is reported, since it is more often a slip than a wish.
 */
final class ListReader {
    private static final String HELP = "write suffix: [values], e.g. list: {na: [US, CA], eu: [EU], unknown: null}";

    private ListReader() {
    }

    static Optional<ListPolicy> read(ConfigNode node, ConfigPath path, Problems problems) {
        if (!(node instanceof Mapping) || ((Mapping) node).entries().isEmpty()) {
            problems.add(node, path, node instanceof Mapping ? "list has no partitions"
                    : "list is " + ConfigNode.describe(node) + ", not a mapping of partitions", HELP);
            return Optional.empty();
        }
        int before = problems.size();
        Map<String, List<Optional<String>>> partitions = new LinkedHashMap<>();
        Map<Optional<String>, String> owner = new HashMap<>();
        for (Entry e : MapReader.firstOfEach((Mapping) node, path, problems)) {
            ConfigPath p = path.child(e.key().text());
            if (e.key().text().isBlank() || e.key().isNull()) {
                problems.add(e.key(), p, "a list partition has an empty suffix", "name it, e.g. eu: [EU]; its child is <table>_eu");
            }
            List<Optional<String>> values = values(e, p, problems);
            for (int i = 0; i < values.size(); i++) {
                String previous = owner.putIfAbsent(values.get(i), e.key().text());
                if (previous != null) {
                    String where = previous.equals(e.key().text()) ? "twice in '" + previous + "'"
                            : "in both '" + previous + "' and '" + e.key().text() + "'";
                    problems.add(at(e.value(), i), p, "value " + show(values.get(i)) + " is " + where,
                            "keep it once, in one partition: PostgreSQL routes each value to exactly one");
                }
            }
            partitions.put(e.key().text(), values);
        }
        return problems.size() == before ? Optional.of(new ListPolicy(partitions)) : Optional.empty();
    }

    private static List<Optional<String>> values(Entry e, ConfigPath p, Problems problems) {
        ConfigNode v = e.value();
        List<ConfigNode> items = v instanceof Sequence ? ((Sequence) v).items() : List.of(v);
        if (items.isEmpty() || (v instanceof Scalar && ((Scalar) v).isNull() && ((Scalar) v).text().isEmpty())) {
            problems.add(v, p, "list partition '" + e.key().text() + "' has no values",
                    "list its values, e.g. [EU], or write null for the partition that holds NULL");
            return List.of();
        }
        List<Optional<String>> values = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof Scalar)) {
                problems.add(items.get(i), p.index(i), "a list value is " + ConfigNode.describe(items.get(i)), HELP);
                continue;
            }
            Scalar s = (Scalar) items.get(i);
            values.add(s.isNull() ? Optional.empty() : Optional.of(s.text()));
        }
        return values;
    }

    private static ConfigNode at(ConfigNode value, int i) {
        return value instanceof Sequence ? ((Sequence) value).items().get(i) : value;
    }

    private static String show(Optional<String> value) {
        return value.map(v -> "'" + v + "'").orElse("NULL");
    }
}
