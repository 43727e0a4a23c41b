package dev.pgpart.exec;

import java.time.Duration;

/**
 * How {@code maintain} may act.
 *
 * @param consent       {@code --yes}: detach and drop may run
 * @param skipCreate    do not create partitions
 * @param skipDelete    do not detach or drop partitions
 * @param maxAttempts   tries per table transaction when a lock is not granted within lock_timeout
 * @param retryBackoff  wait before the second try; doubled for each further try
 * @param lockWait      how long to wait for another pgpart run to release the maintenance lock
 *                      (zero: give up at once with {@code ErrorCode.BUSY})
 */
public record MaintainOptions(boolean consent, boolean skipCreate, boolean skipDelete, int maxAttempts,
                              Duration retryBackoff, Duration lockWait) {
    public static MaintainOptions defaults() {
        return new MaintainOptions(false, false, false, 4, Duration.ofMillis(500), Duration.ofSeconds(60));
    }

    public MaintainOptions withConsent(boolean yes) {
        return new MaintainOptions(yes, skipCreate, skipDelete, maxAttempts, retryBackoff, lockWait);
    }

    public MaintainOptions withSkips(boolean create, boolean delete) {
        return new MaintainOptions(consent, create, delete, maxAttempts, retryBackoff, lockWait);
    }

    public MaintainOptions withRetries(int attempts, Duration backoff) {
        return new MaintainOptions(consent, skipCreate, skipDelete, attempts, backoff, lockWait);
    }

    public MaintainOptions withLockWait(Duration wait) {
        return new MaintainOptions(consent, skipCreate, skipDelete, maxAttempts, retryBackoff, wait);
    }
}
