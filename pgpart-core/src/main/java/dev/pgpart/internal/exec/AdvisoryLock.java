package dev.pgpart.internal.exec;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "pgpart maintenance" lock of a database: a session-level advisory lock, so two runs (in
 * any process) never plan and apply at the same time. Session-level, so it needs a real session:
 * behind a transaction-pooling PgBouncer it does not hold.
 *
 * <pre>{@code try (AdvisoryLock.Held held = AdvisoryLock.acquire(c, options.lockWait())) { ... } }</pre>
 */
public final class AdvisoryLock {
    private static final Logger LOG = LoggerFactory.getLogger(AdvisoryLock.class);
    /** 'pgpt': the two-int key space keeps clear of applications' single-bigint advisory locks. */
    public static final int KEY_NAMESPACE = 0x70677074;
    public static final int KEY_MAINTENANCE = 1;
    private static final long POLL_MILLIS = 200;
    private static final String HOLDERS_SQL = "SELECT a.pid, a.application_name, a.usename, a.client_addr::text,"
            + " a.backend_start, a.state, a.state_change FROM pg_catalog.pg_locks l"
            + " JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid"
            + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2"
            + " AND l.classid::bigint = ? AND l.objid::bigint = ?"
            + " AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())";

    private AdvisoryLock() {
    }

    /** The held lock; closing it unlocks (closing the connection would too). */
    public static final class Held implements AutoCloseable {
        private final Connection c;

        private Held(Connection c) {
            this.c = c;
        }

        @Override
        public void close() {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                ps.setInt(1, KEY_NAMESPACE);
                ps.setInt(2, KEY_MAINTENANCE);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                }
            } catch (SQLException e) {
                // The lock is released anyway when the session ends.
                LOG.warn("{}: could not release the maintenance lock: {}", database(c), e.getMessage());
            }
        }
    }

    /**
     * Takes the lock, polling every 200 ms for up to {@code wait}.
     *
     * @throws PgpartException BUSY naming the holder when it stays taken; DATABASE on SQL errors
     */
    public static Held acquire(Connection c, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (!tryLock(c)) {
                if (System.nanoTime() >= deadline) {
                    throw busy(c, wait);
                }
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new PgpartException(ErrorCode.BUSY, "interrupted while waiting for the maintenance lock of "
                            + database(c) + "; nothing was changed", e);
                }
            }
            LOG.debug("{}: maintenance lock taken", database(c));
            return new Held(c);
        } catch (SQLException e) {
            throw new PgpartException(ErrorCode.DATABASE, "could not take the maintenance lock: " + Failures.sql(e), e);
        }
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            ps.setInt(1, KEY_NAMESPACE);
            ps.setInt(2, KEY_MAINTENANCE);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static PgpartException busy(Connection c, Duration wait) throws SQLException {
        List<String> holders = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(HOLDERS_SQL)) {
            ps.setLong(1, KEY_NAMESPACE);
            ps.setLong(2, KEY_MAINTENANCE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    holders.add("-> pid " + rs.getInt(1) + ", application '" + rs.getString(2) + "', user " + rs.getString(3)
                            + (rs.getString(4) == null ? "" : ", from " + rs.getString(4))
                            + ", connected since " + rs.getObject(5, java.time.OffsetDateTime.class)
                            + ", " + rs.getString(6) + " since " + rs.getObject(7, java.time.OffsetDateTime.class));
                }
            }
        }
        String who = holders.isEmpty() ? "\n-> (the holder has just released it)" : "\n" + String.join("\n", holders);
        return new PgpartException(ErrorCode.BUSY, "another pgpart run holds the maintenance lock of " + database(c)
                + " (waited " + wait.toMillis() + " ms):" + who
                + "\nNothing was changed. Wait for that run to finish (or raise the lock wait) and try again;"
                + " if it is stuck, end it with SELECT pg_terminate_backend(<pid>).");
    }

    private static String database(Connection c) {
        try {
            return "database " + c.getCatalog();
        } catch (SQLException e) {
            return "the database";
        }
    }
}
