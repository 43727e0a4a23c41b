package dev.pgpart.api;

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
 * @param jobs          tables maintained at the same time, each on its own connection and in its
 *                      own transaction (1: one after the other, on the run's connection)
 */
public record MaintainOptions(boolean consent, boolean skipCreate, boolean skipDelete, int maxAttempts,
                              Duration retryBackoff, Duration lockWait, int jobs) {
    public MaintainOptions {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
        }
    }

    public static MaintainOptions defaults() {
        return new MaintainOptions(false, false, false, 4, Duration.ofMillis(500), Duration.ofSeconds(60), 1);
    }

    public MaintainOptions withJobs(int n) {
        return new MaintainOptions(consent, skipCreate, skipDelete, maxAttempts, retryBackoff, lockWait, n);
    }

    public MaintainOptions withConsent(boolean yes) {
        return new MaintainOptions(yes, skipCreate, skipDelete, maxAttempts, retryBackoff, lockWait, jobs);
    }

    public MaintainOptions withSkips(boolean create, boolean delete) {
        return new MaintainOptions(consent, create, delete, maxAttempts, retryBackoff, lockWait, jobs);
    }

    public MaintainOptions withRetries(int attempts, Duration backoff) {
        return new MaintainOptions(consent, skipCreate, skipDelete, attempts, backoff, lockWait, jobs);
    }

    public MaintainOptions withLockWait(Duration wait) {
        return new MaintainOptions(consent, skipCreate, skipDelete, maxAttempts, retryBackoff, wait, jobs);
    }
}
