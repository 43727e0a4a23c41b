package dev.pgpart.plan;

import dev.pgpart.internal.catalog.MoveHazards;
import dev.pgpart.internal.catalog.Partition;
import dev.pgpart.internal.catalog.TableInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the plan says about moving rows out of the default partition when something would notice
 * the move (see {@link MoveHazards}). The creates stay in the plan either way: the executor moves
 * rows with foreign-key actions and triggers suppressed where the role may, and otherwise refuses
 * any create whose range has rows in the default, so empty ranges are still premade.
 */
final class MoveSafety {
    private MoveSafety() {
    }

    static TablePlan review(TablePlan plan, TableInfo table) {
        MoveHazards hazards = table.moveHazards();
        List<String> moving = plan.actions().stream()
                .filter(a -> a instanceof CreatePartition c && c.defaultExists() && c.rowsFromDefault().mayMove())
                .map(a -> a.partition().name()).toList();
        if (hazards.none() || moving.isEmpty() || table.defaultPartition().isEmpty()) {
            return plan;
        }
        Partition def = table.defaultPartition().get();
        List<Finding> findings = new ArrayList<>(plan.findings());
        String which = moving.stream().collect(Collectors.joining(", "));
        if (hazards.moveAllowed()) {
            findings.add(Findings.note(plan.table(), Finding.Kind.ROWS_IN_DEFAULT, "rows moving out of " + def.name()
                    + " (into " + which + ") are moved with foreign-key actions and triggers suppressed"
                    + " (session_replication_role = replica, for the move only): referencing rows are left as they are"));
        } else {
            findings.add(Findings.problem(plan.table(), Finding.Kind.MOVE_UNSAFE, hazards.refusal(def.name())
                    + ". Creating " + which + " fails while " + def.name() + " holds rows of its range;"
                    + " partitions whose range has no rows there are still created"));
        }
        return new TablePlan(plan.table(), plan.actions(), findings);
    }
}
