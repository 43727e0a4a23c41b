package dev.pgpart.convert.copy;

import dev.pgpart.api.Bound;
import dev.pgpart.internal.catalog.Catalog;
import dev.pgpart.internal.catalog.CatalogReader;
import dev.pgpart.internal.catalog.Partition;
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Compares two tables range by range: row count and an order-independent checksum (the sum of a
 * 64-bit hash of each row's text) per key range, one scan of each table, both in one REPEATABLE
 * READ snapshot. The trigger writes both tables in the application's transaction, so any snapshot
 * sees them equal: no quiet period is needed. Ranges are the new table's partitions; keys below,
 * between or above them are the default's.
 */
final class Verification {
    private Verification() {
    }

    /** One range that differs. */
    record Difference(String range, long oldRows, long newRows, BigDecimal oldSum, BigDecimal newSum) {
        String describe() {
            return "range " + range + ": the original has " + oldRows + " row(s) (checksum " + oldSum + "), the new table "
                    + newRows + " (checksum " + newSum + ")";
        }
    }

    /** Call inside a transaction started with REPEATABLE READ. */
    static Optional<Difference> firstDifference(Connection c, QualifiedName original, QualifiedName partitioned,
                                                String key, String keyType, List<String> columns) throws SQLException {
        Catalog cat = new CatalogReader().read(c, List.of(partitioned));
        TableInfo info = cat.table(partitioned).orElseThrow();
        List<String> thresholds = thresholds(info);
        Map<Integer, long[]> counts = new HashMap<>();
        Map<Integer, BigDecimal[]> sums = new HashMap<>();
        scan(c, original, key, keyType, columns, thresholds, 0, counts, sums);
        scan(c, partitioned, key, keyType, columns, thresholds, 1, counts, sums);
        for (int b = 0; b <= thresholds.size(); b++) {
            long[] n = counts.getOrDefault(b, new long[2]);
            BigDecimal[] h = sums.getOrDefault(b, new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            if (n[0] != n[1] || h[0].compareTo(h[1]) != 0) {
                return Optional.of(new Difference(name(info, thresholds, b), n[0], n[1], h[0], h[1]));
            }
        }
        return Optional.empty();
    }

    /** Sorted distinct range bounds of the partitions (RANGE tables); empty otherwise (one bucket). */
    private static List<String> thresholds(TableInfo info) {
        if (info.strategy().isEmpty() || info.strategy().get() != TableInfo.Strategy.RANGE
                || info.singleKeyColumn().isEmpty()) {
            return List.of();
        }
        var type = info.singleKeyColumn().get().type();
        TreeSet<BigDecimal> ordinals = new TreeSet<>();
        Map<BigDecimal, String> literal = new HashMap<>();
        for (Partition p : info.partitions()) {
            if (p.bound() instanceof Bound.Range r) {
                for (Optional<String> side : List.of(r.from(), r.to())) {
                    side.ifPresent(v -> {
                        BigDecimal o = type.toOrdinal(v);
                        ordinals.add(o);
                        literal.put(o, v);
                    });
                }
            }
        }
        return ordinals.stream().map(literal::get).toList();
    }

    /** Count and checksum per range bucket of {@code table}; binds the bounds as one text array when {@code bucketed}. */
    static String scanSql(QualifiedName table, String key, String keyType, List<String> columns, boolean bucketed) {
        String row = "ROW(" + columns.stream().map(Sql::ident).collect(Collectors.joining(", ")) + ")::text";
        // keyType is format_type() output from the catalog. The bounds are cast once, in a sub-select:
        // text to timestamptz is only STABLE, so a cast in the expression would parse every bound
        // again for every row (that was most of copy.verify's time)
        String bucket = !bucketed ? "0" : "width_bucket(" + Sql.ident(key) + ", (SELECT CAST(? AS text[])::" + keyType + "[]))";
        return "SELECT " + bucket + ", count(*), coalesce(sum(hashtextextended(" + row + ", 0)), 0) FROM "
                + table.sql() + " GROUP BY 1";
    }

    private static void scan(Connection c, QualifiedName table, String key, String keyType, List<String> columns,
                             List<String> thresholds, int side, Map<Integer, long[]> counts,
                             Map<Integer, BigDecimal[]> sums) throws SQLException {
        String sql = scanSql(table, key, keyType, columns, !thresholds.isEmpty());
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (!thresholds.isEmpty()) {
                ps.setArray(1, c.createArrayOf("text", thresholds.toArray()));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int b = rs.getInt(1);
                    counts.computeIfAbsent(b, x -> new long[2])[side] = rs.getLong(2);
                    sums.computeIfAbsent(b, x -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO})[side] = rs.getBigDecimal(3);
                }
            }
        }
    }

    /** Bucket b holds keys in [t(b-1), t(b)): a partition's name when one has exactly those bounds. */
    private static String name(TableInfo info, List<String> t, int b) {
        if (t.isEmpty()) {
            return "all rows";
        }
        Optional<String> lo = b == 0 ? Optional.empty() : Optional.of(t.get(b - 1));
        Optional<String> hi = b == t.size() ? Optional.empty() : Optional.of(t.get(b));
        String bounds = "[" + lo.orElse("MINVALUE") + ", " + hi.orElse("MAXVALUE") + ")";
        List<String> matching = new ArrayList<>();
        for (Partition p : info.partitions()) {
            if (p.bound() instanceof Bound.Range r && r.from().equals(lo) && r.to().equals(hi)) {
                matching.add(p.name().toString());
            }
        }
        return (matching.isEmpty() ? "of the default partition" : matching.get(0)) + " " + bounds;
    }
}
