package dev.pgpart.internal.catalog;

import dev.pgpart.sql.QualifiedName;
import java.util.List;
import java.util.Optional;

/**
 * A configured table as the catalog has it.
 *
 * @param kind             what the relation is; only {@link Kind#PARTITIONED_TABLE} has the rest
 * @param strategy         RANGE, LIST or HASH (empty unless partitioned)
 * @param key              the partition key columns, in key order
 * @param partitions       attached (or detach-pending) children except the default, in bound order as read
 * @param defaultPartition the DEFAULT child, if any
 * @param defaultContents  what the default holds: filled whenever a default exists
 * @param highestKey       greatest key value in the table (numeric RANGE keys only), as literal text
 * @param properties       what new children copy (owner, grants, RLS, storage parameters ...)
 * @param columns          the parent's columns, in attnum order, without dropped ones
 * @param moveHazards      what would fire if rows were moved out of the default partition
 * @param distribution     how Citus distributes the table; empty for a local table (and without Citus)
 */
public record TableInfo(
        QualifiedName name,
        Kind kind,
        Optional<Strategy> strategy,
        List<KeyColumn> key,
        List<Partition> partitions,
        Optional<Partition> defaultPartition,
        Optional<DefaultContents> defaultContents,
        Optional<String> highestKey,
        TableProperties properties,
        List<Column> columns,
        MoveHazards moveHazards,
        Optional<Distribution> distribution) {

    public TableInfo {
        key = List.copyOf(key);
        partitions = List.copyOf(partitions);
        columns = List.copyOf(columns);
    }

    /** A table whose default partition (if any) has nothing that would notice rows moving out of it. */
    public TableInfo(QualifiedName name, Kind kind, Optional<Strategy> strategy, List<KeyColumn> key,
                     List<Partition> partitions, Optional<Partition> defaultPartition,
                     Optional<DefaultContents> defaultContents, Optional<String> highestKey,
                     TableProperties properties, List<Column> columns) {
        this(name, kind, strategy, key, partitions, defaultPartition, defaultContents, highestKey, properties, columns,
                MoveHazards.NONE);
    }

    /** A local (not Citus-distributed) table. */
    public TableInfo(QualifiedName name, Kind kind, Optional<Strategy> strategy, List<KeyColumn> key,
                     List<Partition> partitions, Optional<Partition> defaultPartition,
                     Optional<DefaultContents> defaultContents, Optional<String> highestKey,
                     TableProperties properties, List<Column> columns, MoveHazards moveHazards) {
        this(name, kind, strategy, key, partitions, defaultPartition, defaultContents, highestKey, properties, columns,
                moveHazards, Optional.empty());
    }

    public TableInfo withMoveHazards(MoveHazards hazards) {
        return new TableInfo(name, kind, strategy, key, partitions, defaultPartition, defaultContents, highestKey,
                properties, columns, hazards, distribution);
    }

    public TableInfo withDistribution(Optional<Distribution> d) {
        return new TableInfo(name, kind, strategy, key, partitions, defaultPartition, defaultContents, highestKey,
                properties, columns, moveHazards, d);
    }

    /** Citus distributes it: statements take the Citus-safe forms (see {@link Distribution}). */
    public boolean distributed() {
        return distribution.isPresent();
    }

    public boolean isPartitioned() {
        return kind == Kind.PARTITIONED_TABLE;
    }

    /** The single key column, when the key is one plain column (what RANGE planning needs). */
    public Optional<KeyColumn> singleKeyColumn() {
        return key.size() == 1 && key.get(0).expression().isEmpty() ? Optional.of(key.get(0)) : Optional.empty();
    }

    public enum Kind { PARTITIONED_TABLE, TABLE, OTHER }

    public enum Strategy { RANGE, LIST, HASH }
}
