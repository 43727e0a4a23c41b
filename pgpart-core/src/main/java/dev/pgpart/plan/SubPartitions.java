package dev.pgpart.plan;

import dev.pgpart.api.Bound;
import dev.pgpart.spec.HashPolicy;
import dev.pgpart.spec.ListPolicy;
import dev.pgpart.spec.SubPartition;
import dev.pgpart.sql.QualifiedName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A new partition that is itself partitioned by {@code layout}, with every leaf it gets: names are
 * decided here, in the plan, so {@code plan} shows exactly what {@code maintain} creates.
 */
public record SubPartitions(SubPartition layout, List<Leaf> leaves) {
    public SubPartitions {
        leaves = List.copyOf(leaves);
        if (leaves.isEmpty()) {
            throw new IllegalArgumentException("a sub-partitioned partition needs at least one leaf");
        }
        Set<QualifiedName> seen = new HashSet<>();
        for (Leaf l : leaves) {
            if (!seen.add(l.name())) {
                throw new IllegalArgumentException("two leaves are both named " + l.name());
            }
        }
    }

    /**
     * The leaves of {@code partition}: {@code <partition>_p<remainder>} (HASH) or
     * {@code <partition>_<suffix>} (LIST), each claimed in {@code names}, so a name already taken (by
     * a relation or by anything else in this plan) gets {@code _1}, {@code _2}, ... like any child,
     * and only the parent table's part of the name is shortened to fit 63 bytes.
     */
    static Optional<SubPartitions> name(NameBook.Claimed partition, Optional<SubPartition> layout, NameBook names) {
        return layout.map(l -> new SubPartitions(l, leaves(partition, l, names)));
    }

    // An exhaustive switch: a new sub-partition method cannot be added without naming its leaves.
    private static List<Leaf> leaves(NameBook.Claimed partition, SubPartition layout, NameBook names) {
        return switch (layout.policy().method()) {
            case HASH -> hashLeaves(partition, (HashPolicy) layout.policy(), names);
            case LIST -> listLeaves(partition, (ListPolicy) layout.policy(), names);
            case RANGE -> throw new IllegalArgumentException("sub-partitions are LIST or HASH, not RANGE");
        };
    }

    private static List<Leaf> hashLeaves(NameBook.Claimed partition, HashPolicy h, NameBook names) {
        List<Leaf> out = new ArrayList<>();
        for (int r = 0; r < h.modulus(); r++) {
            out.add(leaf(partition, "_p" + r, new Bound.Hash(h.modulus(), r), names));
        }
        return out;
    }

    private static List<Leaf> listLeaves(NameBook.Claimed partition, ListPolicy l, NameBook names) {
        List<Leaf> out = new ArrayList<>();
        for (Map.Entry<String, List<Optional<String>>> e : l.partitions().entrySet()) {
            out.add(leaf(partition, "_" + e.getKey(), new Bound.In(e.getValue()), names));
        }
        return out;
    }

    private static Leaf leaf(NameBook.Claimed partition, String suffix, Bound bound, NameBook names) {
        return new Leaf(names.claim(partition.name(), partition.template().leaf(partition.number(), suffix)), bound);
    }
}
