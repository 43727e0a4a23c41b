package dev.pgpart.convert.copy;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.sql.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the copy strategy refuses before it creates anything, each with the way out. The full
 * preflight (plan output, estimates) is {@code convert plan}'s; these are the shapes the engine
 * itself cannot convert without losing a write or failing an application statement.
 */
final class CopyChecks {
    private CopyChecks() {
    }

    static void refuseUnsupported(Connection c, Source s, String key) throws SQLException {
        List<String> problems = new ArrayList<>();
        String table = s.name().toString();
        if (!relkind(c, s.oid()).equals("r")) {
            problems.add(table + " is not a plain table (relkind " + relkind(c, s.oid()) + ")");
        }
        if (s.primaryKey().isEmpty()) {
            problems.add(table + " has no primary key: the backfill walks it and the sync triggers find rows by it;"
                    + " add one (ALTER TABLE ... ADD PRIMARY KEY USING INDEX an index built CONCURRENTLY)");
        }
        s.column(key).ifPresentOrElse(k -> {
            if (!k.notNull()) {
                problems.add(nullableKey(c, s, key));
            }
        }, () -> problems.add(table + " has no column " + Sql.identIfNeeded(key) + " to partition by"));
        for (Source.Index i : s.indexes()) {
            if (i.unique() && !i.columns().contains(key)) {
                problems.add("unique index " + Sql.identIfNeeded(i.name()) + " does not contain " + Sql.identIfNeeded(key)
                        + ": a partitioned table can only enforce uniqueness that includes the partition key;"
                        + " replace it with one on its columns plus " + Sql.identIfNeeded(key));
            }
        }
        problems.addAll(dependents(c, s));
        for (String helper : List.of(CopyNames.TRIGGER, CopyNames.TRUNCATE_TRIGGER)) {
            if (hasTrigger(c, s.oid(), helper)) {
                problems.add(table + " already has a trigger " + helper + " that pgpart did not install; rename it");
            }
        }
        if (!problems.isEmpty()) {
            throw new PgpartException(ErrorCode.UNSAFE, "cannot convert " + table + " with the copy strategy: "
                    + String.join("; ", problems) + ". Nothing was changed");
        }
    }

    /**
     * A NULL key fits no range partition; it would land in the default, but the new primary key
     * includes the key column, which makes it NOT NULL. So the column must be NOT NULL before the
     * conversion starts, or the first application INSERT of a NULL would fail in the sync trigger.
     */
    private static String nullableKey(Connection c, Source s, String key) {
        String nulls;
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + s.name().sql() + " WHERE "
                + Sql.ident(key) + " IS NULL")) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                nulls = rs.getLong(1) + " row(s) have NULL there";
            }
        } catch (SQLException e) {
            nulls = "could not count the NULLs: " + e.getMessage();
        }
        String k = Sql.ident(key);
        String t = s.name().sql();
        return "the partition key " + Sql.identIfNeeded(key) + " of " + s.name() + " allows NULL (" + nulls + "),"
                + " and a partitioned table's primary key must include it, which makes it NOT NULL. Set the NULLs"
                + " to a value, then without a long lock: ALTER TABLE " + t + " ADD CONSTRAINT key_not_null CHECK ("
                + k + " IS NOT NULL) NOT VALID; ALTER TABLE " + t + " VALIDATE CONSTRAINT key_not_null; ALTER TABLE "
                + t + " ALTER COLUMN " + k + " SET NOT NULL (it reuses the validated check)";
    }

    private static List<String> dependents(Connection c, Source s) throws SQLException {
        List<String> out = new ArrayList<>();
        String fks = "SELECT conname, conrelid::regclass::text FROM pg_constraint WHERE confrelid = ? AND contype = 'f'"
                + " AND conrelid <> confrelid ORDER BY 1";
        try (PreparedStatement ps = c.prepareStatement(fks)) {
            ps.setLong(1, s.oid());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add("foreign key " + rs.getString(1) + " of " + rs.getString(2) + " references " + s.name()
                            + ": the copy strategy does not move incoming foreign keys yet; drop it for the conversion"
                            + " and recreate it afterwards on a key that includes the partition column");
                }
            }
        }
        String matviews = """
                SELECT DISTINCT v.oid::regclass::text FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid
                JOIN pg_class v ON v.oid = r.ev_class
                WHERE d.classid = 'pg_rewrite'::regclass AND d.refobjid = ? AND v.relkind = 'm' ORDER BY 1""";
        try (PreparedStatement ps = c.prepareStatement(matviews)) {
            ps.setLong(1, s.oid());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add("materialized view " + rs.getString(1) + " reads " + s.name() + " and cannot be pointed at"
                            + " the new table in place; drop it for the conversion and create it again afterwards");
                }
            }
        }
        return out;
    }

    private static String relkind(Connection c, long oid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT relkind::text FROM pg_class WHERE oid = ?")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
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
