package dev.pgpart.convert.copy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Catalog look-ups of the copy strategy's own objects (what it refuses is {@link CopyPlanner#blockers}). */
final class CopyChecks {
    private CopyChecks() {
    }

    static boolean hasTrigger(Connection c, long oid, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_trigger WHERE tgrelid = ? AND tgname = ?")) {
            ps.setLong(1, oid);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The table's comment, if it starts with the copy marker. */
    static boolean marked(Connection c, long oid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(obj_description(?, 'pg_class'), '') LIKE ?")) {
            ps.setLong(1, oid);
            ps.setString(2, CopyNames.MARKER + "%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
