package dev.pgpart.spec;

import dev.pgpart.spec.ConfigNode.Mapping;
import java.util.List;
import java.util.Optional;

/** {@code hash: {modulus: 8}}. */
final class HashReader {
    static final int MAX_MODULUS = 10_000;

    private HashReader() {
    }

    static Optional<HashPolicy> read(ConfigNode node, ConfigPath path, Problems problems) {
        if (!(node instanceof Mapping)) {
            problems.add(node, path, "hash is " + ConfigNode.describe(node) + ", not a mapping",
                    "write hash: {modulus: N}, e.g. hash: {modulus: 8}");
            return Optional.empty();
        }
        MapReader m = new MapReader((Mapping) node, path, problems, List.of("modulus"));
        if (!m.has("modulus")) {
            problems.add(node, m.path("modulus"), "hash has no modulus", "write hash: {modulus: N}, e.g. hash: {modulus: 8}");
        }
        return m.integer("modulus", 1, MAX_MODULUS, " (one table per remainder)").map(HashPolicy::new);
    }
}
