package dev.pgpart.convert.copy;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Figures of a copy conversion for {@code convert status}.
 *
 * @param state      where the tables stand (from the catalog)
 * @param phase      the job's phase, when there is a job
 * @param rowsDone   rows copied by the backfill so far
 * @param rowsTotal  rows the backfill expects (the planner's estimate when it started)
 * @param rowsPerSecond backfill rate over the job's life so far
 * @param syncLag    always zero: the sync triggers write the new table in the application's own
 *                   transaction, so there is nothing to catch up
 * @param lastError  the job's error, when it failed
 */
public record CopyStatus(CopyState state, Optional<String> phase, long rowsDone, OptionalLong rowsTotal,
                         OptionalDouble rowsPerSecond, Duration syncLag, Optional<String> lastError) {
}
