package dev.pgpart.convert.copy;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.sql.QualifiedName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a {@link Source} with bind parameters, in a fixed number of queries: the engine's reader
 * of what it builds from, at each phase (the preflight reads {@link dev.pgpart.convert.SourceReader},
 * and {@link Source#of} maps that one for {@code convert plan}).
 */
final class SourceReader {
    private SourceReader() {
    }

    /** The table, or empty when there is no relation of that name. */
    static Optional<Source> read(Connection c, QualifiedName table) throws SQLException {
        Optional<Long> oid = oid(c, table);
        if (oid.isEmpty()) {
            return Optional.empty();
        }
        long o = oid.get();
        List<String> pk = new ArrayList<>();
        String pkName = primaryKey(c, o, pk);
        return Optional.of(new Source(table, columns(c, o), pk, pkName, indexes(c, o), foreignKeys(c, o),
                sequences(c, o)));
    }

    static Optional<Long> oid(Connection c, QualifiedName table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?)::oid")) {
            ps.setString(1, table.sql());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long oid = rs.getLong(1);
                return rs.wasNull() ? Optional.empty() : Optional.of(oid);
            }
        }
    }

    private static List<Source.Col> columns(Connection c, long oid) throws SQLException {
        String sql = """
                SELECT attname, format_type(atttypid, atttypmod), attgenerated <> '', attidentity::text, attnotnull
                FROM pg_attribute WHERE attrelid = ? AND attnum > 0 AND NOT attisdropped ORDER BY attnum""";
        List<Source.Col> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(4);
                    out.add(new Source.Col(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                            id.isEmpty() ? Optional.empty() : Optional.of(id.charAt(0)), rs.getBoolean(5)));
                }
            }
        }
        return out;
    }

    /** Fills {@code into} with the primary key's columns and returns its name ("" when there is none). */
    private static String primaryKey(Connection c, long oid, List<String> into) throws SQLException {
        String sql = """
                SELECT ic.relname, a.attname
                FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
                CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY k(attnum, ord)
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                WHERE i.indrelid = ? AND i.indisprimary ORDER BY k.ord""";
        String name = "";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    name = rs.getString(1);
                    into.add(rs.getString(2));
                }
            }
        }
        return name;
    }

    private static List<Source.Index> indexes(Connection c, long oid) throws SQLException {
        // The prefix pg_get_indexdef prints before USING, rebuilt with quote_ident so that the rest
        // can be cut off exactly, whatever the names contain (the table may be printed qualified or not).
        String sql = """
                SELECT ic.relname, i.indisunique, pg_get_indexdef(i.indexrelid),
                       'CREATE ' || CASE WHEN i.indisunique THEN 'UNIQUE ' ELSE '' END || 'INDEX '
                           || quote_ident(ic.relname) || ' ON ',
                       quote_ident(n.nspname) || '.' || quote_ident(t.relname), quote_ident(t.relname),
                       ARRAY(SELECT a.attname FROM pg_attribute a
                             WHERE a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey::int2[]))
                FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE i.indrelid = ? AND NOT i.indisprimary AND i.indisvalid ORDER BY ic.relname""";
        List<Source.Index> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    String def = rs.getString(3);
                    String head = rs.getString(4);
                    String qualified = rs.getString(5);
                    String plain = rs.getString(6);
                    // "ON ONLY" for the index of a partitioned table
                    String rest = java.util.stream.Stream.of(qualified, plain, "ONLY " + qualified, "ONLY " + plain)
                            .map(t -> cut(def, head + t + " USING ")).flatMap(Optional::stream).findFirst()
                            .orElseThrow(() -> new PgpartException(ErrorCode.INTERNAL, "cannot read the definition of"
                                    + " index " + name + ": " + def));
                    List<String> cols = List.of((String[]) rs.getArray(7).getArray());
                    out.add(new Source.Index(name, rs.getBoolean(2), cols, rest));
                }
            }
        }
        return out;
    }

    private static Optional<String> cut(String def, String prefix) {
        return def.startsWith(prefix) ? Optional.of(def.substring(prefix.length())) : Optional.empty();
    }

    private static List<Source.ForeignKey> foreignKeys(Connection c, long oid) throws SQLException {
        String sql = "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = ? AND contype = 'f'"
                + " ORDER BY conname";
        List<Source.ForeignKey> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Source.ForeignKey(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return out;
    }

    private static List<Source.OwnedSequence> sequences(Connection c, long oid) throws SQLException {
        String sql = """
                SELECT n.nspname, s.relname, a.attname
                FROM pg_depend d JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
                JOIN pg_namespace n ON n.oid = s.relnamespace
                JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
                  AND d.refobjid = ? AND d.deptype = 'a' ORDER BY 2""";
        List<Source.OwnedSequence> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Source.OwnedSequence(QualifiedName.of(rs.getString(1), rs.getString(2)), rs.getString(3)));
                }
            }
        }
        return out;
    }
}
