package dev.pgpart.plan;

import dev.pgpart.internal.catalog.Catalog;
import dev.pgpart.internal.catalog.Partition;
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.spec.RangePolicy;
import dev.pgpart.spec.Spec;
import dev.pgpart.spec.TableSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code check} reports: everything the planner noticed, plus what maintenance alone will not
 * make right in time: too few partitions ahead, and interrupted detaches.
 */
public final class Checker {
    private final Planner planner = new Planner();

    public List<Finding> findings(Spec spec, Catalog catalog, Instant now) {
        Plan plan = planner.plan(spec, catalog, now);
        List<Finding> out = new ArrayList<>();
        for (int i = 0; i < spec.tables().size(); i++) {
            out.addAll(forTable(spec.tables().get(i), catalog, now, plan.tables().get(i),
                    spec.operations().coverageWarning()));
        }
        return out;
    }

    /** The findings for one table, given its part of the plan. */
    List<Finding> forTable(TableSpec spec, Catalog catalog, Instant now, TablePlan plan, int coverageWarning) {
        List<Finding> out = new ArrayList<>(plan.findings());
        if (TableChecks.blocker(spec, catalog).isPresent()) {
            return out;
        }
        TableInfo table = catalog.table(spec.table()).orElseThrow();
        for (Partition p : table.partitions()) {
            if (p.detachPending()) {
                out.add(detachPending(spec, p, plan));
            }
        }
        table.distribution().ifPresent(d -> d.notColocated().forEach(child -> out.add(CitusFindings.notColocated(table, d, child))));
        // "run maintain now" only when maintain would create something: before start, or above a
        // MAXVALUE partition, it has nothing to do and the finding would alert forever; anything
        // else that stops it (a conflict, too many slots) is reported by the plan's own findings
        boolean maintainCreates = plan.actions().stream().anyMatch(a -> a instanceof CreatePartition);
        if (spec.policy() instanceof RangePolicy policy && maintainCreates) {
            RangeContext.build(spec, table, now).context().ifPresent(ctx -> coverage(ctx, policy, now, coverageWarning, out));
        }
        return out;
    }

    /**
     * A problem until it is finished, even when the next maintain will finish it: the partition no
     * longer receives rows, and while it stays half-detached retention does not apply to it.
     */
    private static Finding detachPending(TableSpec spec, Partition p, TablePlan plan) {
        String manual = "ALTER TABLE " + spec.table().sql() + " DETACH PARTITION " + p.name().sql() + " FINALIZE;";
        String next = plan.actions().stream()
                .filter(a -> a instanceof FinalizeDetach f && f.partition().equals(p.name()))
                .map(a -> ((FinalizeDetach) a).thenDrop()
                        ? "the next maintain --yes finalizes and drops it (it has expired, on_expiry: drop)"
                        : "the next maintain finalizes it and keeps it as a plain table")
                .findFirst().orElse("maintain will not finish it");
        return new Finding(spec.table(), Finding.Kind.DETACH_PENDING, Finding.Severity.PROBLEM,
                "partition " + p.name() + " is half-detached (an interrupted DETACH ... CONCURRENTLY): it no longer"
                        + " receives rows; " + next + ", or run " + manual);
    }

    private static void coverage(RangeContext ctx, RangePolicy policy, Instant now, int warning, List<Finding> out) {
        Coverage c = Coverage.of(ctx);
        String point = (ctx.domain() instanceof CalendarDomain ? "now (" : "the highest key (")
                + ctx.domain().literal(ctx.current()) + ")";
        if (!c.covered()) {
            out.add(Findings.problem(ctx.name(), Finding.Kind.COVERAGE_LOW, "no partition holds " + point
                    + "; run maintain (pgpart maintain) now"));
        } else if (c.ahead() < warning && c.coveredUntil().isPresent()) {
            String until = ctx.domain().literal(c.coveredUntil().get());
            String left = ctx.domain() instanceof CalendarDomain cal
                    ? cal.instantAt(c.coveredUntil().get()).map(end -> " (in " + Durations.human(java.time.Duration.between(now, end)) + ")")
                        .orElse("") : "";
            out.add(Findings.problem(ctx.name(), Finding.Kind.COVERAGE_ENDING, "partitions end at " + until + left
                    + ", within " + warning + " interval(s) of " + policy.interval() + " (coverage_warning_intervals):"
                    + " after that new rows go to the default partition, or fail without one; run maintain now and"
                    + " check it is scheduled"));
        } else if (c.ahead() < policy.premake()) {
            out.add(Findings.problem(ctx.name(), Finding.Kind.COVERAGE_LOW, "only " + c.ahead()
                    + " partition(s) ready after the one holding " + point + ", premake is " + policy.premake()
                    + "; run maintain, and check it is scheduled more often than every " + policy.interval()));
        }
    }
}
