package dev.pgpart.internal.exec;

import dev.pgpart.api.MaintainOptions;
import dev.pgpart.api.Outcome;

import dev.pgpart.plan.DropPartition;
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
 * alone under a session {@code lock_timeout} that is put back afterwards. It commits in two steps;
 * if it stops after the first (a lock timeout while waiting for older transactions), the child is
 * left "detach pending" and a retry must {@code FINALIZE} instead of starting over.
 */
final class ConcurrentDetach {
    private static final Logger LOG = LoggerFactory.getLogger(ConcurrentDetach.class);
    private static final String PENDING_SQL = "SELECT i.inhdetachpending FROM pg_catalog.pg_inherits i"
            + " JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?";

    record Outcome(boolean ok, int attempts, String detail) {
    }

    private ConcurrentDetach() {
    }

    static Outcome run(Connection c, QualifiedName table, RenderedAction a, Duration lockTimeout, MaintainOptions options,
                       Collection<QualifiedName> relations) {
        String previous;
        try {
            previous = currentLockTimeout(c);
        } catch (SQLException e) {
            // Without it the session could not be put back as it was; guessing ('0') would make
            // this connection wait forever on its next lock.
            return new Outcome(false, 0, "detach of " + a.action().partition() + " not attempted: could not read the"
                    + " session's lock_timeout to restore it afterwards (" + Failures.sql(e) + "). "
                    + stillAttached(table, a));
        }
        Outcome o = attempts(c, table, a, lockTimeout, options, relations);
        try {
            StepRunner.exec(c, "SET lock_timeout = " + Sql.literal(previous));
            return o;
        } catch (SQLException e) {
            LOG.warn("{}: could not restore lock_timeout to '{}': {}", table, previous, Failures.sql(e));
            return new Outcome(o.ok(), o.attempts(), (o.detail().isEmpty() ? "" : o.detail() + "\n")
                    + "This connection's lock_timeout could not be restored to '" + previous + "' (" + Failures.sql(e)
                    + "); it stays at " + lockTimeout.toMillis() + " ms.");
        }
    }

    private static Outcome attempts(Connection c, QualifiedName table, RenderedAction a, Duration lockTimeout,
                                    MaintainOptions options, Collection<QualifiedName> relations) {
        int max = Math.max(1, options.maxAttempts());
        for (int attempt = 1; ; attempt++) {
            try {
                StepRunner.exec(c, "SET lock_timeout = " + Sql.millis(lockTimeout));
                String sql = attempt > 1 && pending(c, a.action().partition())
                        ? DdlRenderer.finalizeDetach(a.action().parent(), a.action().partition())
                        : a.outsideTransaction().orElseThrow().sql();
                StepRunner.run(c, Step.ddl(sql), table);
                return new Outcome(true, attempt, "");
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
            }
        }
    }

    private static Outcome failure(Connection c, QualifiedName table, RenderedAction a, Duration lockTimeout,
                                   Collection<QualifiedName> relations, int attempts, SQLException e) {
        String left = leftState(c, table, a);
        String detail = SqlState.of(e).retryable()
                ? Blockers.message(table, attempts, lockTimeout, e.getSQLState() + " " + e.getMessage(),
                        Blockers.find(c, relations, table), left)
                : "detach of " + a.action().partition() + " failed: " + Failures.sql(e) + ". " + left;
        return new Outcome(false, attempts, detail);
    }

    /** What the failed detach left behind, as the catalog says now. */
    private static String leftState(Connection c, QualifiedName table, RenderedAction a) {
        QualifiedName child = a.action().partition();
        String finalize = DdlRenderer.finalizeDetach(a.action().parent(), child) + ";";
        try {
            if (!pending(c, child)) {
                return stillAttached(table, a);
            }
        } catch (SQLException e) {
            return "Whether " + child + " is left half-detached could not be checked (" + Failures.sql(e) + "):"
                    + " run pgpart check, which reports it if so; it is finished with " + finalize;
        }
        String next = a.action() instanceof DropPartition
                ? "the next maintain --yes finalizes and drops it"
                : "the next maintain finalizes it";
        return child + " is left half-detached (detach pending): it no longer receives rows; " + next
                + ", or run " + finalize;
    }

    /** Only this action is meant: the table's other actions may well have been applied. */
    private static String stillAttached(QualifiedName table, RenderedAction a) {
        return a.action().partition() + " is still attached to " + table + ": this detach changed nothing.";
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

    /** The session's lock_timeout before this detach, so the caller's setting survives it. */
    private static String currentLockTimeout(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT current_setting('lock_timeout')");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }
}
