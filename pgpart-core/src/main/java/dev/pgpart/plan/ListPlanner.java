package dev.pgpart.plan;

import dev.pgpart.api.Bound;
import dev.pgpart.internal.catalog.KeyType;
import dev.pgpart.internal.catalog.Partition;
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.spec.KeyValues;
import dev.pgpart.spec.ListPolicy;
import dev.pgpart.spec.TableSpec;
import dev.pgpart.sql.QualifiedName;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Plans a LIST table: one child per configured value set, matched by values, never by name. */
final class ListPlanner {
    private ListPlanner() {
    }

    static TablePlan plan(TableSpec spec, TableInfo table, NameBook names) {
        ListPolicy policy = (ListPolicy) spec.policy();
        QualifiedName parent = spec.table();
        PartitionNamer namer = PartitionNamer.of(spec);
        List<Finding> findings = new ArrayList<>();
        List<Action> actions = new ArrayList<>();
        Set<QualifiedName> related = new HashSet<>();
        long rows = DefaultRules.rows(table);
        KeyType type = table.key().size() == 1 ? table.key().get(0).type() : KeyType.TEXT;
        for (Map.Entry<String, List<Optional<String>>> e : policy.partitions().entrySet()) {
            Set<Optional<String>> wanted = values(type, e.getValue());
            List<Partition> overlapping = new ArrayList<>();
            boolean present = false;
            for (Partition p : table.partitions()) {
                if (p.bound() instanceof Bound.In in) {
                    Set<Optional<String>> have = values(type, in.values());
                    present |= have.equals(wanted);
                    if (!Collections.disjoint(have, wanted)) {
                        overlapping.add(p);
                        related.add(p.name());
                    }
                }
            }
            if (present) {
                continue;
            }
            Bound.In bound = new Bound.In(e.getValue());
            if (overlapping.isEmpty()) {
                NameBook.Claimed child = names.claimNumbered(parent, namer.list(e.getKey()));
                actions.add(new CreatePartition(parent, child.name(), bound, table.defaultPartition().isPresent(),
                        rows > 0 ? DefaultRows.unknown() : DefaultRows.none(), SubPartitions.name(child, spec.subpartition(), names)));
            } else {
                Set<QualifiedName> theirs = overlapping.stream().map(Partition::name).collect(Collectors.toSet());
                findings.add(Findings.problem(parent, Finding.Kind.CONFLICT, "pgpart wants "
                        + names.peek(parent, namer.list(e.getKey()), theirs) + " " + BoundText.of(bound)
                        + " but existing " + overlapping.stream().map(p -> p.name() + " " + BoundText.of(p.bound()))
                        .collect(Collectors.joining(", ")) + " holds some of those values; that partition is not"
                        + " created. Make the config list the same values as the existing partition(s)"));
            }
        }
        for (Partition p : table.partitions()) {
            if (!related.contains(p.name())) {
                findings.add(p.bound() instanceof Bound.In
                        ? Findings.note(parent, Finding.Kind.DRIFT, "partition " + p.name() + " " + BoundText.of(p.bound())
                                + " is not in the config; pgpart never drops it (add it to the config to silence this)")
                        : Findings.drift(parent, "partition " + p.name() + " has a bound pgpart does not interpret"
                                + " for a LIST table; it is left alone"));
            }
        }
        findings.addAll(DefaultRules.drift(spec, table));
        if (rows > 0) {
            String who = "default partition " + table.defaultPartition().map(p -> p.name().toString()).orElse("")
                    + " holds " + rows + " rows";
            // The catalog has only a count, not the values: while partitions are still to be
            // created, some of these rows are theirs and move; a later run tells what is left.
            findings.add(actions.isEmpty()
                    ? Findings.problem(parent, Finding.Kind.ROWS_IN_DEFAULT, who
                            + " whose values no configured partition lists; add their values to the config")
                    : Findings.note(parent, Finding.Kind.ROWS_IN_DEFAULT, who + "; maintain moves those whose values"
                            + " the new partitions list, and check reports any left over"));
        }
        DefaultRules.create(spec, table, names).ifPresent(actions::add);
        return new TablePlan(parent, actions, findings);
    }

    /**
     * Values as the key's type compares them: {@code '03'} in the config is the {@code 3} that
     * PostgreSQL stored, so matching texts would plan an overlap on every run.
     */
    private static Set<Optional<String>> values(KeyType type, List<Optional<String>> values) {
        return values.stream().map(v -> v.map(text -> KeyValues.canonical(type, text).orElse(text)))
                .collect(Collectors.toSet());
    }
}
