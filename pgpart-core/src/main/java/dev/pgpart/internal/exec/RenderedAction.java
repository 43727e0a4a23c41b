package dev.pgpart.internal.exec;

import dev.pgpart.plan.Action;
import java.util.List;
import java.util.Optional;

/**
 * The statements of one action.
 *
 * @param outsideTransaction a statement PostgreSQL refuses inside a transaction block
 *                           ({@code DETACH ... CONCURRENTLY}); it runs alone, before {@link #steps()}
 * @param steps              statements that run in one transaction: the table's transaction when
 *                           there is no {@code outsideTransaction}, else a short one of their own
 */
public record RenderedAction(Action action, Optional<Step> outsideTransaction, List<Step> steps) {
    public RenderedAction {
        steps = List.copyOf(steps);
    }

    public boolean transactional() {
        return outsideTransaction.isEmpty();
    }
}
