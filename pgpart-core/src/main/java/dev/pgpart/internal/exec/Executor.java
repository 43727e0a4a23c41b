package dev.pgpart.internal.exec;

import dev.pgpart.api.ActionResult;
import dev.pgpart.api.MaintainOptions;
import dev.pgpart.api.MaintainResult;
import dev.pgpart.api.MaintenanceListener;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.internal.catalog.Catalog;
import dev.pgpart.plan.Plan;
import dev.pgpart.plan.TablePlan;
import dev.pgpart.spec.Spec;
import dev.pgpart.sql.QualifiedName;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only code that changes a database. Runs a {@link Plan} table by table:
 * <ul>
 *   <li>creates, the default partition, non-concurrent detaches/drops and finalizes of one table
 *       run in one transaction under {@code SET LOCAL lock_timeout}, each action under a savepoint;</li>
 *   <li>{@code DETACH ... CONCURRENTLY} runs afterwards, alone, under a session lock_timeout;</li>
 *   <li>a lock not granted in time (55P03) or a deadlock (40P01) rolls the table back and is
 *       retried with a doubling backoff; when every attempt fails, the table's actions fail with
 *       the sessions that held the locks; other errors fail one action and the run goes on.</li>
 * </ul>
 * It does not take the maintenance advisory lock: the caller holds {@link AdvisoryLock} around
 * observe, plan and execute, so the plan cannot go stale between them.
 */
public final class Executor {
    private static final Logger LOG = LoggerFactory.getLogger(Executor.class);

    /**
     * @param c            a connection prepared by {@link Session#configure} (autocommit on); left in
     *                     autocommit with no session setting changed
     * @param catalog      the snapshot {@code plan} was made from (columns, properties, default partition)
     * @param lockTimeouts per-table lock_timeout; a table without one gets {@link Spec#DEFAULT_LOCK_TIMEOUT}
     * @return one result per action of {@code plan}, in plan order
     * @throws PgpartException (DATABASE) when the connection is unusable before anything ran
     */
    public MaintainResult execute(Connection c, Plan plan, Catalog catalog, MaintainOptions options,
                                  Map<QualifiedName, Duration> lockTimeouts, MaintenanceListener listener) {
        long start = System.nanoTime();
        List<TablePlan> tables = plan.tables().stream().filter(t -> !t.isEmpty()).toList();
        if (tables.isEmpty()) {
            return new MaintainResult(plan, List.of(), Duration.ZERO);
        }
        String user = prepare(c);
        TableRunner runner = new TableRunner(c, options, user, listener);
        List<ActionResult> results = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            TablePlan tp = tables.get(i);
            Duration timeout = lockTimeouts.getOrDefault(tp.table(), Spec.DEFAULT_LOCK_TIMEOUT);
            LOG.info("{}: {} action(s), lock_timeout {} ms (table {} of {})", tp.table(), tp.actions().size(),
                    timeout.toMillis(), i + 1, tables.size());
            listener.tableStarted(tp.table(), i + 1, tables.size(), tp.actions().size());
            results.addAll(runner.run(tp, catalog.table(tp.table()), timeout));
        }
        return new MaintainResult(plan, results, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Fails once, up front, when the database cannot be written (a standby, or read-only by
     * default), and names the role pgpart runs as otherwise.
     *
     * @throws PgpartException (DATABASE) when read-only or the connection is unusable; nothing was run
     */
    public static String prepare(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                // Our COMMITs would also commit whatever the caller had open on this connection.
                throw new PgpartException(ErrorCode.INTERNAL, "the executor needs a connection in autocommit mode"
                        + " (prepared by Session.configure) with no transaction open; nothing was run");
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT current_user, pg_is_in_recovery(), current_setting('transaction_read_only') = 'on'")) {
                rs.next();
                if (rs.getBoolean(2) || rs.getBoolean(3)) {
                    // Said once here, instead of once per action with its SQL (25006 on every statement).
                    throw new PgpartException(ErrorCode.DATABASE, "the database is read-only ("
                            + (rs.getBoolean(2) ? "a standby in recovery" : "default_transaction_read_only is on")
                            + "); nothing was run. Point --url at the primary, or turn read-only off for pgpart's role"
                            + " (ALTER ROLE ... SET default_transaction_read_only = off)");
                }
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new PgpartException(ErrorCode.DATABASE, "cannot use the connection: " + Failures.sql(e)
                    + "; nothing was run", e);
        }
    }
}
