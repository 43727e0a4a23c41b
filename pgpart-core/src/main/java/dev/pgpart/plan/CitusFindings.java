package dev.pgpart.plan;

import dev.pgpart.internal.catalog.Distribution;
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;

/** What {@code check} reports about the Citus distribution of a table's partitions. */
final class CitusFindings {
    private CitusFindings() {
    }

    /**
     * A partition outside the parent's co-location group: Citus no longer places its shards next to
     * the parent's, so queries across partitions are not pushed down per shard, and attaching,
     * moving rows or detaching next to it can fail. Citus only lets it happen through
     * {@code update_distributed_table_colocation(..., 'none')} or a table attached with DDL
     * propagation off, so the fix is the reverse.
     */
    static Finding notColocated(TableInfo parent, Distribution d, QualifiedName child) {
        String colocate = "SELECT update_distributed_table_colocation(" + Sql.literal(child.sql()) + ", colocate_with => "
                + Sql.literal(parent.name().sql()) + ");";
        String reshard = "SELECT alter_distributed_table(" + Sql.literal(child.sql()) + ", shard_count => " + d.shardCount()
                + ", colocate_with => " + Sql.literal(parent.name().sql()) + ");";
        return Findings.problem(parent.name(), Finding.Kind.NOT_COLOCATED, "partition " + child
                + " is not co-located with its parent " + parent.name() + " (" + d.describe() + ", co-location group "
                + d.colocationId() + "): Citus does not keep its shards next to the parent's, so queries over several"
                + " partitions are not pushed down shard by shard and maintenance next to it can fail. Nothing was"
                + " changed. Run " + colocate + " If Citus refuses because the shard counts differ, detach it, run "
                + reshard + " and attach it again");
    }
}
