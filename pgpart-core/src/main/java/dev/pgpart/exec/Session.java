package dev.pgpart.exec;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Puts a connection into the state every pgpart query assumes, so results never depend on the
 * client's, server's or JVM's settings: UTC, ISO dates, standard strings, autocommit.
 */
public final class Session {
    private Session() {
    }

    /**
     * The session default for statements outside the executor's table transactions (catalog
     * reads): they take ACCESS SHARE locks and must never queue forever behind an ALTER.
     */
    public static void lockTimeout(Connection c, java.time.Duration timeout) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET lock_timeout = " + dev.pgpart.sql.Sql.millis(timeout));
        }
    }

    public static void configure(Connection c) throws SQLException {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            s.execute("SET DateStyle = 'ISO, YMD'");
            s.execute("SET IntervalStyle = 'postgres'");
            s.execute("SET application_name = 'pgpart'");
            try (ResultSet rs = s.executeQuery("SHOW standard_conforming_strings")) {
                rs.next();
                if (!"on".equals(rs.getString(1))) {
                    // Sql.literal doubles quotes only; with backslash escapes on, that is not enough.
                    throw new PgpartException(ErrorCode.DATABASE,
                            "standard_conforming_strings is off on this server; pgpart needs it on (the default since 9.1)");
                }
            }
        }
    }
}
