package dev.pgpart.plan;

import dev.pgpart.catalog.Catalog;
import dev.pgpart.catalog.Partition;
import dev.pgpart.catalog.TableInfo;
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
            out.addAll(forTable(spec.tables().get(i), catalog, now, plan.tables().get(i)));
        }
        return out;
    }

    /** The findings for one table, given its part of the plan. */
    List<Finding> forTable(TableSpec spec, Catalog catalog, Instant now, TablePlan plan) {
        List<Finding> out = new ArrayList<>(plan.findings());
        if (TableChecks.blocker(spec, catalog).isPresent()) {
            return out;
        }
        TableInfo table = catalog.table(spec.table()).orElseThrow();
        for (Partition p : table.partitions()) {
            if (p.detachPending()) {
                boolean finalized = plan.actions().contains(new FinalizeDetach(spec.table(), p.name()));
                out.add(new Finding(spec.table(), Finding.Kind.DETACH_PENDING,
                        finalized ? Finding.Severity.NOTE : Finding.Severity.PROBLEM,
                        "partition " + p.name() + " is half-detached (an interrupted DETACH ... CONCURRENTLY); "
                                + (finalized ? "maintain finalizes it because it has expired"
                                : "run ALTER TABLE " + spec.table().sql() + " DETACH PARTITION " + p.name().sql()
                                + " FINALIZE, or re-attach it")));
            }
        }
        if (spec.policy() instanceof RangePolicy policy) {
            RangeContext.build(spec, table, now).context().ifPresent(ctx -> coverage(ctx, policy, out));
        }
        return out;
    }

    private static void coverage(RangeContext ctx, RangePolicy policy, List<Finding> out) {
        Coverage c = Coverage.of(ctx);
        String point = (ctx.domain() instanceof CalendarDomain ? "now (" : "the highest key (")
                + ctx.domain().literal(ctx.current()) + ")";
        if (!c.covered()) {
            out.add(Findings.problem(ctx.name(), Finding.Kind.COVERAGE_LOW, "no partition holds " + point
                    + "; run maintain (pgpart maintain) now"));
        } else if (c.ahead() < policy.premake()) {
            out.add(Findings.problem(ctx.name(), Finding.Kind.COVERAGE_LOW, "only " + c.ahead()
                    + " partition(s) ready after the one holding " + point + ", premake is " + policy.premake()
                    + "; run maintain, and check it is scheduled more often than every " + policy.interval()));
        }
    }
}
