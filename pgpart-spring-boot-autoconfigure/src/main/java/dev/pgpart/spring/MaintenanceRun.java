package dev.pgpart.spring;

import dev.pgpart.api.ActionResult;
import dev.pgpart.api.MaintainResult;
import dev.pgpart.api.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What one run of the integration's maintenance did: maintained (with the core's result),
 * skipped (another instance holds the lock, or the database is a standby), or failed.
 *
 * @param trigger  {@code startup} or {@code schedule} (or what a caller of {@link PgpartMaintenance#run} said)
 * @param message  one line for logs and health details
 */
public record MaintenanceRun(String trigger, Instant startedAt, Duration elapsed, Kind kind, String message,
                             Optional<MaintainResult> result, Optional<RuntimeException> error) {

    public enum Kind {
        MAINTAINED,
        /** Another pgpart run (another instance, the CLI) holds the maintenance lock: it does the work. */
        SKIPPED_BUSY,
        /** The database is a hot standby: maintenance runs on the primary. */
        SKIPPED_STANDBY,
        FAILED
    }

    /** Failed outright, or ran with a failed action or a table it could not plan. */
    public boolean failed() {
        return kind == Kind.FAILED
                || result.map(r -> r.hasFailures() || r.hasConfigProblems()).orElse(false);
    }

    public long count(Outcome outcome) {
        return result.map(r -> r.results().stream().filter(a -> a.outcome() == outcome).count()).orElse(0L);
    }

    /** Detach/drop actions left for want of {@code pgpart.allow-removal}. */
    public long pendingRemovals() {
        return result.map(r -> r.results().stream().filter(ActionResult::skippedForConsent).count()).orElse(0L);
    }
}
