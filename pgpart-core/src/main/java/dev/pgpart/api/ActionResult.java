package dev.pgpart.api;

import dev.pgpart.plan.Action;
import java.time.Duration;
import java.util.Optional;

/**
 * The result of one action.
 *
 * @param detail    why it was skipped or failed, or a note such as {@code moved 1200 rows from orders_default}
 * @param rowsMoved rows moved out of the default partition (create actions), else 0
 * @param attempts  how many times it was tried (lock timeouts are retried)
 * @param skip      why it was not tried, when {@link #outcome()} is {@link Outcome#SKIPPED}
 */
public record ActionResult(Action action, Outcome outcome, String detail, long rowsMoved, int attempts,
                           Duration elapsed, Optional<SkipReason> skip) {
    public ActionResult {
        if (skip.isPresent() != (outcome == Outcome.SKIPPED)) {
            throw new IllegalArgumentException("a skip reason goes with outcome SKIPPED only, got " + outcome + " " + skip);
        }
    }

    /** An applied or failed action (one that was tried). */
    public ActionResult(Action action, Outcome outcome, String detail, long rowsMoved, int attempts, Duration elapsed) {
        this(action, outcome, detail, rowsMoved, attempts, elapsed, Optional.empty());
    }

    public static ActionResult skipped(Action action, SkipReason why, String detail) {
        return new ActionResult(action, Outcome.SKIPPED, detail, 0, 0, Duration.ZERO, Optional.of(why));
    }

    public boolean skippedForConsent() {
        return skip.equals(Optional.of(SkipReason.NO_CONSENT));
    }
}
