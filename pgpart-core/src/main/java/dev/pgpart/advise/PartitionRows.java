package dev.pgpart.advise;

import dev.pgpart.sql.QualifiedName;

/**
 * One partition of a partitioned parent and its estimated rows (its leaves' together when it is
 * itself partitioned), from pg_class.reltuples (pg_stat_all_tables.n_live_tup
 * for a partition never analyzed).
 *
 * @param strategy the parent's: {@code r}ange, {@code l}ist or {@code h}ash, as pg_partitioned_table has it
 */
record PartitionRows(QualifiedName parent, char strategy, QualifiedName partition, boolean isDefault, long rows) {
}
