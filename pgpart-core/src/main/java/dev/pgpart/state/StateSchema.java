package dev.pgpart.state;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.sql.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code pgpart} schema (name configurable): run history and jobs, kept in the database so a
 * killed process resumes and every pgpart process sees the same state. pgpart creates and upgrades
 * it itself, on first write, with versioned idempotent steps; read-only commands only look at it
 * when it exists and never create it.
 */
public final class StateSchema {
    private static final Logger LOG = LoggerFactory.getLogger(StateSchema.class);
    public static final String DEFAULT_NAME = "pgpart";
    /** Serializes upgrades across processes: 'pgpt' namespace, key 2 (1 is the maintenance lock). */
    static final int KEY_NAMESPACE = 0x70677074;
    static final int KEY_UPGRADE = 2;

    private final String name;

    public StateSchema(String name) {
        if (name.isBlank() || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("state schema name must not be empty");
        }
        this.name = name;
    }

    public static StateSchema defaults() {
        return new StateSchema(DEFAULT_NAME);
    }

    public String name() {
        return name;
    }

    /** A table of this schema, quoted: {@code "pgpart"."run"}. */
    public String table(String table) {
        return Sql.ident(name) + "." + Sql.ident(table);
    }

    /** The installed version, 0 when the schema (or its version table) does not exist. Changes nothing. */
    public int version(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, table("schema_version"));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return 0;
                }
            }
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM " + table("schema_version"))) {
            rs.next();
            return rs.getInt(1);
        }
    }

    public boolean exists(Connection c) throws SQLException {
        return version(c) > 0;
    }

    /**
     * Creates or upgrades the schema to {@link StateMigrations#LATEST}; a no-op when it is current.
     * Each step runs in its own transaction with the version row, under a transaction advisory lock,
     * so concurrent first runs do not race. Expects a connection in autocommit; leaves it so.
     *
     * @throws PgpartException DATABASE when the role may not create it (the message says how to
     *                         create it by hand), or when the database has a newer version than this pgpart knows
     */
    public void ensure(Connection c) {
        try {
            int current = version(c);
            if (current == StateMigrations.LATEST) {
                return;
            }
            if (current > StateMigrations.LATEST) {
                throw newer(current);
            }
            for (StateMigrations.Step step : StateMigrations.steps(this)) {
                apply(c, step);
            }
        } catch (SQLException e) {
            throw new PgpartException(ErrorCode.DATABASE, "could not create or upgrade the state schema " + Sql.ident(name)
                    + ": SQLSTATE " + e.getSQLState() + " " + e.getMessage() + ". pgpart keeps run history and jobs there;"
                    + " let its role create it (GRANT CREATE ON DATABASE ...), or create it for that role:"
                    + " CREATE SCHEMA " + Sql.ident(name) + " AUTHORIZATION <role>", e);
        }
    }

    private void apply(Connection c, StateMigrations.Step step) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL lock_timeout = '10s'");
            s.execute("SELECT pg_advisory_xact_lock(" + KEY_NAMESPACE + ", " + KEY_UPGRADE + ")");
            s.execute("CREATE SCHEMA IF NOT EXISTS " + Sql.ident(name));
            s.execute("CREATE TABLE IF NOT EXISTS " + table("schema_version") + " (version int PRIMARY KEY,"
                    + " description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
            int now = version(c);
            if (now > StateMigrations.LATEST) {
                throw newer(now);
            }
            if (now < step.version()) {
                for (String sql : step.statements()) {
                    s.execute(sql);
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table("schema_version")
                        + " (version, description) VALUES (?, ?)")) {
                    ps.setInt(1, step.version());
                    ps.setString(2, step.description());
                    ps.executeUpdate();
                }
                LOG.info("state schema {}: upgraded to version {} ({})", name, step.version(), step.description());
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private PgpartException newer(int found) {
        return new PgpartException(ErrorCode.DATABASE, "the state schema " + Sql.ident(name) + " is at version " + found
                + ", newer than this pgpart knows (" + StateMigrations.LATEST + "): another, newer pgpart uses this"
                + " database. Upgrade this pgpart; nothing was changed");
    }

    /** Every table of the schema, for docs and tests. */
    public List<String> tables() {
        return List.of("schema_version", "run", "run_action", "job", "archive");
    }
}
