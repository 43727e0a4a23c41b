package dev.pgpart.plan;

import java.time.Instant;
import java.util.List;

/** Everything {@code maintain} would do at {@link #at()}, table by table. A value: print it, test it. */
public record Plan(Instant at, List<TablePlan> tables) {
    public Plan {
        tables = List.copyOf(tables);
    }

    public List<Action> actions() {
        return tables.stream().flatMap(t -> t.actions().stream()).toList();
    }

    public List<Finding> findings() {
        return tables.stream().flatMap(t -> t.findings().stream()).toList();
    }

    public boolean isEmpty() {
        return tables.stream().allMatch(TablePlan::isEmpty);
    }
}
