package dev.pgpart.plan;

import java.time.Instant;
import java.util.List;

/**
 * Everything {@code maintain} would do at {@link #at()}, table by table. A value: print it, test it.
 *
 * @param skipped configured tables that could not be planned (each also has an empty
 *                {@link TablePlan} in {@link #tables()} whose finding says why)
 */
public record Plan(Instant at, List<TablePlan> tables, List<SkippedTable> skipped) {
    public Plan {
        tables = List.copyOf(tables);
        skipped = List.copyOf(skipped);
    }

    public Plan(Instant at, List<TablePlan> tables) {
        this(at, tables, List.of());
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

    public boolean skipped(SkippedTable.Reason reason) {
        return skipped.stream().anyMatch(s -> s.reason() == reason);
    }
}
