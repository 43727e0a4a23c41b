package dev.pgpart.internal.exec;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Waits between attempts: {@code base}, then doubling, plus up to 20% jitter so runs do not lock-step. */
public final class Backoff {
    private static final int MAX_DOUBLINGS = 16;

    private Backoff() {
    }

    /** The wait after {@code failedAttempts} failures; {@code random} in [0, 1). Pure, for tests. */
    public static Duration delay(Duration base, int failedAttempts, double random) {
        int doublings = Math.min(Math.max(failedAttempts - 1, 0), MAX_DOUBLINGS);
        long millis = base.toMillis() << doublings;
        return Duration.ofMillis(millis + (long) (millis * 0.2 * random));
    }

    /** Sleeps; false when the thread was interrupted (the flag is restored and the caller stops retrying). */
    public static boolean sleep(Duration base, int failedAttempts) {
        try {
            Thread.sleep(delay(base, failedAttempts, ThreadLocalRandom.current().nextDouble()).toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
