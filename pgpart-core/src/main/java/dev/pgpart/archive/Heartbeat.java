package dev.pgpart.archive;

import dev.pgpart.state.StateSchema;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a running job's heartbeat fresh while one of its phases works for long (a COPY of a large
 * partition, reading an archive back, PostgreSQL's checksum of the table), so {@code check} does
 * not call it stuck. It writes on a session of its own, as the job's is busy with the phase's
 * statement. The job lock, not the heartbeat, keeps other runners off the job: the beat only says
 * "still alive" to monitoring. Without a second session there is no beat, as before.
 */
final class Heartbeat implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);
    private static final Heartbeat NONE = new Heartbeat(Optional.empty(), Optional.empty());

    private final Optional<SideSessions.Side> side;
    private final Optional<ScheduledExecutorService> timer;

    private Heartbeat(Optional<SideSessions.Side> side, Optional<ScheduledExecutorService> timer) {
        this.side = side;
        this.timer = timer;
    }

    static Heartbeat none() {
        return NONE;
    }

    /** Beats every {@code every} for job {@code id} until closed; nothing when no session can be had. */
    static Heartbeat start(SideSessions sessions, StateSchema schema, long id, String target, Duration every) {
        Optional<SideSessions.Side> side = sessions.open();
        if (side.isEmpty()) {
            return NONE;
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pgpart-job-heartbeat " + target);
            t.setDaemon(true);
            return t;
        });
        String sql = "UPDATE " + schema.table("job") + " SET heartbeat_at = now() WHERE id = ? AND state = 'running'";
        long millis = Math.max(1, every.toMillis());
        timer.scheduleWithFixedDelay(() -> beat(side.get(), sql, id, target), millis, millis, TimeUnit.MILLISECONDS);
        return new Heartbeat(side, Optional.of(timer));
    }

    /** A third of {@code job_stuck_after}: two beats may be late before check reports the job. */
    static Duration every(Duration stuckAfter) {
        return stuckAfter.dividedBy(3);
    }

    private static void beat(SideSessions.Side side, String sql, long id, String target) {
        try (PreparedStatement ps = side.connection().prepareStatement(sql)) {
            ps.setLong(1, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            // thrown out of a scheduled task it would stop the beats silently: say so, and keep trying
            LOG.warn("{}: could not refresh the heartbeat of job #{} ({}); check may report it stuck while it runs",
                    target, id, e.getMessage());
        }
    }

    /** Stops beating (waiting for a beat under way) and gives the session back. */
    @Override
    public void close() {
        timer.ifPresent(t -> {
            t.shutdown();
            try {
                if (!t.awaitTermination(30, TimeUnit.SECONDS)) {
                    LOG.warn("a heartbeat did not finish within 30 s; closing its session");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        side.ifPresent(SideSessions.Side::close);
    }
}
