package dev.pgpart.convert.copy;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.sql.QualifiedName;
import java.util.OptionalLong;

/**
 * {@code max_rows_per_second} for all the backfill's workers together: each batch books its rows on
 * one shared timeline that starts no earlier than the batch did, and its worker sleeps until its
 * booking ends. One worker thus sleeps what its batch was faster than the rate; several share it.
 */
final class Throttle {
    private final QualifiedName table;
    private final OptionalLong rowsPerSecond;
    private long bookedUntilNanos;
    private boolean booked;

    Throttle(QualifiedName table, OptionalLong rowsPerSecond) {
        this.table = table;
        this.rowsPerSecond = rowsPerSecond;
    }

    /** Sleeps so that the batches of every worker average at most the rate. */
    void pace(long rows, long batchStartedNanos) {
        if (rowsPerSecond.isEmpty() || rows == 0) {
            return;
        }
        long left = book(rows, batchStartedNanos) - System.nanoTime();
        if (left > 0) {
            try {
                Thread.sleep(left / 1_000_000L, (int) (left % 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PgpartException(ErrorCode.INTERNAL, table + ": the backfill was interrupted; its"
                        + " progress is committed, run again to resume");
            }
        }
    }

    /** Books {@code rows} on the shared timeline; when the booking ends. */
    synchronized long book(long rows, long startedNanos) {
        long from = booked && bookedUntilNanos - startedNanos > 0 ? bookedUntilNanos : startedNanos;
        bookedUntilNanos = from + rows * 1_000_000_000L / rowsPerSecond.getAsLong();
        booked = true;
        return bookedUntilNanos;
    }
}
