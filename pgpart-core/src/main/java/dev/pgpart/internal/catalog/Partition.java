package dev.pgpart.internal.catalog;

import dev.pgpart.api.Bound;

import dev.pgpart.sql.QualifiedName;
import java.util.List;

/**
 * One child of a partitioned table.
 *
 * @param subPartitioned  the child is itself partitioned
 * @param detachPending   an interrupted {@code DETACH ... CONCURRENTLY} left it half-detached (14+)
 * @param managed         pgpart created it (its table comment carries the pgpart marker)
 * @param estimatedRows   {@code pg_class.reltuples}, -1 when never analyzed
 * @param totalBytes      {@code pg_total_relation_size} (0 when not read)
 * @param reloptions      storage parameters such as {@code autovacuum_enabled=false}
 */
public record Partition(
        QualifiedName name,
        Bound bound,
        boolean subPartitioned,
        boolean detachPending,
        boolean managed,
        long estimatedRows,
        long totalBytes,
        List<String> reloptions) {
    /**
     * Prefix of the table comment pgpart puts on every partition it creates. Retention only ever
     * touches partitions whose comment starts with it (unless {@code expire_unmanaged} is set).
     */
    public static final String MANAGED_MARKER = "pgpart:managed";

    public Partition {
        reloptions = List.copyOf(reloptions);
    }
}
