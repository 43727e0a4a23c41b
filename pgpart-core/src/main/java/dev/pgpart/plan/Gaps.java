package dev.pgpart.plan;

import dev.pgpart.catalog.Bound;
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

    static List<Finding> find(RangeContext ctx, List<CreatePartition> creates, Set<QualifiedName> removed) {
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
                out.add(gap(ctx, end.get(), next.get()));
            }
        }
        return out;
    }

    private record Piece(Optional<BigDecimal> lo, Optional<BigDecimal> hi) {
    }

    private static Finding gap(RangeContext ctx, BigDecimal from, BigDecimal to) {
        String where = ctx.hasDefault() ? "rows there go to the default partition" : "inserting rows there fails";
        return Findings.problem(ctx.name(), Finding.Kind.GAP, "no partition covers " + BoundText.of(RangePlanner.bound(
                ctx.domain(), from, to)) + " and this plan does not fill it (below start, expired or conflicting);"
                + " " + where + ". Create a partition for it by hand (pgpart partition add) or lower start");
    }
}
