package dev.pgpart.guard.hibernate;

import dev.pgpart.PgpartException;
import dev.pgpart.guard.jdbc.GuardMode;
import dev.pgpart.guard.jdbc.GuardOptions;
import dev.pgpart.guard.jdbc.PartitionKeyGuard;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * The partition-key guard as a Hibernate {@link StatementInspector}: every SQL text Hibernate is
 * about to prepare (entity loads, queries, the UPDATE and DELETE of a flush) is checked by a
 * {@link PartitionKeyGuard} before it is sent. Register an instance (the guard needs the catalog,
 * so a class name is not enough):
 *
 * <pre>{@code
 * var inspector = PartitionKeyStatementInspector.start(dataSource, GuardOptions.DEFAULT.withMode(GuardMode.LOG));
 * settings.put(AvailableSettings.STATEMENT_INSPECTOR, inspector); // hibernate.session_factory.statement_inspector
 * }</pre>
 *
 * In reject mode a statement without its key throws {@link GuardRejectedException} (a
 * {@link org.hibernate.JDBCException} carrying the guard's {@link SQLException}, SQLSTATE
 * {@value PartitionKeyGuard#SQLSTATE}); the statement is not sent. Thread-safe: one instance
 * serves every session of a session factory.
 */
public final class PartitionKeyStatementInspector implements StatementInspector {
    private static final long serialVersionUID = 1L;

    // not serializable on purpose: a deserialized inspector without its catalog would guard nothing
    private final PartitionKeyGuard guard;

    public PartitionKeyStatementInspector(PartitionKeyGuard guard) {
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    /**
     * Reads the partitioned tables and their keys through {@code dataSource} (one query) and returns
     * an inspector over a new guard. {@code dataSource} also serves the guard's EXPLAIN fallback.
     *
     * @throws PgpartException DATABASE when the catalog cannot be read
     */
    public static PartitionKeyStatementInspector start(DataSource dataSource, GuardOptions options) {
        return new PartitionKeyStatementInspector(PartitionKeyGuard.start(dataSource, options));
    }

    /** The guard, for {@link PartitionKeyGuard#refresh()} after a migration, or to wrap a DataSource as well. */
    public PartitionKeyGuard guard() {
        return guard;
    }

    /** @return {@code sql} unchanged: the inspector judges, it never rewrites */
    @Override
    public String inspect(String sql) {
        if (guard.options().mode() == GuardMode.OFF) {
            return sql;
        }
        try {
            guard.check(sql);
        } catch (SQLException rejected) {
            // a StatementInspector can only throw unchecked: keep the guard's exception (message, SQLSTATE) as the cause
            throw new GuardRejectedException(rejected, sql);
        }
        return sql;
    }
}
