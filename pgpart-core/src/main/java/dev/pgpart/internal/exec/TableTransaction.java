package dev.pgpart.internal.exec;

import dev.pgpart.api.MaintainOptions;

import dev.pgpart.PgpartException;
import dev.pgpart.plan.Action;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a table's transactional actions in one transaction under {@code SET LOCAL lock_timeout},
 * each action under a savepoint so that one bad action (say, a name already taken) does not
 * undo the others. A lock that is not granted in time (or a deadlock) rolls the whole
 * transaction back, and it is tried again after a backoff.
 */
final class TableTransaction {
    private static final Logger LOG = LoggerFactory.getLogger(TableTransaction.class);

    record Work(int index, Action action, List<Step> steps) {
    }

    record Done(int index, boolean ok, long rowsMoved, String detail, Duration elapsed) {
    }

    /** @param lockExhausted every attempt ended on a lock: nothing at all was changed */
    record Result(List<Done> done, int attempts, boolean lockExhausted) {
    }

    private final Connection c;
    private final QualifiedName table;
    private final Duration lockTimeout;
    private final MaintainOptions options;
    private final Collection<QualifiedName> relations;
    private final boolean distributed;

    TableTransaction(Connection c, QualifiedName table, Duration lockTimeout, MaintainOptions options,
                     Collection<QualifiedName> relations) {
        this(c, table, lockTimeout, options, relations, false);
    }

    /** @param distributed Citus distributes the table: settings reach the workers, one statement per round trip */
    TableTransaction(Connection c, QualifiedName table, Duration lockTimeout, MaintainOptions options,
                     Collection<QualifiedName> relations, boolean distributed) {
        this.c = c;
        this.table = table;
        this.lockTimeout = lockTimeout;
        this.options = options;
        this.relations = relations;
        this.distributed = distributed;
    }

    Result run(List<Work> work) {
        long start = System.nanoTime();
        int max = Math.max(1, options.maxAttempts());
        for (int attempt = 1; ; attempt++) {
            try {
                return new Result(once(work), attempt, false);
            } catch (SQLException e) {
                SqlState state = SqlState.of(e);
                if (state.retryable() && attempt < max) {
                    LOG.warn("{}: attempt {} of {} failed ({} {}), retrying", table, attempt, max, e.getSQLState(), e.getMessage());
                    if (Backoff.sleep(options.retryBackoff(), attempt)) {
                        continue;
                    }
                }
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                String detail = state.retryable()
                        ? Blockers.message(table, attempt, lockTimeout, e.getSQLState() + " " + e.getMessage(),
                                (distributed ? Blockers.findDistributed(c, relations, table) : Blockers.find(c, relations, table)),
                                Blockers.nothingChanged(table))
                        : "transaction for " + table + " failed: " + Failures.sql(e) + ". " + Blockers.nothingChanged(table);
                return new Result(work.stream().map(w -> new Done(w.index(), false, 0, detail, elapsed)).toList(),
                        attempt, state.retryable());
            }
        }
    }

    private List<Done> once(List<Work> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            if (distributed) {
                // Without it the workers never see the SET LOCAL below and wait for their shard locks
                // forever; with it they give up after lock_timeout like the coordinator.
                StepRunner.exec(c, "SET LOCAL citus.propagate_set_commands = 'local'");
            }
            StepRunner.exec(c, "SET LOCAL lock_timeout = " + Sql.millis(lockTimeout));
            List<Done> out = new ArrayList<>();
            for (Work w : work) {
                out.add(one(w));
            }
            c.commit();
            return out;
        } catch (SQLException | RuntimeException e) {
            Failures.rollbackQuietly(c, table);
            throw e;
        } finally {
            Failures.autoCommitQuietly(c, table);
        }
    }

    private Done one(Work w) throws SQLException {
        long t0 = System.nanoTime();
        Savepoint sp = c.setSavepoint();
        long rows = 0;
        Step current = null;
        try {
            // Citus workers reject several statements in one string under the simple query protocol (42601).
            for (Step s : distributed ? w.steps() : StepRunner.batched(w.steps())) {
                current = s;
                rows += StepRunner.run(c, s, table);
            }
            c.releaseSavepoint(sp);
            return new Done(w.index(), true, rows, "", Duration.ofNanos(System.nanoTime() - t0));
        } catch (SQLException e) {
            if (SqlState.of(e).retryable()) {
                throw e; // the whole transaction is retried
            }
            c.rollback(sp);
            return new Done(w.index(), false, 0, Failures.sql(e) + " in: " + Failures.abbreviate(current.sql())
                    + ". This action was rolled back.", Duration.ofNanos(System.nanoTime() - t0));
        } catch (PgpartException e) {
            c.rollback(sp);
            return new Done(w.index(), false, 0, e.getMessage() + ". This action was rolled back.",
                    Duration.ofNanos(System.nanoTime() - t0));
        }
    }
}
