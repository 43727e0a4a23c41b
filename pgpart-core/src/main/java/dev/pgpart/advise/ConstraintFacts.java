package dev.pgpart.advise;

import dev.pgpart.sql.QualifiedName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Primary keys and unique constraints of conversion targets, and the foreign keys that matter: one query each. */
final class ConstraintFacts {
    private static final String COLUMNS = "ARRAY(SELECT a.attname FROM unnest(%s) WITH ORDINALITY u(attnum, ord)"
            + " JOIN pg_attribute a ON a.attrelid = %s AND a.attnum = u.attnum ORDER BY u.ord)::text[]";
    private static final String TARGETS = "unnest(?::text[], ?::text[]) AS w(schema_name, table_name)";

    private ConstraintFacts() {
    }

    /** @param targets plain tables pgpart.yml declares with {@code key:}; partitioned ones are not read */
    static List<KeyConstraint> uniques(Connection c, Collection<QualifiedName> targets) throws SQLException {
        List<KeyConstraint> out = new ArrayList<>();
        if (targets.isEmpty()) {
            return out;
        }
        String sql = "SELECT n.nspname, t.relname, k.conname, k.contype = 'p', " + COLUMNS.formatted("k.conkey", "t.oid")
                + " FROM " + TARGETS
                + " JOIN pg_namespace n ON n.nspname = w.schema_name"
                + " JOIN pg_class t ON t.relnamespace = n.oid AND t.relname = w.table_name AND t.relkind = 'r'"
                + " JOIN pg_constraint k ON k.conrelid = t.oid AND k.contype IN ('p', 'u')"
                + " ORDER BY 1, 2, 3";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bindTargets(c, ps, targets);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new KeyConstraint(Rows.name(rs, 1), rs.getString(3), rs.getBoolean(4), Rows.strings(rs, 5)));
                }
            }
        }
        return out;
    }

    /**
     * Foreign keys declared on a table (not the copies PostgreSQL makes on each partition) where
     * either side is partitioned or the referenced side is a plain conversion target.
     */
    static List<ForeignKey> foreignKeys(Connection c, Collection<QualifiedName> targets) throws SQLException {
        String referencingKey = "ARRAY(SELECT a.attname FROM pg_partitioned_table pt, unnest(pt.partattrs::int2[])"
                + " WITH ORDINALITY u(attnum, ord) JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum = u.attnum"
                + " WHERE pt.partrelid = r.oid ORDER BY u.ord)::text[]";
        String sql = "SELECT f.conname, rn.nspname, r.relname, " + COLUMNS.formatted("f.conkey", "r.oid") + ", "
                + referencingKey + ", tn.nspname, t.relname, " + COLUMNS.formatted("f.confkey", "t.oid")
                + ", t.relkind = 'p', f.confdeltype"
                + " FROM pg_constraint f"
                + " JOIN pg_class r ON r.oid = f.conrelid JOIN pg_namespace rn ON rn.oid = r.relnamespace"
                + " JOIN pg_class t ON t.oid = f.confrelid JOIN pg_namespace tn ON tn.oid = t.relnamespace"
                + " WHERE f.contype = 'f' AND f.conparentid = 0 AND NOT r.relispartition AND NOT t.relispartition"
                + " AND (r.relkind = 'p' OR t.relkind = 'p' OR (t.relkind = 'r' AND EXISTS (SELECT 1 FROM " + TARGETS
                + " WHERE w.schema_name = tn.nspname AND w.table_name = t.relname)))"
                + " AND " + Rows.userSchema("rn.nspname")
                + " ORDER BY 2, 3, 1";
        List<ForeignKey> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bindTargets(c, ps, targets);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ForeignKey(rs.getString(1), Rows.name(rs, 2), Rows.strings(rs, 4), Rows.strings(rs, 5),
                            Rows.name(rs, 6), Rows.strings(rs, 8), rs.getBoolean(9), rs.getString(10).charAt(0)));
                }
            }
        }
        return out;
    }

    private static void bindTargets(Connection c, PreparedStatement ps, Collection<QualifiedName> targets)
            throws SQLException {
        ps.setArray(1, c.createArrayOf("text", targets.stream().map(QualifiedName::schema).toArray()));
        ps.setArray(2, c.createArrayOf("text", targets.stream().map(QualifiedName::name).toArray()));
    }
}
