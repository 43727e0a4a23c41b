package dev.pgpart.internal.exec;

import dev.pgpart.sql.QualifiedName;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wording of SQL failures and clean-up that must not hide the original error. */
final class Failures {
    private static final Logger LOG = LoggerFactory.getLogger(Failures.class);
    private static final int MAX_STATEMENT = 300;

    private Failures() {
    }

    /** {@code SQLSTATE 42P07 (duplicate_table): relation "x" already exists}. */
    static String sql(SQLException e) {
        SqlState s = SqlState.of(e);
        String name = s == SqlState.OTHER ? "" : " (" + s.name().toLowerCase(java.util.Locale.ROOT) + ")";
        return "SQLSTATE " + e.getSQLState() + name + ": " + e.getMessage() + hint(s);
    }

    /** The way out of the errors whose server text does not say what to change. */
    private static String hint(SqlState s) {
        if (s == SqlState.QUERY_CANCELED) {
            return " (the statement was cancelled: it ran longer than statement_timeout, which pgpart sets on its"
                    + " sessions; raise it with --statement-timeout or Pgpart.builder().statementTimeout(...), or"
                    + " someone ran pg_cancel_backend)";
        }
        return "";
    }

    static String abbreviate(String sql) {
        return sql.length() <= MAX_STATEMENT ? sql : sql.substring(0, MAX_STATEMENT) + "...";
    }

    static void rollbackQuietly(Connection c, QualifiedName table) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException e) {
            LOG.warn("{}: rollback failed: {}", table, e.getMessage());
        }
    }

    static void autoCommitQuietly(Connection c, QualifiedName table) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException e) {
            LOG.warn("{}: could not restore autocommit: {}", table, e.getMessage());
        }
    }
}
