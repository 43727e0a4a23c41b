package dev.pgpart.api;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.catalog.Catalog;
import dev.pgpart.exec.ActionResult;
import dev.pgpart.exec.Executor;
import dev.pgpart.exec.MaintainOptions;
import dev.pgpart.exec.MaintainResult;
import dev.pgpart.exec.MaintenanceListener;
import dev.pgpart.exec.Session;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.sql.DataSource;

/**
 * Runs the tables of one plan on several connections at once ({@code --jobs}). Tables are
 * independent (one transaction each), so this only changes how long a large run takes; the
 * caller still holds the maintenance advisory lock on its own connection for the whole run.
 */
final class ParallelMaintenance {
    private final DataSource dataSource;
    private final MaintenanceListener listener;

    ParallelMaintenance(DataSource dataSource, MaintenanceListener listener) {
        this.dataSource = dataSource;
        this.listener = listener;
    }

    MaintainResult run(Plan plan, Catalog catalog, MaintainOptions options, Map<QualifiedName, Duration> timeouts) {
        List<TablePlan> work = plan.tables().stream().filter(t -> !t.isEmpty()).toList();
        AtomicReferenceArray<List<ActionResult>> done = new AtomicReferenceArray<>(work.size());
        AtomicInteger next = new AtomicInteger();
        MaintenanceListener perAction = new MaintenanceListener() {
            @Override
            public void actionFinished(ActionResult result) {
                synchronized (listener) {
                    listener.actionFinished(result);
                }
            }
        };
        int workers = Math.min(options.jobs(), work.size());
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> new Thread(r, "pgpart-job"));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                futures.add(pool.submit(() -> {
                    worker(work, next, done, plan, catalog, options, timeouts, perAction);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                await(f);
            }
        } finally {
            pool.shutdownNow();
        }
        List<ActionResult> results = new ArrayList<>();
        for (int i = 0; i < work.size(); i++) {
            results.addAll(done.get(i));
        }
        return new MaintainResult(plan, results);
    }

    private void worker(List<TablePlan> work, AtomicInteger next, AtomicReferenceArray<List<ActionResult>> done,
                        Plan plan, Catalog catalog, MaintainOptions options, Map<QualifiedName, Duration> timeouts,
                        MaintenanceListener perAction) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Session.configure(c);
            for (int i = next.getAndIncrement(); i < work.size(); i = next.getAndIncrement()) {
                TablePlan tp = work.get(i);
                synchronized (listener) {
                    listener.tableStarted(tp.table(), i + 1, work.size(), tp.actions().size());
                }
                Plan one = new Plan(plan.at(), List.of(tp));
                done.set(i, new Executor().execute(c, one, catalog, options, timeouts, perAction).results());
            }
        }
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PgpartException(ErrorCode.INTERNAL, "interrupted while tables were being maintained; "
                    + "each table is committed or rolled back as a whole: run plan to see what is left", e);
        } catch (ExecutionException e) {
            throw new PgpartException(ErrorCode.DATABASE, "a parallel job failed: " + e.getCause().getMessage()
                    + ". Each table is committed or rolled back as a whole: run plan to see what is left", e.getCause());
        }
    }
}
