package dev.pgpart.jpa;

import dev.pgpart.spec.ConfigProblem;
import dev.pgpart.sql.QualifiedName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PostgreSQL's rules for keys of a partitioned table, checked on the mapping before any DDL runs:
 * the primary key and every unique constraint must include the partition key columns, so a foreign
 * key to the table must use the whole (composite) key.
 */
final class KeyRules {
    private KeyRules() {
    }

    /** A partitioned entity, its partition key columns (every level) and its primary key as PostgreSQL will have it. */
    record Keyed(EntityTable table, List<String> keyColumns) {
        Keyed {
            keyColumns = List.copyOf(keyColumns);
        }

        /** The mapped identifier plus what Hibernate's {@code @PartitionKey} adds to it on PostgreSQL. */
        List<String> primaryKey() {
            List<String> pk = new ArrayList<>(table.primaryKey());
            table.partitionKeyColumns().stream().filter(c -> !pk.contains(c)).forEach(pk::add);
            return pk;
        }
    }

    static List<ConfigProblem> check(Keyed k) {
        List<ConfigProblem> out = new ArrayList<>();
        identifier(k).ifPresent(out::add);
        for (EntityTable.Unique u : k.table().uniques()) {
            List<String> missing = missing(k.keyColumns(), u.columns());
            if (!missing.isEmpty()) {
                out.add(problem(k.table(), attributes(k.table(), u.columns()), "unique constraint " + u.name() + " on ("
                        + String.join(", ", u.columns()) + ") does not include the partition key (" + String.join(", ", missing)
                        + "): PostgreSQL cannot enforce uniqueness across partitions otherwise",
                        "add " + String.join(", ", missing) + " to the constraint's columns, or enforce the rule another way"
                                + " (e.g. a unique index on each partition)"));
            }
        }
        return out;
    }

    private static Optional<ConfigProblem> identifier(Keyed k) {
        List<String> missing = missing(k.keyColumns(), k.primaryKey());
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        String cols = String.join(", ", missing);
        String attrs = String.join(", ", missing.stream().map(c -> k.table().attributeOf(c).orElse(c)).toList());
        return Optional.of(problem(k.table(), attributes(k.table(), k.table().primaryKey()), "the identifier ("
                + String.join(", ", k.primaryKey()) + ") does not include the partition key column " + cols
                + ": PostgreSQL requires the primary key of a partitioned table to include it",
                "make the id composite with @IdClass or @EmbeddedId including " + attrs + ", or annotate " + attrs
                        + " with @org.hibernate.annotations.PartitionKey (Hibernate then adds it to the primary key)"));
    }

    /** Foreign keys of any entity that point at a partitioned table must use its whole primary key. */
    static List<ConfigProblem> references(EntityTable from, Map<QualifiedName, Keyed> partitioned) {
        List<ConfigProblem> out = new ArrayList<>();
        for (EntityTable.Reference r : from.references()) {
            Keyed target = partitioned.get(r.target());
            if (target == null) {
                continue;
            }
            List<String> pk = target.primaryKey();
            if (!new HashSet<>(r.targetColumns()).equals(new HashSet<>(pk))) {
                out.add(problem(from, r.attribute(), "the foreign key (" + String.join(", ", r.columns()) + ") references "
                        + r.target() + " by (" + String.join(", ", r.targetColumns()) + ") but its primary key is ("
                        + String.join(", ", pk) + "): a partitioned table can only be referenced by its whole key",
                        "map " + r.attribute() + " with @JoinColumns, one @JoinColumn(referencedColumnName = ...) for each of "
                                + String.join(", ", pk)));
            }
        }
        return out;
    }

    private static List<String> missing(List<String> required, List<String> present) {
        return required.stream().filter(c -> !present.contains(c)).toList();
    }

    private static String attributes(EntityTable t, List<String> columns) {
        return String.join(", ", columns.stream().map(c -> t.attributeOf(c).orElse(c)).distinct().toList());
    }

    private static ConfigProblem problem(EntityTable t, String attribute, String problem, String fix) {
        return new ConfigProblem("entity " + t.entityName() + " attribute " + attribute, Optional.of(t.table()), problem, fix);
    }
}
