package dev.pgpart.convert.copy;

import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;

/**
 * Identity columns across the swap. An identity sequence belongs to its table and cannot be moved,
 * so at the swap the new table gets an identity of its own with the original's options, continuing
 * from the original's last value; at undo, the original's sequence is moved past whatever the new
 * one handed out in the meantime, so no id is issued twice.
 */
final class Identities {
    private Identities() {
    }

    record Options(long increment, long min, long max, long cache, boolean cycle, OptionalLong last) {
    }

    static Options read(Connection c, QualifiedName table, String column) throws SQLException {
        String sql = """
                SELECT s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
                       pg_sequence_last_value(s.seqrelid)
                FROM pg_sequence s WHERE s.seqrelid = to_regclass(pg_get_serial_sequence(?, ?))""";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, table.sql());
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("identity column " + column + " of " + table + " has no sequence");
                }
                long last = rs.getLong(6);
                return new Options(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getBoolean(5),
                        rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(last));
            }
        }
    }

    /** Numbers only: nothing here comes from user text. */
    static String add(QualifiedName table, String column, char kind, Options o) {
        return "ALTER TABLE " + table.sql() + " ALTER COLUMN " + Sql.ident(column) + " ADD GENERATED "
                + (kind == 'a' ? "ALWAYS" : "BY DEFAULT") + " AS IDENTITY (INCREMENT BY " + o.increment()
                + " MINVALUE " + o.min() + " MAXVALUE " + o.max() + " CACHE " + o.cache() + (o.cycle() ? " CYCLE" : " NO CYCLE")
                + ")";
    }

    static void setLast(Connection c, QualifiedName table, String column, long last) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT setval(pg_get_serial_sequence(?, ?), ?, true)")) {
            ps.setString(1, table.sql());
            ps.setString(2, column);
            ps.setLong(3, last);
            ps.executeQuery().close();
        }
    }

    /** The greater of two last values, in the direction the sequence counts. */
    static OptionalLong ahead(Options o, OptionalLong other) {
        if (o.last().isEmpty()) {
            return other;
        }
        if (other.isEmpty()) {
            return o.last();
        }
        long a = o.last().getAsLong();
        long b = other.getAsLong();
        return OptionalLong.of(o.increment() > 0 ? Math.max(a, b) : Math.min(a, b));
    }
}
