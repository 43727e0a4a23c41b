package dev.pgpart.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpart.spec.ConvertSpec;
import dev.pgpart.spec.Spec;
import dev.pgpart.spec.TableSpec;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import dev.pgpart.state.Job;
import dev.pgpart.state.JobContext;
import dev.pgpart.state.JobPhase;
import dev.pgpart.test.Db;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Attach with rows at or above the boundary (2027-05-01; now is March 2027): they move in batches into
 * an inheritance child behind a routing trigger and reach their partitions at the swap.
 */
@Timeout(180)
class AttachOutliersIT {
    static final QualifiedName T = QualifiedName.parse("public.events");
    /** Far-future keys: one in the premade partition (2027-05), the others only the default partition holds. */
    static final String FAR = "INSERT INTO events (n, created_at, amount, note) VALUES (100000, '2027-05-15 00:00+00', 1, 'may'),"
            + " (100001, '2099-01-01 00:00+00', 2, 'far'), (100002, '2100-02-02 00:00+00', 3, 'farther'),"
            + " (100003, '2088-03-03 00:00+00', 4, 'x'), (100004, '2077-04-04 00:00+00', 5, 'y')";

    static TableSpec spec(int batchSize) {
        TableSpec m = AttachFixture.monthly(T);
        return m.withConvert(new ConvertSpec(ConvertSpec.Strategy.ATTACH, batchSize, Optional.empty(), ConvertSpec.Cutover.MANUAL,
                Optional.empty(), Optional.empty()));
    }

    static List<JobPhase> phases(int batchSize) {
        TableSpec ts = spec(batchSize);
        return new AttachJob(new Spec(Duration.ofSeconds(2), List.of(ts)), ts, AttachFixture.CLOCK).phases(true);
    }

    static Db events(String hint) {
        return events(hint, ", PRIMARY KEY (n)");
    }

    static Db events(String hint, String pk) {
        Db db = Db.create(hint);
        AttachFixture.create(db, T, "", pk, 2000);
        db.exec(FAR);
        return db;
    }

    static Source source(Db db) throws SQLException {
        try (Connection c = AttachFixture.connect(db)) {
            c.setAutoCommit(false);
            return SourceReader.read(c, T, Optional.of("created_at"),
                    (k, max) -> Optional.of(AttachFixture.BOUNDARY), true).orElseThrow();
        }
    }

    @Test
    void thePlanShowsTheRoutingPhaseWithItsTriggerAndBatchAndNoBlocker() throws SQLException {
        Db db = events("outliers_plan");
        ConvertPlan plan = AttachPlanner.plan(spec(2), source(db), Optional.of(AttachFixture.BOUNDARY));

        assertThat(plan.blockers()).isEmpty();
        assertThat(plan.phases()).extracting(ConvertPlan.Phase::name).containsExactly(AttachPlanner.INDEXES, AttachPlanner.ROUTE,
                AttachPlanner.RANGE, AttachPlanner.SWAP);
        ConvertPlan.Phase route = plan.phases().get(1);
        assertThat(route.locks()).contains("(5 now)");
        assertThat(route.statements()).contains("CREATE TABLE \"public\".\"events_pgpart_above\" () INHERITS (\"public\".\"events\")",
                "CREATE TRIGGER \"pgpart_route\" BEFORE INSERT OR UPDATE OF \"created_at\" ON \"public\".\"events\" FOR EACH ROW"
                        + " EXECUTE FUNCTION \"public\".\"events_pgpart_route\"()");
        assertThat(route.statements().subList(route.statements().size() - 3, route.statements().size())).satisfiesExactly(
                find -> assertThat(find).isEqualTo("SELECT ctid::text FROM ONLY \"public\".\"events\" WHERE \"created_at\""
                        + " >= '2027-05-01 00:00:00+00' LIMIT 2"),
                lock -> assertThat(lock).isEqualTo("LOCK TABLE \"public\".\"events\" IN EXCLUSIVE MODE"),
                move -> assertThat(move).startsWith("WITH moved AS (DELETE FROM ONLY \"public\".\"events\" WHERE ctid = ANY (?::tid[])"));
        assertThat(plan.phases().get(3).statements()).contains("ALTER TABLE \"public\".\"events_pgpart_above\" NO INHERIT"
                + " \"public\".\"events\"", "DROP TABLE \"public\".\"events_pgpart_above\"");
    }

