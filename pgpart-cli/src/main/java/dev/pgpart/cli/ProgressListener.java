package dev.pgpart.cli;

import dev.pgpart.cli.render.Text;
import dev.pgpart.api.ActionResult;
import dev.pgpart.api.MaintenanceListener;
import dev.pgpart.sql.QualifiedName;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Progress on stderr for long runs only, so cron mail stays empty on quick ones: a table's start
 * line once the run has taken {@link #QUIET} or an action of it is slow, and each action that
 * took {@link #SLOW_ACTION} or more.
 */
final class ProgressListener implements MaintenanceListener, dev.pgpart.archive.ArchiveProgress {
    static final Duration QUIET = Duration.ofSeconds(2);
    static final Duration SLOW_ACTION = Duration.ofSeconds(1);

    private final PrintWriter err;
    private final Clock clock;
    private final Instant started;
    private Optional<String> pendingTableLine = Optional.empty();

    ProgressListener(PrintWriter err, Clock clock) {
        this.err = err;
        this.clock = clock;
        this.started = clock.instant();
    }

    /** Archive transfers: a line every few seconds with the rate, e.g. {@code export 512.0 MB, 2100000 rows, 85.3 MB/s}. */
    @Override
    public void transferred(QualifiedName partition, String step, long bytes, long rows, Duration elapsed) {
        if (elapsed.compareTo(QUIET) < 0) {
            return; // quick transfers stay quiet, like quick runs
        }
        double mb = bytes / (1024.0 * 1024.0);
        double secs = Math.max(elapsed.toMillis(), 1) / 1000.0;
        err.println(String.format(java.util.Locale.ROOT, "%s: %s %.1f MB, %d rows, %.1f MB/s", partition, step, mb, rows, mb / secs));
        err.flush();
    }

    @Override
    public void tableStarted(QualifiedName table, int index, int total, int actions) {
        String line = "[" + index + "/" + total + "] " + table + ": " + Text.plural(actions, "action");
        pendingTableLine = Optional.of(line);
        if (!Duration.between(started, clock.instant()).minus(QUIET).isNegative()) {
            flushTableLine();
        }
    }

    @Override
    public void actionFinished(ActionResult r) {
        if (r.elapsed().compareTo(SLOW_ACTION) >= 0) {
            flushTableLine();
            err.println("    " + Text.outcome(r.outcome()) + " " + Text.type(r.action()) + " " + r.action().partition()
                    + " (" + Text.duration(r.elapsed()) + (r.rowsMoved() > 0 ? ", " + Text.rows(r.rowsMoved()) + " moved" : "") + ")");
            err.flush();
        }
    }

    private void flushTableLine() {
        pendingTableLine.ifPresent(l -> {
            err.println(l);
            err.flush();
        });
        pendingTableLine = Optional.empty();
    }
}
