package dev.pgpart.plan;

import dev.pgpart.sql.QualifiedName;
import java.util.List;

/** The actions for one table, in execution order, and what the planner noticed on the way. */
public record TablePlan(QualifiedName table, List<Action> actions, List<Finding> findings) {
    public TablePlan {
        actions = List.copyOf(actions);
        findings = List.copyOf(findings);
    }

    public boolean isEmpty() {
        return actions.isEmpty();
    }
}
