package dev.pgpart.plan;

import dev.pgpart.api.Bound;
import dev.pgpart.internal.catalog.Partition;
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.spec.HashPolicy;
import dev.pgpart.spec.TableSpec;
import dev.pgpart.sql.QualifiedName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Plans a HASH table: the missing remainders of the configured modulus, and nothing else. */
final class HashPlanner {
    private HashPlanner() {
    }

    static TablePlan plan(TableSpec spec, TableInfo table, NameBook names) {
        int modulus = ((HashPolicy) spec.policy()).modulus();
        QualifiedName parent = spec.table();
        List<Finding> findings = new ArrayList<>();
        if (spec.defaultPartition()) {
            findings.add(Findings.drift(parent, "default_partition is true but HASH tables cannot have a default"
                    + " partition; remove default_partition from the config"));
        }
        Set<Integer> have = new HashSet<>();
        boolean otherModulus = false;
        for (Partition p : table.partitions()) {
            if (p.bound() instanceof Bound.Hash h && h.modulus() == modulus) {
                have.add(h.remainder());
            } else if (p.bound() instanceof Bound.Hash h) {
                otherModulus = true;
                findings.add(Findings.drift(parent, "partition " + p.name() + " has modulus " + h.modulus()
                        + " but the config says " + modulus + "; changing the modulus needs a table rewrite;"
                        + " pgpart will not do it. Set modulus: " + h.modulus() + " or rebuild the table"));
            } else {
                findings.add(Findings.drift(parent, "partition " + p.name() + " has a bound pgpart does not interpret"
                        + " for a HASH table; it is left alone"));
            }
        }
        List<Action> actions = new ArrayList<>();
        if (!otherModulus) {
            PartitionNamer namer = PartitionNamer.of(spec);
            for (int r = 0; r < modulus; r++) {
                if (!have.contains(r)) {
                    NameBook.Claimed child = names.claimNumbered(parent, namer.hash(r));
                    actions.add(new CreatePartition(parent, child.name(), new Bound.Hash(modulus, r), false, DefaultRows.none(),
                            SubPartitions.name(child, spec.subpartition(), names)));
                }
            }
        }
        return new TablePlan(parent, actions, findings);
    }
}
