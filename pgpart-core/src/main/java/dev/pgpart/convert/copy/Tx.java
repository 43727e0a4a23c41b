package dev.pgpart.convert.copy;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.internal.exec.Backoff;
import dev.pgpart.internal.exec.SqlState;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transactions under {@code SET LOCAL lock_timeout}, retried with a doubling backoff when a lock
 * was not granted in time (55P03) or a deadlock was broken (40P01): PostgreSQL rolled the attempt
 * back, so trying again is safe. Other errors are not retried.
 */
final class Tx {
    private static final Logger LOG = LoggerFactory.getLogger(Tx.class);
    static final int MAX_ATTEMPTS = 10;
    static final Duration BASE = Duration.ofMillis(50);

    private Tx() {
    }

    @FunctionalInterface
    interface Attempt {
        void run() throws SQLException;
    }

    @FunctionalInterface
    interface Work {
        void run(Connection c) throws SQLException;
    }

    /** Runs {@code attempt} until it succeeds, fails otherwise, or {@link #MAX_ATTEMPTS} lock waits failed. */
    static void retrying(QualifiedName table, String what, Attempt attempt) throws SQLException {
        for (int n = 1; ; n++) {
            try {
                attempt.run();
                return;
            } catch (SQLException e) {
                if (!SqlState.of(e).retryable()) {
                    throw e;
                }
                if (n >= MAX_ATTEMPTS || !Backoff.sleep(BASE, n)) {
                    throw new PgpartException(ErrorCode.LOCK_TIMEOUT, table + ": " + what + " did not get its locks in "
                            + n + " attempts (last: SQLSTATE " + e.getSQLState() + " " + e.getMessage() + "). That"
                            + " step was rolled back; the conversion keeps what earlier steps did and stays in sync."
                            + " Find the sessions holding locks on " + table + " (pg_locks, pg_stat_activity) and run"
                            + " again to resume", e);
                }
                LOG.info("{}: {} waited too long for a lock (attempt {}), retrying", table, what, n);
            }
        }
    }

    /** One transaction on {@code c} (in autocommit before and after) under {@code lock_timeout}. */
    static void transaction(Connection c, Duration lockTimeout, Work work) throws SQLException {
        c.setAutoCommit(false);
        try {
            setLocalLockTimeout(c, lockTimeout);
            work.run(c);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    static void setLocalLockTimeout(Connection c, Duration lockTimeout) throws SQLException {
        exec(c, "SET LOCAL lock_timeout = " + Sql.millis(lockTimeout));
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
