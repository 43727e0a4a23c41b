package dev.pgpart.internal.catalog;

import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog reads that differ on Citus: which tables are distributed (one query for all), what
 * their default partitions hold, and their sizes. Only used when the citus extension is installed.
 */
final class CitusQueries {
    private CitusQueries() {
    }

    /** Parents in {@code pg_dist_partition}, with the children outside the parent's co-location group. */
    static Map<Long, Distribution> distributions(Connection c, Long[] oids) throws SQLException {
        String children = """
                ARRAY(SELECT %s FROM pg_catalog.pg_inherits i JOIN pg_catalog.pg_class ch ON ch.oid = i.inhrelid
                      JOIN pg_catalog.pg_namespace n ON n.oid = ch.relnamespace
                      LEFT JOIN pg_catalog.pg_dist_partition cp ON cp.logicalrelid = i.inhrelid
                      WHERE i.inhparent = p.logicalrelid AND cp.colocationid IS DISTINCT FROM p.colocationid
                      ORDER BY n.nspname, ch.relname)""";
        String sql = """
                SELECT p.logicalrelid::oid::bigint,
                       CASE WHEN p.partkey IS NOT NULL THEN pg_catalog.column_to_column_name(p.logicalrelid, p.partkey) END,
                       (SELECT count(*) FROM pg_catalog.pg_dist_shard s WHERE s.logicalrelid = p.logicalrelid)::int,
                       p.colocationid, %s, %s
                FROM pg_catalog.pg_dist_partition p
                WHERE p.logicalrelid = ANY(?::oid[])""".formatted(children.formatted("n.nspname"), children.formatted("ch.relname"));
        Map<Long, Distribution> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Array array = c.createArrayOf("bigint", oids);
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String[] schemas = (String[]) rs.getArray(5).getArray();
                    String[] names = (String[]) rs.getArray(6).getArray();
                    List<QualifiedName> notColocated = new ArrayList<>();
                    for (int i = 0; i < names.length; i++) {
                        notColocated.add(QualifiedName.of(schemas[i], names[i]));
                    }
                    out.put(rs.getLong(1), new Distribution(Optional.ofNullable(rs.getString(2)), rs.getInt(3),
                            rs.getInt(4), notColocated));
                }
            }
        }
        return out;
    }

    /**
     * Size of a child's partition tree: the coordinator's shell tables are empty, the data is in the
     * shards, which {@code citus_total_relation_size} adds up across the workers.
     */
    static final String SIZE = "(SELECT coalesce(sum(CASE WHEN t.isleaf AND EXISTS (SELECT 1 FROM pg_catalog.pg_dist_partition dp"
            + " WHERE dp.logicalrelid = t.relid) THEN pg_catalog.citus_total_relation_size(t.relid)"
            + " ELSE pg_total_relation_size(t.relid) END), 0) FROM pg_partition_tree(ch.oid) t)::bigint";

    /**
     * What the default partitions of distributed tables hold. Citus cannot push down subqueries in
     * the target list next to an aggregate (0A000), so the lowest and highest key are LEFT JOINed
     * ON true instead; the result is the same as the local form's.
     */
    static Map<Long, DefaultContents> defaultContents(Connection c, List<CatalogQueries.DefaultProbe> probes) throws SQLException {
        Map<Long, DefaultContents> out = new LinkedHashMap<>();
        if (probes.isEmpty()) {
            return out;
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < probes.size(); i++) {
            parts.add(probeSql(i, probes.get(i)));
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(String.join("\nUNION ALL\n", parts))) {
            while (rs.next()) {
                CatalogQueries.DefaultProbe p = probes.get(rs.getInt(1));
                out.put(p.parent(), new DefaultContents(rs.getLong(2), rs.getLong(3), Optional.ofNullable(rs.getString(4)),
                        Optional.ofNullable(rs.getString(5))));
            }
        }
        return out;
    }

    private static String probeSql(int index, CatalogQueries.DefaultProbe p) {
        String table = p.partition().sql();
        return p.rangeKey().map(k -> {
            String col = "d." + Sql.ident(k);
            String edge = "(SELECT " + col + "::text AS k FROM " + table + " AS d WHERE " + col + " IS NOT NULL ORDER BY "
                    + col + "%s LIMIT 1)";
            return "(SELECT " + index + ", a.n, a.nulls, lo.k, hi.k FROM (SELECT count(*) AS n, count(*) FILTER (WHERE "
                    + col + " IS NULL) AS nulls FROM " + table + " AS d) a LEFT JOIN " + edge.formatted("")
                    + " lo ON true LEFT JOIN " + edge.formatted(" DESC") + " hi ON true)";
        }).orElse("(SELECT " + index + ", count(*), 0::bigint, NULL::text, NULL::text FROM " + table + ")");
    }
}
