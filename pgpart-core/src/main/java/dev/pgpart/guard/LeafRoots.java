package dev.pgpart.guard;

import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.sql.QualifiedName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** Maps scanned relations to the root of their partition tree, in one catalog query. */
final class LeafRoots {
    /** A leaf partition's tree: its root, the root's strategy and how many leaves the tree has. */
    record Tree(QualifiedName root, TableInfo.Strategy strategy, int leaves) {
    }

    private LeafRoots() {
    }

    /** Only relations that are partitions appear in the result; plain tables do not. */
    static Map<QualifiedName, Tree> read(Connection c, Collection<QualifiedName> relations) throws SQLException {
        Map<QualifiedName, Tree> out = new HashMap<>();
        if (relations.isEmpty()) {
            return out;
        }
        // The leaf count is computed once per root, not once per scanned leaf: with thousands of
        // partitions, pg_partition_tree per leaf would be quadratic.
        String sql = """
                WITH leaf AS (
                    SELECT w.schema_name, w.table_name, pg_partition_root(c.oid) AS root
                    FROM unnest(?::text[], ?::text[]) AS w(schema_name, table_name)
                    JOIN pg_namespace n ON n.nspname = w.schema_name
                    JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = w.table_name
                    WHERE c.relispartition),
                sizes AS (
                    SELECT r.root, (SELECT count(*) FROM pg_partition_tree(r.root) t WHERE t.isleaf)::int AS leaves
                    FROM (SELECT DISTINCT root FROM leaf) r)
                SELECT leaf.schema_name, leaf.table_name, rn.nspname, rc.relname, pt.partstrat, sizes.leaves
                FROM leaf
                JOIN sizes ON sizes.root = leaf.root
                JOIN pg_class rc ON rc.oid = leaf.root
                JOIN pg_namespace rn ON rn.oid = rc.relnamespace
                JOIN pg_partitioned_table pt ON pt.partrelid = leaf.root""";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", relations.stream().map(QualifiedName::schema).toArray()));
            ps.setArray(2, c.createArrayOf("text", relations.stream().map(QualifiedName::name).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(QualifiedName.of(rs.getString(1), rs.getString(2)), new Tree(
                            QualifiedName.of(rs.getString(3), rs.getString(4)), strategy(rs.getString(5)), rs.getInt(6)));
                }
            }
        }
        return out;
    }

    private static TableInfo.Strategy strategy(String partstrat) {
        return switch (partstrat) {
            case "r" -> TableInfo.Strategy.RANGE;
            case "l" -> TableInfo.Strategy.LIST;
            case "h" -> TableInfo.Strategy.HASH;
            default -> throw new IllegalStateException("unknown partition strategy '" + partstrat + "' in pg_partitioned_table");
        };
    }
}
