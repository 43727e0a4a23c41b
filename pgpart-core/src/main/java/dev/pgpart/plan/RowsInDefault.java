package dev.pgpart.plan;

import dev.pgpart.api.Bound;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** How the rows waiting in a RANGE table's default partition relate to the partitions being created. */
final class RowsInDefault {
    private RowsInDefault() {
    }

    /** Rows that move into {@code [a, b)}: all of them, an unknown part (-1), or none. NULL keys never move. */
    static DefaultRows forSlot(RangeContext ctx, BigDecimal a, BigDecimal b) {
        long rows = ctx.defaults().keyedRows();
        if (rows <= 0) {
            return DefaultRows.none();
        }
        if (ctx.defaultMin().isEmpty() || ctx.defaultMax().isEmpty()) {
            return DefaultRows.unknown();
        }
        BigDecimal min = ctx.defaultMin().get();
        BigDecimal max = ctx.defaultMax().get();
        if (min.compareTo(a) >= 0 && max.compareTo(b) < 0) {
            return DefaultRows.exactly(rows);
        }
        return max.compareTo(a) >= 0 && min.compareTo(b) < 0 ? DefaultRows.unknown() : DefaultRows.none();
    }

    /**
     * @param creates ascending, as the plan makes them
     * @param capped  {@code max_partitions_per_run} left some wanted partitions to later runs
     */
    static List<Finding> range(RangeContext ctx, List<CreatePartition> creates, SlotRange wanted, boolean capped) {
        if (ctx.table().defaultPartition().isEmpty()) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        String partition = "default partition " + ctx.table().defaultPartition().get().name();
        long nulls = ctx.defaults().nullKeys();
        if (nulls > 0) {
            out.add(Findings.note(ctx.name(), Finding.Kind.ROWS_IN_DEFAULT, partition + " holds " + nulls
                    + " rows whose key " + RangeContext.keyText(ctx.table()) + " is NULL. A RANGE partition can never"
                    + " hold NULL, so they stay in the default whatever pgpart creates: set their key (the next"
                    + " maintain moves them) or delete them, or keep the default partition (default_partition: true)"));
        }
        long rows = ctx.defaults().keyedRows();
        if (rows <= 0) {
            return out;
        }
        String who = partition + " holds " + rows + " rows" + (nulls > 0 ? " with a key" : "");
        if (ctx.defaultMin().isEmpty() || ctx.defaultMax().isEmpty()) {
            out.add(Findings.problem(ctx.name(), Finding.Kind.ROWS_IN_DEFAULT, who
                    + " whose key range is unknown; look at them and create partitions for them by hand"));
            return out;
        }
        String span = who + " with keys from " + ctx.domain().literal(ctx.defaultMin().get()) + " to "
                + ctx.domain().literal(ctx.defaultMax().get());
        if (covers(ctx, creates)) {
            out.add(Findings.note(ctx.name(), Finding.Kind.ROWS_IN_DEFAULT, span
                    + "; the partitions this plan creates cover them, and maintain moves them out"));
            return out;
        }
        List<String> why = reasons(ctx, wanted);
        if (why.isEmpty() && capped) {
            out.add(Findings.note(ctx.name(), Finding.Kind.ROWS_IN_DEFAULT, span + "; max_partitions_per_run left"
                    + " some of their partitions to the next runs, which move the rest out"));
            return out;
        }
        if (why.isEmpty()) {
            why.add("partitions over part of their range conflict with existing ones (see the CONFLICT findings)");
        }
        out.add(Findings.problem(ctx.name(), Finding.Kind.ROWS_IN_DEFAULT, span + "; this plan does not create"
                + " partitions for all of them: " + String.join("; ", why) + ". Rows it does not cover stay in the"
                + " default: fix or delete them, or create a partition for them by hand (pgpart partition add)"));
        return out;
    }

    /** Why some default rows stay: outliers, and keys below what the plan wants. */
    private static List<String> reasons(RangeContext ctx, SlotRange wanted) {
        List<String> why = new ArrayList<>();
        ctx.reach().outliers().forEach(o -> why.add(o.key() + " is an outlier: " + o.reason()));
        RangeDomain d = ctx.domain();
        BigDecimal min = ctx.defaultMin().get();
        if (wanted.size() > 0 && min.compareTo(d.lower(wanted.low())) < 0
                && ctx.reach().outliers().stream().noneMatch(o -> o.key().equals(ctx.defaults().minKey().orElse("")))) {
            String lowest = d.literal(min);
            if (ctx.cutoff().isPresent() && min.compareTo(ctx.cutoff().get()) < 0) {
                why.add(lowest + " is older than retention (" + d.literal(ctx.cutoff().get()) + ")");
            } else if (ctx.startFloor().isPresent()) {
                why.add(lowest + " is below start (" + d.literal(d.lower(ctx.startFloor().get())) + ")");
            } else {
                why.add(lowest + " is below the lowest partition and no start is set");
            }
        }
        return why;
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
