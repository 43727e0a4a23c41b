package dev.pgpart.api;

import dev.pgpart.plan.Plan;
import dev.pgpart.plan.SkippedTable;
import java.time.Duration;
import java.util.List;

/**
 * What a {@code maintain} run did: the plan it executed and one result per action, in order.
 *
 * @param elapsed wall time of applying the plan (with {@code --jobs}, less than the sum of the actions')
 */
public record MaintainResult(Plan plan, List<ActionResult> results, Duration elapsed) {
    public MaintainResult {
        results = List.copyOf(results);
    }

    /** A result whose wall time is the sum of its actions' (they ran one after the other). */
    public MaintainResult(Plan plan, List<ActionResult> results) {
        this(plan, results, results.stream().map(ActionResult::elapsed).reduce(Duration.ZERO, Duration::plus));
    }

    /** An action failed, or a table could not even be planned for a lock (exit 1). */
    public boolean hasFailures() {
        return results.stream().anyMatch(r -> r.outcome() == Outcome.FAILED) || plan.skipped(SkippedTable.Reason.LOCKED);
    }

    /** A configured table was left out because the configuration does not fit it (exit 2). */
    public boolean hasConfigProblems() {
        return plan.skipped(SkippedTable.Reason.CONFIG);
    }

    /** Detach/drop actions that did not run for want of {@code --yes}: the CLI exits 3 on these. */
    public boolean hasPendingWithoutConsent() {
        return results.stream().anyMatch(ActionResult::skippedForConsent);
    }

    public long rowsMoved() {
        return results.stream().mapToLong(ActionResult::rowsMoved).sum();
    }
}
