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
     * What the default partitions of distributed tables hold, in two steps. Citus cannot push down
     * subqueries in the target list next to an aggregate (0A000), and the pushed-down form with the
     * lowest and highest key LEFT JOINed ON true costs three distributed queries per default (about
     * 1 s for 20 tables, most of a no-op maintain). So first one query counts the rows of every
     * default (plain aggregates, pushed down shard by shard), and only the defaults that hold keyed
     * rows are asked for their edges (ORDER BY ... LIMIT 1 works for every key type, min() does not
     * exist for uuid). The result is the same as the local form's.
     */
    static Map<Long, DefaultContents> defaultContents(Connection c, List<CatalogQueries.DefaultProbe> probes) throws SQLException {
        if (probes.isEmpty()) {
            return new LinkedHashMap<>();
        }
        return withLockTimeoutOnWorkers(c, () -> probe(c, probes));
    }

    private interface Read<T> {
        T run() throws SQLException;
    }

    /**
     * Runs a read of distributed tables with the session's lock_timeout on the workers too: the
     * probe locks the shards of the defaults, and without propagation a lock held on a worker's
     * shard is waited for until it is released (the session's SET does not reach the workers, only
     * a SET LOCAL after {@code citus.propagate_set_commands = 'local'} does). In autocommit mode the
     * read gets a transaction of its own; inside the caller's transaction the two settings last
     * until it ends, and lock_timeout keeps its value.
     */
    private static <T> T withLockTimeoutOnWorkers(Connection c, Read<T> read) throws SQLException {
        boolean own = c.getAutoCommit();
        if (own) {
            c.setAutoCommit(false);
        }
        try {
            try (Statement s = c.createStatement()) {
                String timeout;
                try (ResultSet rs = s.executeQuery("SELECT pg_catalog.current_setting('lock_timeout')")) {
                    rs.next();
                    timeout = rs.getString(1);
                }
                s.execute("SET LOCAL citus.propagate_set_commands = 'local'");
                s.execute("SET LOCAL lock_timeout = " + Sql.literal(timeout));
            }
            T result = read.run();
            if (own) {
                c.commit();
            }
            return result;
        } catch (SQLException | RuntimeException e) {
            if (own) {
                try {
                    c.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
            }
            throw e;
        } finally {
            if (own) {
                c.setAutoCommit(true);
            }
        }
    }

    private static Map<Long, DefaultContents> probe(Connection c, List<CatalogQueries.DefaultProbe> probes) throws SQLException {
        Map<Long, DefaultContents> out = new LinkedHashMap<>();
        List<String> counts = new ArrayList<>();
        for (int i = 0; i < probes.size(); i++) {
            counts.add(countSql(i, probes.get(i)));
        }
        List<Integer> keyed = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(String.join("\nUNION ALL\n", counts))) {
            while (rs.next()) {
                int i = rs.getInt(1);
                long rows = rs.getLong(2);
                long nulls = rs.getLong(3);
                out.put(probes.get(i).parent(), new DefaultContents(rows, nulls, Optional.empty(), Optional.empty()));
                if (rows > nulls && probes.get(i).rangeKey().isPresent()) {
                    keyed.add(i);
                }
            }
        }
        if (!keyed.isEmpty()) {
            edges(c, probes, keyed, out);
        }
        return out;
    }

    private static String countSql(int index, CatalogQueries.DefaultProbe p) {
        String table = p.partition().sql();
        String nulls = p.rangeKey().map(k -> "count(*) FILTER (WHERE d." + Sql.ident(k) + " IS NULL)").orElse("0::bigint");
        return "(SELECT " + index + ", count(*), " + nulls + " FROM " + table + " AS d)";
    }

    /** The lowest and highest key of the defaults at {@code keyed}, which hold rows with a key. */
    private static void edges(Connection c, List<CatalogQueries.DefaultProbe> probes, List<Integer> keyed,
                              Map<Long, DefaultContents> out) throws SQLException {
        List<String> parts = new ArrayList<>();
        for (int i : keyed) {
            CatalogQueries.DefaultProbe p = probes.get(i);
            String col = "d." + Sql.ident(p.rangeKey().orElseThrow());
            String edge = "(SELECT " + col + "::text AS k FROM " + p.partition().sql() + " AS d WHERE " + col
                    + " IS NOT NULL ORDER BY " + col + "%s LIMIT 1)";
            parts.add("(SELECT " + i + ", lo.k, hi.k FROM (SELECT 1) one LEFT JOIN " + edge.formatted("") + " lo ON true"
                    + " LEFT JOIN " + edge.formatted(" DESC") + " hi ON true)");
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(String.join("\nUNION ALL\n", parts))) {
            while (rs.next()) {
                long parent = probes.get(rs.getInt(1)).parent();
                DefaultContents counted = out.get(parent);
                out.put(parent, new DefaultContents(counted.rows(), counted.nullKeys(), Optional.ofNullable(rs.getString(2)),
                        Optional.ofNullable(rs.getString(3))));
            }
        }
    }
}
