package dev.pgpart.api;

import dev.pgpart.internal.catalog.Catalog;
import dev.pgpart.internal.exec.Executor;
import dev.pgpart.plan.Plan;
import dev.pgpart.plan.TablePlan;
import dev.pgpart.sql.QualifiedName;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the tables of one plan on several connections at once ({@code --jobs}). Tables are
 * independent (one transaction each), so this only changes how long a large run takes; the
 * caller still holds the maintenance advisory lock on its own connection for the whole run.
 *
 * <p>It returns only when every worker has stopped, so the caller never releases that lock while
 * a worker still runs DDL; a worker that fails costs the tables it had not finished (they are
 * reported failed), never the results of the tables that committed.
 */
final class ParallelMaintenance {
    private static final Logger LOG = LoggerFactory.getLogger(ParallelMaintenance.class);
    private final Sessions sessions;
    private final MaintenanceListener listener;

    ParallelMaintenance(Sessions sessions, MaintenanceListener listener) {
        this.sessions = sessions;
        this.listener = listener;
    }

    MaintainResult run(Plan plan, Catalog catalog, MaintainOptions options, Map<QualifiedName, Duration> timeouts) {
        long start = System.nanoTime();
        List<TablePlan> work = plan.tables().stream().filter(t -> !t.isEmpty()).toList();
        AtomicReferenceArray<List<ActionResult>> done = new AtomicReferenceArray<>(work.size());
        Shared shared = new Shared(work, done, new AtomicIntegerArray(work.size()), new AtomicInteger(), new AtomicBoolean(),
                plan, catalog, options, timeouts);
        int workers = Math.min(options.jobs(), work.size());
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> new Thread(r, "pgpart-job"));
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            futures.add(pool.submit(() -> {
                worker(shared);
                return null;
            }));
        }
        pool.shutdown();
        List<String> errors = awaitAll(futures, shared.stop());
        List<ActionResult> results = new ArrayList<>();
        for (int i = 0; i < work.size(); i++) {
            List<ActionResult> r = done.get(i);
            results.addAll(r != null ? r : notRun(work.get(i), shared.started().get(i) == 1, errors));
        }
        return new MaintainResult(plan, results, Duration.ofNanos(System.nanoTime() - start));
    }

    private record Shared(List<TablePlan> work, AtomicReferenceArray<List<ActionResult>> done,
                          AtomicIntegerArray started, AtomicInteger next,
                          AtomicBoolean stop, Plan plan, Catalog catalog, MaintainOptions options,
                          Map<QualifiedName, Duration> timeouts) {
    }

    private void worker(Shared s) throws SQLException {
        MaintenanceListener perAction = new MaintenanceListener() {
            @Override
            public void actionFinished(ActionResult result) {
                synchronized (listener) {
                    listener.actionFinished(result);
                }
            }
        };
        try (Connection conn = sessions.dataSource().getConnection()) {
            sessions.withPrepared(conn, c -> {
                for (int i = s.next().getAndIncrement(); i < s.work().size() && !s.stop().get();
                     i = s.next().getAndIncrement()) {
                    TablePlan tp = s.work().get(i);
                    s.started().set(i, 1);
                    synchronized (listener) {
                        listener.tableStarted(tp.table(), i + 1, s.work().size(), tp.actions().size());
                    }
                    Plan one = new Plan(s.plan().at(), List.of(tp));
                    s.done().set(i, new Executor().execute(c, one, s.catalog(), s.options(), s.timeouts(), perAction).results());
                }
                return null;
            });
        }
    }

    /**
     * Waits for every worker, even when interrupted: a worker in the middle of a statement cannot be
     * stopped from here, and returning early would let the caller release the advisory lock under
     * it. An interrupt only stops workers from starting further tables.
     */
    private static List<String> awaitAll(List<Future<?>> futures, AtomicBoolean stop) {
        List<String> errors = new ArrayList<>();
        boolean interrupted = false;
        for (Future<?> f : futures) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    stop.set(true);
                } catch (ExecutionException e) {
                    // the tables it did not finish are reported failed with this; the others stand
                    LOG.warn("a parallel maintenance job stopped: {}", e.getCause().toString());
                    errors.add(String.valueOf(e.getCause().getMessage()));
                    break;
                }
            }
        }
        if (interrupted) {
            errors.add("the run was interrupted; tables not started were left alone");
            Thread.currentThread().interrupt();
        }
        return errors;
    }

    private static List<ActionResult> notRun(TablePlan tp, boolean started, List<String> errors) {
        String cause = errors.isEmpty() ? "the run stopped" : "a parallel job failed: " + String.join("; ", errors);
        String why = started
                ? "interrupted (" + cause + ") while " + tp.table() + " was being maintained: each transaction"
                  + " commits or rolls back as a whole; run plan to see what is left"
                : "not run (" + cause + "). Nothing was changed for " + tp.table() + "; run maintain again";
        return tp.actions().stream().map(a -> new ActionResult(a, Outcome.FAILED, why, 0, 0, Duration.ZERO)).toList();
    }
}
