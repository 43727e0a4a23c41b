package dev.pgpart.internal.catalog;

import dev.pgpart.sql.QualifiedName;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@link MoveHazards} of every default partition in three queries (foreign keys,
 * triggers and rules, publications), and, only when some exist, whether this role may suppress them.
 */
final class MoveHazardsQuery {
    /** A default partition and its parent, by position in the query's arrays. */
    record Probe(QualifiedName parent, QualifiedName defaultPartition) {
    }

    // Other tables' foreign keys reach a partitioned table through one cloned constraint per
    // partition: name each by its top-level constraint and the table that declared it.
    private static final String KEYS = """
            SELECT DISTINCT w.i, rn.nspname, rc.relname, root.conname, k.confdeltype
            FROM unnest(?::int[], ?::text[]) AS w(i, def)
            JOIN pg_catalog.pg_constraint k ON k.contype = 'f' AND k.confrelid = to_regclass(w.def)
            CROSS JOIN LATERAL (
                WITH RECURSIVE up(oid, parent, conname, conrelid) AS (
                    SELECT k.oid, k.conparentid, k.conname, k.conrelid
                    UNION ALL
                    SELECT p.oid, p.conparentid, p.conname, p.conrelid
                    FROM pg_catalog.pg_constraint p JOIN up ON p.oid = up.parent)
                SELECT conname, conrelid FROM up WHERE parent = 0) root
            JOIN pg_catalog.pg_class rc ON rc.oid = root.conrelid
            JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace""";

    // tgtype bits: 1 row, 4 insert, 8 delete. The move DELETEs from the default and, once the new
    // partition is attached (and has the parent's row triggers), INSERTs into it. Foreign-key
    // triggers are covered by KEYS unless they were set to fire even in replica mode.
    private static final String TRIGGERS = """
            SELECT w.i, tn.nspname, tc.relname, t.tgname, t.tgenabled, 'trigger'
            FROM unnest(?::int[], ?::text[], ?::text[]) AS w(i, parent, def)
            JOIN pg_catalog.pg_trigger t ON (t.tgrelid = to_regclass(w.def) AND (t.tgtype & 8) <> 0)
                                         OR (t.tgrelid = to_regclass(w.parent) AND (t.tgtype & 5) = 5)
            JOIN pg_catalog.pg_class tc ON tc.oid = t.tgrelid
            JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace
            LEFT JOIN pg_catalog.pg_constraint k ON k.oid = t.tgconstraint
            WHERE t.tgenabled <> 'D'
              AND (k.contype IS DISTINCT FROM 'f' OR (t.tgrelid = to_regclass(w.def) AND t.tgenabled IN ('A', 'R')))
            UNION ALL
            SELECT w.i, rn.nspname, rc.relname, r.rulename, r.ev_enabled, 'rule'
            FROM unnest(?::int[], ?::text[], ?::text[]) AS w(i, parent, def)
            JOIN pg_catalog.pg_rewrite r ON r.ev_class = to_regclass(w.def) AND r.ev_type = '4'
            JOIN pg_catalog.pg_class rc ON rc.oid = r.ev_class
            JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
            WHERE r.ev_enabled <> 'D'""";

    // pg_publication_tables lists a partition itself only for publications that do not publish
    // through the root; those are the ones whose subscribers would lose moved rows.
    private static final String PUBLICATIONS = """
            SELECT DISTINCT w.i, pt.pubname
            FROM unnest(?::int[], ?::text[], ?::text[]) AS w(i, schema_name, table_name)
            JOIN pg_catalog.pg_publication_tables pt ON pt.schemaname = w.schema_name AND pt.tablename = w.table_name
            JOIN pg_catalog.pg_publication p ON p.pubname = pt.pubname
            WHERE NOT p.pubviaroot AND (p.pubinsert OR p.pubdelete)""";

    private MoveHazardsQuery() {
    }

