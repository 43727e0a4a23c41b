package dev.pgpart.plan;

import dev.pgpart.internal.catalog.Partition;
import dev.pgpart.spec.RangePolicy;
import dev.pgpart.sql.QualifiedName;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which existing range partitions have expired and what to do with each. A table is never left
 * without range partitions: when the plan creates none (they would all be live), the highest
 * attached partition is kept even if it has expired.
 */
final class Retention {
    private Retention() {
    }

    /** Actions in execution order (finalizes, then detach/drop oldest first), findings, and what leaves. */
    record Outcome(List<Action> finalizes, List<Action> removals, List<Finding> findings, Set<QualifiedName> removed) {
    }

    static Outcome plan(RangeContext ctx, int majorVersion, boolean planCreatesLivePartitions) {
        List<Action> finalizes = new ArrayList<>();
        List<Action> removals = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        Set<QualifiedName> removed = new HashSet<>();
        if (ctx.cutoff().isEmpty()) {
            // No retention, but a half-detached partition still has to be finished: it no longer
            // receives rows, and only FINALIZE (or a manual re-attach after it) ends that state.
            ctx.spans().stream().map(Span::partition).filter(Partition::detachPending).forEach(p -> {
                finalizes.add(new FinalizeDetach(ctx.name(), p.name()));
                removed.add(p.name());
            });
            return new Outcome(finalizes, removals, findings, removed);
        }
        BigDecimal cutoff = ctx.cutoff().get();
        Optional<Span> keep = planCreatesLivePartitions ? Optional.empty()
                : ctx.spans().stream().filter(s -> !s.partition().detachPending()).reduce((a, b) -> b);
        // Citus refuses DETACH ... CONCURRENTLY on distributed tables (XX000): plain DETACH there.
        boolean concurrently = majorVersion >= 14 && ctx.table().defaultPartition().isEmpty() && !ctx.table().distributed();
        for (Span s : ctx.spans()) {
            Partition p = s.partition();
            boolean expired = s.endsAtOrBefore(cutoff);
            if (p.detachPending()) {
                // Finished whether or not it has expired (see above); an expired one that retention
                // would drop is dropped once finalized, not kept as a table nobody looks at again.
                finalizes.add(new FinalizeDetach(ctx.name(), p.name(), expired && drops(ctx, p)));
                removed.add(p.name());
                continue;
            }
            if (!expired || keep.map(k -> k == s).orElse(false)) {
                continue;
            }
            String reason = reason(ctx, s.hi().get(), cutoff);
            if (p.managed() || ctx.spec().expireUnmanaged()) {
                removals.add(removal(ctx.policy().onExpiry(), ctx.name(), p, concurrently, reason));
                removed.add(p.name());
            } else {
                findings.add(Findings.note(ctx.name(), Finding.Kind.UNMANAGED_EXPIRED, "partition " + p.name()
                        + " has expired (" + reason + ") but pgpart did not create it, so it is left alone;"
                        + " detach it by hand or set expire_unmanaged: true"));
            }
        }
        return new Outcome(finalizes, removals, findings, removed);
    }

    private static Action removal(RangePolicy.OnExpiry onExpiry, QualifiedName parent, Partition p, boolean concurrently,
                                  String reason) {
        return switch (onExpiry) {
            case DROP -> new DropPartition(parent, p.name(), p.bound(), concurrently, reason);
            case DETACH -> new DetachPartition(parent, p.name(), p.bound(), concurrently, reason);
            case ARCHIVE -> new ArchivePartition(parent, p.name(), p.bound(), concurrently, reason);
        };
    }

    private static boolean drops(RangeContext ctx, Partition p) {
        return ctx.policy().onExpiry() == RangePolicy.OnExpiry.DROP && (p.managed() || ctx.spec().expireUnmanaged());
    }

    private static String reason(RangeContext ctx, BigDecimal upper, BigDecimal cutoff) {
        String since = ctx.domain() instanceof CalendarDomain ? "now" : "the highest key";
        return "upper bound " + ctx.domain().literal(upper) + " is at or before " + since + " - "
                + ctx.policy().retention().get() + " (" + ctx.domain().literal(cutoff) + ")";
    }
}
