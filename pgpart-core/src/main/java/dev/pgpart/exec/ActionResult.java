package dev.pgpart.exec;

import dev.pgpart.plan.Action;
import java.time.Duration;

/**
 * The result of one action.
 *
 * @param detail    why it was skipped or failed, or a note such as {@code moved 1200 rows from orders_default}
 * @param rowsMoved rows moved out of the default partition (create actions), else 0
 * @param attempts  how many times it was tried (lock timeouts are retried)
 */
public record ActionResult(Action action, Outcome outcome, String detail, long rowsMoved, int attempts,
                           Duration elapsed) {
    public boolean skippedForConsent() {
        return outcome == Outcome.SKIPPED && action.requiresConsent() && detail.startsWith(NO_CONSENT);
    }

    /** Detail prefix of actions skipped because the run had no {@code --yes}. */
    public static final String NO_CONSENT = "needs --yes";
}
