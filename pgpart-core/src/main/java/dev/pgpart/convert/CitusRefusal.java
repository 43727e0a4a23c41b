package dev.pgpart.convert;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.internal.catalog.CatalogReader;
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code convert} refuses a table Citus distributes, before it writes anything: both strategies
 * build the partitioned table, move rows and swap names through the coordinator's shell table, and
 * the new table, its partitions and the swapped names would have to be distributed co-located with
 * the old one in the middle of the job; nothing of that is built or tested.
 */
public final class CitusRefusal {
    private CitusRefusal() {
    }

    /** Reads the table's distribution (one bounded catalog read) and refuses when it is distributed. */
    public static void convert(Connection c, QualifiedName table) throws SQLException {
        new CatalogReader().read(c, List.of(table)).table(table).ifPresent(CitusRefusal::convert);
    }

    public static void convert(TableInfo t) {
        if (!t.distributed()) {
            return;
        }
        String column = t.distribution().orElseThrow().column().orElse("<column>");
        throw new PgpartException(ErrorCode.CONFIG, t.name() + " is distributed by Citus ("
                + t.distribution().orElseThrow().describe() + "), and pgpart convert does not support distributed tables:"
                + " it would rebuild the table through the coordinator's shell table, and the new partitioned table would"
                + " have to be distributed next to the old one in the middle of the job. Nothing was changed. Instead, on the"
                + " coordinator: CREATE TABLE the partitioned table (PARTITION BY RANGE), SELECT create_distributed_table("
                + Sql.literal("<new table>") + ", " + Sql.literal(column) + ", colocate_with => " + Sql.literal(t.name().sql())
                + "), copy the rows with INSERT INTO ... SELECT (Citus runs it shard by shard), then swap the names;"
                + " or SELECT undistribute_table(" + Sql.literal(t.name().sql()) + "), convert, and distribute it again"
                + " (see docs/guide-citus.md)");
    }
}
