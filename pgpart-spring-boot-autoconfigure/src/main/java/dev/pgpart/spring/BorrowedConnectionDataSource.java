package dev.pgpart.spring;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A DataSource over one connection that belongs to someone else (Liquibase's, for one change):
 * each {@link #getConnection} is a {@link ConnectionView} that pgpart may close without closing
 * the owner's connection. One view at a time: the connection is one session, so pgpart's
 * parallel maintenance ({@code jobs > 1}) cannot run on it, and asking for a second view while
 * one is open is an error rather than two callers sharing a session unknowingly.
 */
final class BorrowedConnectionDataSource implements DataSource {
    private final Connection owner;
    private Optional<ConnectionView> current = Optional.empty();
    private boolean abandoned;

    BorrowedConnectionDataSource(Connection owner) {
        this.owner = owner;
    }

    /**
     * Whether pgpart gave up on a view (it aborts a connection whose session settings it could not
     * put back): the owner's connection may then still carry pgpart's settings.
     */
    boolean abandoned() {
        return abandoned || current.map(ConnectionView::abandoned).orElse(false);
    }

    @Override
    public synchronized Connection getConnection() throws SQLException {
        if (current.isPresent()) {
            if (!current.get().isClosed()) {
                throw new SQLException("the borrowed connection is already in use by pgpart: it is one session, so"
                        + " pgpart cannot open a second one on it (parallel maintenance needs a DataSource)");
            }
            abandoned |= current.get().abandoned();
        }
        ConnectionView view = new ConnectionView(owner);
        current = Optional.of(view);
        return view;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("a borrowed connection is already authenticated");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null; // DataSource's contract: null means logging is off
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        throw new SQLFeatureNotSupportedException("no log writer on a borrowed connection");
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        throw new SQLFeatureNotSupportedException("a borrowed connection is already open");
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no java.util.logging here");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
