package dev.pgpart.convert.copy;

import static dev.pgpart.convert.copy.CopyFixture.assertSameRows;
import static dev.pgpart.convert.copy.CopyFixture.connect;
import static dev.pgpart.convert.copy.CopyFixture.control;
import static dev.pgpart.convert.copy.CopyFixture.conversion;
import static dev.pgpart.convert.copy.CopyFixture.create;
import static dev.pgpart.convert.copy.CopyFixture.interleaved;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.PgpartException;
import dev.pgpart.state.Job;
import dev.pgpart.state.JobPhase;
import dev.pgpart.state.JobRunner;
import dev.pgpart.state.StateSchema;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.test.Db;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code backfill_workers}: slices of the key space copied on several sessions, under the concurrent writer. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ParallelBackfillIT {
    private static final QualifiedName T = QualifiedName.of("public", "orders");
    private static final String IDENTITY = "id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,";
    private static final int ROWS = 3000;

    private static Job run(Db db, CopyConversion conv, List<JobPhase> phases) throws Exception {
        try (Connection c = connect(db)) {
            return new JobRunner(StateSchema.defaults(), "test").run(c, CopyConversion.JOB_KIND, T.toString(),
                    conv.params(), phases);
        }
    }

    private static long pid(Connection c) throws java.sql.SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Slices with a committed batch, as another session sees the job's checkpoint. */
    private static long slicesStarted(Connection c) throws java.sql.SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM jsonb_object_keys("
                + "(SELECT checkpoint FROM pgpart.job)) k WHERE k LIKE 'backfill.slice.%.last.0'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @ParameterizedTest(name = "{0} workers")
    @ValueSource(ints = {2, 3, 4})
    void severalWorkersEachOnItsOwnSessionEndWithTheSameRowsAsTheControlTable(int workers) throws Exception {
        Db db = Db.create("copy_workers" + workers);
        create(db, T, IDENTITY, "", ROWS);
        QualifiedName control = control(db, T);
        Set<Long> sessions = ConcurrentHashMap.newKeySet();
        CopyConversion conv = conversion(db, T, 100, workers, (c, batch) -> sessions.add(pid(c)));
        Job job;
        try (Writer w = new Writer(db, T.sql(), control.sql(), ROWS)) {
            job = run(db, conv, interleaved(conv.phases(true), w));
            w.await(20);
            w.close();
            assertThat(w.errors()).isEmpty();
        }
        assertThat(job.state()).isEqualTo(Job.State.DONE);
        assertThat(job.checkpoint()).containsEntry("backfill.slices", Integer.toString(workers));
        for (int i = 0; i < workers; i++) {
            assertThat(job.checkpoint()).containsEntry("backfill.slice." + i + ".finished", "true");
        }
        assertThat(sessions).as("backends that ran batches").hasSize(workers);
        assertSameRows(db, T, control);
        assertSameRows(db, T.sibling("orders_pgpart_old"), control);
    }

    @org.junit.jupiter.api.Test
    void aRunnerKilledMidBackfillWithThreeWorkersResumesEverySliceToTheSameResult() throws Exception {
        Db db = Db.create("copy_workers_kill");
        create(db, T, IDENTITY, "", ROWS);
        QualifiedName control = control(db, T);
        AtomicBoolean slept = new AtomicBoolean();
        BackfillPhase.BatchHook hook = (c, batch) -> {
            // once every slice has committed a batch: the kill then finds each one started
            if (batch >= 3 && slicesStarted(c) == 3 && slept.compareAndSet(false, true)) {
                CopyFixture.sleep(c);
            }
        };
        CopyConversion killed = conversion(db, T, 100, 3, hook);
        try (Writer w = new Writer(db, T.sql(), control.sql(), ROWS)) {
            CompletableFuture<Throwable> first = CompletableFuture.supplyAsync(() -> {
                try {
                    run(db, killed, killed.phases(true));
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            });
            long pid = CopyFixture.awaitSleepingBackend(db);
            db.exec("SELECT pg_terminate_backend(" + pid + ")");
            assertThat(first.get(60, TimeUnit.SECONDS)).isInstanceOf(PgpartException.class);
            // every slice kept what it committed
            try (Connection c = connect(db)) {
                assertThat(slicesStarted(c)).isEqualTo(3);
            }
            w.await(20);
            CopyConversion resumed = conversion(db, T, 100, 3, BackfillPhase.BatchHook.NONE);
            Job job = run(db, resumed, interleaved(resumed.phases(true), w));
            assertThat(job.state()).isEqualTo(Job.State.DONE);
            assertThat(job.checkpoint()).containsEntry("backfill.slices", "3");
            w.await(20);
            w.close();
            assertThat(w.errors()).isEmpty();
        }
        assertSameRows(db, T, control);
        assertSameRows(db, T.sibling("orders_pgpart_old"), control);
        assertThat(db.queryLong("SELECT count(*) FROM pgpart.job")).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "uuid|id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,|",
            "text|id text NOT NULL DEFAULT md5(random()::text) PRIMARY KEY,|",
            "composite|tenant int NOT NULL DEFAULT (random() * 5)::int, id bigint GENERATED BY DEFAULT AS IDENTITY,|, PRIMARY KEY (tenant, id)"})
    void aKeyThatCannotBeCutIsBackfilledAsOneSliceOnOneSession(String shape, String columns, String constraint)
            throws Exception {
        Db db = Db.create("copy_workers_" + shape);
        create(db, T, columns, constraint == null ? "" : constraint, 2000);
        QualifiedName control = control(db, T);
        Set<Long> sessions = ConcurrentHashMap.newKeySet();
        CopyConversion conv = conversion(db, T, 100, 4, (c, batch) -> sessions.add(pid(c)));
        Job job;
        try (Writer w = new Writer(db, T.sql(), control.sql(), 2000)) {
            job = run(db, conv, interleaved(conv.phases(true), w));
            w.await(20);
            w.close();
            assertThat(w.errors()).isEmpty();
        }
        assertThat(job.state()).isEqualTo(Job.State.DONE);
        assertThat(job.checkpoint()).doesNotContainKey("backfill.slices").containsEntry("backfill.finished", "true");
        assertThat(sessions).as("backends that ran batches").hasSize(1);
        assertSameRows(db, T, control);
    }
}
