package dev.pgpart.spec;

import dev.pgpart.spec.ConfigNode.Entry;
import dev.pgpart.spec.ConfigNode.Origin;
import dev.pgpart.spec.ConfigNode.Scalar;
import dev.pgpart.spec.ConfigNode.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.CoreScalarResolver;

/**
 * A configuration that an integration already holds as a tree (Spring Boot's {@code pgpart.*}
 * properties), read by the same reader as {@code pgpart.yml}: same keys, same validation, same
 * messages. Maps (in their iteration order) are mappings, lists are sequences; a string is typed
 * as YAML 1.2's core schema would type it, so {@code "3"} from a properties file is a number and
 * {@code "true"} a boolean, as they would be in pgpart.yml.
 *
 * <pre>{@code Spec spec = SpecTree.read(Map.of("tables", Map.of("public.orders", Map.of("interval", "1 month"))),
 *         "application.yml", List.of("pgpart"));}</pre>
 */
public final class SpecTree {
    private static final CoreScalarResolver RESOLVER = new CoreScalarResolver();

    /** The keys a configuration document has at its top level ({@code tables}, {@code lock_timeout}, ...). */
    public static List<String> topLevelKeys() {
        return SpecReader.KEYS;
    }

    private SpecTree() {
    }

    /**
     * A value with where it was written, for messages; {@code line} 0 when unknown.
     *
     * @param value a map, a list or a scalar (String, Number, Boolean, or null)
     */
    public record Located(Object value, String source, int line) {
        public Located {
            Objects.requireNonNull(source, "source");
        }
    }

    /**
     * @param root       the settings, e.g. {@code {tables: {...}, lock_timeout: 2s}}
     * @param source     how problems name where the tree came from when a node carries no {@link Located}
     * @param rootPrefix keys the tree sits under in the application's configuration, e.g. {@code [pgpart]},
     *                   so problems name the property as the user wrote it ({@code pgpart.tables.orders.interval})
     * @throws ConfigException listing every problem
     */
    public static Spec read(Map<String, ?> root, String source, List<String> rootPrefix) {
        Origin origin = new Origin(source, 0);
        ConfigPath path = ConfigPath.ROOT;
        for (String key : rootPrefix) {
            path = path.child(key);
        }
        return SpecReader.read(Optional.of(node(root, origin)), origin, path);
    }

    private static ConfigNode node(Object value, Origin inherited) {
        if (value instanceof Located l) {
            return node(l.value(), new Origin(l.source(), Math.max(0, l.line())));
        }
        if (value instanceof Map<?, ?> m) {
            List<Entry> entries = new ArrayList<>();
            Origin first = null;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                ConfigNode child = node(e.getValue(), inherited);
                // a key has no origin of its own here: the first value's is the nearest place to point at
                entries.add(new Entry(new Scalar(String.valueOf(e.getKey()), Type.TEXT, child.origin()), child));
                first = first == null ? child.origin() : first;
            }
            return new ConfigNode.Mapping(entries, first == null ? inherited : first);
        }
        if (value instanceof List<?> l) {
            List<ConfigNode> items = l.stream().map(v -> node(v, inherited)).toList();
            return new ConfigNode.Sequence(items, items.isEmpty() ? inherited : items.get(0).origin());
        }
        return scalar(value, inherited);
    }

    private static Scalar scalar(Object value, Origin origin) {
        if (value == null) {
            return new Scalar("", Type.NULL, origin);
        }
        if (value instanceof Boolean b) {
            return new Scalar(b.toString(), Type.BOOLEAN, origin);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof java.math.BigInteger) {
            return new Scalar(value.toString(), Type.INTEGER, origin);
        }
        if (value instanceof Number) {
            return new Scalar(value.toString(), Type.FLOAT, origin);
        }
        String text = value.toString();
        return new Scalar(text, YamlTree.type(RESOLVER.resolve(text, true)), origin);
    }
}
