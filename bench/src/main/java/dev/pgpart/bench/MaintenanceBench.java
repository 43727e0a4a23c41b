package dev.pgpart.bench;

import dev.pgpart.api.Pgpart;
import dev.pgpart.api.MaintainOptions;
import dev.pgpart.api.MaintainResult;
import dev.pgpart.spec.IdEncoding;
import dev.pgpart.spec.Interval;
import dev.pgpart.spec.RangePolicy;
import dev.pgpart.spec.Spec;
import dev.pgpart.spec.Start;
import dev.pgpart.spec.TableSpec;
import dev.pgpart.sql.QualifiedName;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The maintenance benchmark of issue 2: N monthly range tables with ten-odd years of partitions,
 * four ahead and a default (136 partitions each, 13,600 for 100 tables). Prints pgpart's times,
 * and pg_partman's on an identical set when the extension is installed, with the ratios.
 *
 * <p>Usage: {@code bench/run [--url JDBC_URL] [--tables 100] [--months 131]}
 */
public final class MaintenanceBench {
    private static final int PREMAKE = 4;
    private final PrintStream out;
    private final BenchDb db;
    private final int tables;
    private final int months;
    private final Instant now = Instant.now();

    MaintenanceBench(PrintStream out, DataSource ds, int tables, int months) {
        this.out = out;
        this.db = new BenchDb(ds);
        this.tables = tables;
        this.months = months;
    }

