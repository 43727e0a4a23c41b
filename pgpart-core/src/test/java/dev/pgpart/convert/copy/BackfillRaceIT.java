package dev.pgpart.convert.copy;

import static dev.pgpart.convert.copy.CopyFixture.connect;
import static dev.pgpart.convert.copy.CopyFixture.conversion;
import static dev.pgpart.convert.copy.CopyFixture.create;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.state.JobRunner;
import dev.pgpart.state.StateSchema;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.test.Db;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The race a plain INSERT ... SELECT backfill loses: a row deleted while its batch is uncommitted. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BackfillRaceIT {
    private static final QualifiedName T = QualifiedName.of("public", "orders");

    @Test
    void aRowDeletedWhileItsBatchIsUncommittedDoesNotComeBackInTheNewTable() throws Exception {
        Db db = Db.create("copy_race");
        create(db, T, "id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,", "", 100);
        CompletableFuture<Void>[] delete = new CompletableFuture[1];
        BackfillPhase.BatchHook hook = (c, batch) -> {
            if (batch != 1) {
                return;
            }
            // the batch has copied row 5 and not committed: the application deletes it now
            delete[0] = CompletableFuture.runAsync(() -> db.exec("DELETE FROM orders WHERE id = 5"));
            awaitBlockedDelete(db, delete[0]);
        };
        try (Connection c = connect(db)) {
            CopyConversion conv = conversion(T, 50, hook);
            new JobRunner(StateSchema.defaults(), "test").run(c, CopyConversion.JOB_KIND, T.toString(), conv.params(),
                    conv.phases());
        }
        delete[0].get(30, TimeUnit.SECONDS);
        assertThat(db.queryLong("SELECT count(*) FROM orders WHERE id = 5")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM orders_pgpart_new WHERE id = 5")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM orders_pgpart_new")).isEqualTo(99);
    }

    /** The DELETE waits for the batch's row lock (it would finish at once, and wrongly, without it). */
    private static void awaitBlockedDelete(Db db, CompletableFuture<Void> delete) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(delete).as("the DELETE must wait for the batch").isNotDone();
            if (db.queryLong("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND query LIKE 'DELETE FROM orders%' AND wait_event_type = 'Lock'") == 1) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the DELETE never waited for the batch");
    }
}
