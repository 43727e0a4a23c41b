package dev.pgpart.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.api.ActionResult;
import dev.pgpart.internal.exec.Session;
import dev.pgpart.plan.ArchivePartition;
import dev.pgpart.plan.Finding;
import dev.pgpart.sql.QualifiedName;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A long phase keeps the job's heartbeat fresh: check does not call it stuck, and nobody else takes it. */
@Timeout(180)
class ArchiveHeartbeatIT {
    static final QualifiedName JANUARY = QualifiedName.of("public", "events_p20260101");
    static final Duration STUCK_AFTER = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    @Test
    void aLongExportKeepsItsHeartbeatFreshSoCheckDoesNotCallItStuckAndNoOtherRunnerTakesItOver() throws Exception {
        ArchiveFixture f = ArchiveFixture.withYaml("arch_beat", dir, "job_stuck_after: 3s\n" + ArchiveFixture.yaml(dir, "4KB"));
        ArchivePartition action = f.action(JANUARY);
        try (Connection writer = f.db.dataSource().getConnection(); Statement w = writer.createStatement()) {
            writer.setAutoCommit(false);
            CompletableFuture<Void> job = CompletableFuture.runAsync(() -> runJob(f, action, writer));
            // the export waits for the writer's lock: a phase that takes as long as the writer wants
            Instant blocked = waitFor(f, "SELECT now() FROM pg_locks l JOIN pg_class c ON c.oid = l.relation"
                    + " WHERE c.relname = 'events_p20260101' AND NOT l.granted AND l.mode = 'ShareLock'");
            Instant[] fresh = waitForHeartbeatAfter(f, blocked.plus(STUCK_AFTER).plusSeconds(1));

            assertThat(f.pgpart(fresh[1]).check(fresh[1])).extracting(Finding::kind).doesNotContain(Finding.Kind.JOB_STUCK);
            ActionResult other = f.maintainWithConsent().results().stream()
                    .filter(r -> r.action().partition().equals(JANUARY)).findFirst().orElseThrow();
            assertThat(other.detail()).contains("another runner is working on public.events_p20260101");

            writer.rollback();
            job.get(120, TimeUnit.SECONDS);
        }
        assertThat(f.db.queryStrings("SELECT state FROM pgpart.archive WHERE partition = 'public.events_p20260101'"))
                .containsExactly("dropped");
    }

    /** The job, once detached, waits on {@code writer}'s uncommitted insert into the detached table. */
    private static void runJob(ArchiveFixture f, ArchivePartition action, Connection writer) {
        try (Connection c = f.db.dataSource().getConnection()) {
            Session.configure(c);
            f.job(action, ArchiveProgress.NONE, Duration.ofSeconds(60)).withSideSessions(f.sides()).heartbeatWithin(STUCK_AFTER)
                    .afterEachPhase(p -> {
                        if (p.equals("detach")) {
                            try (Statement s = writer.createStatement()) {
                                s.execute("INSERT INTO events_p20260101 (id, at, note) VALUES (-1, '2026-01-02', 'rolled back')");
                            }
                        }
                    }).run(c, action);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first value of {@code sql} once it has a row, polling for at most 60 s. */
    private static Instant waitFor(ArchiveFixture f, String sql) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Connection c = f.db.dataSource().getConnection(); Statement s = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = s.executeQuery(sql)) {
                    if (rs.next()) {
                        return rs.getTimestamp(1).toInstant();
                    }
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
        throw new AssertionError("nothing came of " + sql + " within 60 s");
    }

    /** The job's heartbeat and the database's now(), read together, once the heartbeat is later than {@code after}. */
    private static Instant[] waitForHeartbeatAfter(ArchiveFixture f, Instant after) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Connection c = f.db.dataSource().getConnection(); Statement s = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = s.executeQuery("SELECT heartbeat_at, now() FROM pgpart.job WHERE kind = 'archive'")) {
                    rs.next();
                    Instant beat = rs.getTimestamp(1).toInstant();
                    if (beat.isAfter(after)) {
                        return new Instant[] {beat, rs.getTimestamp(2).toInstant()};
                    }
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
        throw new AssertionError("the job's heartbeat was not refreshed after " + after + " (the export was blocked since"
                + " before it): a long phase lets it go stale");
    }
}
