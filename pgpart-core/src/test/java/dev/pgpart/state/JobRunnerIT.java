package dev.pgpart.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.test.Db;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The job framework on its own: phases, progress committed with the work, kill and resume, one runner per target. */
@Timeout(60)
class JobRunnerIT {
    private static final StateSchema SCHEMA = StateSchema.defaults();

    /** A phase copying ids 1..total into {@code copied} in batches, its position in the checkpoint. */
    private static JobPhase copy(int total, int batch, String sleepAtNext) {
        return new JobPhase() {
            @Override
            public String name() {
                return "copy";
            }

            @Override
            public void run(JobContext ctx) throws SQLException {
                ctx.total(total, "rows");
                int next = Integer.parseInt(ctx.job().checkpoint().getOrDefault("next", "1"));
                while (next <= total) {
                    int from = next;
                    int to = Math.min(total, next + batch - 1);
                    ctx.step(c -> {
                        try (PreparedStatement ps = c.prepareStatement("INSERT INTO copied SELECT g FROM generate_series(?, ?) g")) {
                            ps.setInt(1, from);
                            ps.setInt(2, to);
                            ps.executeUpdate();
                        }
                        if (String.valueOf(from).equals(sleepAtNext)) {
                            try (Statement s = c.createStatement()) {
                                s.execute("SELECT pg_sleep(30)"); // the runner is killed here, mid-step
                            }
                        }
                        return new JobContext.Progress(to - from + 1, Map.of("next", String.valueOf(to + 1)));
                    });
                    next = to + 1;
                }
            }
        };
    }

