package dev.pgpart.bench;

import dev.pgpart.api.Conversions;
import dev.pgpart.api.Pgpart;
import dev.pgpart.spec.ConvertSpec;
import dev.pgpart.spec.SpecLoader;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.state.Job;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The conversion benchmark of issue 12: an {@code orders} table of N rows (5,000,000 in the issue,
 * {@code --rows}) converted to monthly partitions with strategy copy and, on a fresh identical
 * table, strategy attach, both through {@link Pgpart#conversions()} up to the cut-over, while a
 * load generator writes about 200 statements/s through the table's name. Every writer statement
 * is applied in the same transaction to a plain control table; at the end the converted table and
 * the control must have the same count and checksum. Baselines, plain SQL, same run, no load:
 * pgslice-style batched {@code INSERT ... SELECT} of 10,000-row id ranges into a partitioned table
 * whose indexes exist; and the unavoidable parts of attach (the unique index build on
 * {@code (id, created_at)} and one {@code VALIDATE CONSTRAINT} scan).
 *
 * With {@code --backfill-workers N} above 1, the copy strategy also runs on a third identical table
 * with {@code backfill_workers: N}, and its backfill's ratio is printed next to the one-worker figure.
 *
 * <p>Usage: {@code bench/convert [--url JDBC_URL] [--rows 1000000] [--rate 200] [--backfill-workers 2]}
 */
public final class ConvertBench {
    static final String LOCK_TIMEOUT = "2s";
    static final long LOCK_TIMEOUT_MS = 2000;

    private final PrintStream out;
    private final DataSource ds;
    private final BenchDb db;
    private final long rows;
    private final int rate;
    private final int workers;

    ConvertBench(PrintStream out, DataSource ds, long rows, int rate, int workers) {
        this.workers = workers;
        this.out = out;
        this.ds = ds;
        this.db = new BenchDb(ds);
        this.rows = rows;
        this.rate = rate;
    }

    public static void main(String[] args) throws Exception {
        long rows = Long.parseLong(MaintenanceBench.arg(args, "--rows", "1000000"));
        int rate = Integer.parseInt(MaintenanceBench.arg(args, "--rate", "200"));
        int workers = Integer.parseInt(MaintenanceBench.arg(args, "--backfill-workers", "1"));
        String url = MaintenanceBench.arg(args, "--url", System.getenv("PGPART_BENCH_URL"));
        if (url != null) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(url);
            new ConvertBench(System.out, ds, rows, rate, workers).run("server at " + url.replaceAll("password=[^&]*", "password=***"));
            return;
        }
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off").setServerConfig("full_page_writes", "off")
                .setServerConfig("max_wal_size", "4GB").setServerConfig("shared_buffers", "256MB").start()) {
            new ConvertBench(System.out, pg.getPostgresDatabase(), rows, rate, workers).run("embedded PostgreSQL");
        }
    }

    void run(String where) throws Exception {
        out.printf(Locale.ROOT, "pgpart convert benchmark: orders of %,d rows (issue scale: 5,000,000), %s %s, %d cores,"
                        + " writer %d statements/s (70%% insert, 20%% update, 10%% delete), lock_timeout %s%n",
                rows, where, db.strings("SHOW server_version").get(0), Runtime.getRuntime().availableProcessors(), rate, LOCK_TIMEOUT);
        for (String s : workers > 1 ? List.of("bench_copy", "bench_copyw", "bench_attach", "bench_base")
                : List.of("bench_copy", "bench_attach", "bench_base")) {
            load(s);
        }
        out.printf(Locale.ROOT, "table size with indexes: %s%n", db.strings("SELECT pg_size_pretty(pg_total_relation_size('bench_copy.orders'))").get(0));

        double baseline = pgsliceBaseline();
        double[] parts = attachParts();
        // the parallel run first: a JVM warmed by the one-worker run would flatter it
        Optional<Run> parallel = workers > 1 ? Optional.of(convert("bench_copyw", ConvertSpec.Strategy.COPY, workers)) : Optional.empty();
        Run copy = convert("bench_copy", ConvertSpec.Strategy.COPY, 1);
        long heapBefore = relfilenode("bench_attach.orders");
        Run attach = convert("bench_attach", ConvertSpec.Strategy.ATTACH, 1);
        long heapAfter = relfilenode("bench_attach.orders_pgpart_old");
        long aboveBoundary = db.count("SELECT count(*) FROM bench_attach.orders o WHERE o.tableoid <> 'bench_attach.orders_pgpart_old'::regclass");
        report(baseline, parts, copy, parallel, attach, heapBefore == heapAfter, aboveBoundary);
    }

    /** The same rows in every schema: {@code orders} and its control (a plain copy the writer also writes). */
    private void load(String schema) {
        long t0 = System.nanoTime();
        String t = schema + ".orders";
        db.exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema,
                "CREATE TABLE " + t + " (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, customer_id bigint NOT NULL,"
                        + " amount numeric(10,2) NOT NULL, status text NOT NULL, shipping_region char(2) NOT NULL,"
                        + " created_at timestamptz NOT NULL)",
                // two years up to now, in id order like a real table's history
                "INSERT INTO " + t + " SELECT g, (g::bigint * 7919) % 200000, ((g::bigint * 31) % 100000) / 100.0,"
                        + " (ARRAY['new','paid','shipped','delivered','cancelled'])[1 + g % 5],"
                        + " (ARRAY['EU','US','AS','SA','AF','OC'])[1 + g % 6],"
                        + " now() - interval '730 days' + (g::float8 / " + rows + ") * interval '729 days'"
                        + " FROM generate_series(1, " + rows + ") g",
                "SELECT setval(pg_get_serial_sequence('" + t + "', 'id'), " + rows + ")",
                "CREATE INDEX ON " + t + " (customer_id)", "CREATE INDEX ON " + t + " (created_at)",
                "CREATE TABLE " + schema + ".control AS TABLE " + t, "ALTER TABLE " + schema + ".control ADD PRIMARY KEY (id)",
                "VACUUM ANALYZE " + t, "VACUUM ANALYZE " + schema + ".control");
        out.printf(Locale.ROOT, "loaded %s (%,d rows) and its control in %.1f s%n", t, rows, (System.nanoTime() - t0) / 1e9);
    }

    /** pgslice fill: 10,000-row id ranges, one autocommitted INSERT ... SELECT each, into a partitioned table with its indexes. */
    private double pgsliceBaseline() throws SQLException {
        db.exec("CREATE TABLE bench_base.orders_intermediate (LIKE bench_base.orders INCLUDING DEFAULTS) PARTITION BY RANGE (created_at)",
                "ALTER TABLE bench_base.orders_intermediate ADD PRIMARY KEY (id, created_at)",
                "CREATE INDEX ON bench_base.orders_intermediate (customer_id)", "CREATE INDEX ON bench_base.orders_intermediate (created_at)",
                """
                DO $$ DECLARE m timestamptz := date_trunc('month', now() - interval '731 days');
                BEGIN
                  WHILE m < now() + interval '3 months' LOOP
                    EXECUTE format('CREATE TABLE bench_base.%I PARTITION OF bench_base.orders_intermediate FOR VALUES FROM (%L) TO (%L)',
                      'orders_' || to_char(m, 'YYYYMM'), m, m + interval '1 month');
                    m := m + interval '1 month';
                  END LOOP;
                END $$""");
        long max = db.count("SELECT max(id) FROM bench_base.orders");
        long t0 = System.nanoTime();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO bench_base.orders_intermediate SELECT * FROM bench_base.orders WHERE id > ? AND id <= ?")) {
            for (long lo = 0; lo < max; lo += 10_000) {
                ps.setLong(1, lo);
                ps.setLong(2, lo + 10_000);
                ps.executeUpdate();
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "baseline pgslice-style fill: %,d rows in %.2f s%n", rows, s);
        return s;
    }

    /**
     * The parts of attach no tool can avoid, in plain SQL: the (pk, key) unique index build and one
     * validation scan, first with nothing else running ([0], [1]), then again beside the same writer
     * the conversion has ([2], [3]), so pgpart's own overhead can be told from the writer's cost.
     */
    private double[] attachParts() throws InterruptedException {
        double[] alone = attachParts("");
        db.exec("DROP INDEX bench_base.orders_id_created_at", "ALTER TABLE bench_base.orders DROP CONSTRAINT orders_range");
        Writer writer = new Writer("bench_base", rate, rows);
        Thread wt = new Thread(writer, "writer-bench_base");
        wt.start();
        Thread.sleep(1000); // as in convert(): the writer is in its stride first
        double[] beside;
        try {
            beside = attachParts(" beside the writer");
        } finally {
            writer.stop();
            wt.join();
        }
        return new double[] {alone[0], alone[1], beside[0], beside[1]};
    }

    private double[] attachParts(String label) {
        String boundary = db.strings("SELECT date_trunc('month', now()) + interval '2 months'").get(0);
        long t0 = System.nanoTime();
        db.exec("CREATE UNIQUE INDEX CONCURRENTLY orders_id_created_at ON bench_base.orders (id, created_at)");
        double index = (System.nanoTime() - t0) / 1e9;
        db.exec("ALTER TABLE bench_base.orders ADD CONSTRAINT orders_range CHECK (created_at < '" + boundary + "') NOT VALID");
        long t1 = System.nanoTime();
        db.exec("ALTER TABLE bench_base.orders VALIDATE CONSTRAINT orders_range");
        double validate = (System.nanoTime() - t1) / 1e9;
        out.printf(Locale.ROOT, "baseline attach parts%s: CREATE UNIQUE INDEX CONCURRENTLY %.2f s, VALIDATE CONSTRAINT %.2f s%n",
                label, index, validate);
        return new double[] {index, validate};
    }

    private Run convert(String schema, ConvertSpec.Strategy strategy, int backfillWorkers) throws Exception {
        String yaml = """
                state_schema: bench_state
                lock_timeout: %s
                tables:
                  %s.orders:
                    interval: 1 month
                    premake: 3
                    key: created_at
                    convert:
                      strategy: %s
                      batch_size: 10000
                      backfill_workers: %d
                """.formatted(LOCK_TIMEOUT, schema, strategy.text(), backfillWorkers);
        Pgpart pgpart = Pgpart.builder(ds).spec(SpecLoader.parse(yaml, "bench.yml")).statementTimeout(Duration.ofHours(2)).build();
        Writer writer = new Writer(schema, rate, rows);
        Thread wt = new Thread(writer, "writer-" + schema);
        wt.start();
        Thread.sleep(1000); // the writer is in its stride before the conversion starts
        long t0 = System.nanoTime();
        Phases phases = new Phases();
        Conversions.Outcome outcome;
        double total;
        try {
            outcome = pgpart.conversions().run(QualifiedName.parse(schema + ".orders"), Optional.of(strategy), true, Optional.empty(), phases);
        } finally {
            total = (System.nanoTime() - t0) / 1e9;
            phases.end();
            Thread.sleep(1000); // and keeps writing through the converted table for a moment
            writer.stop();
            wt.join();
        }
        if (!outcome.swapped() || outcome.job().isEmpty() || outcome.job().get().state() != Job.State.DONE) {
            throw new IllegalStateException(strategy.text() + " conversion of " + schema + ".orders did not finish: "
                    + outcome.job().map(j -> j.state() + " at " + j.phase() + ": " + j.error().orElse("")).orElse("blocked: " + outcome.plan().blockers()));
        }
        String check = "SELECT count(*) || ' ' || md5(string_agg(md5(t::text), '' ORDER BY id)) FROM (SELECT id, customer_id, amount, status,"
                + " shipping_region, created_at FROM " + schema + ".%s) t";
        String converted = db.strings(check.formatted("orders")).get(0);
        String control = db.strings(check.formatted("control")).get(0);
        boolean partitioned = db.count("SELECT count(*) FROM pg_class WHERE oid = '" + schema + ".orders'::regclass AND relkind = 'p'") == 1;
        out.printf(Locale.ROOT, "%s%s: %.2f s, phases %s, writer %,d statements (%,d insert, %,d update, %,d delete), longest %d ms, %d errors%s%n",
                strategy.text(), backfillWorkers > 1 ? " (" + backfillWorkers + " backfill workers)" : "", total, phaseList(phases.seconds), writer.statements.get(), writer.inserts.get(), writer.updates.get(),
                writer.deletes.get(), writer.longestMs.get(), writer.errors.get(), writer.firstError.isEmpty() ? "" : " (first: " + writer.firstError.get(0) + ")");
        return new Run(total, phases.seconds, phases.backfilled, writer, converted, control, partitioned);
    }

    private long relfilenode(String table) {
        return db.count("SELECT relfilenode FROM pg_class WHERE oid = '" + table + "'::regclass");
    }

    private void report(double baseline, double[] parts, Run copy, Optional<Run> parallel, Run attach, boolean sameHeap,
                        long aboveBoundary) {
        double baseRate = rows / baseline;
        double backfill = copy.phases.getOrDefault("copy.backfill", Double.NaN);
        double copyRate = copy.backfilled / backfill;
        double unavoidable = parts[0] + parts[1];
        out.println();
        out.printf(Locale.ROOT, "Scale: %,d rows; writer %d statements/s; lock_timeout %s%n%n", rows, rate, LOCK_TIMEOUT);
        out.println("| measure | result | target | met |");
        out.println("|---|---|---|---|");
        row("baseline: pgslice-style `INSERT ... SELECT` of 10,000-id ranges, indexes in place, no sync, no load",
                String.format(Locale.ROOT, "%.2f s, %,.0f rows/s", baseline, baseRate), "", "");
        row("copy: backfill while syncing under load", String.format(Locale.ROOT, "%.2f s, %,.0f rows/s = %.2fx baseline",
                backfill, copyRate, copyRate / baseRate), ">= 1.5x", copyRate >= 1.5 * baseRate);
        double indexes = copy.phases.getOrDefault("copy.indexes", 0.0);
        row("copy: backfill plus the secondary index build after it (copy.indexes)", String.format(Locale.ROOT,
                "%.2f s + %.2f s, %,.0f rows/s = %.2fx baseline", backfill, indexes, copy.backfilled / (backfill + indexes),
                copy.backfilled / (backfill + indexes) / baseRate), "", "");
        row("copy: total to cut-over (" + phaseList(copy) + ")", String.format(Locale.ROOT, "%.2f s", copy.total), "", "");
        parallel.ifPresent(p -> {
            double pBackfill = p.phases.getOrDefault("copy.backfill", Double.NaN);
            double pRate = p.backfilled / pBackfill;
            row("copy, backfill_workers: " + workers + ": backfill while syncing under load", String.format(Locale.ROOT,
                    "%.2f s, %,.0f rows/s = %.2fx baseline (1 worker: %.2fx)", pBackfill, pRate, pRate / baseRate,
                    copyRate / baseRate), ">= 1.5x", pRate >= 1.5 * baseRate);
            row("copy, backfill_workers: " + workers + ": total to cut-over (" + phaseList(p) + ")",
                    String.format(Locale.ROOT, "%.2f s", p.total), "", "");
        });
        row("baseline: attach parts alone (unique index build + one VALIDATE scan)",
                String.format(Locale.ROOT, "%.2f s + %.2f s = %.2f s", parts[0], parts[1], unavoidable), "", "");
        double beside = parts[2] + parts[3];
        row("baseline: the same parts beside the conversion's writer", String.format(Locale.ROOT, "%.2f s + %.2f s = %.2f s",
                parts[2], parts[3], beside), "", "");
        row("attach: total to cut-over under load (" + phaseList(attach) + ")", String.format(Locale.ROOT,
                "%.2f s = %.2fx the parts alone, %.2fx the parts beside the same writer", attach.total, attach.total / unavoidable,
                attach.total / beside), "<= 1.3x", attach.total <= 1.3 * unavoidable ? "yes" : attach.total <= 1.3 * beside
                ? "beside the writer only" : "**no**");
        row("attach: in-range rows copied", (sameHeap ? "0 (history partition keeps the original heap file)" : "heap rewritten")
                + String.format(Locale.ROOT, "; %,d rows outside the history partition", aboveBoundary), "0", sameHeap);
        List<Run> runs = new ArrayList<>(List.of(copy));
        parallel.ifPresent(runs::add);
        runs.add(attach);
        for (Run r : runs) {
            String name = r == copy ? "copy" : r == attach ? "attach" : "copy, backfill_workers: " + workers;
            row(name + ": longest writer statement", r.writer.longestMs.get() + " ms over " + r.writer.statements.get() + " statements",
                    "<= " + (LOCK_TIMEOUT_MS + 100) + " ms", r.writer.longestMs.get() <= LOCK_TIMEOUT_MS + 100);
            row(name + ": writer errors", Long.toString(r.writer.errors.get()), "0", r.writer.errors.get() == 0);
            row(name + ": converted table vs control (count, md5)", r.converted + (r.converted.equals(r.control) ? " = " : " vs ") + r.control
                    + (r.partitioned ? "" : " (NOT partitioned)"), "equal", r.converted.equals(r.control) && r.partitioned);
        }
    }

    private static String phaseList(Run r) {
        return phaseList(r.phases);
    }

    private static String phaseList(Map<String, Double> phases) {
        List<String> parts = new ArrayList<>();
        phases.forEach((k, v) -> parts.add(String.format(Locale.ROOT, "%s %.2f s", k, v)));
        return String.join(", ", parts);
    }

    private void row(String what, String result, String target, Object met) {
        String m = met instanceof Boolean b ? (b ? "yes" : "**no**") : met.toString();
        out.printf("| %s | %s | %s | %s |%n", what, result, target, m);
    }

    private record Run(double total, Map<String, Double> phases, long backfilled, Writer writer, String converted,
                       String control, boolean partitioned) {
    }

    /**
     * Per-phase wall time from the job's progress reports: the job reports after every committed
     * step, so the time since the previous report is the time of a step of the reported phase.
     */
    private static final class Phases implements dev.pgpart.state.JobRunner.Listener {
        final Map<String, Double> seconds = new LinkedHashMap<>();
        private long last = System.nanoTime();
        long backfilled;

        @Override
        public synchronized void progressed(Job job) {
            long now = System.nanoTime();
            seconds.merge(job.phase(), (now - last) / 1e9, Double::sum);
            last = now;
            if (job.phase().equals("copy.backfill")) {
                backfilled = job.done();
            }
        }

        /** What the run did after the last report (the job's end, the result). */
        synchronized void end() {
            seconds.merge("rest", (System.nanoTime() - last) / 1e9, Double::sum);
        }
    }

    /**
     * About {@code rate} statements/s on its own connection, each through the table's name and
     * repeated on the control table in the same transaction; the time of the orders statement is
     * what is measured.
     */
    private final class Writer implements Runnable {
        final String schema;
        final int rate;
        final long maxId;
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicLong statements = new AtomicLong();
        final AtomicLong inserts = new AtomicLong();
        final AtomicLong updates = new AtomicLong();
        final AtomicLong deletes = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong longestMs = new AtomicLong();
        final List<String> firstError = new java.util.concurrent.CopyOnWriteArrayList<>();

        Writer(String schema, int rate, long maxId) {
            this.schema = schema;
            this.rate = rate;
            this.maxId = maxId;
        }

        void stop() {
            running.set(false);
        }

        @Override
        public void run() {
            SplittableRandom rnd = new SplittableRandom(42);
            long interval = 1_000_000_000L / rate;
            long next = System.nanoTime();
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                while (running.get()) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    next += interval;
                    one(c, rnd);
                }
            } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException("writer on " + schema + " stopped: " + e.getMessage(), e);
            }
        }

        private void one(Connection c, SplittableRandom rnd) throws SQLException {
            int kind = rnd.nextInt(10);
            long id = 1 + rnd.nextLong(maxId);
            long t0 = System.nanoTime();
            try (Statement s = c.createStatement()) {
                if (kind < 7) {
                    long customer = rnd.nextLong(200_000);
                    String amount = String.format(Locale.ROOT, "%d.%02d", rnd.nextInt(1000), rnd.nextInt(100));
                    try (ResultSet rs = s.executeQuery("INSERT INTO " + schema + ".orders (customer_id, amount, status, shipping_region, created_at)"
                            + " VALUES (" + customer + ", " + amount + ", 'new', 'EU', now()) RETURNING id, created_at")) {
                        rs.next();
                        measured(t0);
                        s.execute("INSERT INTO " + schema + ".control VALUES (" + rs.getLong(1) + ", " + customer + ", " + amount
                                + ", 'new', 'EU', '" + rs.getString(2) + "')");
                    }
                    inserts.incrementAndGet();
                } else if (kind < 9) {
                    String set = " SET status = 'paid', amount = amount + 1 WHERE id = " + id;
                    s.executeUpdate("UPDATE " + schema + ".orders" + set);
                    measured(t0);
                    s.executeUpdate("UPDATE " + schema + ".control" + set);
                    updates.incrementAndGet();
                } else {
                    s.executeUpdate("DELETE FROM " + schema + ".orders WHERE id = " + id);
                    measured(t0);
                    s.executeUpdate("DELETE FROM " + schema + ".control WHERE id = " + id);
                    deletes.incrementAndGet();
                }
                c.commit();
                statements.incrementAndGet();
            } catch (SQLException e) {
                measured(t0);
                c.rollback();
                errors.incrementAndGet();
                if (firstError.isEmpty()) {
                    firstError.add(e.getSQLState() + " " + e.getMessage());
                }
            }
        }

        private void measured(long t0) {
            longestMs.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
        }
    }

}
