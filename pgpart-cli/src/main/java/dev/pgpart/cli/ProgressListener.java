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
final class ProgressListener implements MaintenanceListener {
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
