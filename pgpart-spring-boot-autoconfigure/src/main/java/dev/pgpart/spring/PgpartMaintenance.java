package dev.pgpart.spring;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.api.Pgpart;
import dev.pgpart.api.ActionResult;
import dev.pgpart.api.MaintainOptions;
import dev.pgpart.api.MaintainResult;
import dev.pgpart.api.Outcome;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs maintain for the application, at startup and on the schedule. Never queues behind another
 * instance: the core's advisory lock is tried without waiting, and a busy lock is a one-line skip.
 * On a hot standby it skips before touching anything. Keeps the last run for health and metrics.
 */
public final class PgpartMaintenance {
    private static final Logger LOG = LoggerFactory.getLogger(PgpartMaintenance.class);
    private final Pgpart pgpart;
    private final DataSource dataSource;
    private final MaintainOptions options;
    private final Clock clock;
    private final AtomicReference<Optional<MaintenanceRun>> last = new AtomicReference<>(Optional.empty());
    private final Consumer<MaintenanceRun> observer;

    public PgpartMaintenance(Pgpart pgpart, DataSource dataSource, boolean allowRemoval, Clock clock,
                             Consumer<MaintenanceRun> observer) {
        this.pgpart = pgpart;
        this.dataSource = dataSource;
        this.options = MaintainOptions.defaults().withConsent(allowRemoval).withLockWait(Duration.ZERO);
        this.clock = clock;
        this.observer = observer;
    }

    public MaintenanceRun run(String trigger) {
        Instant started = clock.instant();
        long t0 = System.nanoTime(); // elapsed time, not the (injectable) wall clock
        MaintenanceRun run;
        try {
            if (standby()) {
                run = skipped(trigger, started, t0, MaintenanceRun.Kind.SKIPPED_STANDBY, "the database is a hot standby"
                        + " (pg_is_in_recovery() is true): nothing was changed; partitions are maintained on the primary");
            } else {
                run = maintained(trigger, started, t0, pgpart.maintain(options));
            }
        } catch (PgpartException e) {
            run = e.code() == ErrorCode.BUSY
                    ? skipped(trigger, started, t0, MaintenanceRun.Kind.SKIPPED_BUSY, "another pgpart run holds the"
                        + " maintenance lock (another instance, or the CLI), so it does the work: " + firstLine(e.getMessage()))
                    : failed(trigger, started, t0, e);
        } catch (RuntimeException e) {
            run = failed(trigger, started, t0, e);
        }
        last.set(Optional.of(run));
        log(run);
        observer.accept(run);
        return run;
    }

    public Optional<MaintenanceRun> last() {
        return last.get();
    }

    private boolean standby() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_catalog.pg_is_in_recovery()")) {
            rs.next();
            return rs.getBoolean(1);
        } catch (SQLException e) {
            throw new PgpartException(ErrorCode.DATABASE, "could not ask the database whether it is a standby: "
                    + e.getMessage() + "; nothing was changed, maintenance runs again at the next trigger", e);
        }
    }

    private static MaintenanceRun maintained(String trigger, Instant started, long t0, MaintainResult r) {
        long applied = r.results().stream().filter(a -> a.outcome() == Outcome.APPLIED).count();
        long failed = r.results().stream().filter(a -> a.outcome() == Outcome.FAILED).count();
        long pending = r.results().stream().filter(ActionResult::skippedForConsent).count();
        String message = applied + " action(s) applied, " + failed + " failed"
                + (r.plan().skipped().isEmpty() ? "" : ", " + r.plan().skipped().size() + " table(s) not planned: "
                        + r.plan().skipped().stream().map(s -> s.table() + " (" + s.message() + ")").toList())
                + (pending == 0 ? "" : "; " + pending + " partition(s) past retention were not removed: set"
                        + " pgpart.allow-removal=true to let maintenance detach/drop them");
        return new MaintenanceRun(trigger, started, since(t0), MaintenanceRun.Kind.MAINTAINED, message, Optional.of(r),
                Optional.empty());
    }

    private static MaintenanceRun skipped(String trigger, Instant started, long t0, MaintenanceRun.Kind kind, String why) {
        return new MaintenanceRun(trigger, started, since(t0), kind, why, Optional.empty(), Optional.empty());
    }

    private static MaintenanceRun failed(String trigger, Instant started, long t0, RuntimeException e) {
        return new MaintenanceRun(trigger, started, since(t0), MaintenanceRun.Kind.FAILED, e.getMessage(),
                Optional.empty(), Optional.of(e));
    }

    private static void log(MaintenanceRun run) {
        switch (run.kind()) {
            case MAINTAINED -> {
                if (run.failed()) {
                    LOG.error("pgpart {} maintenance: {}", run.trigger(), run.message());
                } else {
                    LOG.info("pgpart {} maintenance: {}", run.trigger(), run.message());
                }
                // each action is logged by the core's executor as it runs, with its table
            }
            case SKIPPED_BUSY, SKIPPED_STANDBY -> LOG.info("pgpart {} maintenance skipped: {}", run.trigger(), run.message());
            case FAILED -> LOG.error("pgpart {} maintenance failed: {}", run.trigger(), run.message(), run.error().orElseThrow());
        }
    }

    private static Duration since(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
