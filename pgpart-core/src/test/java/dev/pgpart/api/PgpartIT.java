package dev.pgpart.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpart.plan.CreatePartition;
import dev.pgpart.plan.DetachPartition;
import dev.pgpart.plan.DropPartition;
import dev.pgpart.plan.Finding;
import dev.pgpart.plan.Plan;
import dev.pgpart.spec.ConfigException;
import dev.pgpart.spec.Spec;
import dev.pgpart.spec.SpecLoader;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.test.Db;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** End to end through the Java API: config text in, real catalog out. */
@Timeout(120)
class PgpartIT {
    static final Instant NOW = Instant.parse("2026-11-22T10:15:00Z");

    static final String ISSUE_CONFIG = """
            lock_timeout: 2s             # default for every table
            tables:
              public.orders:             # RANGE (created_at)
                interval: 1 month
                premake: 4
                start: 2024-01-01
                retention: 12 months
                on_expiry: detach
                default_partition: true
                time_zone: UTC
              public.events:
                interval: 1000000
                premake: 3
              public.audits:
                interval: 1 month
                id_encoding: uuidv7
                premake: 2
              public.orders_by_region:
                list: { na: [NA], eu: [EU], apac: [AS, OC] }
                default_partition: true
              public.customers:
                hash: { modulus: 8 }
            """;

    static void createIssueTables(Db db) {
        db.exec("CREATE TABLE orders (id bigint NOT NULL, created_at timestamptz NOT NULL, amount numeric, "
                        + "PRIMARY KEY (id, created_at)) PARTITION BY RANGE (created_at)",
                "CREATE TABLE events (id bigint PRIMARY KEY, payload text) PARTITION BY RANGE (id)",
                "CREATE TABLE audits (id uuid PRIMARY KEY, what text) PARTITION BY RANGE (id)",
                "CREATE TABLE orders_by_region (id bigint, region text NOT NULL) PARTITION BY LIST (region)",
                "CREATE TABLE customers (id bigint PRIMARY KEY, name text) PARTITION BY HASH (id)");
    }

    static Pgpart pgpart(Db db, String yaml, Instant now) {
        Spec spec = SpecLoader.parse(yaml, "pgpart.yml");
        return Pgpart.builder(db.dataSource()).spec(spec).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
    }

    @Test
    void theIssueConfigurationMaintainsEveryTableShapeAndASecondRunPlansNothing() {
        Db db = Db.create("issue_shapes");
        createIssueTables(db);
        Pgpart pgpart = pgpart(db, ISSUE_CONFIG, NOW);

        MaintainResult result = pgpart.maintain(MaintainOptions.defaults());

        assertThat(result.hasFailures()).as(result.results().toString()).isFalse();
        // orders: retention keeps 2025-11 (ends after now - 12 months) through now + 4 months, plus the default
        assertThat(db.partitionsOf("orders")).first().isEqualTo("orders_default");
        assertThat(db.partitionsOf("orders")).contains("orders_p20251101", "orders_p20261101", "orders_p20270301")
                .doesNotContain("orders_p20251001", "orders_p20270401").hasSize(18);
        assertThat(db.partitionsOf("events")).containsExactly("events_p0", "events_p1000000", "events_p2000000", "events_p3000000");
        assertThat(db.partitionsOf("audits")).containsExactly("audits_p20261101", "audits_p20261201", "audits_p20270101");
        assertThat(db.partitionsOf("orders_by_region")).containsExactlyInAnyOrder(
                "orders_by_region_na", "orders_by_region_eu", "orders_by_region_apac", "orders_by_region_default");
        assertThat(db.partitionsOf("customers")).hasSize(8);
        assertThat(db.queryStrings("SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE relname = 'audits_p20261101'"))
                .containsExactly("FOR VALUES FROM ('01a19467-e800-0000-0000-000000000000') TO ('01a22ee6-b000-0000-0000-000000000000')");

        assertThat(pgpart.plan().isEmpty()).isTrue();
        assertThat(pgpart.check()).isEmpty();
    }

