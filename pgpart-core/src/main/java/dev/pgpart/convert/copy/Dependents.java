package dev.pgpart.convert.copy;

import dev.pgpart.sql.QualifiedName;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What hangs on a table by OID and must follow its name across the swap: views, user triggers,
 * the table comment, row level security flags. Definitions are printed by PostgreSQL with
 * {@code search_path = pg_catalog}, so every name in them is schema-qualified; printed while the
 * table still has its name and executed after the rename, they bind to the table that has the
 * name then. They are SQL PostgreSQL printed from its catalog, never user input.
 */
final class Dependents {
    private Dependents() {
    }

    record View(QualifiedName name, String definition, List<String> options) {
        View {
            options = List.copyOf(options);
        }
    }

    /** {@code enabled} is {@code pg_trigger.tgenabled}: O(rigin), D(isabled), R(eplica), A(lways). */
    record Trigger(String name, String definition, char enabled) {
    }

    record Rls(boolean enabled, boolean forced) {
    }

    static List<View> views(Connection c, long oid) throws SQLException {
        String sql = """
                SELECT DISTINCT n.nspname, v.relname, pg_get_viewdef(v.oid), coalesce(v.reloptions, '{}')::text[]
                FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid JOIN pg_class v ON v.oid = r.ev_class
                JOIN pg_namespace n ON n.oid = v.relnamespace
                WHERE d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass
                  AND d.refobjid = ? AND v.oid <> ? AND v.relkind = 'v'
                ORDER BY 1, 2""";
        List<View> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, oid);
            ps.setLong(2, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new View(QualifiedName.of(rs.getString(1), rs.getString(2)), rs.getString(3),
                            strings(rs.getArray(4))));
                }
            }
        }
        return out;
    }

    static List<Trigger> triggers(Connection c, long oid) throws SQLException {
        String sql = "SELECT tgname, pg_get_triggerdef(oid), tgenabled FROM pg_trigger WHERE tgrelid = ?"
                + " AND NOT tgisinternal AND tgname <> ALL(?) ORDER BY tgname";
        List<Trigger> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, oid);
            ps.setArray(2, c.createArrayOf("text", new String[] {CopyNames.TRIGGER, CopyNames.TRUNCATE_TRIGGER}));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Trigger(rs.getString(1), rs.getString(2), rs.getString(3).charAt(0)));
                }
            }
        }
        return out;
    }

    /** Publications that list the table by name (FOR ALL TABLES ones cover any table and need nothing). */
    static List<String> publications(Connection c, long oid) throws SQLException {
        List<String> out = new java.util.ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT p.pubname FROM pg_publication_rel r"
                + " JOIN pg_publication p ON p.oid = r.prpubid WHERE r.prrelid = ? ORDER BY 1")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    static Optional<String> comment(Connection c, long oid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT obj_description(?, 'pg_class')")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Optional.ofNullable(rs.getString(1));
            }
        }
    }

    static Rls rls(Connection c, long oid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE oid = ?")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Rls(rs.getBoolean(1), rs.getBoolean(2));
            }
        }
    }

    /** Partitions (leaves and sub-parents) of a partitioned table. */
    static List<QualifiedName> partitions(Connection c, long oid) throws SQLException {
        String sql = """
                SELECT n.nspname, cl.relname FROM pg_partition_tree(?::oid::regclass) t
                JOIN pg_class cl ON cl.oid = t.relid JOIN pg_namespace n ON n.oid = cl.relnamespace
                WHERE t.level > 0 ORDER BY 1, 2""";
        List<QualifiedName> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(QualifiedName.of(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return out;
    }

    private static List<String> strings(Array a) throws SQLException {
        return List.of((String[]) a.getArray());
    }
}
