package dev.pgpart.api;

import dev.pgpart.internal.catalog.Catalog;
import dev.pgpart.internal.catalog.CatalogReader;
import dev.pgpart.sql.QualifiedName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one table's catalog over a connection pgpart does not own (a migration tool's, possibly
 * inside its transaction). The reader expects UTC and ISO output; those settings are set for the
 * read and put back after it, so the connection is left as it was.
 */
final class CatalogSnapshot {
    private static final List<String> NAMES = List.of("TimeZone", "DateStyle", "IntervalStyle");
    private static final List<String> VALUES = List.of("UTC", "ISO, YMD", "postgres");

    private CatalogSnapshot() {
    }

    static Catalog read(Connection c, QualifiedName table) throws SQLException {
        List<String> saved = set(c, VALUES);
        Catalog catalog;
        try {
            catalog = new CatalogReader().read(c, List.of(table));
        } catch (SQLException | RuntimeException e) {
            try {
                set(c, saved);
            } catch (SQLException restore) {
                e.addSuppressed(restore);
            }
            throw e;
        }
        set(c, saved);
        return catalog;
    }

    static String currentUser(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT current_user"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Sets the three settings for the session and returns what they were. */
    private static List<String> set(Connection c, List<String> values) throws SQLException {
        List<String> before = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.current_setting(?), pg_catalog.set_config(?, ?, false)")) {
            for (int i = 0; i < NAMES.size(); i++) {
                ps.setString(1, NAMES.get(i));
                ps.setString(2, NAMES.get(i));
                ps.setString(3, values.get(i));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    before.add(rs.getString(1));
                }
            }
        }
        return before;
    }
}
