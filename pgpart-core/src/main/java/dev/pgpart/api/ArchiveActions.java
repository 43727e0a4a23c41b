package dev.pgpart.api;

import dev.pgpart.PgpartException;
import dev.pgpart.archive.ArchiveEntry;
import dev.pgpart.archive.ArchiveJob;
import dev.pgpart.archive.ArchiveLog;
import dev.pgpart.archive.ArchiveProgress;
import dev.pgpart.internal.catalog.BoundParser;
import dev.pgpart.plan.Action;
import dev.pgpart.plan.ArchivePartition;
import dev.pgpart.plan.Plan;
import dev.pgpart.plan.TablePlan;
import dev.pgpart.spec.ArchiveSpec;
import dev.pgpart.spec.Spec;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.state.Job;
import dev.pgpart.state.JobRunner;
import dev.pgpart.state.StateSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The archive actions of a plan: the executor never sees them (it only runs statements); they run
 * after it, each as an {@link ArchiveJob}, with the same consent rules as drops. Unfinished
 * archive jobs of configured tables join the plan, so the next run resumes them even though their
 * partitions are no longer attached.
 */
final class ArchiveActions {
    private final ArchiveProgress progress;
    private final MaintenanceListener listener;
    private final dev.pgpart.archive.SideSessions sides;

    ArchiveActions(ArchiveProgress progress, MaintenanceListener listener, dev.pgpart.archive.SideSessions sides) {
        this.sides = sides;
        this.progress = progress;
        this.listener = listener;
    }

    /** {@code plan} with an archive action for each unfinished archive job of its tables that it lacks. */
    static Plan withResumable(Connection c, Spec s, Plan plan) throws SQLException {
        StateSchema schema = new StateSchema(s.operations().stateSchema());
        Set<String> planned = plan.actions().stream().map(a -> a.partition().toString()).collect(Collectors.toSet());
        List<Job> jobs = JobRunner.recent(c, schema, 1000).stream()
                .filter(j -> j.kind().equals(ArchiveJob.KIND) && !j.finished() && !planned.contains(j.target())).toList();
        if (jobs.isEmpty()) {
            return plan;
        }
        List<TablePlan> tables = new ArrayList<>();
        for (TablePlan tp : plan.tables()) {
            List<Action> actions = new ArrayList<>(tp.actions());
            for (Job j : jobs) {
                if (tp.table().toString().equals(j.params().get("parent"))) {
                    actions.add(new ArchivePartition(tp.table(), QualifiedName.parse(j.target()),
                            BoundParser.parse(j.params().getOrDefault("bound", "")), false, "resumes archive job #" + j.id()
                            + " at phase " + j.phase() + " (" + j.state().name().toLowerCase(java.util.Locale.ROOT) + ")"));
                }
            }
            tables.add(new TablePlan(tp.table(), actions, tp.findings()));
        }
        return new Plan(plan.at(), tables, plan.skipped());
    }

    static Plan withoutArchives(Plan plan) {
        return filter(plan, false);
    }

    static Plan onlyArchives(Plan plan) {
        return filter(plan, true);
    }

    private static Plan filter(Plan plan, boolean archives) {
        return new Plan(plan.at(), plan.tables().stream().map(tp -> new TablePlan(tp.table(),
                tp.actions().stream().filter(a -> (a instanceof ArchivePartition) == archives).toList(), tp.findings())).toList(),
                plan.skipped());
    }

    /** Runs the plan's archive actions and puts their results in plan order with the executor's. */
    MaintainResult finish(Connection c, Spec s, Plan plan, MaintainResult executed, MaintainOptions options) {
        long start = System.nanoTime();
        Iterator<ActionResult> done = executed.results().iterator();
        List<ActionResult> out = new ArrayList<>();
        for (Action a : plan.actions()) {
            if (a instanceof ArchivePartition ap) {
                out.add(run(c, s, ap, options));
            } else if (done.hasNext()) {
                out.add(done.next());
            }
        }
        return new MaintainResult(plan, out, executed.elapsed().plus(Duration.ofNanos(System.nanoTime() - start)));
    }

    private ActionResult run(Connection c, Spec s, ArchivePartition a, MaintainOptions options) {
        ActionResult r = attempt(c, s, a, options);
        listener.actionFinished(r);
        return r;
    }

    private ActionResult attempt(Connection c, Spec s, ArchivePartition a, MaintainOptions options) {
        if (options.skipDelete()) {
            return ActionResult.skipped(a, SkipReason.SKIP_DELETE, "skipped: --skip-delete");
        }
        if (!options.consent()) {
            return ActionResult.skipped(a, SkipReason.NO_CONSENT, "needs --yes: it archives " + a.partition() + " and then"
                    + " drops it from " + a.parent() + "; run again with --yes to apply");
        }
        Optional<ArchiveSpec> spec = s.archive(a.parent());
        long t0 = System.nanoTime();
        if (spec.isEmpty()) {
            return new ActionResult(a, Outcome.FAILED, "not run: " + a.parent() + " has no archive location configured"
                    + " (archive: {location: ...}); " + a.partition() + " is unchanged", 0, 0, Duration.ZERO);
        }
        StateSchema schema = new StateSchema(s.operations().stateSchema());
        Duration lockTimeout = s.table(a.parent()).map(t -> t.lockTimeout()).orElse(s.lockTimeout());
        try {
            new ArchiveJob(schema, owner(), spec.get(), lockTimeout, options, progress, RunRecording.version())
                    .withSideSessions(sides)
                    .heartbeatWithin(s.operations().jobStuckAfter()).run(c, a);
            Optional<ArchiveEntry> e = new ArchiveLog(schema).find(c, a.partition());
            String detail = e.map(x -> "archived to " + x.location() + ": " + x.rows().orElse(0) + " rows, "
                    + x.bytes().orElse(0) + " bytes in " + x.parts().orElse(0) + " part(s); verified; dropped").orElse("archived");
            return new ActionResult(a, Outcome.APPLIED, detail, 0, 1, Duration.ofNanos(System.nanoTime() - t0));
        } catch (PgpartException e) {
            return new ActionResult(a, Outcome.FAILED, e.getMessage(), 0, 1, Duration.ofNanos(System.nanoTime() - t0));
        } catch (SQLException e) {
            return new ActionResult(a, Outcome.FAILED, "archive of " + a.partition() + " stopped: " + e.getMessage()
                    + "; run again to resume", 0, 1, Duration.ofNanos(System.nanoTime() - t0));
        }
    }

    static String owner() {
        return RunRecording.host() + " pid " + ProcessHandle.current().pid() + " (pgpart " + RunRecording.version() + ")";
    }
}
