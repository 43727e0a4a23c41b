package dev.pgpart.bench;

import dev.pgpart.api.MaintainOptions;
import dev.pgpart.api.MaintainResult;
import dev.pgpart.api.Pgpart;
import dev.pgpart.spec.IdEncoding;
import dev.pgpart.spec.Interval;
import dev.pgpart.spec.RangePolicy;
import dev.pgpart.spec.Spec;
import dev.pgpart.spec.Start;
import dev.pgpart.spec.TableSpec;
import dev.pgpart.sql.QualifiedName;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The Citus benchmark of issue 11, on a coordinator with two workers: N distributed tables
 * partitioned by month (24 months, premake ahead, a default), created and then maintained with
 * nothing to do by pgpart and by a loop of Citus's {@code create_time_partitions} over the same
 * tables, in the same run; then both again with rows waiting in every default partition, where
 * Citus's function fails (its error is printed) and pgpart moves them.
 *
 * <p>Usage: {@code bench/citus/run [--tables 20] [--months 24] [--shards 4] [--rows 1000]}
 */
public final class CitusBench {
    private static final int PREMAKE = 4;
    private final PrintStream out;
    private final BenchDb db;
    private final int tables;
    private final int months;
    private final int shards;
    private final int rows;
    private final Instant now = Instant.now();
    private final LocalDate start;
    private final LocalDate end;

