package dev.pgpart.spec;

import java.util.Optional;

/**
 * How {@code pgpart convert} turns the configured plain table into a partitioned one: the
 * {@code convert:} block of a table. Only {@code convert} commands read it; maintenance ignores it.
 *
 * @param strategy         {@code attach} (the old table becomes the history partition, no copy) or
 *                         {@code copy} (a new partitioned table, synced and backfilled)
 * @param batchSize        rows per batch for phases that move or copy rows
 * @param maxRowsPerSecond throttle for those phases; empty means as fast as the server allows
 * @param cutover          {@code manual}: {@code convert run} stops when ready, {@code --cutover} swaps;
 *                         {@code auto}: {@code convert run} swaps as soon as it is ready
 * @param oldName          the name the old table gets at the swap (default {@code <table>_pgpart_old})
 * @param newName          the name of the new parent while the copy strategy fills it (default {@code <table>_pgpart_new})
 * @param backfillWorkers  sessions the copy strategy's backfill uses at once, each on a slice of the key space
 *                         ({@value #MIN_BACKFILL_WORKERS} to {@value #MAX_BACKFILL_WORKERS})
 */
public record ConvertSpec(Strategy strategy, int batchSize, Optional<Long> maxRowsPerSecond, Cutover cutover,
                          Optional<String> oldName, Optional<String> newName, int backfillWorkers) {
    public static final int DEFAULT_BATCH_SIZE = 10_000;
    public static final int MIN_BACKFILL_WORKERS = 1;
    public static final int MAX_BACKFILL_WORKERS = 16;
    public static final ConvertSpec DEFAULTS = new ConvertSpec(Strategy.ATTACH, DEFAULT_BATCH_SIZE, Optional.empty(),
            Cutover.MANUAL, Optional.empty(), Optional.empty());

    /** One backfill worker. */
    public ConvertSpec(Strategy strategy, int batchSize, Optional<Long> maxRowsPerSecond, Cutover cutover,
                       Optional<String> oldName, Optional<String> newName) {
        this(strategy, batchSize, maxRowsPerSecond, cutover, oldName, newName, MIN_BACKFILL_WORKERS);
    }

    public ConvertSpec {
        if (backfillWorkers < MIN_BACKFILL_WORKERS || backfillWorkers > MAX_BACKFILL_WORKERS) {
            throw new IllegalArgumentException("backfill_workers must be " + MIN_BACKFILL_WORKERS + " to "
                    + MAX_BACKFILL_WORKERS + ", got " + backfillWorkers);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch_size must be at least 1, got " + batchSize);
        }
        maxRowsPerSecond.ifPresent(r -> {
            if (r < 1) {
                throw new IllegalArgumentException("max_rows_per_second must be at least 1, got " + r);
            }
        });
    }

    public ConvertSpec withStrategy(Strategy s) {
        return new ConvertSpec(s, batchSize, maxRowsPerSecond, cutover, oldName, newName, backfillWorkers);
    }

    public ConvertSpec withMaxRowsPerSecond(Optional<Long> rate) {
        return new ConvertSpec(strategy, batchSize, rate, cutover, oldName, newName, backfillWorkers);
    }

    public enum Strategy {
        ATTACH, COPY;

        public String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum Cutover { MANUAL, AUTO }
}
