package dev.pgpart.convert.copy;

import static dev.pgpart.convert.copy.CopyFixture.assertSameRows;
import static dev.pgpart.convert.copy.CopyFixture.connect;
import static dev.pgpart.convert.copy.CopyFixture.control;
import static dev.pgpart.convert.copy.CopyFixture.conversion;
import static dev.pgpart.convert.copy.CopyFixture.create;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.sql.QualifiedName;
import dev.pgpart.state.Job;
import dev.pgpart.state.JobPhase;
import dev.pgpart.state.JobRunner;
import dev.pgpart.state.StateSchema;
import dev.pgpart.test.Db;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** copy.indexes: the new table's non-unique indexes are built after the backfill, concurrently, resumably. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CopyIndexesIT {
    private static final QualifiedName T = QualifiedName.of("public", "orders");
    private static final String IDENTITY = "id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,";
    private static final String NEW = "orders_pgpart_new";

    private static Job run(Db db, CopyConversion conv, List<JobPhase> phases) throws Exception {
        try (Connection c = connect(db)) {
            return new JobRunner(StateSchema.defaults(), "test").run(c, CopyConversion.JOB_KIND, T.toString(),
                    conv.params(), phases);
        }
    }

    private static List<String> parentIndexes(Db db) {
        return db.queryStrings("SELECT indexrelid::regclass::text || ' ' || indisvalid FROM pg_index WHERE indrelid = '"
                + NEW + "'::regclass ORDER BY 1");
    }

    @Test
    void theBackfillWritesIntoANewTableThatHasOnlyItsPrimaryKeyAndTheNonUniqueIndexComesAfter() throws Exception {
        Db db = Db.create("copy_idx_after");
        create(db, T, IDENTITY, "", 2000);
        CopyConversion conv = conversion(T, 500, BackfillPhase.BatchHook.NONE);
        List<JobPhase> phases = conv.phases();
        run(db, conv, phases.subList(0, 3));
        assertThat(parentIndexes(db)).containsExactly("orders_pkey_pgpart_new true");

        Job job = run(db, conv, phases);
        assertThat(job.state()).isEqualTo(Job.State.DONE);
        assertThat(parentIndexes(db)).containsExactly("orders_n_idx_pgpart_new true", "orders_pkey_pgpart_new true");
        // every partition, the default included, has its own index attached to the parent's
        assertThat(db.queryLong("SELECT count(*) FROM pg_partition_tree('" + NEW + "') t WHERE t.isleaf AND NOT EXISTS"
                + " (SELECT FROM pg_inherits h JOIN pg_index x ON x.indexrelid = h.inhrelid WHERE h.inhparent ="
                + " 'orders_n_idx_pgpart_new'::regclass AND x.indrelid = t.relid AND x.indisvalid)")).isZero();
    }

    @Test
    void anIndexBuildKilledHalfWayOnAPartitionIsDroppedAndBuiltAgainOnResume() throws Exception {
        Db db = Db.create("copy_idx_resume");
        create(db, T, IDENTITY, "", 2000);
        CopyConversion conv = conversion(T, 500, BackfillPhase.BatchHook.NONE);
        List<JobPhase> phases = conv.phases();
        run(db, conv, phases.subList(0, 3));
        // what a killed CREATE INDEX CONCURRENTLY leaves: an invalid index of the name copy.indexes uses
        db.exec("INSERT INTO orders_p20260101 SELECT id + 100000, 0, created_at, amount, note"
                + " FROM orders_p20260101 LIMIT 2");
        db.exec("UPDATE orders_p20260101 SET n = 7 WHERE id > 100000");
        try {
            db.exec("CREATE UNIQUE INDEX CONCURRENTLY orders_p20260101_pgpart_ix0 ON orders_p20260101 (n)");
        } catch (IllegalStateException expected) {
            // duplicate n: the build fails after creating the index entry, which stays invalid
        }
        db.exec("DELETE FROM orders_p20260101 WHERE id > 100000");
        assertThat(db.queryStrings("SELECT indisvalid::text FROM pg_index WHERE indexrelid ="
                + " 'orders_p20260101_pgpart_ix0'::regclass")).containsExactly("false");

        Job job = run(db, conv, phases);
        assertThat(job.state()).isEqualTo(Job.State.DONE);
        assertThat(parentIndexes(db)).containsExactly("orders_n_idx_pgpart_new true", "orders_pkey_pgpart_new true");
        assertThat(db.queryStrings("SELECT pg_get_indexdef('orders_p20260101_pgpart_ix0'::regclass)"))
                .containsExactly("CREATE INDEX orders_p20260101_pgpart_ix0 ON public.orders_p20260101"
                        + " USING btree (n)");
    }

    @Test
    void rowsTheTriggerWroteBeforeTheirBatchKeepTheTriggersVersionAndTheRestIsCopied() throws Exception {
        Db db = Db.create("copy_idx_conflict");
        create(db, T, IDENTITY, "", 1000);
        QualifiedName control = control(db, T);
        CopyConversion conv = conversion(T, 300, BackfillPhase.BatchHook.NONE);
        List<JobPhase> phases = conv.phases(true);
        run(db, conv, phases.subList(0, 2));
        // rows the trigger wrote before their batch: the batch must leave them and copy the rest
        db.exec("UPDATE orders SET amount = -1 WHERE id % 7 = 0", "UPDATE control SET amount = -1 WHERE id % 7 = 0");
        Job job = run(db, conv, phases);
        assertThat(job.state()).isEqualTo(Job.State.DONE);
        assertSameRows(db, T, control);
    }
}
