package dev.pgpart.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.test.Db;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RunLogIT {
    private static final RunLog.Start START = new RunLog.Start("maintain", "pgpart", "db1", "0.1.0", "c0ffee",
            List.of("public.orders"));

    private static RunLog.Action action(String outcome, long rows) {
        return new RunLog.Action("public.orders", "public.orders_p20261201", "create", outcome, "attached", rows, 1,
                Duration.ofMillis(12));
    }

    @Test
    void aRunIsRecordedWhenItStartsAndCompletedWithItsActions() throws SQLException {
        Db db = Db.create("runlog");
        RunLog log = new RunLog(StateSchema.defaults());
        try (Connection c = db.dataSource().getConnection()) {
            StateSchema.defaults().ensure(c);
            long id = log.start(c, START, java.time.Instant.now());
            assertThat(log.recent(c, 10)).singleElement().satisfies(r -> {
                assertThat(r.outcome()).isEqualTo(RunLog.Outcome.RUNNING);
                assertThat(r.finishedAt()).isEmpty();
            });
            log.finish(c, id, RunLog.Outcome.OK, List.of(action("applied", 5), action("skipped", 0)), Optional.empty(), java.time.Instant.now());

            RunLog.Run run = log.recent(c, 10).get(0);
            assertThat(run.outcome()).isEqualTo(RunLog.Outcome.OK);
            assertThat(run.applied()).isEqualTo(1);
            assertThat(run.skipped()).isEqualTo(1);
            assertThat(run.rowsMoved()).isEqualTo(5);
            assertThat(run.duration()).isPresent();
            assertThat(run.dbUser()).isEqualTo("postgres");
            assertThat(log.actions(c, id)).extracting(RunLog.Action::outcome).containsExactly("applied", "skipped");
            assertThat(log.lastSuccess(c)).map(RunLog.Run::id).contains(id);
        }
    }

    @Test
    void aRunLeftRunningByADeadProcessIsMarkedInterruptedByTheNextOne() throws SQLException {
        Db db = Db.create("runlog_dead");
        RunLog log = new RunLog(StateSchema.defaults());
        try (Connection c = db.dataSource().getConnection()) {
            StateSchema.defaults().ensure(c);
        }
        try (Connection dead = db.dataSource().getConnection()) {
            log.start(dead, START, java.time.Instant.now()); // and the process dies: the connection closes without finish()
        }
        try (Connection c = db.dataSource().getConnection()) {
            log.start(c, START, java.time.Instant.now());
            List<RunLog.Run> runs = log.recent(c, 10);
            assertThat(runs).extracting(RunLog.Run::outcome).containsExactly(RunLog.Outcome.RUNNING, RunLog.Outcome.INTERRUPTED);
            assertThat(runs.get(1).error()).hasValueSatisfying(e -> assertThat(e).contains("ended before the run finished"));
            assertThat(log.lastSuccess(c)).isEmpty();
        }
    }

    @Test
    void pruningKeepsTheNewestRunsAndDropsTheirActionsWithThem() throws SQLException {
        Db db = Db.create("runlog_prune");
        RunLog log = new RunLog(StateSchema.defaults());
        try (Connection c = db.dataSource().getConnection()) {
            StateSchema.defaults().ensure(c);
            for (int i = 0; i < 5; i++) {
                log.finish(c, log.start(c, START, java.time.Instant.now()), RunLog.Outcome.OK, List.of(action("applied", 1)), Optional.empty(), java.time.Instant.now());
            }
            assertThat(log.prune(c, 3, Duration.ofDays(90), java.time.Instant.now())).isEqualTo(2);
            assertThat(log.recent(c, 10)).hasSize(3);
            db.exec("UPDATE pgpart.run SET started_at = now() - interval '100 days'"
                    + " WHERE id = (SELECT min(id) FROM pgpart.run)");
            assertThat(log.prune(c, 3, Duration.ofDays(90), java.time.Instant.now())).isEqualTo(1);
        }
        assertThat(db.queryLong("SELECT count(*) FROM pgpart.run_action")).isEqualTo(2);
    }

    @Test
    void readingADatabaseWithoutTheSchemaGivesNothingAndCreatesNothing() throws SQLException {
        Db db = Db.create("runlog_empty");
        try (Connection c = db.dataSource().getConnection()) {
            assertThat(new RunLog(StateSchema.defaults()).recent(c, 5)).isEmpty();
            assertThat(new RunLog(StateSchema.defaults()).lastSuccess(c)).isEmpty();
        }
        assertThat(db.queryLong("SELECT count(*) FROM pg_namespace WHERE nspname = 'pgpart'")).isZero();
    }
}
