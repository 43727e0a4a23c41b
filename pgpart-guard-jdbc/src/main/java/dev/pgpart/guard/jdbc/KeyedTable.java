package dev.pgpart.guard.jdbc;

import dev.pgpart.sql.QualifiedName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A partitioned table (the root of its tree) and the key of its top level. Sub-partition keys are
 * not required: a predicate on the top-level key already prunes the tree to one branch.
 *
 * @param strategy  {@code range}, {@code list} or {@code hash}
 * @param keyParts  the key in key order: a column name, or empty for an expression
 */
public record KeyedTable(QualifiedName table, String strategy, List<Optional<String>> keyParts) {
    public KeyedTable {
        keyParts = List.copyOf(keyParts);
    }

    /**
     * The key parts a statement must constrain for the planner to prune: every part of a hash key
     * (the hash needs them all), the leading part of a range or list key.
     */
    public List<Optional<String>> requiredParts() {
        return strategy.equals("hash") ? keyParts : keyParts.subList(0, Math.min(1, keyParts.size()));
    }

    /** Whether the text of a statement can show the predicate: not when a required part is an expression. */
    public boolean checkableFromText() {
        return !keyParts.isEmpty() && requiredParts().stream().allMatch(Optional::isPresent);
    }

    /** The required key columns (only meaningful when {@link #checkableFromText()}). */
    public List<String> requiredColumns() {
        List<String> out = new ArrayList<>();
        requiredParts().forEach(p -> p.ifPresent(out::add));
        return out;
    }

    /** The key as people read it: {@code day}, {@code (tenant, id)}, {@code (<expression>)}. */
    public String keyText() {
        List<String> parts = keyParts.stream().map(p -> p.orElse("<expression>")).toList();
        return parts.size() == 1 ? parts.get(0) : "(" + String.join(", ", parts) + ")";
    }
}
