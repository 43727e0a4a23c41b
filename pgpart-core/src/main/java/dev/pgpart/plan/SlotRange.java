package dev.pgpart.plan;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The slots a RANGE table should have, {@code low..high} inclusive (empty when high < low).
 * High is the current slot plus premake, stretched to rows already waiting in the default.
 * Low is the lowest existing partition (so holes are filled), else the start or the current slot;
 * start is a floor, and slots that retention would expire at once are never wanted.
 */
record SlotRange(long low, long high) {

    long size() {
        return Math.max(0, high - low + 1);
    }

    static SlotRange of(RangeContext ctx) {
        RangeDomain d = ctx.domain();
        long current = ctx.currentSlot();
        long high = current;
        // premake counts partitions, not slots: an hour skipped by DST does not count as one ready.
        for (int ready = 0; ready < ctx.policy().premake(); ) {
            high++;
            ready += d.isEmpty(high) ? 0 : 1;
        }
        if (ctx.defaultMax().isPresent()) {
            high = Math.max(high, d.slotOf(ctx.defaultMax().get()));
        }
        Optional<Long> floor = ctx.startFloor();
        long low = lowestExisting(ctx).orElseGet(() -> floor.filter(f -> f <= current).orElse(current));
        if (floor.isPresent()) {
            low = Math.max(low, floor.get());
            if (ctx.defaultMin().isPresent()) {
                low = Math.min(low, Math.max(d.slotOf(ctx.defaultMin().get()), floor.get()));
            }
        }
        if (ctx.cutoff().isPresent()) {
            // slot k expires when upper(k) <= cutoff, i.e. when k + 1 <= slotOf(cutoff)
            low = Math.max(low, d.slotOf(ctx.cutoff().get()));
        }
        return new SlotRange(low, high);
    }

    private static Optional<Long> lowestExisting(RangeContext ctx) {
        if (ctx.spans().isEmpty()) {
            return Optional.empty();
        }
        Span lowest = ctx.spans().get(0);
        Optional<BigDecimal> edge = lowest.lo().or(lowest::hi);
        return edge.map(ctx.domain()::slotOf);
    }
}
