package dev.pgpart.plan;

import dev.pgpart.sql.QualifiedName;
import java.util.List;
import java.util.Optional;

/**
 * What {@code status} shows for one table.
 *
 * @param method        RANGE, LIST, HASH, or the reason it is not partitioned
 * @param key           the partition key as written in PARTITION BY, e.g. {@code created_at}
 * @param partitions    children, without the default
 * @param firstBound    lower bound of the lowest range partition
 * @param lastBound     upper bound of the highest range partition
 * @param coveredUntil  the end of the contiguous run of range partitions that contains "now"
 *                      (or the highest key for numeric keys); empty when "now" is not covered
 * @param aheadCount    complete partitions after the one containing "now"
 * @param rowsInDefault rows in the default partition (0 when there is none)
 * @param totalBytes    total size of all children, indexes and TOAST included
 * @param timeline      one character per range partition in bound order: {@code #} past,
 *                      {@code @} current, {@code +} ahead, {@code .} a gap
 * @param coverageEnds  when "now" leaves the contiguous run (time-like keys only): inserts of later
 *                      rows fail (or go to the default) from then on unless maintain runs
 * @param ranges        the range partitions and gaps in bound order (RANGE tables only)
 * @param distribution  how Citus distributes the table; empty for a local table
 */
public record TableStatus(
        QualifiedName table,
        String method,
        String key,
        int partitions,
        boolean hasDefault,
        Optional<String> firstBound,
        Optional<String> lastBound,
        Optional<String> coveredUntil,
        int aheadCount,
        long rowsInDefault,
        long totalBytes,
        String timeline,
        List<Finding> findings,
        Optional<java.time.Instant> coverageEnds,
        List<PartitionStatus> ranges,
        Optional<Distributed> distribution) {
    public TableStatus {
        findings = List.copyOf(findings);
        ranges = List.copyOf(ranges);
    }

    /** The status of a local (not Citus-distributed) table. */
    public TableStatus(QualifiedName table, String method, String key, int partitions, boolean hasDefault,
                       Optional<String> firstBound, Optional<String> lastBound, Optional<String> coveredUntil,
                       int aheadCount, long rowsInDefault, long totalBytes, String timeline, List<Finding> findings,
                       Optional<java.time.Instant> coverageEnds, List<PartitionStatus> ranges) {
        this(table, method, key, partitions, hasDefault, firstBound, lastBound, coveredUntil, aheadCount, rowsInDefault,
                totalBytes, timeline, findings, coverageEnds, ranges, Optional.empty());
    }

    /** A status without coverage end or ranges (a LIST or HASH table, or a test sample). */
    public TableStatus(QualifiedName table, String method, String key, int partitions, boolean hasDefault,
                       Optional<String> firstBound, Optional<String> lastBound, Optional<String> coveredUntil,
                       int aheadCount, long rowsInDefault, long totalBytes, String timeline, List<Finding> findings) {
        this(table, method, key, partitions, hasDefault, firstBound, lastBound, coveredUntil, aheadCount, rowsInDefault,
                totalBytes, timeline, findings, Optional.empty(), List.of());
    }
}
