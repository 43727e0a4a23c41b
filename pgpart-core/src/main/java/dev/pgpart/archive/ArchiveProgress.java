package dev.pgpart.archive;

import dev.pgpart.sql.QualifiedName;
import java.time.Duration;

/** Transfer progress of an export, verify or restore, reported every few seconds and at the end. */
@FunctionalInterface
public interface ArchiveProgress {
    ArchiveProgress NONE = (partition, step, bytes, rows, elapsed) -> { };

    /** @param bytes uncompressed CSV bytes so far */
    void transferred(QualifiedName partition, String step, long bytes, long rows, Duration elapsed);

    /** Calls {@code to} at most every {@code every}, so a tight loop can report on each buffer. */
    static Throttled throttled(ArchiveProgress to, QualifiedName partition, String step) {
        return new Throttled(to, partition, step);
    }

    final class Throttled {
        private static final long EVERY_NANOS = Duration.ofSeconds(2).toNanos();
        private final ArchiveProgress to;
        private final QualifiedName partition;
        private final String step;
        private final long start = System.nanoTime();
        private long last = start;

        Throttled(ArchiveProgress to, QualifiedName partition, String step) {
            this.to = to;
            this.partition = partition;
            this.step = step;
        }

        synchronized void at(long bytes, long rows) {
            long now = System.nanoTime();
            if (now - last >= EVERY_NANOS) {
                last = now;
                to.transferred(partition, step, bytes, rows, Duration.ofNanos(now - start));
            }
        }

        synchronized void done(long bytes, long rows) {
            to.transferred(partition, step, bytes, rows, Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
