package dev.pgpart.plan;

import dev.pgpart.internal.catalog.Catalog;
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.spec.HashPolicy;
import dev.pgpart.spec.ListPolicy;
import dev.pgpart.spec.Spec;
import dev.pgpart.spec.TableSpec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The pure heart of pgpart: given what the user wants, what the database has and the time,
 * decide what to do. No I/O, no clock, no JDBC: everything it needs is in its arguments.
 */
public final class Planner {
    public Plan plan(Spec spec, Catalog catalog, Instant now) {
        return plan(spec, catalog, now, now);
    }

    /**
     * A plan that creates partitions as of {@code at} and removes expired ones as of
     * {@code removalsAt}. {@code maintain --at} a future instant premakes for then, but must never
     * drop a partition that is still within retention today: it passes the earlier of {@code --at}
     * and the real clock here.
     */
    public Plan plan(Spec spec, Catalog catalog, Instant at, Instant removalsAt) {
        // One name book for the whole plan: two parents with long names may truncate to the same child name.
        NameBook names = new NameBook(catalog);
        return new Plan(at, spec.tables().stream().map(t -> planOne(t, catalog, at, removalsAt, names)).toList());
    }

    private static TablePlan planOne(TableSpec spec, Catalog catalog, Instant now, Instant removalsAt, NameBook names) {
        Optional<Finding> blocker = TableChecks.blocker(spec, catalog);
        if (blocker.isPresent()) {
            return new TablePlan(spec.table(), List.of(), List.of(blocker.get()));
        }
        TableInfo table = catalog.table(spec.table()).orElseThrow();
        return MoveSafety.review(planMethod(spec, table, catalog, now, removalsAt, names), table);
    }

    private static TablePlan planMethod(TableSpec spec, TableInfo table, Catalog catalog, Instant now, Instant removalsAt,
                                        NameBook names) {
        if (spec.policy() instanceof ListPolicy) {
            return ListPlanner.plan(spec, table, names);
        }
        if (spec.policy() instanceof HashPolicy) {
            return HashPlanner.plan(spec, table, names);
        }
        RangeContext.Result r = RangeContext.build(spec, table, now, removalsAt);
        if (r.context().isEmpty()) {
            return new TablePlan(spec.table(), List.of(), r.findings());
        }
        return RangePlanner.plan(r.context().get(), names, catalog.majorVersion(), r.findings());
    }
}
