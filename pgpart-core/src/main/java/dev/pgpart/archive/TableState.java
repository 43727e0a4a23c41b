package dev.pgpart.archive;

import dev.pgpart.sql.QualifiedName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Where a partition being archived is now, as the catalog says: a resumed job starts from this, not from memory. */
enum TableState {
    ATTACHED, DETACH_PENDING, DETACHED, MISSING;

    private static final String SQL = "SELECT c.relispartition, coalesce(i.inhdetachpending, false)"
            + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " LEFT JOIN pg_catalog.pg_inherits i ON i.inhrelid = c.oid"
            + " WHERE n.nspname = ? AND c.relname = ?";

    static TableState of(Connection c, QualifiedName table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setString(1, table.schema());
            ps.setString(2, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return MISSING;
                }
                if (rs.getBoolean(2)) {
                    return DETACH_PENDING;
                }
                return rs.getBoolean(1) ? ATTACHED : DETACHED;
            }
        }
    }
}