    public static void main(String[] args) throws Exception {
        String url = arg(args, "--url", System.getenv("PGPART_BENCH_URL"));
        int tables = Integer.parseInt(arg(args, "--tables", "100"));
        int months = Integer.parseInt(arg(args, "--months", "131"));
        if (url != null) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(url);
            new MaintenanceBench(System.out, ds, tables, months).run("server at " + url.replaceAll("password=[^&]*", "password=***"));
            return;
        }
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("max_locks_per_transaction", "4096")
                .setServerConfig("fsync", "off")
                .start()) {
            new MaintenanceBench(System.out, pg.getPostgresDatabase(), tables, months).run("embedded PostgreSQL (no pg_partman)");
        }
    }

    static String tableName(int i) {
        return String.format(Locale.ROOT, "t%03d", i);
    }

    void run(String where) {
        String version = db.strings("SHOW server_version").get(0);
        out.printf("pgpart maintenance benchmark: %d monthly tables x (%d months + %d ahead + default) = %,d partitions%n",
                tables, months, PREMAKE, tables * (months + PREMAKE + 1));
        out.printf("PostgreSQL %s, %s, %d cores%n%n", version, where, Runtime.getRuntime().availableProcessors());
        boolean stats = db.hasStatementStats();
        if (!stats) {
            out.println("(pg_stat_statements not loaded: database time and query counts are not shown)");
        }
        LocalDate start = LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1).minusMonths(months - 1L);
        Optional<Partman> partman = Partman.install(db);

        int jobs = Runtime.getRuntime().availableProcessors();
        Measured pgParallel = parallelCreate(start, stats, jobs);
        Measured pgCreate = pgpartPhase("create", start, stats, r -> { });
        Measured pgNoop = pgpartPhase("no-op", start, stats, r -> require(r.results().isEmpty(), "no-op run planned work"));
        dropNewest("bench_pgpart");
        Measured pgAdd = pgpartPhase("add", start, stats, r -> require(r.results().size() == tables, "expected one new partition per table"));
        verifyCount("bench_pgpart");
        Measured small = queryCountWithFewPartitions(stats);

        Optional<Measured[]> pm = partman.map(p -> partmanPhases(p, start));
        report(pgCreate, pgNoop, pgAdd, small, pm, partman.map(Partman::version));
        out.printf(Locale.ROOT, "create all partitions with --jobs %d: %.3f s%s%n", jobs, pgParallel.wall(),
                pm.map(a -> String.format(Locale.ROOT, " (ratio to pg_partman %.2f)", pgParallel.wall() / a[0].wall())).orElse(""));
    }

    private Measured pgpartPhase(String name, LocalDate start, boolean stats, java.util.function.Consumer<MaintainResult> check) {
        if (name.equals("create")) {
            createTables("bench_pgpart", tables);
        }
        Pgpart pgpart = Pgpart.builder(db.dataSource()).spec(spec("bench_pgpart", tables, start))
                .clock(Clock.fixed(now, ZoneOffset.UTC)).build();
        Measured m = measure(stats, () -> pgpart.maintain(MaintainOptions.defaults()));
        out.printf(Locale.ROOT, "  pgpart %-7s %8.3f s%n", name, m.wall());
        check.accept(m.result());
        require(!m.result().hasFailures(), "pgpart " + name + " failed: " + m.result().results());
        return m;
    }

    /** The initial creation with one connection per core, on its own schema (dropped afterwards). */
    private Measured parallelCreate(LocalDate start, boolean stats, int jobs) {
        createTables("bench_pgpart_jobs", tables);
        Pgpart pgpart = Pgpart.builder(db.dataSource()).spec(spec("bench_pgpart_jobs", tables, start))
                .clock(Clock.fixed(now, ZoneOffset.UTC)).build();
        Measured m = measure(stats, () -> pgpart.maintain(MaintainOptions.defaults().withJobs(jobs)));
        require(!m.result().hasFailures(), "pgpart parallel create failed: " + m.result().results());
        verifyCount("bench_pgpart_jobs");
        out.printf(Locale.ROOT, "  pgpart create with --jobs %d %8.3f s%n", jobs, m.wall());
        db.exec("DROP SCHEMA bench_pgpart_jobs CASCADE");
        return m;
    }

    private Measured queryCountWithFewPartitions(boolean stats) {
        LocalDate start = LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1).minusMonths(11);
        createTables("bench_small", tables);
        Pgpart pgpart = Pgpart.builder(db.dataSource()).spec(spec("bench_small", tables, start))
                .clock(Clock.fixed(now, ZoneOffset.UTC)).build();
        pgpart.maintain(MaintainOptions.defaults());
        return measure(stats, () -> pgpart.maintain(MaintainOptions.defaults()));
    }

    private Measured[] partmanPhases(Partman p, LocalDate start) {
        createTables("bench_partman", tables);
        Measured create = measure(false, () -> {
            p.createParents("bench_partman", tables, start, PREMAKE);
            return null;
        });
        // pg_partman 4.x's maintenance keeps one partition more ahead than create_parent made:
        // let it settle once, unmeasured, so the no-op run below really has nothing to do.
        p.runMaintenance();
        long settled = partitionCount("bench_partman");
        Measured noop = measure(false, () -> {
            p.runMaintenance();
            return null;
        });
        require(partitionCount("bench_partman") == settled, "pg_partman's no-op run changed the partition count");
        dropNewest("bench_partman");
        Measured add = measure(false, () -> {
            p.runMaintenance();
            return null;
        });
        require(partitionCount("bench_partman") == settled, "pg_partman did not re-create the dropped partitions");
        out.printf(Locale.ROOT, "  pg_partman create %.3f s, no-op %.3f s, add %.3f s%n", create.wall(), noop.wall(), add.wall());
        return new Measured[] {create, noop, add};
    }

    private void createTables(String schema, int n) {
        db.exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema);
        for (int i = 0; i < n; i++) {
            db.exec("CREATE TABLE " + schema + "." + tableName(i) + " (id bigint NOT NULL, created_at timestamptz NOT NULL, "
                    + "amount numeric, PRIMARY KEY (id, created_at)) PARTITION BY RANGE (created_at)");
        }
    }

    /** Drops each table's newest partition, so the next run has exactly one partition per table to add. */
    private void dropNewest(String schema) {
        for (int i = 0; i < tables; i++) {
            String newest = db.strings("SELECT c.oid::regclass::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                    + "WHERE i.inhparent = '" + schema + "." + tableName(i) + "'::regclass "
                    + "AND pg_get_expr(c.relpartbound, c.oid) <> 'DEFAULT' ORDER BY c.relname DESC LIMIT 1").get(0);
            db.exec("DROP TABLE " + newest);
        }
    }

    private void verifyCount(String schema) {
        long n = partitionCount(schema);
        long expected = (long) tables * (months + PREMAKE + 1);
        require(n == expected, schema + " has " + n + " partitions, expected " + expected);
    }

    private long partitionCount(String schema) {
        return db.count("SELECT count(*) FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent "
                + "JOIN pg_namespace s ON s.oid = p.relnamespace WHERE p.relkind = 'p' AND s.nspname = '" + schema + "'");
    }

    private Spec spec(String schema, int n, LocalDate start) {
        List<TableSpec> specs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RangePolicy policy = new RangePolicy(new Interval.Calendar(1, Interval.Unit.MONTH), PREMAKE,
                    Optional.of(new Start.AtTime(start.atStartOfDay())), Optional.empty(), RangePolicy.OnExpiry.DETACH,
                    ZoneOffset.UTC, IdEncoding.NONE);
            specs.add(new TableSpec(QualifiedName.of(schema, tableName(i)), policy, true, Duration.ofSeconds(5),
                    Optional.empty(), Optional.empty(), false));
        }
        return new Spec(Duration.ofSeconds(5), specs);
    }

    private Measured measure(boolean stats, Supplier<MaintainResult> work) {
        if (stats) {
            db.resetStats();
        }
        long t0 = System.nanoTime();
        MaintainResult r = work.get();
        double wall = (System.nanoTime() - t0) / 1e9;
        BenchDb.ServerTime st = stats ? db.serverTime() : new BenchDb.ServerTime(-1, -1);
        return new Measured(wall, st.seconds(), st.statements(), r);
    }

    private void report(Measured create, Measured noop, Measured add, Measured small, Optional<Measured[]> pm,
                        Optional<String> pmVersion) {
        String other = pmVersion.map(v -> "pg_partman " + v).orElse("pg_partman (not installed)");
        out.printf("%-34s %12s %12s %8s %20s %8s%n", "", "pgpart wall", "pgpart db", "queries", other, "ratio");
        line("create all partitions", create, pm.map(a -> a[0]));
        line("no-op maintenance", noop, pm.map(a -> a[1]));
        line("add one partition per table", add, pm.map(a -> a[2]));
        out.printf("%nqueries in a no-op run: %d with %d partitions per table, %d with 13 per table%n",
                noop.statements(), months + PREMAKE + 1, small.statements());
        out.printf("targets: no-op db time < 0.2 s: %s; initial create < 0.5 x pg_partman: %s; queries independent of partitions: %s%n",
                verdict(noop.db() >= 0 && noop.db() < 0.2),
                pm.map(a -> verdict(create.wall() < 0.5 * a[0].wall())).orElse("n/a (pg_partman not installed)"),
                noop.statements() < 0 ? "n/a" : verdict(noop.statements() == small.statements()));
    }

    private void line(String name, Measured p, Optional<Measured> other) {
        String db = p.db() < 0 ? "-" : String.format(Locale.ROOT, "%.3f s", p.db());
        String q = p.statements() < 0 ? "-" : Long.toString(p.statements());
        String o = other.map(m -> String.format(Locale.ROOT, "%.3f s", m.wall())).orElse("-");
        String ratio = other.map(m -> String.format(Locale.ROOT, "%.2f", p.wall() / m.wall())).orElse("-");
        out.printf(Locale.ROOT, "%-34s %10.3f s %12s %8s %20s %8s%n", name, p.wall(), db, q, o, ratio);
    }

    private static String verdict(boolean ok) {
        return ok ? "met" : "NOT met";
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }

    static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    record Measured(double wall, double db, long statements, MaintainResult result) {
    }
}
