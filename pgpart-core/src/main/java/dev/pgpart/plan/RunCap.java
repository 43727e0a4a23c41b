package dev.pgpart.plan;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Applies {@code max_partitions_per_run}: when a run wants more partitions than that, it creates
 * those nearest to now (the current slot, then ahead, then backfill toward start) and leaves the
 * rest to later runs, so a long backfill or a bad start never floods the catalog in one go and
 * the partitions inserts need right now always come first.
 */
final class RunCap {
    private RunCap() {
    }

    /** What this run creates and what waits (both ascending), and the finding saying so when anything waits. */
    record Cut(List<RangePlanner.Wanted> kept, List<RangePlanner.Wanted> deferred, Optional<Finding> finding) {
    }

    static Cut apply(RangeContext ctx, List<RangePlanner.Wanted> wanted) {
        int cap = ctx.spec().maxPartitionsPerRun();
        if (wanted.size() <= cap) {
            return new Cut(wanted, List.of(), Optional.empty());
        }
        long current = ctx.currentSlot();
        // ahead (current included) before backfill; each side nearest first
        Comparator<RangePlanner.Wanted> nearest = Comparator
                .comparing((RangePlanner.Wanted w) -> w.slot() < current)
                .thenComparingLong(w -> Math.abs(w.slot() - current));
        List<RangePlanner.Wanted> byPriority = wanted.stream().sorted(nearest).toList();
        Comparator<RangePlanner.Wanted> ascending = Comparator.comparingLong(RangePlanner.Wanted::slot);
        List<RangePlanner.Wanted> kept = byPriority.subList(0, cap).stream().sorted(ascending).toList();
        List<RangePlanner.Wanted> deferred = byPriority.subList(cap, byPriority.size()).stream().sorted(ascending).toList();
        RangeDomain d = ctx.domain();
        String range = deferred.size() == 1 ? d.literal(deferred.get(0).a())
                : "from " + d.literal(deferred.get(0).a()) + " to " + d.literal(deferred.get(deferred.size() - 1).b());
        return new Cut(kept, deferred, Optional.of(Findings.note(ctx.name(), Finding.Kind.CAPPED, "this run creates "
                + cap + " of the " + wanted.size() + " partitions wanted (max_partitions_per_run is " + cap
                + "), nearest to " + d.literal(ctx.current()) + " first; the other " + deferred.size() + " (" + range
                + ") are left for the next runs. Run maintain again, or raise max_partitions_per_run")));
    }
}
