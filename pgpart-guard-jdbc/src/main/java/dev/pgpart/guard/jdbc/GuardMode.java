package dev.pgpart.guard.jdbc;

/** What the guard does with a statement that reads, updates or deletes a partitioned table without its key. */
public enum GuardMode {
    /** Nothing: {@link PartitionKeyGuard#wrap} hands back the DataSource or Connection itself, no overhead. */
    OFF,
    /** Runs the statement and logs a warning, once per distinct SQL text (while its verdict is cached). */
    LOG,
    /** Throws an {@link java.sql.SQLException} with SQLSTATE {@value PartitionKeyGuard#SQLSTATE}; the statement does not run. */
    REJECT
}