    @Test
    void rowsAboveTheBoundaryAtPlanTimeEndInTheirPartitionsAndNothingOfTheRoutingIsLeft() throws SQLException {
        Db db = events("outliers_run");
        QualifiedName control = AttachFixture.control(db, T);

        Job job = AttachFixture.run(db, T, phases(2));

        assertThat(job.finished()).isTrue();
        AttachFixture.assertSameRows(db, T, control);
        assertThat(db.queryStrings("SELECT tableoid::regclass::text || ' ' || n FROM events WHERE n >= 100000 ORDER BY n"))
                .containsExactly("events_p20270501 100000", "events_default 100001", "events_default 100002",
                        "events_default 100003", "events_default 100004");
        assertThat(db.queryLong("SELECT count(*) FROM ONLY events_pgpart_old WHERE created_at >= '2027-05-01 00:00+00'")).isZero();
        assertNothingOfTheRoutingIsLeft(db);
    }

    @Test
    void aWriterInsertingFarFutureKeysAndMovingRowsAcrossTheBoundaryDuringEveryPhaseLosesNothing() throws Exception {
        Db db = events("outliers_writer");
        QualifiedName control = AttachFixture.control(db, T);
        try (FarWriter w = new FarWriter(db)) {
            Job job = AttachFixture.run(db, T, phases(3).stream().map(p -> during(p, w)).toList());
            w.await(20);
            w.close();
            assertThat(job.finished()).isTrue();
            assertThat(w.errors).isEmpty();
            assertThat(w.ops.get()).isGreaterThan(100);
        }
        AttachFixture.assertSameRows(db, T, control);
        assertThat(db.queryLong("SELECT count(*) FROM ONLY events_pgpart_old WHERE created_at >= '2027-05-01 00:00+00'")).isZero();
        assertNothingOfTheRoutingIsLeft(db);
    }

