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
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The catalog queries behind {@link CatalogReader}: each reads one aspect of all tables at once. */
final class CatalogQueries {
    /** Partitions probed from the top when looking for the highest numeric key. */
    private static final int HIGHEST_KEY_PROBES = 16;

    private CatalogQueries() {
    }

    static Map<Long, List<KeyColumn>> keys(Connection c, Long[] oids) throws SQLException {
        String sql = """
                SELECT pt.partrelid, k.attnum, a.attname, format_type(a.atttypid, a.atttypmod),
                       CASE WHEN k.attnum = 0 THEN pg_get_partkeydef(pt.partrelid) END
                FROM pg_partitioned_table pt
                CROSS JOIN LATERAL unnest(pt.partattrs::int2[]) WITH ORDINALITY AS k(attnum, ord)
                LEFT JOIN pg_attribute a ON a.attrelid = pt.partrelid AND a.attnum = k.attnum
                WHERE pt.partrelid = ANY(?::oid[])
                ORDER BY pt.partrelid, k.ord""";
        Map<Long, List<KeyColumn>> out = new LinkedHashMap<>();
        try (PreparedStatement ps = prepare(c, sql, oids); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                KeyColumn key = rs.getInt(2) == 0
                        ? new KeyColumn("", Optional.of(rs.getString(5)), "expression", KeyType.OTHER)
                        : new KeyColumn(rs.getString(3), Optional.empty(), rs.getString(4), KeyType.fromTypeName(rs.getString(4)));
                CatalogReader.add(out, rs.getLong(1), key);
            }
        }
        return out;
    }

    static Map<Long, List<CatalogReader.RawPartition>> partitions(Connection c, Long[] oids, boolean withSizes)
            throws SQLException {
        return partitions(c, oids, withSizes, false);
    }

    /** @param citus the citus extension is installed: sizes of distributed children come from their shards */
    static Map<Long, List<CatalogReader.RawPartition>> partitions(Connection c, Long[] oids, boolean withSizes, boolean citus)
            throws SQLException {
        String size = !withSizes ? "0::bigint" : citus ? CitusQueries.SIZE
                : "(SELECT coalesce(sum(pg_total_relation_size(t.relid)), 0) FROM pg_partition_tree(ch.oid) t)::bigint";
        // pg_get_expr(bound, 0): a partition bound holds constants only, never a column, so no
        // relation context is needed; and a LEFT JOIN on pg_description instead of obj_description().
        // Both matter with thousands of partitions: this query is most of a no-op run's time. No ORDER
        // BY either: sorting these wide rows spilled to disk; Java sorts the few it needs.
        String sql = """
                SELECT i.inhparent, n.nspname, ch.relname, pg_get_expr(ch.relpartbound, 0), ch.relkind = 'p',
                       i.inhdetachpending, coalesce(d.description, ''), ch.reltuples::bigint,
                       coalesce(ch.reloptions, '{}'::text[]), ch.relreplident, %s
                FROM pg_inherits i
                JOIN pg_class ch ON ch.oid = i.inhrelid
                JOIN pg_namespace n ON n.oid = ch.relnamespace
                LEFT JOIN pg_description d ON d.objoid = ch.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
                WHERE i.inhparent = ANY(?::oid[]) AND ch.relispartition""".formatted(size);
        // relispartition: a plain table's inheritance children (a conversion's routing stage) have no bound
        Map<Long, List<CatalogReader.RawPartition>> out = new LinkedHashMap<>();
        try (PreparedStatement ps = prepare(c, sql, oids); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Partition p = new Partition(QualifiedName.of(rs.getString(2), rs.getString(3)),
                        BoundParser.parse(rs.getString(4)), rs.getBoolean(5), rs.getBoolean(6),
                        rs.getString(7).startsWith(Partition.MANAGED_MARKER), rs.getLong(8),
                        rs.getLong(11), Arrays.asList((String[]) rs.getArray(9).getArray()));
                CatalogReader.add(out, rs.getLong(1), new CatalogReader.RawPartition(p, rs.getString(10).charAt(0)));
            }
        }
        // a stable order for output and tests; the planner orders by bounds itself
        out.values().forEach(l -> l.sort(java.util.Comparator.comparing(r -> r.partition().name())));
        return out;
    }

    static Map<Long, List<Column>> columns(Connection c, Long[] oids) throws SQLException {
        String sql = """
                SELECT attrelid, attname, attgenerated <> '', coalesce(attstattarget, -1)::int
                FROM pg_attribute
                WHERE attrelid = ANY(?::oid[]) AND attnum > 0 AND NOT attisdropped
                ORDER BY attrelid, attnum""";
        Map<Long, List<Column>> out = new LinkedHashMap<>();
        try (PreparedStatement ps = prepare(c, sql, oids); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                CatalogReader.add(out, rs.getLong(1), new Column(rs.getString(2), rs.getBoolean(3), rs.getInt(4)));
            }
        }
        return out;
    }

    static Map<Long, List<TableProperties.Grant>> grants(Connection c, Long[] oids) throws SQLException {
        String sql = """
                SELECT cl.oid, CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END,
                       a.privilege_type, a.is_grantable
                FROM pg_class cl CROSS JOIN LATERAL aclexplode(cl.relacl) a
                WHERE cl.oid = ANY(?::oid[]) AND a.grantee <> cl.relowner
                ORDER BY 1, 2, 3""";
        Map<Long, List<TableProperties.Grant>> out = new LinkedHashMap<>();
        try (PreparedStatement ps = prepare(c, sql, oids); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                CatalogReader.add(out, rs.getLong(1), new TableProperties.Grant(rs.getString(2), rs.getString(3), rs.getBoolean(4)));
            }
        }
        return out;
    }

    static Map<Long, List<TableProperties.PolicyDef>> policies(Connection c, Long[] oids) throws SQLException {
        String sql = """
                SELECT p.polrelid, p.polname, p.polpermissive,
                       CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE'
                                     WHEN 'd' THEN 'DELETE' ELSE 'ALL' END,
                       ARRAY(SELECT CASE WHEN r = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(r) END
                             FROM unnest(p.polroles) AS r),
                       pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid)
                FROM pg_policy p
                WHERE p.polrelid = ANY(?::oid[])
                ORDER BY 1, 2""";
        Map<Long, List<TableProperties.PolicyDef>> out = new LinkedHashMap<>();
        try (PreparedStatement ps = prepare(c, sql, oids); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                CatalogReader.add(out, rs.getLong(1), new TableProperties.PolicyDef(rs.getString(2), rs.getBoolean(3),
                        rs.getString(4), Arrays.asList((String[]) rs.getArray(5).getArray()),
                        Optional.ofNullable(rs.getString(6)), Optional.ofNullable(rs.getString(7))));
            }
        }
        return out;
    }

    static Set<QualifiedName> relationNames(Connection c, String[] schemas) throws SQLException {
        String sql = """
                SELECT n.nspname, cl.relname FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace
                WHERE n.nspname = ANY(?::text[])""";
        Set<QualifiedName> out = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", schemas));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(QualifiedName.of(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return out;
    }

    /** A default partition to look into; {@code rangeKey} is set for RANGE tables with one key column. */
    record DefaultProbe(long parent, QualifiedName partition, Optional<String> rangeKey) {
    }

    /**
     * Rows in each default partition and, for RANGE keys, how many have a NULL key and the lowest and
     * highest key in it (by the column's own ordering), all in one UNION ALL query. A count scans the default, which should
     * be small; when it is not, that is exactly what {@code check} must shout about.
     */
    static Map<Long, DefaultContents> defaultContents(Connection c, List<DefaultProbe> probes) throws SQLException {
        Map<Long, DefaultContents> out = new LinkedHashMap<>();
        if (probes.isEmpty()) {
            return out;
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < probes.size(); i++) {
            parts.add(defaultProbeSql(i, probes.get(i)));
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(String.join("\nUNION ALL\n", parts))) {
            while (rs.next()) {
                DefaultProbe p = probes.get(rs.getInt(1));
                out.put(p.parent(), new DefaultContents(rs.getLong(2), rs.getLong(3), Optional.ofNullable(rs.getString(4)),
                        Optional.ofNullable(rs.getString(5))));
            }
        }
        return out;
    }

    private static String defaultProbeSql(int index, DefaultProbe p) {
        String table = p.partition().sql();
        return p.rangeKey().map(k -> {
            // Order by d.<col>, qualified: a bare name would bind to the ::text output column of the
            // same name and order numbers as text ('999001' > '2499001').
            String col = "d." + Sql.ident(k);
            String probe = "(SELECT " + col + "::text FROM " + table + " AS d WHERE " + col + " IS NOT NULL ORDER BY "
                    + col + "%s LIMIT 1)";
            return "(SELECT " + index + ", count(*), count(*) FILTER (WHERE " + col + " IS NULL), "
                    + probe.formatted("") + ", " + probe.formatted(" DESC") + " FROM " + table + " AS d)";
        }).orElse("(SELECT " + index + ", count(*), 0::bigint, NULL::text, NULL::text FROM " + table + ")");
    }

    /**
     * The greatest key value of a numeric RANGE table, looked up partition by partition from the
     * top (premade partitions are empty, so this stops after a few cheap probes) instead of one
     * {@code max()} over the parent, which without an index would scan every partition.
     */
    static Optional<String> highestKey(Connection c, String keyColumn, List<CatalogReader.RawPartition> byUpper)
            throws SQLException {
        String col = Sql.ident(keyColumn);
        int probes = 0;
        try (Statement s = c.createStatement()) {
            for (int i = byUpper.size() - 1; i >= 0 && probes < HIGHEST_KEY_PROBES; i--, probes++) {
                String sql = "SELECT max(" + col + ")::text FROM " + byUpper.get(i).partition().name().sql();
                try (ResultSet rs = s.executeQuery(sql)) {
                    rs.next();
                    String v = rs.getString(1);
                    if (v != null) {
                        return Optional.of(v);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static PreparedStatement prepare(Connection c, String sql, Long[] oids) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        Array array = c.createArrayOf("bigint", oids);
        ps.setArray(1, array);
        return ps;
    }
}
