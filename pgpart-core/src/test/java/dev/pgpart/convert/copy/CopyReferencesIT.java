package dev.pgpart.convert.copy;

import static dev.pgpart.convert.copy.CopyFixture.connect;
import static dev.pgpart.convert.copy.CopyFixture.conversion;
import static dev.pgpart.convert.copy.CopyFixture.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpart.PgpartException;
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

/** What refers to the table from outside it (publications, other tables' foreign keys) follows it through the copy swap and undo. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CopyReferencesIT {
    private static final QualifiedName T = QualifiedName.of("public", "orders");
    private static final String IDENTITY = "id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,";

    private static Job run(Db db, CopyConversion conv, List<JobPhase> phases) throws Exception {
        try (Connection c = connect(db)) {
            return new JobRunner(StateSchema.defaults(), "test").run(c, CopyConversion.JOB_KIND, T.toString(),
                    conv.params(), phases);
        }
    }

    @Test
    void aPublicationListsTheConvertedTableAfterTheSwapAndTheOriginalAgainAfterUndo() throws Exception {
        Db db = Db.create("copy_publication");
        create(db, T, IDENTITY, "", 300);
        db.exec("CREATE PUBLICATION orders_pub FOR TABLE orders");
        CopyConversion conv = conversion(T, 100, BackfillPhase.BatchHook.NONE);
        String members = "SELECT r.prrelid::regclass::text || ' ' || c.relkind::text FROM pg_publication_rel r"
                + " JOIN pg_publication p ON p.oid = r.prpubid JOIN pg_class c ON c.oid = r.prrelid WHERE p.pubname = 'orders_pub'";

        assertThat(run(db, conv, conv.phases(true)).state()).isEqualTo(Job.State.DONE);
        assertThat(db.queryStrings(members)).containsExactly("orders p");

        try (Connection c = connect(db)) {
            conv.undo(c);
        }
        assertThat(db.queryStrings(members)).containsExactly("orders r");
    }

    @Test
    void anIncomingForeignKeyIsRecreatedWithTheKeyOnTheNewTableKeepsItsOptionsAndIsRestoredByUndo() throws Exception {
        Db db = Db.create("copy_incoming_fk");
        create(db, T, IDENTITY, "", 300);
        db.exec("CREATE TABLE items (id bigint PRIMARY KEY, order_id bigint, created_at timestamptz,"
                        + " CONSTRAINT items_order_fk FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE"
                        + " DEFERRABLE INITIALLY DEFERRED)",
                "INSERT INTO items SELECT id, id, created_at FROM orders");
        String fk = "SELECT pg_get_constraintdef(oid) || ' ' || convalidated || ' ' || confrelid::regclass::text"
                + " FROM pg_constraint WHERE conname = 'items_order_fk'";
        CopyConversion conv = conversion(T, 100, BackfillPhase.BatchHook.NONE);

        assertThat(run(db, conv, conv.phases(true)).state()).isEqualTo(Job.State.DONE);
        assertThat(db.queryStrings(fk)).containsExactly("FOREIGN KEY (order_id, created_at) REFERENCES orders(id, created_at)"
                + " ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED true orders");
        db.exec("DELETE FROM orders WHERE id = 5");
        assertThat(db.queryLong("SELECT count(*) FROM items WHERE order_id = 5")).isZero();

        try (Connection c = connect(db)) {
            conv.undo(c);
        }
        assertThat(db.queryStrings(fk)).containsExactly("FOREIGN KEY (order_id) REFERENCES orders(id)"
                + " ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED true orders");
        assertThat(db.queryStrings("SELECT relkind::text FROM pg_class WHERE oid = 'orders'::regclass")).containsExactly("r");
        db.exec("DELETE FROM orders WHERE id = 6");
        assertThat(db.queryLong("SELECT count(*) FROM items WHERE order_id = 6")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM items")).isEqualTo(298);
    }

    @Test
    void aReferencingRowWhoseKeyDiffersStopsTheJobAfterTheSwapNamingTheForeignKeyThatStaysNotValid() throws Exception {
        Db db = Db.create("copy_incoming_fk_mismatch");
        create(db, T, IDENTITY, "", 100);
        db.exec("CREATE TABLE items (id bigint PRIMARY KEY, order_id bigint, created_at timestamptz,"
                        + " CONSTRAINT items_order_fk FOREIGN KEY (order_id) REFERENCES orders (id))",
                "INSERT INTO items SELECT id, id, created_at FROM orders",
                "UPDATE items SET created_at = created_at + interval '1 second' WHERE id = 7");
        CopyConversion conv = conversion(T, 100, BackfillPhase.BatchHook.NONE);

        assertThatThrownBy(() -> run(db, conv, conv.phases(true))).isInstanceOf(PgpartException.class)
                .hasMessageContaining("public.orders is swapped, but ALTER TABLE \"public\".\"items\" VALIDATE CONSTRAINT"
                        + " \"items_order_fk\" failed").hasMessageContaining("stays NOT VALID");
        assertThat(db.queryStrings("SELECT convalidated::text FROM pg_constraint WHERE conname = 'items_order_fk'"))
                .containsExactly("false");
        try (Connection c = connect(db)) {
            assertThat(conv.state(c)).isEqualTo(CopyState.SWAPPED);
        }
    }
}
