package dev.pgpart.internal.exec;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.sql.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts a connection into the state every pgpart query assumes, so results never depend on the
 * client's, server's or JVM's settings: UTC, ISO dates, standard strings, autocommit, and pgpart's
 * own lock and statement timeouts. A borrowed connection (an application's pool) gets back what it
 * had: {@link #prepare} records it and {@link Saved#restore} puts it back.
 */
public final class Session {
    /** Every setting {@link #prepare} changes, so every one of them is restored. */
    static final List<String> SETTINGS = List.of("TimeZone", "DateStyle", "IntervalStyle", "application_name",
            "lock_timeout", "statement_timeout");

    private Session() {
    }

    /** What a connection had before pgpart used it. */
    public record Saved(boolean autoCommit, Map<String, String> settings) {
        public Saved {
            settings = Map.copyOf(settings);
        }

        /**
         * Puts the recorded settings back (set_config with bind parameters: the values are the
         * server's own, but still never pasted into SQL). Any open transaction is rolled back first,
         * since set_config inside a failed one would not run.
         */
        public void restore(Connection c) throws SQLException {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.set_config(?, ?, false)")) {
                for (String name : SETTINGS) {
                    ps.setString(1, name);
                    ps.setString(2, settings.get(name));
                    ps.executeQuery().close();
                }
            }
            c.setAutoCommit(autoCommit);
        }
    }

    /**
     * Records the connection's state, then {@link #configure}s it with pgpart's timeouts.
     *
     * @param lockTimeout      the session default for statements outside the executor's table
     *                         transactions (catalog reads): they take ACCESS SHARE locks and must
     *                         never queue forever behind an ALTER
     * @param statementTimeout bounds every statement, so neither a role's setting nor the server's
     *                         decides how long a move out of the default may run
     */
    public static Saved prepare(Connection c, Duration lockTimeout, Duration statementTimeout) throws SQLException {
        Saved saved = saveAndLimit(c, statementTimeout);
        configure(c);
        try (Statement s = c.createStatement()) {
            s.execute("SET lock_timeout = " + Sql.millis(lockTimeout));
            s.execute("SET statement_timeout = " + Sql.millis(statementTimeout));
        }
        return saved;
    }

    /**
     * Reads every setting pgpart changes and sets its own statement_timeout, in one statement: a
     * role or database with a tiny statement_timeout would otherwise cancel the very statements
     * that set it up. The settings are read as the aggregate's input, before the target list's
     * set_config runs.
     */
    static Saved saveAndLimit(Connection c, Duration statementTimeout) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        Map<String, String> values = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT array_agg(pg_catalog.current_setting(n) ORDER BY o),"
                + " pg_catalog.set_config('statement_timeout', ?, false) FROM unnest(?::text[]) WITH ORDINALITY AS t(n, o)")) {
            ps.setString(1, statementTimeout.toMillis() + "ms");
            ps.setArray(2, c.createArrayOf("text", SETTINGS.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String[] got = (String[]) rs.getArray(1).getArray();
                for (int i = 0; i < SETTINGS.size(); i++) {
                    values.put(SETTINGS.get(i), got[i]);
                }
            }
        }
        return new Saved(autoCommit, values);
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
