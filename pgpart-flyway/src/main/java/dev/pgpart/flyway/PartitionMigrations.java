package dev.pgpart.flyway;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.api.Bound;
import dev.pgpart.api.PartitionDdl;
import dev.pgpart.api.PartitionOperation;
import dev.pgpart.sql.QualifiedName;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Partition operations for a Flyway Java migration, in two lines:
 *
 * <pre>{@code
 * public class V7__events_2027_01 extends BaseJavaMigration {
 *     public void migrate(Context context) throws Exception {
 *         PartitionMigrations.on(context).addRangePartition("public.events", "2027-01-01", "2027-02-01");
 *     }
 * }
 * }</pre>
 *
 * The SQL is pgpart's own ({@link PartitionDdl}): the child is created detached and then ATTACHed,
 * rows of its bound are moved out of the DEFAULT partition, names and values are quoted, and the
 * statements run after {@code SET LOCAL lock_timeout} (5 s unless {@link #withLockTimeout}) in the
 * migration's transaction, so it holds for the rest of that migration too. A timestamptz bound
 * without an offset means UTC. Names are SQL-style: unquoted
 * parts fold to lower case, double quotes keep case and spaces ({@code "Sales"."Events 2027"}).
 */
public final class PartitionMigrations {
    /** Long enough for a quiet table, short enough that a queued ALTER does not stall its queries for long. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(PartitionMigrations.class);

    private final Connection connection;
    private final Duration lockTimeout;

    private PartitionMigrations(Connection connection, Duration lockTimeout) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.lockTimeout = lockTimeout;
        PartitionDdl.sessionSettings(lockTimeout); // validates it now, not at the first statement
    }

    /** Operations on the migration's own connection (and, for a transactional migration, its transaction). */
    public static PartitionMigrations on(Context context) {
        return new PartitionMigrations(context.getConnection(), DEFAULT_LOCK_TIMEOUT);
    }

    /** The same operations with another lock_timeout. */
    public PartitionMigrations withLockTimeout(Duration timeout) {
        return new PartitionMigrations(connection, timeout);
    }

    /** {@code FOR VALUES FROM (from) TO (to)}, named as maintain would ({@code <parent>_p<from>}). */
    public PartitionOperation addRangePartition(String parent, String from, String to) throws SQLException {
        return add(parent, range(from, to), Optional.empty());
    }

    /** {@code FOR VALUES FROM (from) TO (to)}, named {@code name} in the parent's schema (used as given, not folded). */
    public PartitionOperation addRangePartition(String parent, String name, String from, String to) throws SQLException {
        return add(parent, range(from, to), Optional.of(name));
    }

    /** {@code FOR VALUES IN (values...)}, named after the values. */
    public PartitionOperation addListPartition(String parent, List<String> values) throws SQLException {
        return add(parent, in(values), Optional.empty());
    }

    public PartitionOperation addListPartition(String parent, String name, List<String> values) throws SQLException {
        return add(parent, in(values), Optional.of(name));
    }

    /** {@code FOR VALUES WITH (MODULUS m, REMAINDER r)}, named {@code <parent>_p<remainder>}. */
    public PartitionOperation addHashPartition(String parent, int modulus, int remainder) throws SQLException {
        return add(parent, new Bound.Hash(modulus, remainder), Optional.empty());
    }

    public PartitionOperation addHashPartition(String parent, String name, int modulus, int remainder) throws SQLException {
        return add(parent, new Bound.Hash(modulus, remainder), Optional.of(name));
    }

    /** The DEFAULT partition, named {@code <parent>_default}. */
    public PartitionOperation addDefaultPartition(String parent) throws SQLException {
        return add(parent, new Bound.Default(), Optional.empty());
    }

    public PartitionOperation addDefaultPartition(String parent, String name) throws SQLException {
        return add(parent, new Bound.Default(), Optional.of(name));
    }

    /**
     * Detaches then drops {@code partition} in the migration's transaction (the DETACH takes ACCESS
     * EXCLUSIVE on the parent until commit). Deleting the DEFAULT partition logs a warning: from then
     * on, rows that fit no other partition fail to insert.
     */
    public PartitionOperation deletePartition(String partition) throws SQLException {
        return run(read(() -> ddlOfParentOf(partition)).delete(QualifiedName.parse(partition), false));
    }

    /**
     * {@code DETACH PARTITION ... CONCURRENTLY} then DROP: the parent takes only SHARE UPDATE
     * EXCLUSIVE, but PostgreSQL refuses it inside a transaction, so the migration must not run in
     * one (extend {@link DetachPartitionConcurrentlyMigration}, or return false from
     * {@code canExecuteInTransaction()}), and Flyway needs {@code flyway.postgresql.transactional.lock=false}
     * or the detach waits for Flyway's own lock transaction.
     */
    public PartitionOperation deletePartitionConcurrently(String partition) throws SQLException {
        if (!connection.getAutoCommit()) {
            throw new PgpartException(ErrorCode.CONFIG, "cannot detach " + partition + " CONCURRENTLY inside the migration's"
                    + " transaction (PostgreSQL refuses it); nothing was changed: extend DetachPartitionConcurrentlyMigration"
                    + " or return false from canExecuteInTransaction()");
        }
        return run(read(() -> ddlOfParentOf(partition)).delete(QualifiedName.parse(partition), true));
    }

    private PartitionOperation add(String parent, Bound bound, Optional<String> name) throws SQLException {
        return run(read(() -> PartitionDdl.read(connection, QualifiedName.parse(parent))).add(bound, name));
    }

    /** The catalog read counts the rows of a DEFAULT partition: bounded by lock_timeout like the rest. */
    private PartitionDdl read(Statements.Read<PartitionDdl> read) throws SQLException {
        return new Statements(connection, lockTimeout).withSessionLockTimeout(read);
    }

    private PartitionDdl ddlOfParentOf(String partition) throws SQLException {
        return PartitionDdl.readParentOf(connection, QualifiedName.parse(partition));
    }

    private PartitionOperation run(PartitionOperation op) throws SQLException {
        op.warnings().forEach(w -> LOG.warn("{}: {}", op.parent(), w));
        Statements statements = new Statements(connection, lockTimeout);
        if (op.outsideTransaction().isPresent()) {
            statements.concurrently(op, op.outsideTransaction().get());
        }
        statements.inTransaction(op.statements());
        LOG.info("{}: {} {}", op.parent(), op.transactional() ? "applied" : "applied (detached concurrently)", op.partition());
        return op;
    }

    private static Bound range(String from, String to) {
        return new Bound.Range(Optional.of(Objects.requireNonNull(from, "from")), Optional.of(Objects.requireNonNull(to, "to")));
    }

    private static Bound in(List<String> values) {
        if (values.isEmpty()) {
            throw new PgpartException(ErrorCode.CONFIG, "a list partition needs at least one value; nothing was changed");
        }
        return new Bound.In(values.stream().map(Optional::of).toList());
    }
}
