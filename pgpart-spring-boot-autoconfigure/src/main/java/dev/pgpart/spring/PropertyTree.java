package dev.pgpart.spring;

import dev.pgpart.spec.SpecTree;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.Environment;

/**
 * The properties under a prefix as the tree pgpart.yml would have made: keys as written, lists
 * from {@code [0]}, {@code [1]} indexes, each value with the file and line it came from. Not a
 * second parser: {@link SpecTree} then reads it with pgpart.yml's reader.
 */
final class PropertyTree {
    private PropertyTree() {
    }

    /** @param skip names that are not pgpart.yml settings (the integration's own keys) */
    static Map<String, Object> of(Environment env, ConfigurationPropertyName root, Predicate<ConfigurationPropertyName> skip) {
        Map<String, Object> tree = new LinkedHashMap<>();
        Set<ConfigurationPropertyName> seen = new HashSet<>();
        // highest precedence first: the first source that has a name wins, as Spring's binder decides
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(env)) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)) {
                continue;
            }
            iterable.filter(root::isAncestorOf).stream().forEach(name -> {
                if (!skip.test(name) && seen.add(name)) {
                    ConfigurationProperty p = source.getConfigurationProperty(name);
                    if (p != null) {
                        insert(tree, name, root.getNumberOfElements(), located(p));
                    }
                }
            });
        }
        return lists(tree);
    }

    @SuppressWarnings("unchecked")
    private static void insert(Map<String, Object> tree, ConfigurationPropertyName name, int from, Object value) {
        Map<Object, Object> at = (Map<Object, Object>) (Map<?, ?>) tree;
        int last = name.getNumberOfElements() - 1;
        for (int i = from; i <= last; i++) {
            Object key = key(name, i);
            if (i == last) {
                at.putIfAbsent(key, value);
                return;
            }
            boolean indexed = name.isNumericIndex(i + 1);
            Object next = at.computeIfAbsent(key, k -> indexed ? new TreeMap<Integer, Object>() : new LinkedHashMap<>());
            if (!(next instanceof Map)) {
                return; // a scalar of a higher-precedence source already holds this key
            }
            at = (Map<Object, Object>) next;
        }
    }

    private static Object key(ConfigurationPropertyName name, int i) {
        return name.isNumericIndex(i) ? Integer.valueOf(name.getElement(i, Form.ORIGINAL)) : name.getElement(i, Form.ORIGINAL);
    }

    /** Index maps ({@code [0]}, {@code [1]}) become lists, in index order. */
    @SuppressWarnings("unchecked")
    private static <T> T lists(T node) {
        if (node instanceof TreeMap<?, ?> indexed) {
            List<Object> out = new ArrayList<>();
            indexed.values().forEach(v -> out.add(lists(v)));
            return (T) out;
        }
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), lists(v)));
            return (T) out;
        }
        return node;
    }

    private static SpecTree.Located located(ConfigurationProperty p) {
        Origin origin = p.getOrigin();
        if (origin instanceof TextResourceOrigin t && t.getResource() != null && t.getLocation() != null) {
            String file = t.getResource().getFilename() == null ? t.getResource().getDescription() : t.getResource().getFilename();
            return new SpecTree.Located(p.getValue(), file, t.getLocation().getLine() + 1);
        }
        return new SpecTree.Located(p.getValue(), origin == null ? p.getName().toString() : origin.toString(), 0);
    }
}
