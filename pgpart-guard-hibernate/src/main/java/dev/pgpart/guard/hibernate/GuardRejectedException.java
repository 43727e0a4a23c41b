package dev.pgpart.guard.hibernate;

import java.sql.SQLException;
import org.hibernate.JDBCException;

/**
 * A statement Hibernate was about to send, rejected by the partition-key guard; it was not sent.
 * It is a {@link JDBCException}, and so a {@link org.hibernate.HibernateException} and a
 * {@link jakarta.persistence.PersistenceException}: {@code session.find}, queries and the flush of
 * a commit hand it to the caller as it is, and code that handles a refused statement by the
 * SQLSTATE of a {@code JDBCException} handles this one. {@link #getSQLState()} is
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
