package dev.pgpart.advise;

import dev.pgpart.sql.QualifiedName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The valid indexes of every leaf partition, and every index that is not valid: one query each. */
final class IndexFacts {
    private IndexFacts() {
    }

    static List<LeafIndexes> leaves(Connection c) throws SQLException {
        // the signature leaves out the index's and table's names, so siblings' indexes compare equal
        String sql = """
                SELECT pn.nspname, p.relname, cn.nspname, c.relname, xn.nspname, x.relname,
                       CASE WHEN i.indexrelid IS NOT NULL THEN
                         (CASE WHEN i.indisunique THEN 'UNIQUE ' ELSE '' END) || am.amname || ' ('
                         || array_to_string(ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true)
                                                  FROM generate_series(1, i.indnkeyatts) k ORDER BY k), ', ') || ')'
                         || coalesce(' WHERE ' || pg_get_expr(i.indpred, i.indrelid, true), '') END
                FROM pg_inherits h
                JOIN pg_class p ON p.oid = h.inhparent AND p.relkind = 'p' JOIN pg_namespace pn ON pn.oid = p.relnamespace
                JOIN pg_class c ON c.oid = h.inhrelid AND c.relkind = 'r' JOIN pg_namespace cn ON cn.oid = c.relnamespace
                LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisvalid
                LEFT JOIN pg_class x ON x.oid = i.indexrelid LEFT JOIN pg_namespace xn ON xn.oid = x.relnamespace
                LEFT JOIN pg_am am ON am.oid = x.relam
                WHERE %s
                ORDER BY 1, 2, 3, 4""".formatted(Rows.userSchema("pn.nspname"));
        Map<QualifiedName, QualifiedName> parents = new LinkedHashMap<>();
        Map<QualifiedName, Map<String, QualifiedName>> indexes = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                QualifiedName leaf = Rows.name(rs, 3);
                parents.put(leaf, Rows.name(rs, 1));
                Map<String, QualifiedName> own = indexes.computeIfAbsent(leaf, k -> new HashMap<>());
                if (rs.getString(7) != null) {
                    own.putIfAbsent(rs.getString(7), Rows.name(rs, 5));
                }
            }
        }
        List<LeafIndexes> out = new ArrayList<>();
        parents.forEach((leaf, parent) -> out.add(new LeafIndexes(parent, leaf, indexes.get(leaf))));
        return out;
    }

    static List<InvalidIndex> invalid(Connection c) throws SQLException {
        String sql = """
                SELECT tn.nspname, t.relname, xn.nspname, x.relname, x.relkind = 'I'
                FROM pg_index i
                JOIN pg_class x ON x.oid = i.indexrelid JOIN pg_namespace xn ON xn.oid = x.relnamespace
                JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace tn ON tn.oid = t.relnamespace
                WHERE NOT i.indisvalid AND %s
                ORDER BY 1, 2, 3, 4""".formatted(Rows.userSchema("tn.nspname"));
        List<InvalidIndex> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new InvalidIndex(Rows.name(rs, 1), Rows.name(rs, 3), rs.getBoolean(5)));
            }
        }
        return out;
    }
}
