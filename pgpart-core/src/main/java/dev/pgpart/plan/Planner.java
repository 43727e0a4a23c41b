package dev.pgpart.plan;

import dev.pgpart.catalog.Catalog;
import dev.pgpart.catalog.TableInfo;
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
        // One name book for the whole plan: two parents with long names may truncate to the same child name.
        NameBook names = new NameBook(catalog);
        return new Plan(now, spec.tables().stream().map(t -> planOne(t, catalog, now, names)).toList());
    }

    private static TablePlan planOne(TableSpec spec, Catalog catalog, Instant now, NameBook names) {
        Optional<Finding> blocker = TableChecks.blocker(spec, catalog);
        if (blocker.isPresent()) {
            return new TablePlan(spec.table(), List.of(), List.of(blocker.get()));
        }
        TableInfo table = catalog.table(spec.table()).orElseThrow();
        if (spec.policy() instanceof ListPolicy) {
            return ListPlanner.plan(spec, table, names);
        }
        if (spec.policy() instanceof HashPolicy) {
            return HashPlanner.plan(spec, table, names);
        }
        RangeContext.Result r = RangeContext.build(spec, table, now);
        if (r.context().isEmpty()) {
            return new TablePlan(spec.table(), List.of(), r.findings());
        }
        return RangePlanner.plan(r.context().get(), names, catalog.majorVersion(), r.findings());
    }
}