    /** Hazards by parent; parents whose default has none are left out. */
    static Map<QualifiedName, MoveHazards> read(Connection c, List<Probe> probes) throws SQLException {
        Map<QualifiedName, MoveHazards> out = new HashMap<>();
        if (probes.isEmpty()) {
            return out;
        }
        Integer[] index = new Integer[probes.size()];
        String[] parents = new String[probes.size()];
        String[] defaults = new String[probes.size()];
        for (int i = 0; i < probes.size(); i++) {
            index[i] = i;
            parents[i] = probes.get(i).parent().sql();
            defaults[i] = probes.get(i).defaultPartition().sql();
        }
        List<List<MoveHazards.IncomingKey>> keys = lists(probes.size());
        List<List<MoveHazards.Trigger>> triggers = lists(probes.size());
        List<List<MoveHazards.Trigger>> always = lists(probes.size());
        try (PreparedStatement ps = c.prepareStatement(KEYS)) {
            ps.setArray(1, c.createArrayOf("int4", index));
            ps.setArray(2, c.createArrayOf("text", defaults));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.get(rs.getInt(1)).add(new MoveHazards.IncomingKey(QualifiedName.of(rs.getString(2), rs.getString(3)),
                            rs.getString(4), onDelete(rs.getString(5))));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(TRIGGERS)) {
            Array i = c.createArrayOf("int4", index);
            Array p = c.createArrayOf("text", parents);
            Array d = c.createArrayOf("text", defaults);
            ps.setArray(1, i);
            ps.setArray(2, p);
            ps.setArray(3, d);
            ps.setArray(4, i);
            ps.setArray(5, p);
            ps.setArray(6, d);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    MoveHazards.Trigger t = new MoveHazards.Trigger(QualifiedName.of(rs.getString(2), rs.getString(3)),
                            rs.getString(4), rs.getString(6));
                    boolean firesInReplica = "A".equals(rs.getString(5)) || "R".equals(rs.getString(5));
                    (firesInReplica ? always : triggers).get(rs.getInt(1)).add(t);
                }
            }
        }
        List<List<String>> publications = lists(probes.size());
        try (PreparedStatement ps = c.prepareStatement(PUBLICATIONS)) {
            ps.setArray(1, c.createArrayOf("int4", index));
            ps.setArray(2, c.createArrayOf("text", probes.stream().map(p -> p.defaultPartition().schema()).toArray()));
            ps.setArray(3, c.createArrayOf("text", probes.stream().map(p -> p.defaultPartition().name()).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    publications.get(rs.getInt(1)).add(rs.getString(2));
                }
            }
        }
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < probes.size(); i++) {
            if (!keys.get(i).isEmpty() || !triggers.get(i).isEmpty() || !always.get(i).isEmpty()
                    || !publications.get(i).isEmpty()) {
                found.add(i);
            }
        }
        if (found.isEmpty()) {
            return out;
        }
        boolean may = roleMaySuppress(c);
        for (int i : found) {
            out.put(probes.get(i).parent(), new MoveHazards(keys.get(i), triggers.get(i), always.get(i),
                    publications.get(i), may));
        }
        return out;
    }

    /**
     * Tries {@code SET LOCAL session_replication_role} in a transaction that is rolled back: the
     * one test that holds for superusers, roles granted SET on the parameter (15+) and managed
     * services' own admin roles alike. Changes nothing.
     */
    static boolean roleMaySuppress(Connection c) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL session_replication_role = replica");
            return true;
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                return false;
            }
            throw e;
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
    }

    private static String onDelete(String code) {
        return switch (code) {
            case "c" -> "CASCADE";
            case "n" -> "SET NULL";
            case "d" -> "SET DEFAULT";
            case "r" -> "RESTRICT";
            default -> "NO ACTION";
        };
    }

    private static <T> List<List<T>> lists(int n) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new ArrayList<>());
        }
        return out;
    }
}
