package dev.pgpart.internal.exec;

import dev.pgpart.api.MaintainResult;
import dev.pgpart.api.Outcome;

import static dev.pgpart.internal.exec.ExecSupport.connect;
import static dev.pgpart.internal.exec.ExecSupport.pid;
import static dev.pgpart.internal.exec.ExecSupport.query;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.api.Bound;
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.plan.DetachPartition;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.test.Db;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a concurrent detach and the blocker report say when the session itself fails under them. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConcurrentDetachIT {
    private static final Bound OLD = new Bound.Range(Optional.of("2020-01-01"), Optional.of("2020-02-01"));
    private final QualifiedName parent = QualifiedName.of("public", "ev");
    private final QualifiedName old = parent.sibling("ev_old");
    private Db db;

    @BeforeEach
    void table() {
        db = Db.create("concurrent_detach");
        db.exec("CREATE TABLE ev (id bigint, ts date) PARTITION BY RANGE (ts)",
                "CREATE TABLE ev_old PARTITION OF ev FOR VALUES FROM ('2020-01-01') TO ('2020-02-01')");
    }

    /** A connection whose server process has been ended: every statement on it fails, as on a real outage. */
    private Connection terminated() throws Exception {
        Connection c = connect(db);
        query(db, "SELECT pg_terminate_backend(?)::text", pid(c));
        return c;
    }

    @Test
    void aDetachThatCannotReadTheSessionLockTimeoutIsNotAttemptedRatherThanRestoringZero() throws Exception {
        TableInfo info = TableFixture.of(parent).key("ts", "date").columns("id", "ts").managed(old, OLD).build();
        RenderedAction r = new DdlRenderer().render(new DetachPartition(parent, old, OLD, true, "expired"), info, "postgres");
        try (Connection c = terminated()) {
            ConcurrentDetach.Outcome o = ConcurrentDetach.run(c, parent, r, Duration.ofSeconds(1), ExecSupport.YES, Set.of(parent));

            assertThat(o.ok()).isFalse();
            assertThat(o.attempts()).isZero();
            assertThat(o.detail()).contains("not attempted", "could not read the session's lock_timeout",
                    "public.ev_old is still attached to public.ev: this detach changed nothing");
        }
        assertThat(db.partitionsOf("public.ev")).containsExactly("ev_old");
    }

    @Test
    void aDetachThatTimesOutAfterTheTablesCreatesCommittedDoesNotClaimNothingWasChanged() throws Exception {
        TableInfo info = TableFixture.of(parent).key("ts", "date").columns("id", "ts").managed(old, OLD).build();
        Bound next = new Bound.Range(Optional.of("2027-01-01"), Optional.of("2027-02-01"));
        MaintainResult r;
        try (Connection blocker = connect(db); java.sql.Statement s = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            s.execute("LOCK TABLE ev_old IN SHARE MODE"); // in the way of the detach, not of the create
            r = ExecSupport.run(db, info, ExecSupport.YES, Duration.ofMillis(200),
                    new dev.pgpart.plan.CreatePartition(parent, parent.sibling("ev_new"), next, false, dev.pgpart.plan.DefaultRows.none(), Optional.empty()),
                    new DetachPartition(parent, old, OLD, true, "expired"));
            blocker.rollback();
        }
        assertThat(r.results().get(0).outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(r.results().get(1).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.results().get(1).detail()).contains("public.ev_old is still attached to public.ev: this detach changed nothing")
                .doesNotContain("Nothing was changed for public.ev");
        assertThat(db.partitionsOf("public.ev")).containsExactly("ev_new", "ev_old");
    }

    @Test
    void aBlockerListThatCannotBeReadSaysSoInsteadOfClaimingTheBlockerHasFinished() throws Exception {
        try (Connection c = terminated()) {
            Blockers.Found found = Blockers.find(c, List.of(parent), parent);

            assertThat(found.error()).isPresent();
            String m = Blockers.message(parent, 2, Duration.ofMillis(100), "55P03 lock timeout", found,
                    Blockers.nothingChanged(parent));
            assertThat(m).contains("the sessions holding locks could not be listed").doesNotContain("the blocker has finished");
        }
    }
}
