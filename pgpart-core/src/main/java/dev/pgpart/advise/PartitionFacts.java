package dev.pgpart.advise;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Every partition of every partitioned table with its estimated rows, in one query. */
final class PartitionFacts {
    private PartitionFacts() {
    }

    static List<PartitionRows> read(Connection c) throws SQLException {
        // estimates, not counts: counting a large table's partitions would read all of it. reltuples once
        // analyzed (n_live_tup can run ahead of it by the whole insert count), n_live_tup before
        String sql = """
                SELECT pn.nspname, p.relname, pt.partstrat, cn.nspname, c.relname, pt.partdefid = c.oid,
                       (SELECT coalesce(sum(CASE WHEN l.reltuples >= 0 THEN l.reltuples::bigint ELSE coalesce(s.n_live_tup, 0) END), 0)::bigint
                        FROM pg_partition_tree(c.oid) t JOIN pg_class l ON l.oid = t.relid
                        LEFT JOIN pg_stat_all_tables s ON s.relid = l.oid
                        WHERE t.isleaf)
                FROM pg_partitioned_table pt
                JOIN pg_class p ON p.oid = pt.partrelid JOIN pg_namespace pn ON pn.oid = p.relnamespace
                JOIN pg_inherits i ON i.inhparent = p.oid
                JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_namespace cn ON cn.oid = c.relnamespace
                WHERE %s
                ORDER BY 1, 2, 4, 5""".formatted(Rows.userSchema("pn.nspname"));
        List<PartitionRows> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new PartitionRows(Rows.name(rs, 1), rs.getString(3).charAt(0), Rows.name(rs, 4),
                        rs.getBoolean(6), rs.getLong(7)));
            }
        }
        return out;
    }
}
