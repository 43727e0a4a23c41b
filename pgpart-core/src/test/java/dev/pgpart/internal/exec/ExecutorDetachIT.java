package dev.pgpart.internal.exec;

import dev.pgpart.api.ActionResult;
import dev.pgpart.api.MaintainResult;
import dev.pgpart.api.Outcome;
import dev.pgpart.api.SkipReason;

import static dev.pgpart.internal.exec.ExecSupport.assertAllApplied;
import static dev.pgpart.internal.exec.ExecSupport.comment;
import static dev.pgpart.internal.exec.ExecSupport.exists;
import static dev.pgpart.internal.exec.ExecSupport.query;
import static dev.pgpart.internal.exec.ExecSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.api.Bound;
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.plan.CreatePartition;
import dev.pgpart.plan.DefaultRows;
import dev.pgpart.plan.DetachPartition;
import dev.pgpart.plan.DropPartition;
import dev.pgpart.plan.FinalizeDetach;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.test.Db;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExecutorDetachIT {
    private static final Bound OLD = new Bound.Range(Optional.of("2020-01-01"), Optional.of("2020-02-01"));
    private static final Bound NEW = new Bound.Range(Optional.of("2027-01-01"), Optional.of("2027-02-01"));
    private Db db;
    private final QualifiedName parent = QualifiedName.of("public", "ev");
    private final QualifiedName old = parent.sibling("ev_old");

    @BeforeEach
    void table() {
        db = Db.create("exec_detach");
        db.exec("CREATE TABLE ev (id bigint, ts date) PARTITION BY RANGE (ts)",
                "CREATE TABLE ev_old PARTITION OF ev FOR VALUES FROM ('2020-01-01') TO ('2020-02-01')",
                "COMMENT ON TABLE ev_old IS 'pgpart:managed partition of public.ev'",
                "CREATE TABLE ev_keep PARTITION OF ev FOR VALUES FROM ('2020-02-01') TO ('2020-03-01')",
                "INSERT INTO ev VALUES (1, '2020-01-05'), (2, '2020-02-05')");
    }

    private TableInfo info(boolean withDefault) {
        TableFixture f = TableFixture.of(parent).key("ts", "date").columns("id", "ts").managed(old, OLD);
        if (withDefault) {
            db.exec("CREATE TABLE ev_default PARTITION OF ev DEFAULT");
            f.defaultPartition(parent.sibling("ev_default"));
        }
        return f.build();
    }

    @Test
    void aConcurrentDetachWithoutDefaultKeepsTheTableAndMarksItDetached() {
        assertAllApplied(run(db, info(false), new DetachPartition(parent, old, OLD, true, "expired")));
        assertThat(db.partitionsOf("public.ev")).containsExactly("ev_keep");
        assertThat(db.queryLong("SELECT count(*) FROM ev_old")).isEqualTo(1);
        assertThat(comment(db, "public", "ev_old")).startsWith("pgpart:managed detached from public.ev (was FOR VALUES FROM");
        assertThat(query(db, "SHOW lock_timeout")).isEqualTo("0");
    }

    @Test
    void aPlainDetachWithADefaultRunsInTheTableTransaction() {
        assertAllApplied(run(db, info(true), new DetachPartition(parent, old, OLD, false, "expired")));
        assertThat(db.partitionsOf("public.ev")).containsExactly("ev_default", "ev_keep");
        assertThat(exists(db, "public", "ev_old")).isTrue();
    }

    @Test
    void aDropDetachesThenDropsConcurrentlyOrNot() {
        TableInfo info = info(false);
        assertAllApplied(run(db, info, new DropPartition(parent, old, OLD, true, "expired"),
                new DropPartition(parent, parent.sibling("ev_keep"), OLD, false, "expired")));
        assertThat(exists(db, "public", "ev_old")).isFalse();
        assertThat(exists(db, "public", "ev_keep")).isFalse();
        assertThat(db.queryLong("SELECT count(*) FROM ev")).isZero();
    }

    @Test
    void anInterruptedConcurrentDetachIsFinalized() throws Exception {
        ExecSupport.interruptConcurrentDetach(db, parent.sql(), old.sql());
        assertThat(query(db, "SELECT inhdetachpending::text FROM pg_inherits WHERE inhrelid = 'ev_old'::regclass")).isEqualTo("true");
        MaintainResult r = run(db, info(false), new FinalizeDetach(parent, old));
        assertAllApplied(r);
        assertThat(db.partitionsOf("public.ev")).containsExactly("ev_keep");
        assertThat(comment(db, "public", "ev_old")).startsWith("pgpart:managed detached from public.ev");
    }

    @Test
    void withoutConsentDetachAndDropAreSkippedAndReportedAsPending() {
        MaintainResult r = run(db, info(false), ExecSupport.YES.withConsent(false), Duration.ofSeconds(1),
                new CreatePartition(parent, parent.sibling("ev_new"), NEW, false, DefaultRows.none(), Optional.empty()),
                new DetachPartition(parent, old, OLD, true, "expired"),
                new DropPartition(parent, parent.sibling("ev_keep"), OLD, false, "expired"));
        assertThat(r.results()).extracting(ActionResult::outcome).containsExactly(Outcome.APPLIED, Outcome.SKIPPED, Outcome.SKIPPED);
        assertThat(r.results().get(1).skip()).contains(SkipReason.NO_CONSENT);
        assertThat(r.results().get(1).detail()).startsWith("needs --yes");
        assertThat(r.hasPendingWithoutConsent()).isTrue();
        assertThat(db.partitionsOf("public.ev")).containsExactly("ev_keep", "ev_new", "ev_old");
    }

    @Test
    void skipCreateAndSkipDeleteLeaveEverythingAlone() {
        MaintainResult r = run(db, info(false), ExecSupport.YES.withSkips(true, true), Duration.ofSeconds(1),
                new CreatePartition(parent, parent.sibling("ev_new"), NEW, false, DefaultRows.none(), Optional.empty()),
                new DropPartition(parent, old, OLD, false, "expired"));
        assertThat(r.results()).extracting(ActionResult::outcome).containsExactly(Outcome.SKIPPED, Outcome.SKIPPED);
        assertThat(r.hasPendingWithoutConsent()).isFalse();
        assertThat(db.partitionsOf("public.ev")).containsExactly("ev_keep", "ev_old");
    }
}
