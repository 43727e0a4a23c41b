package dev.pgpart.spec;

import dev.pgpart.sql.QualifiedName;
import java.time.Duration;
import java.util.Optional;

/**
 * Policy for one partitioned table. The partitioning method and key are read from the catalog;
 * {@link #policy()} must agree with them (checked by {@code SpecValidator}).
 *
 * @param lockTimeout      per-table override of {@link Spec#lockTimeout()} (already resolved)
 * @param defaultPartition ensure a DEFAULT partition exists (not allowed for HASH)
 * @param nameFormat       child name template, see {@code PartitionNamer}; empty means pg_partman 5 style
 * @param expireUnmanaged  let retention detach/drop partitions pgpart did not create
 * @param maxPartitionsPerRun at most this many RANGE partitions are created for the table in one run
 *                         (already resolved against the top-level default)
 * @param key              {@code key:}, the partition column as the database has it: needed to convert a
 *                         plain table; for a partitioned table it must be its key
 * @param convert          {@code convert:}, how {@code pgpart convert} converts the table (defaults when absent)
 */
public record TableSpec(
        QualifiedName table,
        Policy policy,
        boolean defaultPartition,
        Duration lockTimeout,
        Optional<SubPartition> subpartition,
        Optional<String> nameFormat,
        boolean expireUnmanaged,
        int maxPartitionsPerRun,
        Optional<String> key,
        ConvertSpec convert) {

    /** Enough for years of monthly or weeks of hourly partitions; a stray row cannot flood the catalog. */
    public static final int DEFAULT_MAX_PARTITIONS_PER_RUN = 500;
    public static final int MAX_MAX_PARTITIONS_PER_RUN = 100_000;

    public TableSpec {
        if (maxPartitionsPerRun < 1) {
            throw new IllegalArgumentException("max_partitions_per_run must be at least 1, got " + maxPartitionsPerRun);
        }
    }

    /** A table without {@code key:} and {@code convert:}. */
    public TableSpec(QualifiedName table, Policy policy, boolean defaultPartition, Duration lockTimeout,
                     Optional<SubPartition> subpartition, Optional<String> nameFormat, boolean expireUnmanaged,
                     int maxPartitionsPerRun) {
        this(table, policy, defaultPartition, lockTimeout, subpartition, nameFormat, expireUnmanaged, maxPartitionsPerRun,
                Optional.empty(), ConvertSpec.DEFAULTS);
    }

    /** The same table converted with other settings (command-line overrides). */
    public TableSpec withConvert(ConvertSpec c) {
        return new TableSpec(table, policy, defaultPartition, lockTimeout, subpartition, nameFormat, expireUnmanaged,
                maxPartitionsPerRun, key, c);
    }

    /** A table with the default {@link #DEFAULT_MAX_PARTITIONS_PER_RUN}. */
    public TableSpec(QualifiedName table, Policy policy, boolean defaultPartition, Duration lockTimeout,
                     Optional<SubPartition> subpartition, Optional<String> nameFormat, boolean expireUnmanaged) {
        this(table, policy, defaultPartition, lockTimeout, subpartition, nameFormat, expireUnmanaged,
                DEFAULT_MAX_PARTITIONS_PER_RUN);
    }
}
