package dev.pgpart.plan;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The slots a RANGE table should have, {@code low..high} inclusive (empty when high < low).
 * High is the premake horizon (the current slot plus premake), stretched to rows waiting in the
 * default that {@link DefaultReach} follows. Low is {@code start} when set (so backfill toward it
 * continues over several runs when {@code max_partitions_per_run} cuts it), else the lowest
 * existing partition (so holes are filled), else the current slot; slots that retention would
 * expire at once are never wanted. At most {@link #MAX_SLOTS} slots are looked at, the ones
 * nearest the horizon.
 *
 * @param horizon the last slot premake asks for
 * @param clamped low was raised to stay within {@link #MAX_SLOTS}
 */
record SlotRange(long low, long high, long horizon, boolean clamped) {
    /** More slots than this in one run means bad data or config, not a backlog worth walking. */
    static final long MAX_SLOTS = 100_000;

    long size() {
        return Math.max(0, high - low + 1);
    }

    static SlotRange of(RangeContext ctx) {
        RangeDomain d = ctx.domain();
        long current = ctx.currentSlot();
        long horizon = current;
        // premake counts partitions, not slots: an hour skipped by DST does not count as one ready.
        for (int ready = 0; ready < ctx.policy().premake(); ) {
            horizon++;
            ready += d.isEmpty(horizon) ? 0 : 1;
        }
        long high = horizon;
        if (ctx.reach().followedMax().isPresent()) {
            high = Math.max(high, d.slotOf(ctx.reach().followedMax().get()));
        }
        Optional<Long> floor = ctx.startFloor();
        long low = floor.orElseGet(() -> lowestExisting(ctx).orElse(current));
        if (ctx.cutoff().isPresent()) {
            // slot k expires when upper(k) <= cutoff, i.e. when k + 1 <= slotOf(cutoff)
            low = Math.max(low, d.slotOf(ctx.cutoff().get()));
        }
        if (high - low + 1 > MAX_SLOTS) {
            return new SlotRange(high - MAX_SLOTS + 1, high, horizon, true);
        }
        return new SlotRange(low, high, horizon, false);
    }

    private static Optional<Long> lowestExisting(RangeContext ctx) {
        if (ctx.spans().isEmpty()) {
            return Optional.empty();
        }
        Span lowest = ctx.spans().get(0);
        // A lowest bound off the grid (made under another interval or time_zone) starts the first
        // whole slot above it: the part of a slot below every partition is no hole to report.
        if (lowest.lo().isPresent()) {
            return Optional.of(ctx.domain().firstSlotAtOrAbove(lowest.lo().get()));
        }
        return lowest.hi().map(ctx.domain()::slotOf);
    }
}
