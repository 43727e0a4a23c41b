package dev.pgpart.guard.hibernate;

import java.sql.SQLException;
import org.hibernate.JDBCException;

/**
 * A statement Hibernate was about to send, rejected by the partition-key guard. It is a
 * {@link JDBCException}, so Hibernate and the frameworks over it treat it like any refused
 * statement: the JPA API ({@code session.find}, queries, {@code flush}) hands it to the caller
 * wrapped in a {@link jakarta.persistence.PersistenceException} and marks the transaction for
 * rollback, and Spring translates it by its SQLSTATE. {@link #getSQLState()} is
 * {@value dev.pgpart.guard.jdbc.PartitionKeyGuard#SQLSTATE}; {@link #getSQLException()} is the
 * guard's own exception, with the same message.
 */
public final class GuardRejectedException extends JDBCException {
    private static final long serialVersionUID = 1L;

    GuardRejectedException(SQLException rejected, String sql) {
        super(rejected.getMessage(), rejected, sql);
    }

    /** The guard's message alone: it already names the statement (Hibernate's would append it a second time). */
    @Override
    public String getMessage() {
        return getSQLException().getMessage();
    }
}
