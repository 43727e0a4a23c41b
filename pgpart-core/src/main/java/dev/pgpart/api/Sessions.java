package dev.pgpart.api;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.internal.catalog.Catalog;
import dev.pgpart.internal.catalog.CatalogReader;
import dev.pgpart.internal.exec.Blockers;
import dev.pgpart.internal.exec.Session;
import dev.pgpart.internal.exec.SqlState;
import dev.pgpart.sql.QualifiedName;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import dev.pgpart.internal.catalog.TableInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One prepared connection per call, and the catalog read every operation starts with. The
 * connection usually comes from the application's pool: whatever pgpart set on it is put back
 * before it is returned, on every path.
 */
final class Sessions {
    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);
    private static final Executor SAME_THREAD = Runnable::run;

    private final DataSource dataSource;
    private final Duration lockTimeout;
    private final Duration statementTimeout;

    Sessions(DataSource dataSource, Duration lockTimeout, Duration statementTimeout) {
        this.dataSource = dataSource;
        this.lockTimeout = lockTimeout;
        this.statementTimeout = statementTimeout;
    }

    Duration statementTimeout() {
        return statementTimeout;
    }

    DataSource dataSource() {
        return dataSource;
    }

    /**
     * Second sessions for an archive job (its table's checksum, its heartbeat): prepared like the
     * first, and given back with their settings restored. None when the data source cannot give
     * one (a single borrowed connection, an exhausted pool): the job then works the slower way.
     */
    dev.pgpart.archive.SideSessions sides() {
        return () -> {
            Connection c;
            try {
                c = dataSource.getConnection();
            } catch (SQLException e) {
                LOG.info("no second session for the archive job ({}): it checksums the table on its own session", e.getMessage());
                return java.util.Optional.empty();
            }
            try {
                Session.Saved saved = Session.prepare(c, lockTimeout, statementTimeout);
                return java.util.Optional.of(side(c, saved));
            } catch (SQLException | RuntimeException e) {
                closeQuietly(c, e);
                LOG.info("no second session for the archive job ({}): it checksums the table on its own session", e.getMessage());
                return java.util.Optional.empty();
            }
        };
    }

    private static dev.pgpart.archive.SideSessions.Side side(Connection c, Session.Saved saved) {
        return new dev.pgpart.archive.SideSessions.Side() {
            @Override
            public Connection connection() {
                return c;
            }

            @Override
            public void close() {
                restoreOrDiscard(c, saved, null);
                try {
                    c.close();
                } catch (SQLException e) {
                    LOG.warn("could not close a second session of an archive job: {}", e.getMessage());
                }
            }
        };
    }

    private static void closeQuietly(Connection c, Exception primary) {
        try {
            c.close();
        } catch (SQLException e) {
            primary.addSuppressed(e);
        }
    }

    <T> T withSession(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return withPrepared(c, work);
        } catch (SQLException e) {
            throw new PgpartException(ErrorCode.DATABASE, "database error: " + e.getMessage()
                    + (e.getSQLState() == null ? "" : " [SQLSTATE " + e.getSQLState() + "]") + hint(e), e);
        }
    }

    /** Runs {@code work} on {@code c} prepared for pgpart, then gives {@code c} its own settings back. */
    <T> T withPrepared(Connection c, SqlWork<T> work) throws SQLException {
        Session.Saved saved = Session.prepare(c, lockTimeout, statementTimeout);
        T result;
        try {
            result = work.run(c);
        } catch (SQLException | RuntimeException | Error e) {
            restoreOrDiscard(c, saved, e);
            throw e;
        }
        restoreOrDiscard(c, saved, null);
        return result;
    }

    /**
     * A connection that cannot be given its settings back must not go back to the pool with
     * pgpart's: it is aborted (the pool sees it closed and replaces it), and the failure is kept
     * with the original error, or logged when the work itself succeeded (its result stands).
     */
    private static void restoreOrDiscard(Connection c, Session.Saved saved, Throwable primary) {
        try {
            saved.restore(c);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("could not restore the session settings {} of a borrowed connection ({}); closing it instead of"
                    + " returning it with pgpart's settings", saved.settings().keySet(), e.getMessage());
            if (primary != null) {
                primary.addSuppressed(e);
            }
            try {
                c.abort(SAME_THREAD);
            } catch (SQLException abort) {
                e.addSuppressed(abort);
                LOG.warn("could not abort that connection either: {}", abort.getMessage());
            }
        }
    }

    /** What to do about the few errors a DBA cannot act on from the server's text alone. */
    String hint(SQLException e) {
        if (SqlState.of(e) == SqlState.QUERY_CANCELED) {
            return ". pgpart runs each statement under statement_timeout " + statementTimeout.toMillis()
                    + " ms: raise it (--statement-timeout, or Pgpart.builder().statementTimeout(...)) if the work is"
                    + " legitimately longer";
        }
        return "";
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Reading the catalog takes ACCESS SHARE locks (pg_get_expr, the default partition's count), so
     * a session holding ACCESS EXCLUSIVE on a table would make it wait forever: the session's
     * lock_timeout bounds it, and the error names who is in the way.
     */
    Catalog read(Connection c, List<QualifiedName> tables, boolean sizes) throws SQLException {
        try {
            return new CatalogReader(sizes).read(c, tables);
        } catch (SQLException e) {
            if (!"55P03".equals(e.getSQLState())) {
                throw e;
            }
            throw lockTimeout(c, tables, e);
        }
    }

    /** The catalog of the tables that could be read, and why the others could not. */
    record Read(Catalog catalog, Map<QualifiedName, PgpartException> locked) {
    }

    /**
     * Like {@link #read}, but a lock on one table costs only that table: when the read of all of them
     * times out, each is read on its own and the ones still blocked are reported, not fatal.
     */
    Read readEach(Connection c, List<QualifiedName> tables, boolean sizes) throws SQLException {
        try {
            return new Read(new CatalogReader(sizes).read(c, tables), Map.of());
        } catch (SQLException e) {
            if (!"55P03".equals(e.getSQLState())) {
                throw e;
            }
            if (tables.size() < 2) {
                throw lockTimeout(c, tables, e);
            }
            LOG.warn("reading the catalog of {} tables timed out on a lock; reading them one by one", tables.size());
        }
        Map<QualifiedName, PgpartException> locked = new LinkedHashMap<>();
        List<Catalog> parts = new ArrayList<>();
        for (QualifiedName t : tables) {
            try {
                parts.add(new CatalogReader(sizes).read(c, List.of(t)));
            } catch (SQLException e) {
                if (!"55P03".equals(e.getSQLState())) {
                    throw e;
                }
                locked.put(t, lockTimeout(c, List.of(t), e));
            }
        }
        return new Read(merge(c, parts), locked);
    }

    private static Catalog merge(Connection c, List<Catalog> parts) throws SQLException {
        Map<QualifiedName, TableInfo> tables = new LinkedHashMap<>();
        Set<QualifiedName> names = new HashSet<>();
        int version = serverVersionNum(c);
        for (Catalog p : parts) {
            tables.putAll(p.tables());
            names.addAll(p.relationNames());
        }
        return new Catalog(version, tables, names);
    }

    private static int serverVersionNum(Connection c) throws SQLException {
        try (java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    PgpartException lockTimeout(Connection c, List<QualifiedName> tables, SQLException e) {
        Blockers.Found found = Blockers.findInTrees(c, tables, tables.get(0));
        return new PgpartException(ErrorCode.LOCK_TIMEOUT, "could not read the catalog of " + tables
                + " within lock_timeout " + lockTimeout.toMillis() + " ms; nothing was changed for "
                + (tables.size() == 1 ? "it." : "them.")
                + (found.none() ? " The blocking session has finished: run again."
                : " Sessions holding locks on these tables:\n" + found.lines() + "\nWait for them to finish and run again"
                + found.holders().stream().findFirst().map(h -> ", or end one with SELECT pg_terminate_backend("
                + h.pid() + ");").orElse(".")), e);
    }
}
