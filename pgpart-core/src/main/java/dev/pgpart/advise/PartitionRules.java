package dev.pgpart.advise;

import dev.pgpart.sql.QualifiedName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Skewed LIST and HASH partitions, and default partitions that receive rows. */
final class PartitionRules {
    private PartitionRules() {
    }

    static List<Advice> of(List<PartitionRows> rows, AdviseOptions options) {
        Map<QualifiedName, List<PartitionRows>> byParent = new LinkedHashMap<>();
        rows.forEach(r -> byParent.computeIfAbsent(r.parent(), k -> new ArrayList<>()).add(r));
        List<Advice> out = new ArrayList<>();
        byParent.forEach((parent, children) -> {
            children.stream().filter(c -> c.isDefault() && c.rows() > 0).forEach(d -> out.add(defaultRows(d)));
            long total = children.stream().mapToLong(PartitionRows::rows).sum();
            if (total < options.skewMinRows() || children.size() < 2) {
                return;
            }
            PartitionRows largest = children.stream().max(Comparator.comparingLong(PartitionRows::rows)).orElseThrow();
            char strategy = children.get(0).strategy();
            if (strategy == 'l' && children.size() >= 3 && largest.rows() > options.listShare() * total) {
                out.add(listSkew(parent, largest, total, children.size()));
            } else if (strategy == 'h' && largest.rows() > options.hashSkewRatio() * total / children.size()) {
                PartitionRows smallest = children.stream().min(Comparator.comparingLong(PartitionRows::rows)).orElseThrow();
                out.add(hashSkew(parent, largest, smallest, total, children.size()));
            }
        });
        return out;
    }

    private static Advice defaultRows(PartitionRows d) {
        return new Advice(Severity.MEDIUM, AdviceKind.DEFAULT_PARTITION_ROWS, d.parent(),
                "default partition " + d.partition() + " holds about " + d.rows() + " rows (statistics estimate):"
                        + " they match no other partition, and every new partition must check them",
                "create the partitions these rows belong to (pgpart maintain moves them out of the default when the"
                        + " table is configured), and find which writer sends keys outside the planned range",
                d.rows());
    }

    private static Advice listSkew(QualifiedName parent, PartitionRows largest, long total, int partitions) {
        return new Advice(Severity.LOW, AdviceKind.LIST_SKEW, parent,
                String.format(Locale.ROOT, "partition %s holds %.0f%% of the rows (about %d of %d) of %d partitions",
                        largest.partition(), 100.0 * largest.rows() / total, largest.rows(), total, partitions),
                "split the hot value's partition, e.g. sub-partition " + largest.partition() + " by HASH or RANGE on"
                        + " another column, so that a query for it does not read a table as large as the unpartitioned one",
                largest.rows());
    }

    private static Advice hashSkew(QualifiedName parent, PartitionRows largest, PartitionRows smallest, long total,
                                   int partitions) {
        return new Advice(Severity.LOW, AdviceKind.HASH_SKEW, parent,
                String.format(Locale.ROOT, "partition %s holds about %d rows, %.1f times the mean of %d partitions"
                                + " (smallest: %s, about %d rows)", largest.partition(), largest.rows(),
                        largest.rows() * (double) partitions / total, partitions, smallest.partition(), smallest.rows()),
                "few key values carry most rows: hash on a column with more distinct values (or add one to the key),"
                        + " or give the heavy values a LIST partition of their own",
                largest.rows());
    }
}
