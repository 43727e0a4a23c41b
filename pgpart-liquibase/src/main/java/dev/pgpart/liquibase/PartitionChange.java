package dev.pgpart.liquibase;

import dev.pgpart.PgpartException;
import dev.pgpart.api.PartitionDdl;
import dev.pgpart.api.PartitionOperation;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import liquibase.Scope;
import liquibase.change.AbstractChange;
import liquibase.change.DatabaseChangeProperty;
import liquibase.database.Database;
import liquibase.database.core.PostgresDatabase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.UnexpectedLiquibaseException;
import liquibase.exception.ValidationErrors;
import liquibase.executor.ExecutorService;
import liquibase.executor.LoggingExecutor;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.CommentStatement;
import liquibase.statement.core.RawSqlStatement;

/**
 * What every pgpart change type shares: the statements come from {@link PartitionDdl}, rendered
 * when the change set runs (they depend on the parent's columns and partitions then), preceded by
 * {@code SET LOCAL lock_timeout}; a timestamptz bound without an offset means UTC. Names are taken exactly
 * as written (no case folding, no quoting needed in the changelog); an omitted schema is the
 * connection's default schema.
 *
 * <p>Liquibase reads and writes the properties through the getters and setters, with null for "not
 * set"; the fields hold Optionals.
 */
public abstract class PartitionChange extends AbstractChange {
    /** The namespace of pgpart's change elements in an XML changelog. */
    public static final String NAMESPACE = "http://pgpart.dev/xml/ns/liquibase";
    static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(5);

    private Optional<String> schemaName = Optional.empty();
    private Optional<Integer> lockTimeoutMillis = Optional.empty();

    @DatabaseChangeProperty(description = "Schema of the table; the connection's default schema when omitted")
    public String getSchemaName() {
        return schemaName.orElse(null);
    }

    public void setSchemaName(String schemaName) {
        this.schemaName = Optional.ofNullable(schemaName).filter(s -> !s.isEmpty());
    }

    @DatabaseChangeProperty(description = "lock_timeout of the statements, in milliseconds (default 5000)")
    public Integer getLockTimeoutMillis() {
        return lockTimeoutMillis.orElse(null);
    }

    public void setLockTimeoutMillis(Integer millis) {
        this.lockTimeoutMillis = Optional.ofNullable(millis);
    }

    /** The operation, rendered over the change set's connection. */
    abstract PartitionOperation operation(Connection c, Database database) throws SQLException;

    /** Problems of this change type's own properties (the required ones are checked by Liquibase). */
    abstract void validateProperties(ValidationErrors errors);

    @Override
    public boolean generateStatementsVolatile(Database database) {
        return true; // rendered from the catalog at the time the change set runs
    }

    @Override
    public boolean generateRollbackStatementsVolatile(Database database) {
        return true;
    }

    @Override
    public ValidationErrors validate(Database database) {
        ValidationErrors errors = super.validate(database);
        if (!(database instanceof PostgresDatabase)) {
            errors.addError("pgpart's " + getSerializedObjectName() + " runs on PostgreSQL only; this changelog runs on "
                    + database.getShortName());
        }
        if (lockTimeoutMillis.isPresent() && lockTimeoutMillis.get() <= 0) {
            errors.addError(getSerializedObjectName() + ": lockTimeoutMillis must be positive, got " + lockTimeoutMillis.get()
                    + " (0 would wait forever for the table's lock)");
        }
        validateProperties(errors);
        return errors;
    }

    @Override
    public String getSerializedObjectNamespace() {
        return NAMESPACE;
    }

    @Override
    public SqlStatement[] generateStatements(Database database) {
        return statements(database, c -> operation(c, database));
    }

    /** Something rendered over the connection. */
    interface Render {
        PartitionOperation render(Connection c) throws SQLException;
    }

    SqlStatement[] statements(Database database, Render render) {
        PartitionOperation op;
        String lockTimeoutBefore;
        try {
            Connection c = connection(database);
            op = render.render(c);
            lockTimeoutBefore = currentLockTimeout(c);
        } catch (SQLException e) {
            throw new UnexpectedLiquibaseException("pgpart " + getSerializedObjectName() + ": reading the catalog failed ("
                    + e.getMessage() + "); nothing was changed by this change set", e);
        } catch (PgpartException e) {
            throw new UnexpectedLiquibaseException("pgpart " + getSerializedObjectName() + ": " + e.getMessage()
                    + (sqlOutputOnly(database) ? ". update-sql renders pgpart's changes from the table's catalog, so the"
                    + " table must exist already: apply the change sets that create it first" : ""), e);
        }
        List<SqlStatement> out = new ArrayList<>();
        for (String warning : op.warnings()) {
            Scope.getCurrentScope().getLog(getClass()).warning("pgpart: " + op.parent() + ": " + warning);
            if (sqlOutputOnly(database)) {
                out.add(new CommentStatement("WARNING: " + warning));
            }
        }
        op.outsideTransaction().ifPresent(s -> {
            // runInTransaction="false": autocommit, where SET LOCAL does nothing; the session's value
            // is set for these statements and the one the connection had put back after them
            out.add(new RawSqlStatement("SET lock_timeout = " + Sql.millis(lockTimeout())));
            out.add(new RawSqlStatement(s));
            op.statements().forEach(x -> out.add(new RawSqlStatement(x)));
            out.add(new RawSqlStatement("SET lock_timeout = " + Sql.literal(lockTimeoutBefore)));
        });
        if (op.transactional()) {
            PartitionDdl.sessionSettings(lockTimeout()).forEach(x -> out.add(new RawSqlStatement(x)));
            op.statements().forEach(x -> out.add(new RawSqlStatement(x)));
        }
        return out.toArray(SqlStatement[]::new);
    }

    private static String currentLockTimeout(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.current_setting('lock_timeout')");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    Duration lockTimeout() {
        return lockTimeoutMillis.map(Duration::ofMillis).orElse(DEFAULT_LOCK_TIMEOUT);
    }

    QualifiedName qualified(Database database, String name) {
        return QualifiedName.of(schemaName.orElseGet(database::getDefaultSchemaName), name);
    }

    private static Connection connection(Database database) {
        if (database.getConnection() instanceof JdbcConnection jdbc) {
            return jdbc.getUnderlyingConnection();
        }
        throw new UnexpectedLiquibaseException("pgpart renders partition DDL from the table's catalog and needs a JDBC"
                + " connection to the database; this run has " + database.getConnection() + " (offline mode): run"
                + " update or update-sql against the database");
    }

    private static boolean sqlOutputOnly(Database database) {
        return Scope.getCurrentScope().getSingleton(ExecutorService.class).getExecutor("jdbc", database) instanceof LoggingExecutor;
    }
}
