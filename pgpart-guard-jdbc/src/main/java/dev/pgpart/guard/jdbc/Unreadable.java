package dev.pgpart.guard.jdbc;

/**
 * What the guard does with a statement it cannot judge from its text: the parser cannot read it
 * (a dialect feature JSqlParser lacks), it is a MERGE, or a table it touches is partitioned by an
 * expression rather than by columns.
 */
public enum Unreadable {
    /**
     * Ask PostgreSQL: {@code EXPLAIN} the statement (with its bound values, on a connection of the
     * guarded DataSource, in a transaction that is rolled back) and judge how many partitions it scans.
     */
    EXPLAIN,
    /** Let it run, and log once per distinct SQL text that it was not checked. */
    PASS
}