    @Test
    void severalJobsMaintainTablesInParallelAndReportInPlanOrder() {
        Db db = Db.create("jobs");
        createIssueTables(db);
        Pgpart pgpart = pgpart(db, ISSUE_CONFIG, NOW);
        Plan plan = pgpart.plan();
        List<String> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
        Pgpart listening = Pgpart.builder(db.dataSource()).spec(pgpart.spec()).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .listener(new dev.pgpart.api.MaintenanceListener() {
                    @Override
                    public void actionFinished(ActionResult r) {
                        progress.add(r.action().partition().name());
                    }
                }).build();

        MaintainResult result = listening.maintain(MaintainOptions.defaults().withJobs(3));

        assertThat(result.hasFailures()).as(result.results().toString()).isFalse();
        assertThat(result.results()).extracting(ActionResult::action).containsExactlyElementsOf(plan.actions());
        assertThat(progress).hasSize(plan.actions().size());
        assertThat(pgpart.plan().isEmpty()).isTrue();
    }

    @Test
    void rowsWaitingInTheDefaultPartitionAreMovedIntoTheirNewPartitionWithoutLoss() {
        Db db = Db.create("default_rows");
        db.exec("CREATE TABLE orders (id bigint, created_at timestamptz NOT NULL) PARTITION BY RANGE (created_at)",
                "CREATE TABLE orders_default PARTITION OF orders DEFAULT",
                "INSERT INTO orders SELECT g, timestamptz '2026-09-01 00:00+00' + g * interval '1 hour' "
                        + "FROM generate_series(1, 2000) g");
        String yaml = """
                tables:
                  orders: { interval: 1 month, premake: 2, start: 2026-09-01, default_partition: true }
                """;
        MaintainResult result = pgpart(db, yaml, NOW).maintain(MaintainOptions.defaults());

        assertThat(result.hasFailures()).as(result.results().toString()).isFalse();
        assertThat(result.rowsMoved()).isEqualTo(2000);
        assertThat(db.queryLong("SELECT count(*) FROM orders")).isEqualTo(2000);
        assertThat(db.queryLong("SELECT count(*) FROM ONLY orders_default")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM orders_p20261001")).isEqualTo(24 * 31);
    }

    @Test
    void retentionDetachesOnlyWithConsentAndOnlyWhatPgpartCreated() {
        Db db = Db.create("retention");
        db.exec("CREATE TABLE logs (at date NOT NULL) PARTITION BY RANGE (at)",
                "CREATE TABLE logs_handmade PARTITION OF logs FOR VALUES FROM ('2025-01-01') TO ('2025-02-01')");
        String yaml = """
                tables:
                  logs: { interval: 1 month, premake: 1, start: 2025-01-01, retention: 3 months }
                """;
        pgpart(db, yaml, Instant.parse("2025-03-15T00:00:00Z")).maintain(MaintainOptions.defaults());
        assertThat(db.partitionsOf("logs")).containsExactly("logs_handmade", "logs_p20250201", "logs_p20250301", "logs_p20250401");

        Pgpart later = pgpart(db, yaml, Instant.parse("2025-08-10T00:00:00Z"));
        Plan plan = later.plan();
        assertThat(plan.actions()).filteredOn(a -> a instanceof DetachPartition)
                .extracting(a -> a.partition().name()).containsExactly("logs_p20250201", "logs_p20250301", "logs_p20250401");
        assertThat(plan.findings()).extracting(Finding::kind).contains(Finding.Kind.UNMANAGED_EXPIRED);

        MaintainResult withoutConsent = later.maintain(MaintainOptions.defaults());
        assertThat(withoutConsent.hasPendingWithoutConsent()).isTrue();
        assertThat(db.partitionsOf("logs")).contains("logs_p20250201");

        MaintainResult withConsent = later.maintain(MaintainOptions.defaults().withConsent(true));
        assertThat(withConsent.hasFailures()).as(withConsent.results().toString()).isFalse();
        assertThat(db.partitionsOf("logs")).contains("logs_handmade").doesNotContain("logs_p20250201", "logs_p20250401");
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'logs_p20250201'")).as("detached, kept").isEqualTo(1);
    }

    @Test
    void dropOnExpiryRemovesTheTableAfterDetachingIt() {
        Db db = Db.create("drop");
        db.exec("CREATE TABLE m (k bigint NOT NULL) PARTITION BY RANGE (k)");
        String yaml = """
                tables:
                  m: { interval: 10, premake: 1, retention: 10, on_expiry: drop }
                """;
        pgpart(db, yaml, NOW).maintain(MaintainOptions.defaults());
        db.exec("INSERT INTO m VALUES (5), (15)");
        pgpart(db, yaml, NOW).maintain(MaintainOptions.defaults());
        db.exec("INSERT INTO m VALUES (25)");
        MaintainResult r = pgpart(db, yaml, NOW).maintain(MaintainOptions.defaults().withConsent(true));
        assertThat(r.results()).extracting(ActionResult::action).filteredOn(a -> a instanceof DropPartition)
                .extracting(a -> a.partition().name()).containsExactly("m_p0");
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'm_p0'")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM m")).isEqualTo(2);
    }

    @Test
    void twoConcurrentMaintainRunsSerializeAndNeitherFails() throws Exception {
        Db db = Db.create("concurrent");
        createIssueTables(db);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<MaintainResult> run = () -> pgpart(db, ISSUE_CONFIG, NOW).maintain(MaintainOptions.defaults());
            Future<MaintainResult> a = pool.submit(run);
            Future<MaintainResult> b = pool.submit(run);
            MaintainResult ra = a.get();
            MaintainResult rb = b.get();
            assertThat(ra.hasFailures()).as(ra.results().toString()).isFalse();
            assertThat(rb.hasFailures()).as(rb.results().toString()).isFalse();
            assertThat(ra.results().size() + rb.results().size()).as("one run did all the work")
                    .isEqualTo(Math.max(ra.results().size(), rb.results().size()));
        } finally {
            pool.shutdownNow();
        }
        assertThat(db.partitionsOf("customers")).hasSize(8);
    }

    @Test
    void aLockHeldByAnotherSessionFailsThatTableAfterRetriesNamingTheBlocker() throws Exception {
        Db db = Db.create("lock_held");
        db.exec("CREATE TABLE orders (created_at timestamptz NOT NULL) PARTITION BY RANGE (created_at)",
                "CREATE TABLE orders_default PARTITION OF orders DEFAULT",
                "CREATE TABLE other (k int NOT NULL) PARTITION BY HASH (k)");
        String yaml = """
                lock_timeout: 200ms
                tables:
                  orders: { interval: 1 day, premake: 1, default_partition: true }
                  other: { hash: { modulus: 2 } }
                """;
        try (Connection blocker = db.dataSource().getConnection(); Statement s = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            s.execute("SELECT count(*) FROM orders_default");
            long pid;
            try (var rs = s.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                pid = rs.getLong(1);
            }
            MaintainResult r = pgpart(db, yaml, NOW)
                    .maintain(MaintainOptions.defaults().withRetries(2, Duration.ofMillis(50)));
            assertThat(r.results()).filteredOn(x -> x.action().parent().name().equals("orders"))
                    .allSatisfy(x -> {
                        assertThat(x.outcome()).isEqualTo(Outcome.FAILED);
                        assertThat(x.detail()).contains(String.valueOf(pid));
                    });
            assertThat(r.results()).filteredOn(x -> x.action().parent().name().equals("other"))
                    .allSatisfy(x -> assertThat(x.outcome()).isEqualTo(Outcome.APPLIED));
            blocker.rollback();
        }
        assertThat(db.partitionsOf("orders")).containsExactly("orders_default");
        MaintainResult again = pgpart(db, yaml, NOW).maintain(MaintainOptions.defaults());
        assertThat(again.hasFailures()).isFalse();
        assertThat(db.partitionsOf("orders")).hasSize(3);
    }

    @Test
    void aCatalogReadBlockedByAnAccessExclusiveLockGivesUpAfterLockTimeoutNamingTheBlocker() throws Exception {
        Db db = Db.create("catalog_blocked");
        db.exec("CREATE TABLE orders (created_at timestamptz NOT NULL) PARTITION BY RANGE (created_at)",
                "CREATE TABLE orders_default PARTITION OF orders DEFAULT");
        String yaml = """
                lock_timeout: 200ms
                tables:
                  orders: { interval: 1 day, premake: 1, default_partition: true }
                """;
        try (Connection blocker = db.dataSource().getConnection(); Statement s = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            s.execute("LOCK TABLE orders_default IN ACCESS EXCLUSIVE MODE");
            long pid;
            try (var rs = s.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                pid = rs.getLong(1);
            }
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> pgpart(db, yaml, NOW).plan())
                    .isInstanceOfSatisfying(dev.pgpart.PgpartException.class, e -> {
                        assertThat(e.code()).isEqualTo(dev.pgpart.ErrorCode.LOCK_TIMEOUT);
                        assertThat(e.getMessage()).contains("pid " + pid, "nothing was changed");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            blocker.rollback();
        }
    }

    @Test
    void aRunKilledMidwayLeavesNothingHalfDoneAndTheNextRunCompletes() throws Exception {
        Db db = Db.create("killed");
        db.exec("CREATE TABLE orders (created_at timestamptz NOT NULL) PARTITION BY RANGE (created_at)",
                "CREATE TABLE orders_default PARTITION OF orders DEFAULT");
        String yaml = """
                lock_timeout: 30s
                tables:
                  orders: { interval: 1 day, premake: 5, default_partition: true }
                """;
        try (Connection blocker = db.dataSource().getConnection(); Statement s = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            s.execute("SELECT count(*) FROM orders_default");
            ExecutorService pool = Executors.newSingleThreadExecutor();
            Future<MaintainResult> run = pool.submit(() -> pgpart(db, yaml, NOW).maintain(MaintainOptions.defaults()));
            // wait until the run is queued on the lock, then kill its backend as an OOM killer or kill -9 would
            long killed = 0;
            for (int i = 0; i < 100 && killed == 0; i++) {
                Thread.sleep(100);
                killed = db.queryLong("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                        + "WHERE application_name = 'pgpart' AND wait_event_type = 'Lock'");
            }
            assertThat(killed).isEqualTo(1);
            // the table's transaction dies with its backend: the run reports it failed (and nothing half-done)
            assertThat(run.get(30, java.util.concurrent.TimeUnit.SECONDS).hasFailures()).isTrue();
            pool.shutdownNow();
            blocker.rollback();
        }
        assertThat(db.partitionsOf("orders")).as("the killed transaction rolled back").containsExactly("orders_default");
        MaintainResult again = pgpart(db, yaml, NOW).maintain(MaintainOptions.defaults());
        assertThat(again.hasFailures()).isFalse();
        assertThat(db.partitionsOf("orders")).hasSize(7);
    }

    @Test
    void hostileIdentifiersWorkEndToEnd() {
        Db db = Db.create("hostile");
        db.exec("CREATE SCHEMA \"Sales Dept\"",
                "CREATE TABLE \"Sales Dept\".\"Orders;X\" (\"Created At\" timestamp NOT NULL, \"select\" text) "
                        + "PARTITION BY RANGE (\"Created At\")",
                "CREATE TABLE \"Sales Dept\".\"Bestellungen_ÄÖÜ_Übersicht_für_das_ganze_Jahr_und_mehr_als\" "
                        + "(k int NOT NULL) PARTITION BY LIST (k)");
        String yaml = """
                tables:
                  '"Sales Dept"."Orders;X"': { interval: 1 week, premake: 2, default_partition: true }
                  '"Sales Dept"."Bestellungen_ÄÖÜ_Übersicht_für_das_ganze_Jahr_und_mehr_als"':
                    list: { "a'b": [1], "c;d": [2] }
                """;
        Pgpart pgpart = pgpart(db, yaml, NOW);
        MaintainResult r = pgpart.maintain(MaintainOptions.defaults());
        assertThat(r.hasFailures()).as(r.results().toString()).isFalse();
        assertThat(db.partitionsOf("\"Sales Dept\".\"Orders;X\"")).hasSize(4);
        assertThat(db.queryStrings("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = 'Sales Dept' AND c.relname LIKE 'Bestellungen%' AND c.relispartition"))
                .hasSize(2).allSatisfy(n -> assertThat(QualifiedName.byteLength(n)).isLessThanOrEqualTo(63));
        assertThat(pgpart.plan().isEmpty()).isTrue();
    }

    @Test
    void aBadConfigurationIsRejectedWithEveryProblemAtOnce() {
        Db db = Db.create("bad_config");
        db.exec("CREATE TABLE plain (x int)",
                "CREATE TABLE d (day date NOT NULL) PARTITION BY RANGE (day)",
                "CREATE TABLE l (r text) PARTITION BY LIST (r)");
        String yaml = """
                tables:
                  missing: { interval: 1 day }
                  plain: { interval: 1 day }
                  d: { interval: 2 hours }
                  l: { interval: 1 month }
                """;
        Pgpart pgpart = pgpart(db, yaml, NOW);
        assertThat(pgpart.validate()).hasSizeGreaterThanOrEqualTo(4);
        // (and one about pgpart itself: no maintain run is recorded yet)
        List<Finding> findings = pgpart.check().stream().filter(f -> f.kind() != Finding.Kind.MAINTENANCE_STALE).toList();
        assertThat(findings).extracting(f -> f.table().name()).contains("missing", "plain", "d", "l");
        assertThat(findings).as("one finding per problem, not the validator's and the planner's").hasSize(pgpart.validate().size());
        assertThatThrownBy(pgpart::plan).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(4));
        assertThat(db.partitionsOf("d")).isEmpty();
    }

    @Test
    void manualPartitionAddAndDetach() {
        Db db = Db.create("manual");
        db.exec("CREATE TABLE t (k int NOT NULL) PARTITION BY RANGE (k)");
        Pgpart pgpart = Pgpart.builder(db.dataSource()).build();
        QualifiedName t = QualifiedName.of("public", "t");
        ActionResult added = pgpart.addPartition(t,
                new dev.pgpart.api.Bound.Range(Optional.of("0"), Optional.of("100")), Optional.of("t_low"));
        assertThat(added.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(added.action()).isInstanceOf(CreatePartition.class);
        assertThat(db.partitionsOf("t")).containsExactly("t_low");

        ActionResult dry = pgpart.detachPartition(t.sibling("t_low"), false);
        assertThat(dry.skippedForConsent()).isTrue();
        assertThat(db.partitionsOf("t")).containsExactly("t_low");
        assertThat(pgpart.detachPartition(t.sibling("t_low"), true).outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(db.partitionsOf("t")).isEmpty();
    }

    @Test
    void resultsDoNotDependOnTheSessionServerOrJvmTimeZone() {
        Db db = Db.create("zones");
        db.exec("ALTER DATABASE " + db.queryStrings("SELECT current_database()").get(0) + " SET TimeZone = 'Pacific/Kiritimati'",
                "CREATE TABLE z (at timestamptz NOT NULL) PARTITION BY RANGE (at)");
        String yaml = """
                tables:
                  z: { interval: 1 day, premake: 1, time_zone: Asia/Kolkata }
                """;
        pgpart(db, yaml, Instant.parse("2026-03-01T20:00:00Z")).maintain(MaintainOptions.defaults());
        // 2026-03-02 in Kolkata starts at 2026-03-01 18:30 UTC, whatever zone the session or server is in
        assertThat(db.partitionsOf("z")).containsExactly("z_p20260302", "z_p20260303");
        db.exec("INSERT INTO z VALUES ('2026-03-01 18:30:00+00'), ('2026-03-02 18:29:59+00'), ('2026-03-02 18:30:00+00')");
        assertThat(db.queryStrings("SELECT tableoid::regclass::text FROM z ORDER BY at"))
                .containsExactly("z_p20260302", "z_p20260302", "z_p20260303");
    }
}
