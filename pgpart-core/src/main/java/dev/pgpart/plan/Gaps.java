package dev.pgpart.plan;

import dev.pgpart.api.Bound;
import dev.pgpart.sql.QualifiedName;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Holes between range partitions that remain after the plan ran: rows there go to the default, or fail. */
final class Gaps {
    private Gaps() {
    }

    /**
     * @param wanted   the slots this plan wanted: a hole past them is beyond the premake horizon
     * @param deferred wanted partitions {@code max_partitions_per_run} left to later runs
     */
    static List<Finding> find(RangeContext ctx, List<CreatePartition> creates, Set<QualifiedName> removed,
                              SlotRange wanted, List<RangePlanner.Wanted> deferred) {
        List<Piece> after = new ArrayList<>();
        for (Span s : ctx.spans()) {
            if (!removed.contains(s.partition().name())) {
                after.add(new Piece(s.lo(), s.hi()));
            }
        }
        for (CreatePartition c : creates) {
            Bound.Range r = (Bound.Range) c.bound();
            after.add(new Piece(r.from().map(ctx.domain()::ordinal), r.to().map(ctx.domain()::ordinal)));
        }
        after.sort(Comparator.comparing(Piece::lo, Comparator.comparing((Optional<BigDecimal> o) -> o.isPresent())
                .thenComparing(o -> o.orElse(BigDecimal.ZERO))));
        List<Finding> out = new ArrayList<>();
        for (int i = 1; i < after.size(); i++) {
            Optional<BigDecimal> end = after.get(i - 1).hi();
            Optional<BigDecimal> next = after.get(i).lo();
            boolean retired = next.isPresent() && ctx.cutoff().map(c -> next.get().compareTo(c) <= 0).orElse(false);
            // A hole that lies wholly past retention is what retention is for (typically between
            // kept hand-made partitions and live ones), not something to fix.
            if (end.isPresent() && next.isPresent() && end.get().compareTo(next.get()) < 0 && !retired) {
                out.add(gap(ctx, end.get(), next.get(), wanted, deferred));
            }
        }
        return out;
    }

    private record Piece(Optional<BigDecimal> lo, Optional<BigDecimal> hi) {
    }

    private static Finding gap(RangeContext ctx, BigDecimal from, BigDecimal to, SlotRange wanted,
                               List<RangePlanner.Wanted> deferred) {
        RangeDomain d = ctx.domain();
        String hole = "no partition covers " + BoundText.of(RangePlanner.bound(d, from, to));
        String where = ctx.hasDefault() ? "rows there go to the default partition" : "inserting rows there fails";
        BigDecimal horizon = d.upper(wanted.high());
        if (from.compareTo(horizon) >= 0) {
            return Findings.note(ctx.name(), Finding.Kind.GAP, hole + "; it lies beyond the premake horizon ("
                    + d.literal(horizon) + "), and a later run creates it before now reaches it. Until then " + where);
        }
        if (coveredBy(deferred, from, to)) {
            return Findings.note(ctx.name(), Finding.Kind.GAP, hole + " yet: max_partitions_per_run ("
                    + ctx.spec().maxPartitionsPerRun() + ") left it to the next runs. Until then " + where);
        }
        return Findings.problem(ctx.name(), Finding.Kind.GAP, hole + " and this plan does not fill it (below start,"
                + " expired or conflicting); " + where + ". Create a partition for it by hand (pgpart partition add)"
                + " or lower start");
    }

    /** The deferred partitions (ascending, disjoint) hold every key of {@code [from, to)}. */
    private static boolean coveredBy(List<RangePlanner.Wanted> deferred, BigDecimal from, BigDecimal to) {
        BigDecimal point = from;
        for (RangePlanner.Wanted w : deferred) {
            if (w.a().compareTo(point) <= 0 && w.b().compareTo(point) > 0) {
                point = w.b();
            }
        }
        return point.compareTo(to) >= 0;
    }
}
