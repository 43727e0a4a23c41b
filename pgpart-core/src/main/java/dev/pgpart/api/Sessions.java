package dev.pgpart.api;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.catalog.Catalog;
import dev.pgpart.catalog.CatalogReader;
import dev.pgpart.exec.Blockers;
import dev.pgpart.exec.Session;
import dev.pgpart.sql.QualifiedName;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

/** One prepared connection per call, and the catalog read every operation starts with. */
final class Sessions {
    private final DataSource dataSource;
    private final Duration lockTimeout;

    Sessions(DataSource dataSource, Duration lockTimeout) {
        this.dataSource = dataSource;
        this.lockTimeout = lockTimeout;
    }

    <T> T withSession(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            Session.configure(c);
            Session.lockTimeout(c, lockTimeout);
            return work.run(c);
        } catch (SQLException e) {
            throw new PgpartException(ErrorCode.DATABASE, "database error: " + e.getMessage()
                    + (e.getSQLState() == null ? "" : " [SQLSTATE " + e.getSQLState() + "]"), e);
        }
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
            Blockers.Found found = Blockers.findInTrees(c, tables, tables.get(0));
            throw new PgpartException(ErrorCode.LOCK_TIMEOUT, "could not read the catalog of " + tables
                    + " within lock_timeout " + lockTimeout.toMillis() + " ms; nothing was changed."
                    + (found.none() ? " The blocking session has finished: run again."
                    : " Sessions holding locks on these tables:\n" + found.lines() + "\nWait for them to finish and run again"
                    + found.holders().stream().findFirst().map(h -> ", or end one with SELECT pg_terminate_backend("
                    + h.pid() + ");").orElse(".")), e);
        }
    }
}
