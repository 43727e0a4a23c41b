package dev.pgpart.plan;

import dev.pgpart.sql.QualifiedName;

/**
 * Something about a table that needs a human: a conflict the planner worked around, rows stuck in
 * a default partition, missing coverage, drift between config and catalog. {@code check} exits 3
 * when there is any finding of severity {@link Severity#PROBLEM}.
 */
public record Finding(QualifiedName table, Kind kind, Severity severity, String message) {

    public enum Severity { PROBLEM, NOTE }

    public enum Kind {
        /** An existing partition overlaps a partition pgpart wants; the rest of the plan still runs. */
        CONFLICT,
        /** A range between partitions that no partition covers (rows go to the default, or fail). */
        GAP,
        /** The default partition holds rows. */
        ROWS_IN_DEFAULT,
        /** Rows cannot be moved out of the default without firing foreign-key actions or triggers. */
        MOVE_UNSAFE,
        /** Fewer ready partitions ahead than {@code premake}. */
        COVERAGE_LOW,
        /** The partitions end within {@code coverage_warning_intervals}: inserts fail soon. */
        COVERAGE_ENDING,
        /** No maintain run succeeded within {@code max_maintenance_age}, or none is recorded. */
        MAINTENANCE_STALE,
        /** The last maintain run failed or was interrupted. */
        LAST_RUN_FAILED,
        /** A job's heartbeat is older than {@code job_stuck_after}. */
        JOB_STUCK,
        /** A job failed and waits to be resumed or cancelled. */
        JOB_FAILED,
        /** The catalog disagrees with the config in a way pgpart will not fix by itself. */
        DRIFT,
        /** A {@code DETACH ... CONCURRENTLY} was interrupted. */
        DETACH_PENDING,
        /** A plan for a future instant: retention is evaluated at the real time, not then. */
        RETENTION_DEFERRED,
        /** Partitions past retention that pgpart did not create and so leaves alone. */
        UNMANAGED_EXPIRED,
        /** A plain table configured with {@code key:}: waits for {@code pgpart convert}, maintenance skips it. */
        NOT_CONVERTED,
        /** The table in the config is missing or not partitioned. */
        MISSING_TABLE,
        /** The run creates fewer partitions than wanted because of {@code max_partitions_per_run}. */
        CAPPED,
        /** The table's catalog could not be read within lock_timeout, so it was not planned. */
        LOCKED,
        /** A partition was detached for archiving, but its archive is not finished after {@code job_stuck_after}. */
        ARCHIVE_INCOMPLETE,
        /** An archive was verified, but its table is still there after {@code max_maintenance_age}. */
        ARCHIVE_NOT_DROPPED,
        /** A partition of a Citus-distributed table is not in the parent's co-location group. */
        NOT_COLOCATED
    }

    @Override
    public String toString() {
        return table + ": " + message;
    }
}
