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
 */
public record TableSpec(
        QualifiedName table,
        Policy policy,
        boolean defaultPartition,
        Duration lockTimeout,
        Optional<SubPartition> subpartition,
        Optional<String> nameFormat,
        boolean expireUnmanaged) {
}
