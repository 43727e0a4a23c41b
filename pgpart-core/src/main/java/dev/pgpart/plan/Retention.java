package dev.pgpart.plan;

import dev.pgpart.catalog.Partition;
import dev.pgpart.spec.RangePolicy;
import dev.pgpart.sql.QualifiedName;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which existing range partitions have expired and what to do with each. The highest attached
 * partition is never expired, so a table is never left without range partitions.
 */
final class Retention {
    private Retention() {
    }

    /** Actions in execution order (finalizes, then detach/drop oldest first), findings, and what leaves. */
    record Outcome(List<Action> finalizes, List<Action> removals, List<Finding> findings, Set<QualifiedName> removed) {
    }

    static Outcome plan(RangeContext ctx, int majorVersion) {
        List<Action> finalizes = new ArrayList<>();
        List<Action> removals = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        Set<QualifiedName> removed = new HashSet<>();
        if (ctx.cutoff().isEmpty()) {
            return new Outcome(finalizes, removals, findings, removed);
        }
        BigDecimal cutoff = ctx.cutoff().get();
        Optional<Span> keep = ctx.spans().stream().filter(s -> !s.partition().detachPending())
                .reduce((a, b) -> b);
        boolean concurrently = majorVersion >= 14 && ctx.table().defaultPartition().isEmpty();
        for (Span s : ctx.spans()) {
            if (!s.endsAtOrBefore(cutoff) || keep.map(k -> k == s).orElse(false)) {
                continue;
            }
            Partition p = s.partition();
            String reason = reason(ctx, s.hi().get(), cutoff);
            if (p.detachPending()) {
                finalizes.add(new FinalizeDetach(ctx.name(), p.name()));
                removed.add(p.name());
            } else if (p.managed() || ctx.spec().expireUnmanaged()) {
                removals.add(ctx.policy().onExpiry() == RangePolicy.OnExpiry.DROP
                        ? new DropPartition(ctx.name(), p.name(), p.bound(), concurrently, reason)
                        : new DetachPartition(ctx.name(), p.name(), p.bound(), concurrently, reason));
                removed.add(p.name());
            } else {
                findings.add(Findings.note(ctx.name(), Finding.Kind.UNMANAGED_EXPIRED, "partition " + p.name()
                        + " has expired (" + reason + ") but pgpart did not create it, so it is left alone;"
                        + " detach it by hand or set expire_unmanaged: true"));
            }
        }
        return new Outcome(finalizes, removals, findings, removed);
    }

    private static String reason(RangeContext ctx, BigDecimal upper, BigDecimal cutoff) {
        String since = ctx.domain() instanceof CalendarDomain ? "now" : "the highest key";
        return "upper bound " + ctx.domain().literal(upper) + " is at or before " + since + " - "
                + ctx.policy().retention().get() + " (" + ctx.domain().literal(cutoff) + ")";
    }
}
