package dev.pgpart.convert;

import dev.pgpart.internal.catalog.Catalog;
import dev.pgpart.internal.catalog.CatalogReader;
import dev.pgpart.internal.catalog.TableInfo;
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
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Reads a {@link Source} in a fixed number of queries (about fifteen, whatever the table holds).
 * Run it inside a transaction: {@link #read} sets {@code search_path} to {@code pg_catalog} for that
 * transaction only, so the definitions PostgreSQL prints name every object with its schema.
 */
public final class SourceReader {
    private SourceReader() {
    }

    /**
     * @param boundaryOf the boundary the plan would choose, given the key column and its highest value (literal) or none
     * @return empty when the table does not exist
     */
    public static Optional<Source> read(Connection c, QualifiedName table, Optional<String> keyName,
                                        BiFunction<Source.Col, Optional<String>, Optional<String>> boundaryOf) throws SQLException {
        return read(c, table, keyName, boundaryOf, true);
    }

    /** @param scanKeys also look at the rows' keys (NULLs, min, max, rows above the boundary): up to two scans */
    public static Optional<Source> read(Connection c, QualifiedName table, Optional<String> keyName,
                                        BiFunction<Source.Col, Optional<String>, Optional<String>> boundaryOf, boolean scanKeys)
            throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL search_path = pg_catalog, pg_temp");
        }
        Optional<long[]> basics = basics(c, table);
        if (basics.isEmpty()) {
            return Optional.empty();
        }
        long oid = basics.get()[0];
        Catalog catalog = new CatalogReader().read(c, List.of(table));
        TableInfo info = catalog.table(table).orElseThrow();
        List<Source.Col> columns = columns(c, oid);
        Optional<Source.Col> key = keyName.flatMap(k -> columns.stream().filter(col -> col.name().equals(k)).findFirst());
        Source.KeyStats stats = scanKeys && key.isPresent() && info.kind() == TableInfo.Kind.TABLE
                ? keyStats(c, table, key.get(), boundaryOf) : Source.KeyStats.NONE;
        return Optional.of(new Source(table, info, basics.get()[1], basics.get()[2], basics.get()[3],
                text(c, "SELECT obj_description(?::oid, 'pg_class')", oid), basics.get()[4] != 0, columns,
                constraints(c, oid), indexes(c, oid), incomingFks(c, oid, keyName.orElse("")), dependents(c, oid),
                triggers(c, oid), strings(c, """
                        SELECT p.pubname FROM pg_publication p JOIN pg_publication_rel r ON r.prpubid = p.oid
                        WHERE r.prrelid = ? AND NOT p.puballtables ORDER BY 1""", oid),
                strings(c, "SELECT stxname FROM pg_statistic_ext WHERE stxrelid = ? ORDER BY 1", oid), key, stats,
                text(c, "SELECT current_user::text WHERE ?::oid IS NOT NULL", oid).orElseThrow(), catalog.serverVersionNum()));
    }

    /**
     * oid, estimated rows, heap bytes, index bytes, 1 when in an inheritance tree. The children are
     * looked up (relhassubclass stays true after the last child is dropped), without the attach
     * conversion's own routing child, which the swap or undo removes.
     */
    private static Optional<long[]> basics(Connection c, QualifiedName t) throws SQLException {
        String sql = """
                SELECT c.oid, greatest(c.reltuples, 0)::bigint, pg_table_size(c.oid), pg_indexes_size(c.oid),
                       (EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class k ON k.oid = i.inhrelid
                                WHERE i.inhparent = c.oid AND k.relname <> ?)
                        OR EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid))::int
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?""";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, Names.derived(t.name(), Names.ABOVE_SUFFIX));
            ps.setString(2, t.schema());
            ps.setString(3, t.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)})
                        : Optional.empty();
            }
        }
    }

    private static List<Source.Col> columns(Connection c, long oid) throws SQLException {
        String sql = """
                SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attidentity::text, a.attgenerated <> '',
                       sn.nspname, s.relname, q.seqincrement, q.seqmin, q.seqmax, q.seqcache, q.seqcycle,
                       CASE WHEN s.oid IS NULL THEN NULL
                            WHEN ps.last_value IS NULL THEN q.seqstart ELSE ps.last_value + q.seqincrement END,
                       ARRAY(SELECT CASE WHEN g.grantee = 0 THEN 'public' ELSE pg_get_userbyid(g.grantee)::text END
                             FROM aclexplode(s.relacl) g WHERE g.grantee <> s.relowner ORDER BY 1, g.privilege_type),
                       ARRAY(SELECT g.privilege_type FROM aclexplode(s.relacl) g WHERE g.grantee <> s.relowner
                             ORDER BY CASE WHEN g.grantee = 0 THEN 'public' ELSE pg_get_userbyid(g.grantee)::text END, 1),
                       ARRAY(SELECT g.is_grantable::text FROM aclexplode(s.relacl) g WHERE g.grantee <> s.relowner
                             ORDER BY CASE WHEN g.grantee = 0 THEN 'public' ELSE pg_get_userbyid(g.grantee)::text END,
                             g.privilege_type)
                FROM pg_attribute a
                LEFT JOIN LATERAL (SELECT sq.* FROM pg_depend d JOIN pg_class sq ON sq.oid = d.objid AND sq.relkind = 'S'
                     WHERE d.refclassid = 'pg_class'::regclass AND d.refobjid = a.attrelid AND d.refobjsubid = a.attnum
                     AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') LIMIT 1) s ON true
                LEFT JOIN pg_namespace sn ON sn.oid = s.relnamespace
                LEFT JOIN pg_sequence q ON q.seqrelid = s.oid
                LEFT JOIN pg_sequences ps ON ps.schemaname = sn.nspname AND ps.sequencename = s.relname
                WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum""";
        List<Source.Col> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String identity = rs.getString(4);
                    Optional<Source.Seq> seq = rs.getString(7) == null ? Optional.empty()
                            : Optional.of(new Source.Seq(QualifiedName.of(rs.getString(6), rs.getString(7)), rs.getLong(8),
                            rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getBoolean(12), rs.getLong(13),
                            grants(list(rs.getArray(14)), list(rs.getArray(15)), list(rs.getArray(16)))));
                    out.add(new Source.Col(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                            identity == null || identity.isEmpty() ? Optional.empty() : Optional.of(identity.charAt(0)),
                            rs.getBoolean(5), seq));
                }
            }
        }
        return out;
    }

    private static List<Source.SeqGrant> grants(List<String> grantees, List<String> privileges, List<String> grantable) {
        List<Source.SeqGrant> out = new ArrayList<>();
        for (int i = 0; i < grantees.size(); i++) {
            out.add(new Source.SeqGrant(grantees.get(i), privileges.get(i), Boolean.parseBoolean(grantable.get(i))));
        }
        return out;
    }

    private static List<Source.Con> constraints(Connection c, long oid) throws SQLException {
        String sql = """
                SELECT k.conname, k.contype::text, ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(n, o)
                       JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.o),
                       pg_get_constraintdef(k.oid), k.convalidated
                FROM pg_constraint k WHERE k.conrelid = ? ORDER BY k.conname""";
        List<Source.Con> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Source.Con(rs.getString(1), rs.getString(2).charAt(0), list(rs.getArray(3)), rs.getString(4),
                            rs.getBoolean(5)));
                }
            }
        }
        return out;
    }

    private static List<Source.Idx> indexes(Connection c, long oid) throws SQLException {
        String sql = """
                SELECT ic.relname, x.indisunique, ARRAY(SELECT coalesce(a.attname::text, '') FROM unnest(x.indkey::int2[])
                       WITH ORDINALITY u(n, o) LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = u.n
                       WHERE u.o <= x.indnkeyatts ORDER BY u.o),
                       x.indexprs IS NOT NULL OR x.indpred IS NOT NULL, pg_get_indexdef(x.indexrelid),
                       (SELECT k.conname FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.conrelid = x.indrelid),
                       x.indisvalid,
                       'CREATE ' || CASE WHEN x.indisunique THEN 'UNIQUE ' ELSE '' END || 'INDEX ' || quote_ident(ic.relname) || ' ON ',
                       quote_ident(n.nspname) || '.' || quote_ident(t.relname), quote_ident(t.relname)
                FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace WHERE x.indrelid = ? ORDER BY ic.relname""";
        List<Source.Idx> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String def = rs.getString(5);
                    out.add(new Source.Idx(rs.getString(1), rs.getBoolean(2), list(rs.getArray(3)), rs.getBoolean(4),
                            def, Optional.ofNullable(rs.getString(6)), rs.getBoolean(7),
                            using(rs.getString(1), def, rs.getString(8), rs.getString(9), rs.getString(10))));
                }
            }
        }
        return out;
    }

    /**
     * The part of {@code def} after {@code USING}: the prefix pg_get_indexdef prints before it is
     * rebuilt with quote_ident, so it is cut off exactly whatever the names contain (the table
     * printed qualified or not, {@code ON ONLY} for a partitioned table).
     */
    private static String using(String name, String def, String head, String qualified, String plain) {
        for (String table : List.of(qualified, plain, "ONLY " + qualified, "ONLY " + plain)) {
            String prefix = head + table + " USING ";
            if (def.startsWith(prefix)) {
                return def.substring(prefix.length());
            }
        }
        throw new dev.pgpart.PgpartException(dev.pgpart.ErrorCode.INTERNAL, "cannot read the definition of index "
                + name + ": " + def);
    }

    static List<Source.IncomingFk> incomingFks(Connection c, long oid, String key) throws SQLException {
        String sql = """
                SELECT k.conname, n.nspname, r.relname,
                       ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(n, o)
                             JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.o),
                       ARRAY(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY u(n, o)
                             JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.o),
                       k.confdeltype::text, k.confupdtype::text,
                       EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = k.conrelid AND a.attname = ? AND NOT a.attisdropped),
                       pg_get_constraintdef(k.oid), k.confmatchtype = 'f', k.condeferrable, k.condeferred
                FROM pg_constraint k JOIN pg_class r ON r.oid = k.conrelid JOIN pg_namespace n ON n.oid = r.relnamespace
                WHERE k.contype = 'f' AND k.confrelid = ? AND k.conparentid = 0 ORDER BY n.nspname, r.relname, k.conname""";
        List<Source.IncomingFk> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            ps.setLong(2, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Source.IncomingFk(rs.getString(1), QualifiedName.of(rs.getString(2), rs.getString(3)),
                            list(rs.getArray(4)), list(rs.getArray(5)), rs.getString(6).charAt(0), rs.getString(7).charAt(0),
                            rs.getBoolean(8), rs.getString(9), rs.getBoolean(10), rs.getBoolean(11), rs.getBoolean(12)));
                }
            }
        }
        return out;
    }

    private static List<Source.Dependent> dependents(Connection c, long oid) throws SQLException {
        String sql = """
                SELECT DISTINCT n.nspname, v.relname, v.relkind = 'm', pg_get_viewdef(v.oid)
                FROM pg_depend d JOIN pg_rewrite w ON w.oid = d.objid AND d.classid = 'pg_rewrite'::regclass
                JOIN pg_class v ON v.oid = w.ev_class JOIN pg_namespace n ON n.oid = v.relnamespace
                WHERE d.refclassid = 'pg_class'::regclass AND d.refobjid = ? AND v.oid <> d.refobjid ORDER BY 1, 2""";
        List<Source.Dependent> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Source.Dependent(QualifiedName.of(rs.getString(1), rs.getString(2)), rs.getBoolean(3),
                            rs.getString(4)));
                }
            }
        }
        return out;
    }

    private static List<Source.Trig> triggers(Connection c, long oid) throws SQLException {
        // tgtype bits (pg_trigger.h): 1 ROW, 2 BEFORE, 4 INSERT
        String sql = "SELECT tgname, pg_get_triggerdef(oid), tgconstraint <> 0, tgtype::int & 7 = 7 FROM pg_trigger"
                + " WHERE tgrelid = ? AND NOT tgisinternal AND tgname <> ? ORDER BY tgname";
        List<Source.Trig> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, oid);
            ps.setString(2, Names.ROUTE_TRIGGER); // the conversion's own, removed at the swap: not the user's to carry over
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Source.Trig(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4)));
                }
            }
        }
        return out;
    }

    /**
     * Two scans at most (one when the key is NOT NULL and indexed): NULLs, min and max, then the rows
     * at or above the boundary. The key column and table go through the renderer; the boundary is a literal.
     */
    private static Source.KeyStats keyStats(Connection c, QualifiedName t, Source.Col key,
                                            BiFunction<Source.Col, Optional<String>, Optional<String>> boundaryOf) throws SQLException {
        String col = Sql.ident(key.name());
        String sql = "SELECT " + (key.notNull() ? "false" : "EXISTS (SELECT 1 FROM " + t.sql() + " WHERE " + col + " IS NULL)")
                + ", min(" + col + ")::text, max(" + col + ")::text FROM " + t.sql();
        boolean nulls;
        Optional<String> min;
        Optional<String> max;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            nulls = rs.getBoolean(1);
            min = Optional.ofNullable(rs.getString(2));
            max = Optional.ofNullable(rs.getString(3));
        }
        Optional<String> boundary = boundaryOf.apply(key, max);
        long above = 0;
        if (boundary.isPresent() && max.isPresent()) {
            String count = "SELECT count(*) FROM " + t.sql() + " WHERE " + col + " >= " + Sql.literal(boundary.get());
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(count)) {
                rs.next();
                above = rs.getLong(1);
            }
        }
        return new Source.KeyStats(nulls, min, max, above);
    }

    private static Optional<String> text(Connection c, String sql, long oid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static List<String> strings(Connection c, String sql, long oid) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static List<String> list(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }
}
