package dev.pgpart.guard.jdbc;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.guard.PartitionLimits;

/**
 * How the guard behaves; validated once, here.
 *
 * @param mode          off, log or reject
 * @param unreadable    what happens to statements the text cannot judge
 * @param cacheSize     how many distinct SQL texts keep their verdict (0: judge every statement)
 * @param explainLimits for {@link Unreadable#EXPLAIN}: how many partitions a statement may scan, per table
 * @param listener      told of every decision that is not a plain pass (metrics, tests); logging happens anyway
 */
public record GuardOptions(GuardMode mode, Unreadable unreadable, int cacheSize, PartitionLimits explainLimits,
                           GuardListener listener) {
    /** Reject, explain what the parser cannot read, 10,000 cached statements, one partition per table when explained. */
    public static final GuardOptions DEFAULT = new GuardOptions(GuardMode.REJECT, Unreadable.EXPLAIN, 10_000,
            PartitionLimits.of(1), GuardListener.NONE);

    public GuardOptions {
        if (cacheSize < 0) {
            throw new PgpartException(ErrorCode.CONFIG, "the guard's cache size is " + cacheSize
                    + ": it must be 0 (no cache) or more");
        }
        java.util.Objects.requireNonNull(mode, "mode");
        java.util.Objects.requireNonNull(unreadable, "unreadable");
        java.util.Objects.requireNonNull(explainLimits, "explainLimits");
        java.util.Objects.requireNonNull(listener, "listener");
    }

    public GuardOptions withMode(GuardMode m) {
        return new GuardOptions(m, unreadable, cacheSize, explainLimits, listener);
    }

    public GuardOptions withUnreadable(Unreadable u) {
        return new GuardOptions(mode, u, cacheSize, explainLimits, listener);
    }

    public GuardOptions withCacheSize(int n) {
        return new GuardOptions(mode, unreadable, n, explainLimits, listener);
    }

    public GuardOptions withExplainLimits(PartitionLimits l) {
        return new GuardOptions(mode, unreadable, cacheSize, l, listener);
    }

    public GuardOptions withListener(GuardListener l) {
        return new GuardOptions(mode, unreadable, cacheSize, explainLimits, l);
    }
}