    CitusBench(PrintStream out, BenchDb db, int tables, int months, int shards, int rows) {
        this.out = out;
        this.db = db;
        this.tables = tables;
        this.months = months;
        this.shards = shards;
        this.rows = rows;
        LocalDate current = LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1);
        this.start = current.minusMonths(months - 1L);
        this.end = current.plusMonths(PREMAKE + 1L);
    }

    public static void main(String[] args) {
        String url = MaintenanceBench.arg(args, "--url", System.getenv("PGPART_BENCH_URL"));
        if (url == null) {
            throw new IllegalArgumentException("--url of the Citus coordinator is required (bench/citus/run starts a cluster and passes it)");
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        new CitusBench(System.out, new BenchDb(ds), Integer.parseInt(MaintenanceBench.arg(args, "--tables", "20")),
                Integer.parseInt(MaintenanceBench.arg(args, "--months", "24")),
                Integer.parseInt(MaintenanceBench.arg(args, "--shards", "4")),
                Integer.parseInt(MaintenanceBench.arg(args, "--rows", "1000"))).run();
    }

    void run() {
        out.printf("pgpart on Citus benchmark: %d distributed tables x (%d months + %d ahead + default), %d shards each%n",
                tables, months, PREMAKE, shards);
        out.printf("Citus %s on PostgreSQL %s, coordinator + %s workers, %d cores%n%n",
                db.strings("SELECT extversion FROM pg_extension WHERE extname = 'citus'").get(0),
                db.strings("SHOW server_version").get(0), db.strings("SELECT count(*) FROM citus_get_active_worker_nodes()").get(0),
                Runtime.getRuntime().availableProcessors());
        out.println("Empty default partitions:");
        Pgpart pgpart = pgpart("bench_pgpart");
        createTables("bench_pgpart", false);
        double pgCreate = timed(() -> require(pgpart.maintain(MaintainOptions.defaults()), false));
        expectPartitions("bench_pgpart");
        double pgNoop = median(() -> require(pgpart.maintain(MaintainOptions.defaults()), true));
        createTables("bench_citus", false);
        double citusCreate = timed(() -> citusLoop("bench_citus").ifPresent(e -> fail("create_time_partitions failed: " + e)));
        expectPartitions("bench_citus");
        double citusNoop = median(() -> citusLoop("bench_citus").ifPresent(e -> fail("create_time_partitions failed: " + e)));
        expectPartitions("bench_citus");
        out.printf(Locale.ROOT, "  create  pgpart %8.3f s   create_time_partitions loop %8.3f s   ratio %.2f%n",
                pgCreate, citusCreate, pgCreate / citusCreate);
        out.printf(Locale.ROOT, "  no-op   pgpart %8.3f s   create_time_partitions loop %8.3f s   ratio %.2f (target < 0.5; median of 3 runs)%n",
                pgNoop, citusNoop, pgNoop / citusNoop);

        out.printf("%n%,d rows waiting in each default partition:%n", rows);
        Pgpart moving = pgpart("bench_pgpart_rows");
        createTables("bench_pgpart_rows", true);
        java.util.concurrent.atomic.AtomicReference<MaintainResult> moved = new java.util.concurrent.atomic.AtomicReference<>();
        double pgRows = timed(() -> moved.set(require(moving.maintain(MaintainOptions.defaults()), false)));
        expectPartitions("bench_pgpart_rows");
        require(db.count("SELECT count(*) FROM bench_pgpart_rows.t000_default") == 0, "rows left in bench_pgpart_rows.t000_default");
        createTables("bench_citus_rows", true);
        java.util.concurrent.atomic.AtomicReference<Optional<String>> error = new java.util.concurrent.atomic.AtomicReference<>();
        double citusRows = timed(() -> error.set(citusLoop("bench_citus_rows")));
        out.printf(Locale.ROOT, "  pgpart %8.3f s: created every partition, moved %,d rows out of the defaults%n", pgRows,
                moved.get().rowsMoved());
        out.printf(Locale.ROOT, "  create_time_partitions loop %8.3f s: %s%n", citusRows,
                error.get().orElse("succeeded (unexpected)"));
    }

    private Pgpart pgpart(String schema) {
        return Pgpart.builder(db.dataSource()).spec(spec(schema)).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
    }

    /** The median of three runs: a no-op run is short enough for one slow round trip to dominate it. */
    private static double median(Runnable r) {
        double[] t = {timed(r), timed(r), timed(r)};
        java.util.Arrays.sort(t);
        return t[1];
    }

    private static double timed(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Distributed parents with a default partition; with {@code withRows}, rows spread over every month wait in it. */
    private void createTables(String schema, boolean withRows) {
        db.exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema);
        for (int i = 0; i < tables; i++) {
            String t = schema + "." + MaintenanceBench.tableName(i);
            db.exec("CREATE TABLE " + t + " (id bigint NOT NULL, created_at timestamptz NOT NULL, tenant int NOT NULL)"
                            + " PARTITION BY RANGE (created_at)",
                    "CREATE TABLE " + t + "_default PARTITION OF " + t + " DEFAULT",
                    "SELECT create_distributed_table('" + t + "', 'tenant', shard_count => " + shards + ")");
            if (withRows) {
                long hours = Duration.between(start.atStartOfDay(), end.atStartOfDay()).toHours();
                db.exec("INSERT INTO " + t + " SELECT g, timestamptz '" + start + " 00:00+00' + (g * " + (hours / rows)
                        + ") * interval '1 hour', g % 97 FROM generate_series(0, " + (rows - 1) + ") g");
            }
        }
    }

    /** Citus's way: one create_time_partitions call per table; the first error and how many tables failed. */
    private Optional<String> citusLoop(String schema) {
        Optional<String> first = Optional.empty();
        int failed = 0;
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT create_time_partitions(table_name := ?::regclass,"
                     + " partition_interval := '1 month', end_at := ?::timestamptz, start_from := ?::timestamptz)")) {
            for (int i = 0; i < tables; i++) {
                ps.setString(1, schema + "." + MaintenanceBench.tableName(i));
                ps.setString(2, end + " 00:00+00");
                ps.setString(3, start + " 00:00+00");
                try {
                    ps.execute();
                } catch (SQLException e) {
                    failed++;
                    first = first.or(() -> Optional.of(e.getMessage().lines().findFirst().orElse("")));
                }
            }
            int n = failed;
            return first.map(e -> n + " of " + tables + " tables failed, the first with: " + e);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private void expectPartitions(String schema) {
        long n = db.count("SELECT count(*) FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent "
                + "JOIN pg_namespace s ON s.oid = p.relnamespace WHERE p.relkind = 'p' AND s.nspname = '" + schema + "'");
        long expected = (long) tables * (months + PREMAKE + 1);
        require(n == expected, schema + " has " + n + " partitions, expected " + expected);
    }

    private static MaintainResult require(MaintainResult r, boolean noop) {
        require(!r.hasFailures(), "pgpart failed: " + r.results());
        require(!noop || r.results().isEmpty(), "the no-op run planned work: " + r.results());
        return r;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            fail(message);
        }
    }

    private static void fail(String message) {
        throw new IllegalStateException(message);
    }

    private Spec spec(String schema) {
        List<TableSpec> specs = new ArrayList<>();
        for (int i = 0; i < tables; i++) {
            RangePolicy policy = new RangePolicy(new Interval.Calendar(1, Interval.Unit.MONTH), PREMAKE,
                    Optional.of(new Start.AtTime(start.atStartOfDay())), Optional.empty(), RangePolicy.OnExpiry.DETACH,
                    ZoneOffset.UTC, IdEncoding.NONE);
            specs.add(new TableSpec(QualifiedName.of(schema, MaintenanceBench.tableName(i)), policy, true,
                    Duration.ofSeconds(5), Optional.empty(), Optional.empty(), false));
        }
        return new Spec(Duration.ofSeconds(5), specs);
    }
}
