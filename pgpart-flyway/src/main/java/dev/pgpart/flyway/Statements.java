package dev.pgpart.flyway;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.api.PartitionDdl;
import dev.pgpart.api.PartitionOperation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/** Runs an operation's statements on Flyway's connection and leaves it as it was. */
final class Statements {
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private final Connection connection;
    private final Duration lockTimeout;

    Statements(Connection connection, Duration lockTimeout) {
        this.connection = connection;
        this.lockTimeout = lockTimeout;
    }

    /**
     * In the migration's transaction when it has one; otherwise (a non-transactional migration) in
     * a transaction of their own, so SET LOCAL still applies and a failure leaves nothing half done.
     */
    void inTransaction(List<String> sql) throws SQLException {
        if (sql.isEmpty()) {
            return;
        }
        boolean own = connection.getAutoCommit();
        if (own) {
            connection.setAutoCommit(false);
        }
        try (Statement s = connection.createStatement()) {
            for (String statement : PartitionDdl.sessionSettings(lockTimeout)) {
                s.execute(statement);
            }
            for (String statement : sql) {
                s.execute(statement);
            }
            if (own) {
                connection.commit();
            }
        } catch (SQLException | RuntimeException e) {
            if (own) {
                rollbackKeeping(e);
            }
            throw e;
        } finally {
            if (own) {
                connection.setAutoCommit(true);
            }
        }
    }

    /**
     * The statement that must run alone in autocommit: SET LOCAL does nothing there, so lock_timeout
     * is set for the session and the previous value put back afterwards.
     */
    void concurrently(PartitionOperation op, String sql) throws SQLException {
        try {
            withSessionLockTimeout(() -> {
                try (Statement s = connection.createStatement()) {
                    return s.execute(sql);
                }
            });
        } catch (SQLException e) {
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                throw new PgpartException(ErrorCode.LOCK_TIMEOUT, "detaching " + op.partition() + " CONCURRENTLY from "
                        + op.parent() + " waited longer than lock_timeout (" + lockTimeout.toMillis() + " ms) for other"
                        + " transactions. If it got past its first step, " + op.partition() + " is left pending detach:"
                        + " run ALTER TABLE " + op.parent().sql() + " DETACH PARTITION " + op.partition().sql()
                        + " FINALIZE, or run the migration again (with flyway.postgresql.transactional.lock=false, or it"
                        + " waits for Flyway's own lock)", e);
            }
            throw e;
        }
    }

    /** Something that reads or runs over the connection. */
    interface Read<T> {
        T run() throws SQLException;
    }

    /** Runs {@code read} with the session's lock_timeout set to ours, and puts the previous value back. */
    <T> T withSessionLockTimeout(Read<T> read) throws SQLException {
        String before = setLockTimeout(lockTimeout.toMillis() + "ms");
        T result;
        try {
            result = read.run();
        } catch (SQLException | RuntimeException e) {
            restoreKeeping(before, e);
            throw e;
        }
        setLockTimeout(before);
        return result;
    }

    private String setLockTimeout(String value) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT pg_catalog.current_setting('lock_timeout'), pg_catalog.set_config('lock_timeout', ?, false)")) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private void restoreKeeping(String before, Exception failure) {
        try {
            setLockTimeout(before);
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private void rollbackKeeping(Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
