package dev.pgpart.spec;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * LIST partitions: one child per entry, named {@code <parent>_<suffix>}.
 *
 * @param partitions suffix -> values, in config order (an empty Optional value is SQL NULL)
 */
public record ListPolicy(Map<String, List<Optional<String>>> partitions) implements Policy {
    public ListPolicy {
        partitions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(partitions));
    }

    @Override
    public Method method() {
        return Method.LIST;
    }
}
