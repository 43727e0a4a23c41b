package dev.pgpart.convert.copy;

import static dev.pgpart.convert.copy.CopyFixture.connect;
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

/** The copy strategy's swap and undo keep the table's publication membership. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CopyPublicationsIT {
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
}
