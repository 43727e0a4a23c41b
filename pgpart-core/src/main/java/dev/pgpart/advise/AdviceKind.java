package dev.pgpart.advise;

import java.util.Locale;

/** What an advice is about; {@link #jsonName()} is the stable name in {@code pgpart advise --json}. */
public enum AdviceKind {
    /** A statement in pg_stat_statements that reads every partition of a partitioned table. */
    STATEMENT_NOT_PRUNING,
    /** A statement on a partitioned table that could not be explained (so its pruning is unknown). */
    STATEMENT_UNKNOWN,
    /** A primary key or unique constraint of a conversion target without the partition key. */
    UNIQUE_LACKS_KEY,
    /** A foreign key into a conversion target whose referenced columns lack the partition key. */
    FOREIGN_KEY_LACKS_KEY,
    /** A foreign key of a partitioned table without its key: each check of a referenced row reads every partition. */
    FOREIGN_KEY_CHECK_SCANS_PARTITIONS,
    /** A NO ACTION foreign key whose referencing rows the application deletes itself. */
    EMULATED_CASCADE,
    /** An index that is not valid (a failed CREATE INDEX CONCURRENTLY, a partitioned index not attached everywhere). */
    INVALID_INDEX,
    /** Some partitions of a table have an index the others lack. */
    PARTITION_MISSING_INDEX,
    /** The default partition holds rows. */
    DEFAULT_PARTITION_ROWS,
    /** Planning a pruned point query on the table takes long (many partitions). */
    PLANNING_TIME,
    /** One LIST partition holds most of the table's rows. */
    LIST_SKEW,
    /** HASH partitions hold very different numbers of rows. */
    HASH_SKEW;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