    @Test
    void aRunKilledInsideABatchResumesWithEveryRowOnce() throws Exception {
        Db db = events("outliers_kill");
        // a check the child inherits, made to sleep while row 100003 is moved, as long as slow_row has a row
        db.exec("CREATE TABLE slow_row (n bigint)",
                "CREATE FUNCTION slow(k bigint) RETURNS boolean LANGUAGE sql AS"
                        + " $$ SELECT NOT EXISTS (SELECT 1 FROM public.slow_row WHERE n = k) OR pg_sleep(30) IS NOT NULL $$",
                "ALTER TABLE events ADD CONSTRAINT slow CHECK (public.slow(n))", "INSERT INTO slow_row VALUES (100003)");
        QualifiedName control = AttachFixture.control(db, T);
        AtomicReference<Exception> failed = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                AttachFixture.run(db, T, phases(1));
            } catch (SQLException | RuntimeException e) {
                failed.set(e);
            }
        });
        runner.start();
        long pid = awaitBatchSleeping(db, failed);
        db.exec("SELECT pg_terminate_backend(" + pid + ")");
        runner.join(60_000);
        assertThat(failed.get()).as("the killed run's failure").isNotNull();
        db.exec("DELETE FROM slow_row");
        assertThat(db.queryLong("SELECT count(*) FROM events_pgpart_above")).as("batches committed before the kill").isEqualTo(3);
        AttachFixture.assertSameRows(db, T, control);

        Job job = AttachFixture.run(db, T, phases(1));

        assertThat(job.finished()).isTrue();
        AttachFixture.assertSameRows(db, T, control);
        assertNothingOfTheRoutingIsLeft(db);
    }

    @Test
    void anUpdateWaitingForARowABatchIsMovingChangesTheMovedRow() throws Exception {
        Db db = events("outliers_race");
        // a check the child inherits, which holds the batch moving row 100003 until the test lets it go
        db.exec("CREATE TABLE slow_row (n bigint)",
                "CREATE FUNCTION slow(k bigint) RETURNS boolean LANGUAGE sql AS $$ SELECT CASE WHEN EXISTS (SELECT 1 FROM"
                        + " public.slow_row WHERE n = k) THEN (SELECT true FROM pg_advisory_xact_lock_shared(42)) ELSE true END $$",
                "ALTER TABLE events ADD CONSTRAINT slow CHECK (public.slow(n))", "INSERT INTO slow_row VALUES (100003)");
        QualifiedName control = AttachFixture.control(db, T);
        AtomicReference<Exception> failed = new AtomicReference<>();
        try (Connection gate = db.dataSource().getConnection(); Statement g = gate.createStatement()) {
            g.execute("SELECT pg_advisory_lock(42)");
            Thread runner = new Thread(() -> {
                try {
                    AttachFixture.run(db, T, phases(1));
                } catch (SQLException | RuntimeException e) {
                    failed.set(e);
                }
            });
            runner.start();
            awaitWaiting(db, "WITH moved AS%", failed);
            db.exec("DELETE FROM slow_row", "UPDATE control SET amount = amount + 100 WHERE n = 100003");
            Thread writer = new Thread(() -> {
                try {
                    db.exec("UPDATE events SET amount = amount + 100 WHERE n = 100003");
                } catch (RuntimeException e) {
                    failed.set(e);
                }
            });
            writer.start();
            awaitWaiting(db, "UPDATE events SET amount%", failed);
            g.execute("SELECT pg_advisory_unlock(42)");
            writer.join(60_000);
            runner.join(60_000);
        }
        assertThat(failed.get()).as("the run's or the writer's failure").isNull();
        AttachFixture.assertSameRows(db, T, control);
        assertNothingOfTheRoutingIsLeft(db);
    }

    /** The backend running a statement like {@code query} once it waits for a lock. */
    static void awaitWaiting(Db db, String query, AtomicReference<Exception> failed)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && failed.get() == null) {
            if (db.queryLong("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE "
                    + Sql.literal(query) + " AND wait_event_type = 'Lock'") > 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no statement like " + query + " ever waited for a lock", failed.get());
    }

    @ParameterizedTest
    @ValueSource(strings = {AttachPlanner.ROUTE, AttachPlanner.RANGE})
    void undoAfterTheNewPhasesGivesBackThePlainTableWithEveryRowAndNoTrigger(String last) throws SQLException {
        Db db = events("outliers_undo_" + last.replace('.', '_'));
        QualifiedName control = AttachFixture.control(db, T);
        List<String> before = AttachFixture.shape(db, T);
        List<JobPhase> all = phases(2);
        int upTo = all.stream().map(JobPhase::name).toList().indexOf(last);
        AttachFixture.run(db, T, all.subList(0, upTo + 1));
        assertThat(db.queryLong("SELECT count(*) FROM events_pgpart_above")).isEqualTo(5);
        assertThat(plan(db).blockers()).as("the routing child is the conversion's, not an inheritance tree").isEmpty();

        AttachFixture.undo(db, T);

        AttachFixture.assertSameRows(db, T, control);
        assertThat(db.queryLong("SELECT count(*) FROM ONLY events WHERE created_at >= '2027-05-01 00:00+00'")).isEqualTo(5);
        assertThat(AttachFixture.shape(db, T)).isEqualTo(before);
        assertNothingOfTheRoutingIsLeft(db);
        assertThat(plan(db).blockers()).as("a new conversion may start").isEmpty();
        // and the writes the application makes go where they always went
        db.exec("INSERT INTO events (n, created_at, amount) VALUES (200000, '2099-05-05 00:00+00', 1)");
        assertThat(db.queryLong("SELECT count(*) FROM ONLY events WHERE n = 200000")).isEqualTo(1);
    }

    @Test
    void aRoleGrantedOnlyInsertAndUpdateOnTheTableWritesAboveTheBoundaryDuringTheRoutingStage() throws SQLException {
        Db db = events("outliers_role");
        db.exec("CREATE ROLE app_writer", "GRANT SELECT, INSERT, UPDATE ON events TO app_writer");
        List<JobPhase> all = phases(2);
        AttachFixture.run(db, T, all.subList(0, all.stream().map(JobPhase::name).toList().indexOf(AttachPlanner.ROUTE) + 1));

        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("SET ROLE app_writer");
            st.execute("INSERT INTO events (n, created_at, amount) VALUES (400000, '2099-09-09 00:00+00', 1)");
            st.execute("UPDATE events SET created_at = '2098-08-08 00:00+00' WHERE n = 7");
            st.execute("RESET ROLE");
        }

        assertThat(db.queryStrings("SELECT n FROM ONLY events_pgpart_above WHERE (n = 7 AND created_at = '2098-08-08 00:00+00')"
                + " OR (n = 400000 AND created_at = '2099-09-09 00:00+00') ORDER BY n")).containsExactly("7", "400000");
        assertThat(db.queryLong("SELECT count(*) FROM ONLY events WHERE n = 7")).isZero();
    }

    @Test
    void aRoutedRowThatFitsNoPartitionRollsTheSwapBackAndSaysWhatToDo() throws SQLException {
        Db db = events("outliers_nowhere");
        TableSpec m = spec(2);
        TableSpec noDefault = new TableSpec(m.table(), m.policy(), false, m.lockTimeout(), m.subpartition(), m.nameFormat(),
                m.expireUnmanaged(), m.maxPartitionsPerRun(), m.key(), m.convert());
        List<JobPhase> phases = new AttachJob(new Spec(Duration.ofSeconds(2), List.of(noDefault)), noDefault, AttachFixture.CLOCK)
                .phases(true);

        assertThatThrownBy(() -> AttachFixture.run(db, T, phases)).hasMessageContaining("the swap of public.events was rolled back")
                .hasMessageContaining("Set default: true");

        assertThat(db.queryStrings("SELECT relkind::text FROM pg_class WHERE relname = 'events'")).containsExactly("r");
        assertThat(db.queryLong("SELECT count(*) FROM events WHERE n >= 100000")).isEqualTo(5);
        assertThat(db.queryLong("SELECT count(*) FROM ONLY events_pgpart_above")).isEqualTo(5);
    }

    @Test
    void farFutureRowsStillBlockATableWithUserTriggersAndSayWhy() throws SQLException {
        Db db = events("outliers_trigger");
        db.exec("CREATE FUNCTION keep() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
                "CREATE TRIGGER keep BEFORE UPDATE ON events FOR EACH ROW EXECUTE FUNCTION keep()");
        ConvertPlan plan = AttachPlanner.plan(spec(2), source(db), Optional.of(AttachFixture.BOUNDARY));

        assertThat(plan.blockers()).singleElement().satisfies(b -> assertThat(b.problem())
                .startsWith("5 row(s) have created_at at or above the boundary " + AttachFixture.BOUNDARY)
                .endsWith("it has user triggers, which would fire for the rows moved"));
        assertThat(plan.phases()).extracting(ConvertPlan.Phase::name).doesNotContain(AttachPlanner.ROUTE);
    }

    static ConvertPlan plan(Db db) throws SQLException {
        return AttachPlanner.plan(spec(2), source(db), Optional.of(AttachFixture.BOUNDARY));
    }

    static void assertNothingOfTheRoutingIsLeft(Db db) {
        assertThat(db.queryStrings("SELECT relname FROM pg_class WHERE relname = 'events_pgpart_above'"
                + " UNION ALL SELECT tgname FROM pg_trigger WHERE tgname = 'pgpart_route'"
                + " UNION ALL SELECT proname FROM pg_proc WHERE proname = 'events_pgpart_route'"
                + " UNION ALL SELECT conname FROM pg_constraint WHERE conname = 'events_pgpart_range'")).isEmpty();
    }

    static long awaitBatchSleeping(Db db, AtomicReference<Exception> failed) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && failed.get() == null) {
            List<String> pids = db.queryStrings("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND query LIKE 'WITH moved AS%' AND wait_event = 'PgSleep'");
            if (!pids.isEmpty()) {
                return Long.parseLong(pids.get(0));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no batch ever sat in the check's pg_sleep", failed.get());
    }

    /** The phase with writes committed just before, during (the writer runs on) and just after it. */
    static JobPhase during(JobPhase p, FarWriter w) {
        return new JobPhase() {
            @Override
            public String name() {
                return p.name();
            }

            @Override
            public void run(JobContext ctx) throws SQLException {
                w.await(15);
                p.run(ctx);
                w.await(15);
            }
        };
    }

    /**
     * Writes through the table's name and the same to a control table, one transaction each: inserts of
     * current and far-future keys, updates moving rows above the boundary and back below it, other
     * updates, deletes. Plain statements: a routed INSERT reports 0 rows (see the guide).
     */
    static final class FarWriter implements AutoCloseable {
        final AtomicLong ops = new AtomicLong();
        final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Db db;
        private final Thread thread;

        FarWriter(Db db) {
            this.db = db;
            this.thread = new Thread(this::loop, "far-writer");
            thread.start();
        }

        private void loop() {
            Random r = new Random(7);
            long next = 300_000;
            try (Connection c = db.dataSource().getConnection()) {
                c.setAutoCommit(false);
                while (!stop.get()) {
                    int op = r.nextInt(10);
                    long n = op < 3 ? next++ : pick(r);
                    try {
                        switch (op) {
                            case 0, 1 -> both(c, "INSERT INTO %s (n, created_at, amount, note) VALUES (?, timestamptz"
                                    + " '2090-01-01 00:00+00' + ? * interval '1 hour', 1, 'far')", n, n % 500);
                            case 2 -> both(c, "INSERT INTO %s (n, created_at, amount, note) VALUES (?, timestamptz"
                                    + " '2026-06-01 00:00+00' + ? * interval '1 minute', 1, 'now')", n, n % 500);
                            case 3, 4 -> both(c, "UPDATE %s SET created_at = timestamptz '2095-01-01 00:00+00' + ? * interval '1 day'"
                                    + " WHERE n = ?", n % 97, n);
                            case 5 -> both(c, "UPDATE %s SET created_at = timestamptz '2026-02-01 00:00+00' + ? * interval '1 hour'"
                                    + " WHERE n = ?", n % 97, n);
                            case 6, 7 -> both(c, "UPDATE %s SET amount = amount + 1 WHERE n = ? AND ? > 0", n, 1);
                            default -> both(c, "DELETE FROM %s WHERE n = ? AND ? > 0", n, 1);
                        }
                        c.commit();
                        ops.incrementAndGet();
                    } catch (SQLException e) {
                        errors.add(e.getSQLState() + " " + e.getMessage());
                        c.rollback();
                    }
                }
            } catch (SQLException e) {
                errors.add("connection: " + e.getMessage());
            }
        }

        /** Old rows, the far-future ones and those this writer inserted. */
        private static long pick(Random r) {
            int kind = r.nextInt(3);
            return kind == 0 ? r.nextInt(2000) : kind == 1 ? 100_000 + r.nextInt(5) : 300_000 + r.nextInt(400);
        }

        private static void both(Connection c, String sql, long a, long b) throws SQLException {
            for (String t : List.of("events", "control")) {
                try (PreparedStatement ps = c.prepareStatement(String.format(sql, t))) {
                    ps.setLong(1, a);
                    ps.setLong(2, b);
                    ps.executeUpdate();
                }
            }
        }

        void await(long more) {
            long target = ops.get() + more;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (ops.get() < target && System.nanoTime() < deadline && errors.isEmpty()) {
                try {
                    Thread.sleep(2); // polling the writer's progress, nothing is timed
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join(30_000);
        }
    }
}
