package dev.pgpart.plan;

import dev.pgpart.sql.QualifiedName;

/**
 * A configured table that was not planned, while the others were: tables are independent, so one
 * that is missing, misconfigured or locked does not stop the rest.
 *
 * @param reason  decides the exit code: a configuration problem (2) or a runtime one (1)
 * @param message what is wrong and what to do, as a finding of the table says it
 */
public record SkippedTable(QualifiedName table, Reason reason, String message) {
    public enum Reason {
        /** The configuration does not fit the table (missing, not partitioned, wrong method or key). */
        CONFIG,
        /** A plain table configured with {@code key:} that {@code pgpart convert} has not converted yet. */
        NOT_CONVERTED,
        /** Its catalog could not be read within lock_timeout: another session holds a lock on it. */
        LOCKED
    }
}
