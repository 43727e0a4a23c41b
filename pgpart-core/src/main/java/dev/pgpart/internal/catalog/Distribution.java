package dev.pgpart.internal.catalog;

import dev.pgpart.sql.QualifiedName;
import java.util.List;
import java.util.Optional;

/**
 * How Citus distributes a partitioned table (read only when the citus extension is installed and
 * the parent is in {@code pg_dist_partition}). A distributed table changes how pgpart works on it:
 * plain DETACH (no CONCURRENTLY), the new child distributed co-located with the parent before rows
 * move into it, lock_timeout propagated to the workers, one statement per round trip.
 *
 * @param column       the distribution column; empty for a reference table
 * @param shardCount   shards of the parent
 * @param colocationId the parent's co-location group
 * @param notColocated children that are not distributed in the parent's co-location group (local
 *                     tables, or distributed elsewhere): Citus routes their rows differently
 */
public record Distribution(Optional<String> column, int shardCount, int colocationId, List<QualifiedName> notColocated) {
    public Distribution {
        notColocated = List.copyOf(notColocated);
    }

    /** What status prints: the distribution column and the shard count. */
    public String describe() {
        return describe(column, shardCount);
    }

    /** The one wording of a distribution, for status, findings and refusals alike. */
    public static String describe(Optional<String> column, int shardCount) {
        return "distributed by " + column.orElse("(reference table)") + ", " + shardCount + " shards";
    }
}