    private static JobPhase counting(String name, AtomicInteger runs) {
        return new JobPhase() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void run(JobContext ctx) {
                runs.incrementAndGet();
            }
        };
    }

    private static Db db(String hint) {
        Db db = Db.create(hint);
        db.exec("CREATE TABLE copied (id int PRIMARY KEY)");
        return db;
    }

    @Test
    void aJobRunsItsPhasesInOrderAndCommitsProgressWithEachStep() throws SQLException {
        Db db = db("job_run");
        AtomicInteger verified = new AtomicInteger();
        try (Connection c = db.dataSource().getConnection()) {
            Job job = new JobRunner(SCHEMA, "test").run(c, "copy", "public.copied", Map.of("batch", "10"),
                    List.of(copy(35, 10, ""), counting("verify", verified)));

            assertThat(job.state()).isEqualTo(Job.State.DONE);
            assertThat(job.phase()).isEqualTo("verify");
            assertThat(job.done()).isEqualTo(35);
            assertThat(job.total()).hasValue(35);
            assertThat(job.checkpoint()).containsEntry("next", "36");
            assertThat(job.params()).containsEntry("batch", "10");
            assertThat(job.finishedAt()).isPresent();
        }
        assertThat(verified).hasValue(1);
        assertThat(db.queryLong("SELECT count(*) FROM copied")).isEqualTo(35);
    }

    @Test
    void aRunnerKilledMidStepLeavesTheJobForTheNextRunnerWhichResumesWithoutRepeatingAStep() throws Exception {
        Db db = db("job_kill");
        CompletableFuture<Throwable> first = CompletableFuture.supplyAsync(() -> {
            try (Connection c = db.dataSource().getConnection()) {
                new JobRunner(SCHEMA, "first").run(c, "copy", "public.copied", Map.of(), List.of(copy(50, 10, "21")));
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        long pid = awaitSleepingBackend(db);
        db.exec("SELECT pg_terminate_backend(" + pid + ")"); // what kill -9 of pgpart, or a lost network, looks like
        assertThat(first.get(30, TimeUnit.SECONDS)).isInstanceOf(PgpartException.class);
        // two steps (20 rows) were committed with their progress; the third was rolled back with its rows
        assertThat(db.queryLong("SELECT count(*) FROM copied")).isEqualTo(20);

        try (Connection c = db.dataSource().getConnection()) {
            Job job = new JobRunner(SCHEMA, "second").run(c, "copy", "public.copied", Map.of(), List.of(copy(50, 10, "")));
            assertThat(job.state()).isEqualTo(Job.State.DONE);
            assertThat(job.done()).isEqualTo(50);
            assertThat(job.owner()).isEqualTo("second");
        }
        assertThat(db.queryLong("SELECT count(DISTINCT id) FROM copied")).isEqualTo(50);
        assertThat(db.queryLong("SELECT count(*) FROM pgpart.job")).isEqualTo(1);
    }

    @Test
    void aSecondRunnerOnTheSameTargetIsToldWhoHoldsItAndChangesNothing() throws Exception {
        Db db = db("job_two");
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        JobPhase blocking = new JobPhase() {
            @Override
            public String name() {
                return "wait";
            }

            @Override
            public void run(JobContext ctx) {
                inside.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        CompletableFuture<Job> first = CompletableFuture.supplyAsync(() -> {
            try (Connection c = db.dataSource().getConnection()) {
                return new JobRunner(SCHEMA, "runner A").run(c, "copy", "public.copied", Map.of(), List.of(blocking));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
        try (Connection c = db.dataSource().getConnection()) {
            assertThatThrownBy(() -> new JobRunner(SCHEMA, "runner B").run(c, "copy", "public.copied", Map.of(),
                    List.of(blocking)))
                    .isInstanceOf(PgpartException.class)
                    .satisfies(e -> assertThat(((PgpartException) e).code()).isEqualTo(ErrorCode.BUSY))
                    .hasMessageContaining("at phase wait, run by runner A");
        } finally {
            release.countDown();
        }
        assertThat(first.get(30, TimeUnit.SECONDS).state()).isEqualTo(Job.State.DONE);
    }

    @Test
    void aFailedPhaseMarksTheJobFailedAndTheNextRunResumesAtThatPhase() throws SQLException {
        Db db = db("job_fail");
        AtomicInteger prepared = new AtomicInteger();
        AtomicInteger attempts = new AtomicInteger();
        JobPhase flaky = new JobPhase() {
            @Override
            public String name() {
                return "flaky";
            }

            @Override
            public void run(JobContext ctx) {
                if (attempts.incrementAndGet() == 1) {
                    throw new IllegalStateException("disk full");
                }
            }
        };
        List<JobPhase> phases = List.of(counting("prepare", prepared), flaky);
        try (Connection c = db.dataSource().getConnection()) {
            assertThatThrownBy(() -> new JobRunner(SCHEMA, "t").run(c, "copy", "public.copied", Map.of(), phases))
                    .hasMessageContaining("disk full");
            Job failed = new JobStore(SCHEMA).unfinished(c, "public.copied").orElseThrow();
            assertThat(failed.state()).isEqualTo(Job.State.FAILED);
            assertThat(failed.phase()).isEqualTo("flaky");
            assertThat(failed.error()).hasValueSatisfying(e -> assertThat(e).contains("phase flaky failed: disk full"));

            Job done = new JobRunner(SCHEMA, "t").run(c, "copy", "public.copied", Map.of(), phases);
            assertThat(done.state()).isEqualTo(Job.State.DONE);
            assertThat(done.id()).isEqualTo(failed.id());
        }
        assertThat(prepared).hasValue(1);
        assertThat(attempts).hasValue(2);
    }

    @Test
    void anUnfinishedJobOfAnotherKindOrWithOtherSettingsIsNotTakenOver() throws SQLException {
        Db db = db("job_kind");
        JobPhase failing = new JobPhase() {
            @Override
            public String name() {
                return "p";
            }

            @Override
            public void run(JobContext ctx) {
                throw new IllegalStateException("stop");
            }
        };
        try (Connection c = db.dataSource().getConnection()) {
            assertThatThrownBy(() -> new JobRunner(SCHEMA, "t").run(c, "convert", "public.copied", Map.of("a", "1"),
                    List.of(failing))).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> new JobRunner(SCHEMA, "t").run(c, "archive", "public.copied", Map.of(), List.of(failing)))
                    .isInstanceOf(PgpartException.class).hasMessageContaining("has an unfinished convert job");
            assertThatThrownBy(() -> new JobRunner(SCHEMA, "t").run(c, "convert", "public.copied", Map.of("a", "2"),
                    List.of(failing))).isInstanceOf(PgpartException.class).hasMessageContaining("started with {a=1}");
        }
    }

    /** The backend of the runner once it sits in pg_sleep (bounded: the test has a timeout). */
    private static long awaitSleepingBackend(Db db) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> pids = db.queryStrings("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND query = 'SELECT pg_sleep(30)' AND state = 'active'");
            if (!pids.isEmpty()) {
                return Long.parseLong(pids.get(0));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the runner never reached its sleeping step");
    }
}
