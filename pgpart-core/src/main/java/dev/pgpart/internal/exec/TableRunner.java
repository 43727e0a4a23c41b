package dev.pgpart.internal.exec;

import dev.pgpart.api.ActionResult;
import dev.pgpart.api.MaintainOptions;
import dev.pgpart.api.MaintenanceListener;
import dev.pgpart.api.Outcome;
import dev.pgpart.api.SkipReason;

import dev.pgpart.internal.catalog.Partition;
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.plan.Action;
import dev.pgpart.plan.CreateDefaultPartition;
import dev.pgpart.plan.CreatePartition;
import dev.pgpart.plan.TablePlan;
import dev.pgpart.sql.QualifiedName;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One table's actions: skips first, then the transactional ones in one transaction, then each
 * {@code DETACH ... CONCURRENTLY} on its own. Results come back in plan order.
 */
final class TableRunner {
    private static final Logger LOG = LoggerFactory.getLogger(TableRunner.class);

    private final Connection c;
    private final MaintainOptions options;
    private final String currentUser;
    private final MaintenanceListener listener;
    private final DdlRenderer renderer = new DdlRenderer();

    TableRunner(Connection c, MaintainOptions options, String currentUser, MaintenanceListener listener) {
        this.c = c;
        this.options = options;
        this.currentUser = currentUser;
        this.listener = listener;
    }

    List<ActionResult> run(TablePlan tp, Optional<TableInfo> info, Duration lockTimeout) {
        List<Action> actions = tp.actions();
        ActionResult[] results = new ActionResult[actions.size()];
        List<Integer> txIndexes = new ArrayList<>();
        List<Integer> concurrent = new ArrayList<>();
        List<RenderedAction> rendered = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            Action a = actions.get(i);
            rendered.add(null);
            Optional<ActionResult> skip = skipped(a);
            if (skip.isPresent()) {
                finish(results, i, skip.get());
            } else if (info.isEmpty()) {
                finish(results, i, failed(a, tp.table() + " is not in the catalog snapshot; nothing was run", 0, Duration.ZERO));
            } else {
                try {
                    RenderedAction r = renderer.render(a, info.get(), currentUser);
                    rendered.set(i, r);
                    (r.transactional() ? txIndexes : concurrent).add(i);
                } catch (IllegalArgumentException e) {
                    finish(results, i, failed(a, "not run: " + e.getMessage(), 0, Duration.ZERO));
                }
            }
        }
        List<TableTransaction.Work> tx = txIndexes.stream()
                .map(i -> new TableTransaction.Work(i, actions.get(i), rendered.get(i).steps())).toList();
        Set<QualifiedName> relations = relations(tp, info);
        boolean distributed = info.map(TableInfo::distributed).orElse(false);
        boolean locked = runTransaction(tp.table(), tx, lockTimeout, relations, results, distributed);
        for (int i : concurrent) {
            finish(results, i, locked
                    ? failed(actions.get(i), "not attempted: the locks for " + tp.table() + " could not be taken (see the"
                        + " other actions); " + actions.get(i).partition() + " is still attached", 0, Duration.ZERO)
                    : runConcurrent(tp.table(), rendered.get(i), lockTimeout, relations, distributed));
        }
        return Arrays.asList(results);
    }

    /** @return whether every attempt ended on a lock (so nothing changed and the rest is not tried) */
    private boolean runTransaction(QualifiedName table, List<TableTransaction.Work> tx, Duration lockTimeout,
                                   Set<QualifiedName> relations, ActionResult[] results, boolean distributed) {
        if (tx.isEmpty()) {
            return false;
        }
        TableTransaction.Result r = new TableTransaction(c, table, lockTimeout, options, relations, distributed).run(tx);
        for (TableTransaction.Done d : r.done()) {
            Action a = tx.stream().filter(w -> w.index() == d.index()).findFirst().orElseThrow().action();
            finish(results, d.index(), d.ok()
                    ? new ActionResult(a, Outcome.APPLIED, Details.applied(a, d.rowsMoved(), table), d.rowsMoved(), r.attempts(), d.elapsed())
                    : failed(a, d.detail(), r.attempts(), d.elapsed()));
        }
        return r.lockExhausted();
    }

    private ActionResult runConcurrent(QualifiedName table, RenderedAction r, Duration lockTimeout, Set<QualifiedName> relations,
                                       boolean distributed) {
        long t0 = System.nanoTime();
        Action a = r.action();
        ConcurrentDetach.Outcome o = ConcurrentDetach.run(c, table, r, lockTimeout, options, relations);
        if (!o.ok()) {
            return failed(a, o.detail(), o.attempts(), Duration.ofNanos(System.nanoTime() - t0));
        }
        TableTransaction.Result after = new TableTransaction(c, table, lockTimeout, options, relations, distributed)
                .run(List.of(new TableTransaction.Work(0, a, r.steps())));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
        TableTransaction.Done d = after.done().get(0);
        if (d.ok()) {
            return new ActionResult(a, Outcome.APPLIED, Details.applied(a, 0, table), 0, o.attempts(), elapsed);
        }
        return failed(a, a.partition() + " was detached from " + table + " and is now a plain table, but the next step"
                + " failed: " + d.detail() + "\npgpart no longer sees it as a partition: finish by hand (comment or"
                + " DROP TABLE " + a.partition().sql() + ").", o.attempts() + after.attempts(), elapsed);
    }

    private Optional<ActionResult> skipped(Action a) {
        if (a.creates()) {
            return options.skipCreate() ? Optional.of(ActionResult.skipped(a, SkipReason.SKIP_CREATE, "skipped: --skip-create"))
                    : Optional.empty();
        }
        if (options.skipDelete()) {
            return Optional.of(ActionResult.skipped(a, SkipReason.SKIP_DELETE, "skipped: --skip-delete"));
        }
        if (a.requiresConsent() && !options.consent()) {
            return Optional.of(ActionResult.skipped(a, SkipReason.NO_CONSENT, "needs --yes: it removes " + a.partition()
                    + " from " + a.parent() + "; run again with --yes to apply"));
        }
        return Optional.empty();
    }

    /** Every relation the table's locks may conflict on, for the blocker report. */
    private static Set<QualifiedName> relations(TablePlan tp, Optional<TableInfo> info) {
        Set<QualifiedName> out = new LinkedHashSet<>();
        out.add(tp.table());
        info.flatMap(TableInfo::defaultPartition).map(Partition::name).ifPresent(out::add);
        tp.actions().forEach(a -> out.add(a.partition()));
        return out;
    }

    private void finish(ActionResult[] results, int i, ActionResult r) {
        results[i] = r;
        if (r.outcome() == Outcome.FAILED) {
            LOG.warn("{}: FAILED {} after {} attempt(s): {}", r.action().parent(), r.action().describe(), r.attempts(), r.detail());
        } else {
            LOG.info("{}: {} {} ({}; {} attempt(s), {} ms)", r.action().parent(), r.outcome(), r.action().describe(),
                    r.detail(), r.attempts(), r.elapsed().toMillis());
        }
        listener.actionFinished(r);
    }

    private static ActionResult failed(Action a, String detail, int attempts, Duration elapsed) {
        return new ActionResult(a, Outcome.FAILED, detail, 0, attempts, elapsed);
    }
}
