package dev.pgpart.internal.exec;

import dev.pgpart.api.ActionResult;
import dev.pgpart.api.MaintainOptions;
import dev.pgpart.api.MaintainResult;
import dev.pgpart.api.MaintenanceListener;
import dev.pgpart.api.Outcome;

import static dev.pgpart.internal.exec.ExecSupport.connect;
import static dev.pgpart.internal.exec.ExecSupport.exists;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.api.Bound;
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.plan.CreatePartition;
import dev.pgpart.plan.DefaultRows;
import dev.pgpart.plan.DetachPartition;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.test.Db;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExecutorLockConflictIT {
    private static final Duration LOCK_TIMEOUT = Duration.ofMillis(400);

    @Test
    void aReaderHoldingTheDefaultMakesTheRunFailNamingItWhileQueriesBehindWaitAtMostLockTimeout() throws Exception {
        Db db = Db.create("exec_lock");
        db.exec("CREATE TABLE lk (id bigint, ts date) PARTITION BY RANGE (ts)",
                "CREATE TABLE lk_default PARTITION OF lk DEFAULT",
                "CREATE TABLE lk_old PARTITION OF lk FOR VALUES FROM ('2020-01-01') TO ('2020-02-01')",
                "INSERT INTO lk VALUES (1, '2027-01-05'), (2, '2030-01-01')");
        QualifiedName parent = QualifiedName.of("public", "lk");
        TableInfo info = TableFixture.of(parent).key("ts", "date").columns("id", "ts")
                .defaultPartition(parent.sibling("lk_default")).managed(parent.sibling("lk_old"), new Bound.Range(Optional.of("2020-01-01"), Optional.of("2020-02-01"))).build();
        MaintainOptions options = ExecSupport.YES.withRetries(3, Duration.ofMillis(100));
        try (Connection blocker = connect(db); Connection executor = connect(db); Connection third = connect(db)) {
            int blockerPid = ExecSupport.pid(blocker);
            int executorPid = ExecSupport.pid(executor);
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                s.executeQuery("SELECT count(*) FROM lk_default").close(); // ACCESS SHARE, held until rollback
            }
            CompletableFuture<MaintainResult> run = CompletableFuture.supplyAsync(() -> new Executor().execute(executor,
                    plan(parent, info), catalog(info), options, java.util.Map.of(parent, LOCK_TIMEOUT), MaintenanceListener.NONE));
            ExecSupport.await(() -> ExecSupport.waitingOnLock(db, executorPid), Duration.ofSeconds(10));
            long t0 = System.nanoTime();
            try (Statement s = third.createStatement()) {
                s.executeQuery("SELECT count(*) FROM lk_default").close(); // queues behind the executor's request
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - t0);
            MaintainResult r = run.get(30, TimeUnit.SECONDS);
            blocker.rollback();

            assertThat(waited).isLessThan(LOCK_TIMEOUT.plusMillis(600));
            assertThat(r.results()).allSatisfy(x -> assertThat(x.outcome()).isEqualTo(Outcome.FAILED));
            ActionResult create = r.results().get(0);
            assertThat(create.attempts()).isEqualTo(3);
            assertThat(create.detail()).contains("pid " + blockerPid, "AccessShareLock", "lk_default", "idle in transaction",
                    "The transaction for public.lk was rolled back", "pg_terminate_backend(" + blockerPid + ")");
            assertThat(r.results().get(1).detail()).startsWith("not attempted");
        }
        assertThat(exists(db, "public", "lk_p2027")).isFalse();
        assertThat(db.partitionsOf("public.lk")).containsExactly("lk_default", "lk_old");
        assertThat(db.queryLong("SELECT count(*) FROM lk_default")).isEqualTo(2);
    }

    private static dev.pgpart.plan.Plan plan(QualifiedName parent, TableInfo info) {
        return new dev.pgpart.plan.Plan(java.time.Instant.EPOCH, java.util.List.of(new dev.pgpart.plan.TablePlan(parent, java.util.List.of(
                new CreatePartition(parent, parent.sibling("lk_p2027"), new Bound.Range(Optional.of("2027-01-01"), Optional.of("2028-01-01")),
                        true, DefaultRows.exactly(1), Optional.empty()),
                new DetachPartition(parent, parent.sibling("lk_old"), new Bound.Range(Optional.of("2020-01-01"), Optional.of("2020-02-01")),
                        true, "expired")), java.util.List.of())));
    }

    private static dev.pgpart.internal.catalog.Catalog catalog(TableInfo info) {
        return new dev.pgpart.internal.catalog.Catalog(180000, java.util.Map.of(info.name(), info), java.util.Set.of());
    }
}
