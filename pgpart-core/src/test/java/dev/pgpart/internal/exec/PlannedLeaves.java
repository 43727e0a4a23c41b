package dev.pgpart.internal.exec;

import dev.pgpart.api.Bound;
import dev.pgpart.plan.Leaf;
import dev.pgpart.plan.SubPartitions;
import dev.pgpart.spec.HashPolicy;
import dev.pgpart.spec.SubPartition;
import dev.pgpart.sql.QualifiedName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/** Sub-partitions as a plan would carry them, for executor tests that build actions by hand. */
final class PlannedLeaves {
    private PlannedLeaves() {
    }

    /** HASH by {@code column} into {@code modulus} leaves named {@code <child>_p<remainder>}. */
    static Optional<SubPartitions> hash(QualifiedName child, String column, int modulus) {
        return hash(child, column, modulus, r -> child.name() + "_p" + r);
    }

    /** HASH by {@code column} into {@code modulus} leaves named {@code leafName(remainder)}. */
    static Optional<SubPartitions> hash(QualifiedName child, String column, int modulus, IntFunction<String> leafName) {
        List<Leaf> leaves = new ArrayList<>();
        for (int r = 0; r < modulus; r++) {
            leaves.add(new Leaf(child.sibling(leafName.apply(r)), new Bound.Hash(modulus, r)));
        }
        return Optional.of(new SubPartitions(new SubPartition(column, new HashPolicy(modulus)), leaves));
    }
}
