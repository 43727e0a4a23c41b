package dev.pgpart.exec;

import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code DETACH ... CONCURRENTLY}, which PostgreSQL refuses inside a transaction block: sent
 * alone under a session {@code lock_timeout} that is reset afterwards. It commits in two steps;
 * if it stops after the first (a lock timeout while waiting for older transactions), the child is
 * left "detach pending" and a retry must {@code FINALIZE} instead of starting over.
 */
final class ConcurrentDetach {
    private static final Logger LOG = LoggerFactory.getLogger(ConcurrentDetach.class);
    private static final String PENDING_SQL = "SELECT i.inhdetachpending FROM pg_catalog.pg_inherits i"
            + " JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?";

    /** @param pending the child was left half-detached: a later run (or a retry) finalizes it */
    record Outcome(boolean ok, int attempts, boolean pending, String detail) {
    }

    private ConcurrentDetach() {
    }

    static Outcome run(Connection c, QualifiedName table, RenderedAction a, Duration lockTimeout, MaintainOptions options,
                       Collection<QualifiedName> relations) {
        int max = Math.max(1, options.maxAttempts());
        String previous = currentLockTimeout(c, table);
        for (int attempt = 1; ; attempt++) {
            try {
                StepRunner.exec(c, "SET lock_timeout = " + Sql.millis(lockTimeout));
                String sql = attempt > 1 && pending(c, a.action().partition())
                        ? DdlRenderer.finalizeDetach(a.action().parent(), a.action().partition())
                        : a.outsideTransaction().orElseThrow().sql();
                StepRunner.run(c, Step.ddl(sql), table);
                return new Outcome(true, attempt, false, "");
            } catch (SQLException e) {
                SqlState state = SqlState.of(e);
                if (state.retryable() && attempt < max) {
                    LOG.warn("{}: detach of {} attempt {} of {} failed ({} {}), retrying", table,
                            a.action().partition(), attempt, max, e.getSQLState(), e.getMessage());
                    if (Backoff.sleep(options.retryBackoff(), attempt)) {
                        continue;
                    }
                }
                return failure(c, table, a, lockTimeout, relations, attempt, e);
            } finally {
                restore(c, table, previous);
            }
        }
    }

    private static Outcome failure(Connection c, QualifiedName table, RenderedAction a, Duration lockTimeout,
                                   Collection<QualifiedName> relations, int attempts, SQLException e) {
        boolean pending = pendingQuietly(c, a.action().partition(), table);
        String left = pending
                ? a.action().partition() + " is left half-detached (detach pending): it no longer receives rows;"
                  + " the next maintain finalizes it, or run "
                  + DdlRenderer.finalizeDetach(a.action().parent(), a.action().partition()) + ";"
                : "Nothing was changed for " + table + ".";
        String detail = SqlState.of(e).retryable()
                ? Blockers.message(table, attempts, lockTimeout, e.getSQLState() + " " + e.getMessage(),
                        Blockers.find(c, relations, table), left)
                : "detach of " + a.action().partition() + " failed: " + Failures.sql(e) + ". " + left;
        return new Outcome(false, attempts, pending, detail);
    }

    static boolean pending(Connection c, QualifiedName child) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(PENDING_SQL)) {
            ps.setString(1, child.schema());
            ps.setString(2, child.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static boolean pendingQuietly(Connection c, QualifiedName child, QualifiedName table) {
        try {
            return pending(c, child);
        } catch (SQLException e) {
            LOG.warn("{}: could not check whether {} is detach-pending: {}", table, child, e.getMessage());
            return false;
        }
    }

    /** The session's lock_timeout before this detach, so the caller's setting survives it. */
    private static String currentLockTimeout(Connection c, QualifiedName table) {
        try (PreparedStatement ps = c.prepareStatement("SELECT current_setting('lock_timeout')");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            LOG.warn("{}: could not read lock_timeout: {}", table, e.getMessage());
            return "0";
        }
    }

    private static void restore(Connection c, QualifiedName table, String previous) {
        try {
            StepRunner.exec(c, "SET lock_timeout = " + Sql.literal(previous));
        } catch (SQLException e) {
            LOG.warn("{}: could not restore lock_timeout: {}", table, e.getMessage());
        }
    }
}
