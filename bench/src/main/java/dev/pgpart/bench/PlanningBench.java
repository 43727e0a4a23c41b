package dev.pgpart.bench;

import dev.pgpart.guard.PlanSummary;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The planning-time benchmark of issue 8: for RANGE-partitioned tables (bigint key, a few rows per
 * partition) with 10, 100, 1,000 and 5,000 partitions, the planning and execution time of a pruned
 * point query ({@code WHERE k = constant}) and of an unpruned one ({@code WHERE id = constant}),
 * median of N runs on a warm connection, plus the first planning on a new connection (relation cache
 * cold), which is what a pool that recycles connections pays.
 *
 * <p>Usage: {@code bench/planning/run [--url JDBC_URL] [--runs 15] [--counts 10,100,1000,5000]}
 */
public final class PlanningBench {
    static final long WIDTH = 100;
    static final int ROWS_PER_PARTITION = 3;

    private final PrintStream out;
    private final DataSource ds;
    private final int runs;

    PlanningBench(PrintStream out, DataSource ds, int runs) {
        this.out = out;
        this.ds = ds;
        this.runs = runs;
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(MaintenanceBench.arg(args, "--runs", "15"));
        int[] counts = Arrays.stream(MaintenanceBench.arg(args, "--counts", "10,100,1000,5000").split(",")).mapToInt(Integer::parseInt).toArray();
        String url = MaintenanceBench.arg(args, "--url", System.getenv("PGPART_BENCH_URL"));
        if (url != null) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(url);
            new PlanningBench(System.out, ds, runs).run("server at " + url.replaceAll("password=[^&]*", "password=***"), counts);
            return;
        }
        // the unpruned query locks every partition: 5,000 need room in the shared lock table
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off").setServerConfig("max_locks_per_transaction", "1024").start()) {
            new PlanningBench(System.out, pg.getPostgresDatabase(), runs).run("embedded PostgreSQL", counts);
        }
    }

    void run(String where, int[] counts) throws SQLException {
        out.printf("pgpart planning benchmark: %s %s, %d cores, median of %d runs, %d rows per partition%n",
                where, version(), Runtime.getRuntime().availableProcessors(), runs, ROWS_PER_PARTITION);
        out.printf("%-11s | %-40s | %-40s%n", "", "pruned point query (WHERE k = const)", "unpruned query (WHERE id = const)");
        out.printf("%-11s | %12s %12s %14s | %12s %12s %14s%n", "partitions", "planning ms", "execution ms",
                "1st plan ms", "planning ms", "execution ms", "1st plan ms");
        exec("DROP SCHEMA IF EXISTS bench_planning CASCADE", "CREATE SCHEMA bench_planning");
        for (int n : counts) {
            String table = setUp(n);
            long key = (n / 2) * WIDTH + 1;
            Figures pruned = measure("SELECT * FROM " + table + " WHERE k = " + key);
            Figures unpruned = measure("SELECT * FROM " + table + " WHERE id = " + key);
            out.printf(Locale.ROOT, "%,11d | %12.3f %12.3f %14.3f | %12.3f %12.3f %14.3f%n", n, pruned.planning, pruned.execution,
                    pruned.firstPlanning, unpruned.planning, unpruned.execution, unpruned.firstPlanning);
            exec("DROP TABLE " + table);
        }
        exec("DROP SCHEMA bench_planning CASCADE");
    }

    /** One table of {@code n} partitions of {@link #WIDTH} keys each, created server-side in one statement. */
    private String setUp(int n) throws SQLException {
        String table = "bench_planning.t" + n;
        exec("CREATE TABLE " + table + " (id bigint NOT NULL, k bigint NOT NULL, payload text) PARTITION BY RANGE (k)",
                "DO $$ BEGIN FOR i IN 0.." + (n - 1) + " LOOP EXECUTE format('CREATE TABLE bench_planning.t" + n
                        + "_%s PARTITION OF bench_planning.t" + n + " FOR VALUES FROM (%s) TO (%s)', i, i * " + WIDTH
                        + ", (i + 1) * " + WIDTH + "); END LOOP; END $$",
                "INSERT INTO " + table + " SELECT g, (g / " + ROWS_PER_PARTITION + ") * " + WIDTH + " + g % "
                        + ROWS_PER_PARTITION + " + 1, 'x' FROM generate_series(0, " + (n * ROWS_PER_PARTITION - 1) + ") g",
                "ANALYZE " + table);
        return table;
    }

    private record Figures(double planning, double execution, double firstPlanning) {
    }

    private Figures measure(String query) throws SQLException {
        String explain = "EXPLAIN (ANALYZE, TIMING OFF, SUMMARY, FORMAT JSON) " + query;
        List<Double> planning = new ArrayList<>();
        List<Double> execution = new ArrayList<>();
        List<Double> first = new ArrayList<>();
        for (int fresh = 0; fresh < Math.min(runs, 5); fresh++) {
            try (Connection c = ds.getConnection()) {
                first.add(explain(c, explain).planningMillis());
            }
        }
        try (Connection c = ds.getConnection()) {
            explain(c, explain); // warm-up: the relation cache of every partition
            for (int i = 0; i < runs; i++) {
                PlanSummary s = explain(c, explain);
                planning.add(s.planningMillis());
                execution.add(s.executionMillis().orElseThrow());
            }
        }
        return new Figures(median(planning), median(execution), median(first));
    }

    private static PlanSummary explain(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return PlanSummary.parse(rs.getString(1));
        }
    }

    static double median(List<Double> xs) {
        List<Double> sorted = xs.stream().sorted().toList();
        int m = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(m) : (sorted.get(m - 1) + sorted.get(m)) / 2;
    }

    private String version() throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1);
        }
    }

    private void exec(String... sql) {
        new BenchDb(ds).exec(sql);
    }

}
