package dev.pgpart.convert.copy;

import static dev.pgpart.convert.copy.CopyFixture.assertSameRows;
import static dev.pgpart.convert.copy.CopyFixture.connect;
import static dev.pgpart.convert.copy.CopyFixture.control;
import static dev.pgpart.convert.copy.CopyFixture.conversion;
import static dev.pgpart.convert.copy.CopyFixture.create;
import static dev.pgpart.convert.copy.CopyFixture.interleaved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpart.PgpartException;
import dev.pgpart.state.Job;
import dev.pgpart.state.JobPhase;
import dev.pgpart.state.JobRunner;
import dev.pgpart.state.StateSchema;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.test.Db;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The copy strategy under a concurrent writer, compared row by row with a control table. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CopyConversionIT {
    private static final QualifiedName T = QualifiedName.of("public", "orders");
    private static final String IDENTITY = "id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,";
    private static final int ROWS = 3000;

    private static Job run(Db db, CopyConversion conv, List<JobPhase> phases) throws Exception {
        try (Connection c = connect(db)) {
            return new JobRunner(StateSchema.defaults(), "test").run(c, CopyConversion.JOB_KIND, T.toString(),
                    conv.params(), phases);
        }
    }

    @Test
    void aBigintIdentityTableIsConvertedWhileWrittenAndEqualsTheControlRowByRow() throws Exception {
        Db db = Db.create("copy_identity");
        create(db, T, IDENTITY, "", ROWS);
        QualifiedName control = control(db, T);
        CopyConversion conv = conversion(T, 100, BackfillPhase.BatchHook.NONE);
        Job job;
        try (Writer w = new Writer(db, T.sql(), control.sql(), ROWS)) {
            job = run(db, conv, interleaved(conv.phases(true), w));
            w.await(50);
            try (Connection c = connect(db)) {
                assertThat(conv.state(c)).isEqualTo(CopyState.SWAPPED);
            }
            w.close();
            assertThat(w.errors()).isEmpty();
        }
        assertThat(job.state()).isEqualTo(Job.State.DONE);
        assertThat(job.phase()).isEqualTo("copy.cutover");
        assertThat(job.done()).isGreaterThanOrEqualTo(ROWS - 200);
        assertThat(db.queryStrings("SELECT relkind::text FROM pg_class WHERE oid = 'public.orders'::regclass")).containsExactly("p");
        assertThat(db.partitionsOf("public.orders")).contains("orders_p20260101", "orders_p20261201", "orders_p20270101",
                "orders_default");
        assertThat(db.queryLong("SELECT count(*) FROM orders_default")).isZero();
        assertSameRows(db, T, control);
        assertSameRows(db, T.sibling("orders_pgpart_old"), control);
        // the id sequence continues: a new row gets an id above every existing one
        db.exec("INSERT INTO orders (n, created_at, amount) VALUES (-1, '2026-11-01', 1)");
        assertThat(db.queryLong("SELECT count(*) FROM orders WHERE n = -1 AND id > (SELECT max(id) FROM orders WHERE n <> -1)"))
                .isEqualTo(1);
        assertThat(db.queryStrings("SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = 'orders'::regclass"
                + " ORDER BY 1")).containsExactly("orders_n_idx", "orders_pkey");

        try (Connection c = connect(db)) {
            assertThat(conv.finalize(c)).isEqualTo(CopyState.SWAPPED);
            assertThat(conv.state(c)).isEqualTo(CopyState.NONE);
        }
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname LIKE 'orders_pgpart%'")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM pg_proc WHERE proname LIKE 'pgpart_%sync_orders'")).isZero();
        db.exec("INSERT INTO orders (n, created_at, amount) VALUES (-2, '2026-11-02', 1)");
    }

    /** Undo after 1..5 phases (5 = after the swap), with the writer going on through the undo. */
    @ParameterizedTest(name = "undo after {0} phase(s)")
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void undoAfterAnyPhaseGivesBackTheOriginalTableWithEveryWrite(int phasesRun) throws Exception {
        Db db = Db.create("copy_undo" + phasesRun);
        create(db, T, IDENTITY, "", ROWS);
        QualifiedName control = control(db, T);
        long oid = db.queryLong("SELECT 'orders'::regclass::oid");
        CopyConversion conv = conversion(T, 100, BackfillPhase.BatchHook.NONE);
        try (Writer w = new Writer(db, T.sql(), control.sql(), ROWS)) {
            run(db, conv, interleaved(conv.phases(true).subList(0, phasesRun), w));
            w.await(20);
            try (Connection c = connect(db)) {
                conv.undo(c);
                assertThat(conv.state(c)).isEqualTo(CopyState.NONE);
            }
            w.await(20);
            w.close();
            assertThat(w.errors()).isEmpty();
        }
        assertThat(db.queryLong("SELECT 'orders'::regclass::oid")).isEqualTo(oid);
        assertSameRows(db, T, control);
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname LIKE 'orders_pgpart%'")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'orders'::regclass")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM pg_proc WHERE proname LIKE 'pgpart_%sync_orders'")).isZero();
        // the original's identity continues past every id the new table handed out
        db.exec("INSERT INTO orders (n, created_at, amount) VALUES (-1, '2026-11-01', 1)");
        assertThat(db.queryLong("SELECT count(*) FROM orders WHERE n = -1 AND id > (SELECT max(id) FROM orders WHERE n <> -1)"))
                .isEqualTo(1);
    }

    /** The runner's backend is terminated at a phase boundary (0..4) or in the middle of backfill batch 3 (-1). */
    @ParameterizedTest(name = "killed at {0}")
    @ValueSource(ints = {-1, 0, 1, 2, 3, 4})
    void aRunnerKilledAtAPhaseBoundaryOrMidBatchResumesToTheSameResult(int where) throws Exception {
        Db db = Db.create("copy_kill" + (where + 1));
        create(db, T, IDENTITY, "", ROWS);
        QualifiedName control = control(db, T);
        BackfillPhase.BatchHook hook = where < 0 ? (c, batch) -> {
            if (batch == 3) {
                CopyFixture.sleep(c);
            }
        } : BackfillPhase.BatchHook.NONE;
        CopyConversion killed = conversion(T, 100, hook);
        try (Writer w = new Writer(db, T.sql(), control.sql(), ROWS)) {
            List<JobPhase> phases = new ArrayList<>(killed.phases(true));
            if (where >= 0) {
                phases.set(where, CopyFixture.sleepingAfter(phases.get(where)));
            }
            CompletableFuture<Throwable> first = CompletableFuture.supplyAsync(() -> {
                try {
                    run(db, killed, phases);
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            });
            long pid = CopyFixture.awaitSleepingBackend(db);
            db.exec("SELECT pg_terminate_backend(" + pid + ")");
            assertThat(first.get(60, TimeUnit.SECONDS)).isInstanceOf(PgpartException.class);
            w.await(20);
            CopyConversion resumed = conversion(T, 100, BackfillPhase.BatchHook.NONE);
            Job job = run(db, resumed, interleaved(resumed.phases(true), w));
            assertThat(job.state()).isEqualTo(Job.State.DONE);
            w.await(20);
            w.close();
            assertThat(w.errors()).isEmpty();
        }
        assertSameRows(db, T, control);
        assertSameRows(db, T.sibling("orders_pgpart_old"), control);
        assertThat(db.queryLong("SELECT count(*) FROM pgpart.job")).isEqualTo(1);
    }

    @Test
    void aNullablePartitionKeyIsRefusedWithTheOnlineWayToMakeItNotNull() throws Exception {
        Db db = Db.create("copy_nullkey");
        db.exec("CREATE TABLE orders (id bigint PRIMARY KEY, created_at timestamptz)",
                "INSERT INTO orders VALUES (1, '2026-01-01'), (2, NULL)");
        CopyConversion conv = conversion(T, 100, BackfillPhase.BatchHook.NONE);
        assertThatThrownBy(() -> run(db, conv, conv.phases()))
                .isInstanceOf(PgpartException.class)
                .hasMessageContaining("the partition key created_at of public.orders allows NULL and holds NULLs")
                .hasMessageContaining("CHECK (\"created_at\" IS NOT NULL) NOT VALID")
                .hasMessageContaining("Nothing was changed");
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname LIKE 'orders_pgpart%'")).isZero();
    }
}
