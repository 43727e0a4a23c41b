package dev.pgpart.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The run history in the state schema: a row per {@code maintain} run (written when it starts, so a
 * killed run is visible) and a row per action (written when it ends). Times are pgpart's clock,
 * the one plans are made with, so history and {@code check} agree even under a test's fixed clock. Bounded: {@link #prune}
 * keeps the last runs or days the config allows.
 */
public final class RunLog {
    private final StateSchema schema;

    public RunLog(StateSchema schema) {
        this.schema = schema;
    }

    /** Who started a run and with what. */
    public record Start(String command, String application, String host, String pgpartVersion, String configHash,
                        List<String> tables) {
        public Start {
            tables = List.copyOf(tables);
        }
    }

    /** One finished action, as the history keeps it. */
    public record Action(String parent, String partition, String action, String outcome, String detail,
                         long rowsMoved, int attempts, Duration elapsed) {
    }

    public enum Outcome {
        RUNNING, OK, PENDING_CONSENT, FAILED, INTERRUPTED;

        String sql() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Outcome of(String sql) {
            return valueOf(sql.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** A run as read back. */
    public record Run(long id, String command, Instant startedAt, Optional<Instant> finishedAt, Outcome outcome,
                      String application, String host, String dbUser, String configHash, int applied, int skipped,
                      int failed, long rowsMoved, Optional<String> error) {
        public Optional<Duration> duration() {
            return finishedAt.map(f -> Duration.between(startedAt, f));
        }
    }

    /**
     * Records the start of a run. Runs still marked running are from processes that died: the caller
     * holds the maintenance lock, so no other run can be alive. They are marked interrupted.
     */
    public long start(Connection c, Start s, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + schema.table("run") + " SET outcome = 'interrupted',"
                + " finished_at = ?, error = 'the process ended before the run finished (killed, or its connection was lost)'"
                + " WHERE outcome = 'running' AND backend_pid <> pg_backend_pid()")) {
            ps.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + schema.table("run")
                + " (command, application, host, pgpart_version, config_hash, tables, started_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            ps.setString(1, s.command());
            ps.setString(2, s.application());
            ps.setString(3, s.host());
            ps.setString(4, s.pgpartVersion());
            ps.setString(5, s.configHash());
            ps.setArray(6, c.createArrayOf("text", s.tables().toArray()));
            ps.setObject(7, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Records the actions of a run and how it ended, in one transaction. */
    public void finish(Connection c, long runId, Outcome outcome, List<Action> actions, Optional<String> error,
                       Instant now) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            int seq = 0;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + schema.table("run_action") + " (run_id, seq,"
                    + " parent, partition, action, outcome, detail, rows_moved, attempts, elapsed_ms)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Action a : actions) {
                    ps.setLong(1, runId);
                    ps.setInt(2, ++seq);
                    ps.setString(3, a.parent());
                    ps.setString(4, a.partition());
                    ps.setString(5, a.action());
                    ps.setString(6, a.outcome());
                    ps.setString(7, a.detail());
                    ps.setLong(8, a.rowsMoved());
                    ps.setInt(9, a.attempts());
                    ps.setLong(10, a.elapsed().toMillis());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + schema.table("run") + " SET finished_at = ?,"
                    + " outcome = ?, error = ?, applied = ?, skipped = ?, failed = ?, rows_moved = ? WHERE id = ?")) {
                ps.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                ps.setString(2, outcome.sql());
                ps.setString(3, error.orElse(null));
                ps.setInt(4, (int) actions.stream().filter(a -> a.outcome().equals("applied")).count());
                ps.setInt(5, (int) actions.stream().filter(a -> a.outcome().equals("skipped")).count());
                ps.setInt(6, (int) actions.stream().filter(a -> a.outcome().equals("failed")).count());
                ps.setLong(7, actions.stream().mapToLong(Action::rowsMoved).sum());
                ps.setLong(8, runId);
                ps.executeUpdate();
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** Deletes runs beyond the newest {@code keepRuns} and those older than {@code keepDays}. @return runs deleted */
    public int prune(Connection c, int keepRuns, Duration keepFor, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + schema.table("run") + " WHERE outcome <> 'running'"
                + " AND (started_at < ? OR id NOT IN (SELECT id FROM " + schema.table("run")
                + " ORDER BY id DESC LIMIT ?))")) {
            ps.setObject(1, OffsetDateTime.ofInstant(now.minus(keepFor), ZoneOffset.UTC));
            ps.setInt(2, keepRuns);
            return ps.executeUpdate();
        }
    }

    /** The newest runs first, at most {@code limit}; empty when the schema does not exist (nothing is created). */
    public List<Run> recent(Connection c, int limit) throws SQLException {
        return query(c, "ORDER BY id DESC LIMIT " + Math.max(0, limit));
    }

    /** The newest run that finished without failure (ok, or pending consent), if any. */
    public Optional<Run> lastSuccess(Connection c) throws SQLException {
        return query(c, "WHERE outcome IN ('ok', 'pending_consent') ORDER BY id DESC LIMIT 1").stream().findFirst();
    }

    public List<Action> actions(Connection c, long runId) throws SQLException {
        List<Action> out = new ArrayList<>();
        if (!schema.exists(c)) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT parent, partition, action, outcome, detail, rows_moved,"
                + " attempts, elapsed_ms FROM " + schema.table("run_action") + " WHERE run_id = ? ORDER BY seq")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Action(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getLong(6), rs.getInt(7), Duration.ofMillis(rs.getLong(8))));
                }
            }
        }
        return out;
    }

    private List<Run> query(Connection c, String tail) throws SQLException {
        List<Run> out = new ArrayList<>();
        if (!schema.exists(c)) {
            return out;
        }
        String sql = "SELECT id, command, started_at, finished_at, outcome, application, host, db_user, config_hash,"
                + " applied, skipped, failed, rows_moved, error FROM " + schema.table("run") + " " + tail;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(new Run(rs.getLong(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(rs.getObject(4, OffsetDateTime.class)).map(OffsetDateTime::toInstant),
                        Outcome.of(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getInt(10), rs.getInt(11), rs.getInt(12), rs.getLong(13), Optional.ofNullable(rs.getString(14))));
            }
        }
        return out;
    }
}
