package dev.pgpart.plan;

import dev.pgpart.catalog.Bound;
import java.math.BigDecimal;
import java.util.List;

/** How the rows waiting in a RANGE table's default partition relate to the partitions being created. */
final class RowsInDefault {
    private RowsInDefault() {
    }

    /** Rows that move into {@code [a, b)}: all of them, an unknown part (-1), or none. */
    static long forSlot(RangeContext ctx, BigDecimal a, BigDecimal b) {
        long rows = ctx.defaults().rows();
        if (rows <= 0) {
            return 0;
        }
        if (ctx.defaultMin().isEmpty() || ctx.defaultMax().isEmpty()) {
            return -1;
        }
        BigDecimal min = ctx.defaultMin().get();
        BigDecimal max = ctx.defaultMax().get();
        if (min.compareTo(a) >= 0 && max.compareTo(b) < 0) {
            return rows;
        }
        return max.compareTo(a) >= 0 && min.compareTo(b) < 0 ? -1 : 0;
    }

    static List<Finding> range(RangeContext ctx, List<CreatePartition> creates) {
        long rows = ctx.defaults().rows();
        if (ctx.table().defaultPartition().isEmpty() || rows <= 0) {
            return List.of();
        }
        String who = "default partition " + ctx.table().defaultPartition().get().name() + " holds " + rows + " rows";
        if (ctx.defaultMin().isEmpty() || ctx.defaultMax().isEmpty()) {
            return List.of(Findings.problem(ctx.name(), Finding.Kind.ROWS_IN_DEFAULT, who
                    + " whose key range is unknown; look at them and create partitions for them by hand"));
        }
        String span = who + " with keys from " + ctx.domain().literal(ctx.defaultMin().get()) + " to "
                + ctx.domain().literal(ctx.defaultMax().get());
        if (covers(ctx, creates)) {
            return List.of(Findings.note(ctx.name(), Finding.Kind.ROWS_IN_DEFAULT, span
                    + "; the partitions this plan creates cover them, and maintain moves them out"));
        }
        return List.of(Findings.problem(ctx.name(), Finding.Kind.ROWS_IN_DEFAULT, span
                + "; this plan does not create partitions for all of them (below start, expired or conflicting)."
                + " They stay in the default and block creating partitions over their range: move or delete them"));
    }

    /** The creates (ascending, contiguous where adjacent) hold every key from min to max. */
    private static boolean covers(RangeContext ctx, List<CreatePartition> creates) {
        BigDecimal point = ctx.defaultMin().get();
        for (CreatePartition c : creates) {
            Bound.Range r = (Bound.Range) c.bound();
            BigDecimal lo = ctx.domain().ordinal(r.from().get());
            BigDecimal hi = ctx.domain().ordinal(r.to().get());
            if (lo.compareTo(point) <= 0 && hi.compareTo(point) > 0) {
                point = hi;
            }
        }
        return point.compareTo(ctx.defaultMax().get()) > 0;
    }
}
