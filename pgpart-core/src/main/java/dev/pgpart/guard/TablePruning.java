package dev.pgpart.guard;

import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.sql.QualifiedName;
import java.util.List;
import java.util.Optional;

/**
 * What one statement does to one partitioned table (the root of a partition tree; leaves of
 * sub-partitions count as partitions).
 *
 * @param partitions        leaf partitions in the whole tree
 * @param afterPlanTime     leaves the plan holds after plan-time pruning (scanned + removed at run time)
 * @param removedAtRunTime  leaves removed when the executor started ("Subplans Removed")
 * @param scanned           the leaves the plan reads, by name, sorted
 * @param neverExecuted     with ANALYZE only: how many of {@code scanned} were never executed (pruned
 *                          during execution, or not needed, e.g. after a LIMIT); not part of the verdict
 * @param limit             how many partitions the statement may scan
 */
public record TablePruning(QualifiedName table, TableInfo.Strategy strategy, int partitions, int afterPlanTime,
                           int removedAtRunTime, List<QualifiedName> scanned, Optional<Integer> neverExecuted,
                           int limit) {
    public TablePruning {
        scanned = List.copyOf(scanned);
    }

    public int scannedCount() {
        return scanned.size();
    }

    public boolean ok() {
        return scanned.size() <= limit;
    }

    /** One line for people: {@code public.events: scans 3 of 12 partitions (limit 1)}. */
    public String summary() {
        return table + ": scans " + scanned.size() + " of " + partitions + " partitions (limit " + limit + ")"
                + (removedAtRunTime > 0 ? ", " + afterPlanTime + " after plan-time pruning, " + removedAtRunTime
                + " removed at run time" : "");
    }
}
