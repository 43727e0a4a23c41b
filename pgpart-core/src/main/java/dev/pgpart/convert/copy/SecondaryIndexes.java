package dev.pgpart.convert.copy;

import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The new parent's non-unique indexes, built after the backfill while the sync trigger keeps
 * writing the new table: an invalid index {@code ON ONLY} the parent (catalog only), then per leaf
 * partition {@code CREATE INDEX CONCURRENTLY} and {@code ATTACH PARTITION}; PostgreSQL marks the
 * parent's index valid when every partition has one attached, and gives partitions created later
 * (by {@code pgpart maintain}) their own. Each statement is repeatable from the catalog, so a
 * killed build resumes with the partition it was at.
 */
final class SecondaryIndexes {
    private SecondaryIndexes() {
    }

    /** The original's indexes the new parent gets after the backfill, in name order (their position names the partitions' ones). */
    static List<Source.Index> deferred(Source s) {
        return s.indexes().stream().filter(i -> !i.unique())
                .sorted(java.util.Comparator.comparing(Source.Index::name)).toList();
    }

    static QualifiedName parentIndex(QualifiedName parent, Source.Index i) {
        return parent.sibling(NewParent.newIndexName(i.name()));
    }

    /** The {@code n}-th deferred index on {@code partition}: a fixed name, so a resumed build finds what a killed one left. */
    static QualifiedName partitionIndex(QualifiedName partition, int n) {
        return partition.sibling(CopyNames.suffixed(partition.name(), "_pgpart_ix" + n));
    }

    static String createOnParent(QualifiedName parent, Source.Index i) {
        // using() is pg_get_indexdef output (method, columns, opclasses, INCLUDE, WITH, WHERE): catalog text
        return "CREATE INDEX " + Sql.ident(parentIndex(parent, i).name()) + " ON ONLY " + parent.sql() + " USING " + i.using();
    }

    static String createOnPartition(QualifiedName partition, int n, Source.Index i) {
        return "CREATE INDEX CONCURRENTLY " + Sql.ident(partitionIndex(partition, n).name()) + " ON " + partition.sql()
                + " USING " + i.using();
    }

    static String attach(QualifiedName parent, Source.Index i, QualifiedName partition, int n) {
        return "ALTER INDEX " + parentIndex(parent, i).sql() + " ATTACH PARTITION " + partitionIndex(partition, n).sql();
    }

    /** Leaf partitions of {@code parent} that have no index attached to {@code parentIndex} yet. */
    static List<QualifiedName> missing(Connection c, QualifiedName parent, QualifiedName parentIndex) throws SQLException {
        String sql = "SELECT n.nspname, r.relname FROM pg_partition_tree(to_regclass(?)) t"
                + " JOIN pg_class r ON r.oid = t.relid JOIN pg_namespace n ON n.oid = r.relnamespace"
                + " WHERE t.isleaf AND NOT EXISTS (SELECT FROM pg_inherits h JOIN pg_index x ON x.indexrelid = h.inhrelid"
                + " WHERE h.inhparent = to_regclass(?) AND x.indrelid = t.relid) ORDER BY r.relname";
        List<QualifiedName> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parent.sql());
            ps.setString(2, parentIndex.sql());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new QualifiedName(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return out;
    }

    /** Whether the index exists and, if so, whether it is valid (a killed CONCURRENTLY build leaves it invalid). */
    static Optional<Boolean> valid(Connection c, QualifiedName index) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass(?)")) {
            ps.setString(1, index.sql());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBoolean(1)) : Optional.empty();
            }
        }
    }
}
