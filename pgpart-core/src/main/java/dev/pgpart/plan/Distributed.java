package dev.pgpart.plan;

import java.util.Optional;

/**
 * How Citus distributes a table, as {@code status} shows it.
 *
 * @param column       the distribution column; empty for a reference table
 * @param shardCount   shards of the parent
 * @param colocationId the parent's co-location group
 */
public record Distributed(Optional<String> column, int shardCount, int colocationId) {

    /** One line for text output, e.g. {@code distributed by tenant, 4 shards}. */
    public String describe() {
        return dev.pgpart.internal.catalog.Distribution.describe(column, shardCount);
    }
}
