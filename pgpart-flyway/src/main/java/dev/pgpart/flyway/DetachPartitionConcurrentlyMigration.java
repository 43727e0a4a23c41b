package dev.pgpart.flyway;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * A migration that deletes one partition with {@code DETACH PARTITION ... CONCURRENTLY} then DROP,
 * so queries on the parent are not blocked while it waits. Flyway cannot tell that statement
 * cannot run in a transaction, so this migration says so ({@link #canExecuteInTransaction()}).
 * Configure Flyway with {@code flyway.postgresql.transactional.lock=false}: with the default, the
 * detach waits for the transaction that holds Flyway's lock and fails after lock_timeout.
 *
 * <pre>{@code
 * public class V9__drop_events_2025_01 extends DetachPartitionConcurrentlyMigration {
 *     protected String partition() { return "public.events_p20250101"; }
 * }
 * }</pre>
 */
public abstract class DetachPartitionConcurrentlyMigration extends BaseJavaMigration {
    /** The partition to delete, SQL-style ({@code schema.name}; double-quote capitals and spaces). */
    protected abstract String partition();

    /** Its lock_timeout, for the DETACH and the DROP. */
    protected java.time.Duration lockTimeout() {
        return PartitionMigrations.DEFAULT_LOCK_TIMEOUT;
    }

    @Override
    public final boolean canExecuteInTransaction() {
        return false;
    }

    @Override
    public void migrate(Context context) throws Exception {
        PartitionMigrations.on(context).withLockTimeout(lockTimeout()).deletePartitionConcurrently(partition());
    }
}
