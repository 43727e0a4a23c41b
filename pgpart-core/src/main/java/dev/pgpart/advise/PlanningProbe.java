package dev.pgpart.advise;

import dev.pgpart.guard.PlanSummary;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Measures planning of a pruned point query on each partitioned table: {@code EXPLAIN (SUMMARY)}
 * of {@code SELECT 1 FROM parent WHERE key = value}, with a key value read from one of its largest
 * partitions, so the query prunes to a partition that exists. Runs before anything else on the
 * advisor's connection has opened the tables, so the first planning is a new connection's.
 */
final class PlanningProbe {
    static final String CHECK = "planning_time";
    private static final int RUNS = 5;

    private PlanningProbe() {
    }

    /** A partitioned table that is not itself a partition, its key columns and up to three largest leaves. */
    record Root(QualifiedName table, List<String> keys, boolean expressionKey, int leaves, List<QualifiedName> largest) {
    }

    record Measured(List<PlanningTime> times, List<AdviceReport.Note> notes) {
    }

    static List<Root> roots(Connection c) throws SQLException {
        String leaves = "FROM pg_partition_tree(p.oid) t JOIN pg_class l ON l.oid = t.relid"
                + " JOIN pg_namespace ln ON ln.oid = l.relnamespace WHERE t.isleaf ORDER BY l.reltuples DESC, l.oid LIMIT 3";
        String sql = "SELECT n.nspname, p.relname, ARRAY(SELECT a.attname FROM unnest(pt.partattrs::int2[]) WITH ORDINALITY"
                + " u(attnum, ord) JOIN pg_attribute a ON a.attrelid = p.oid AND a.attnum = u.attnum ORDER BY u.ord)::text[],"
                + " 0 = ANY (pt.partattrs::int2[]),"
                + " (SELECT count(*) FROM pg_partition_tree(p.oid) t WHERE t.isleaf)::int,"
                + " ARRAY(SELECT ln.nspname " + leaves + ")::text[], ARRAY(SELECT l.relname " + leaves + ")::text[]"
                + " FROM pg_partitioned_table pt JOIN pg_class p ON p.oid = pt.partrelid AND NOT p.relispartition"
                + " JOIN pg_namespace n ON n.oid = p.relnamespace WHERE " + Rows.userSchema("n.nspname") + " ORDER BY 1, 2";
        List<Root> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                List<String> schemas = Rows.strings(rs, 6);
                List<String> names = Rows.strings(rs, 7);
                List<QualifiedName> largest = new ArrayList<>();
                for (int i = 0; i < names.size(); i++) {
                    largest.add(QualifiedName.of(schemas.get(i), names.get(i)));
                }
                out.add(new Root(Rows.name(rs, 1), Rows.strings(rs, 3), rs.getBoolean(4), rs.getInt(5), largest));
            }
        }
        return out;
    }

    static Measured measure(Connection c, List<Root> roots) throws SQLException {
        List<PlanningTime> times = new ArrayList<>();
        List<AdviceReport.Note> notes = new ArrayList<>();
        for (Root r : roots) {
            if (r.expressionKey()) {
                notes.add(new AdviceReport.Note(CHECK, r.table() + ": not measured, its partition key is an expression"));
                continue;
            }
            Optional<List<String>> values = sample(c, r);
            if (values.isEmpty()) {
                notes.add(new AdviceReport.Note(CHECK, r.table() + ": not measured, its largest partitions have no rows"
                        + " to take a key value from"));
                continue;
            }
            times.add(time(c, r, values.get()));
        }
        return new Measured(times, notes);
    }

    private static Optional<List<String>> sample(Connection c, Root r) throws SQLException {
        String columns = r.keys().stream().map(k -> Sql.ident(k) + "::text").collect(Collectors.joining(", "));
        String notNull = r.keys().stream().map(k -> Sql.ident(k) + " IS NOT NULL").collect(Collectors.joining(" AND "));
        for (QualifiedName leaf : r.largest()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + columns + " FROM " + leaf.sql() + " WHERE "
                    + notNull + " LIMIT 1"); ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    List<String> values = new ArrayList<>();
                    for (int i = 1; i <= r.keys().size(); i++) {
                        values.add(rs.getString(i));
                    }
                    return Optional.of(values);
                }
            }
        }
        return Optional.empty();
    }

    private static PlanningTime time(Connection c, Root r, List<String> values) throws SQLException {
        String where = r.keys().stream().map(k -> Sql.ident(k) + " = ?").collect(Collectors.joining(" AND "));
        String sql = "EXPLAIN (SUMMARY, FORMAT JSON) SELECT 1 FROM " + r.table().sql() + " WHERE " + where;
        double first = plan(c, sql, values);
        List<Double> next = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            next.add(plan(c, sql, values));
        }
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            shown.add(Sql.ident(r.keys().get(i)) + " = " + Sql.literal(values.get(i)));
        }
        return new PlanningTime(r.table(), r.leaves(), "SELECT 1 FROM " + r.table().sql() + " WHERE "
                + String.join(" AND ", shown), first, next.stream().sorted().toList().get(RUNS / 2));
    }

    /** The values are bound as untyped text: the server gives them the key column's type, and plans them as constants. */
    private static double plan(Connection c, String sql, List<String> values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) {
                ps.setObject(i + 1, values.get(i), Types.OTHER);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return PlanSummary.parse(rs.getString(1)).planningMillis();
            }
        }
    }
}
