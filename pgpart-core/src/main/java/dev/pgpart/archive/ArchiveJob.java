package dev.pgpart.archive;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.internal.catalog.Catalog;
import dev.pgpart.internal.catalog.CatalogReader;
import dev.pgpart.api.ActionResult;
import dev.pgpart.internal.exec.Executor;
import dev.pgpart.api.MaintainOptions;
import dev.pgpart.api.MaintenanceListener;
import dev.pgpart.api.Outcome;
import dev.pgpart.plan.Action;
import dev.pgpart.plan.ArchivePartition;
import dev.pgpart.plan.DetachPartition;
import dev.pgpart.plan.FinalizeDetach;
import dev.pgpart.plan.Plan;
import dev.pgpart.plan.TablePlan;
import dev.pgpart.spec.ArchiveSpec;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import dev.pgpart.state.Job;
import dev.pgpart.state.JobContext;
import dev.pgpart.state.JobPhase;
import dev.pgpart.state.JobRunner;
import dev.pgpart.state.StateSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Archiving one partition as a resumable job (kind {@code archive}, target the partition): detach →
 * export → verify → drop. Each phase looks at the catalog and the archive table before acting, so
 * a run killed anywhere resumes from where it stopped; the job lock keeps a second process off the
 * same partition. The drop happens only after verification, in one transaction that holds ACCESS
 * EXCLUSIVE, compares the table with the manifest once more, drops it and records it.
 */
public final class ArchiveJob {
    public static final String KIND = "archive";

    private final StateSchema schema;
    private final String owner;
    private final ArchiveSpec spec;
    private final Duration lockTimeout;
    private final MaintainOptions options;
    private final ArchiveProgress progress;
    private final String version;
    private AfterPhase afterPhase = phase -> { };
    private SideSessions sides = SideSessions.NONE;
    private Optional<Duration> beatEvery = Optional.empty();

    /** Called after each phase has committed; tests stop the job there to prove it resumes. */
    @FunctionalInterface
    public interface AfterPhase {
        void after(String phase) throws SQLException;
    }

    public ArchiveJob(StateSchema schema, String owner, ArchiveSpec spec, Duration lockTimeout, MaintainOptions options,
                      ArchiveProgress progress, String version) {
        this.schema = schema;
        this.owner = owner;
        this.spec = spec;
        this.lockTimeout = lockTimeout;
        this.options = options;
        this.progress = progress;
        this.version = version;
    }

    /** The same job, calling {@code hook} after each committed phase. */
    public ArchiveJob afterEachPhase(AfterPhase hook) {
        this.afterPhase = hook;
        return this;
    }

    /**
     * The same job, with second sessions: the table's checksum then runs beside the export, on a
     * session that holds the table unchanged until the drop (see {@link TableGuard}).
     */
    public ArchiveJob withSideSessions(SideSessions sessions) {
        this.sides = sessions;
        return this;
    }

    /**
     * The same job, refreshing its heartbeat during each phase (on a second session) often enough
     * that {@code check}, with this {@code job_stuck_after}, never calls it stuck while it works.
     */
    public ArchiveJob heartbeatWithin(Duration stuckAfter) {
        this.beatEvery = Optional.of(Heartbeat.every(stuckAfter));
        return this;
    }

    /** The guard of this run, once the export has opened one; closed when the run ends. */
    private static final class Guard implements AutoCloseable {
        private Optional<TableGuard> held = Optional.empty();

        void set(Optional<TableGuard> g) {
            close();
            held = g;
        }

        Optional<TableGuard> get() {
            return held;
        }

        @Override
        public void close() {
            held.ifPresent(TableGuard::close);
            held = Optional.empty();
        }
    }

    /** The job's parameters: a resumed job must have been started with the same ones. */
    static Map<String, String> params(ArchivePartition a, ArchiveSpec spec) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("parent", a.parent().toString());
        p.put("bound", dev.pgpart.plan.BoundText.of(a.bound()));
        p.put("location", spec.location());
        p.put("compression", spec.compression().key());
        p.put("part_size", Long.toString(spec.partSize()));
        return p;
    }

    /** Runs (or resumes) the job to the end: the partition is archived, verified and dropped. */
    public Job run(Connection c, ArchivePartition a) {
        try (ArchiveStore store = ArchiveStores.open(spec); Guard guard = new Guard()) {
            ArchiveLog log = new ArchiveLog(schema);
            Layout layout = new Layout(a.parent(), a.partition());
            List<JobPhase> phases = List.of(
                    phase("detach", ctx -> detach(c, ctx, a, log, store.uri(layout.prefix()))),
                    phase("export", ctx -> export(c, ctx, a, log, store, guard)),
                    phase("verify", ctx -> verify(c, ctx, a, log, store, layout, guard)),
                    phase("drop", ctx -> drop(c, ctx, a, log, store, layout, guard)));
            return new JobRunner(schema, owner).run(c, KIND, a.partition().toString(), params(a, spec), phases);
        }
    }

    private void detach(Connection c, JobContext ctx, ArchivePartition a, ArchiveLog log, String location) throws SQLException {
        ctx.total(4, "phases");
        TableState state = TableState.of(c, a.partition());
        if (state == TableState.MISSING) {
            throw new PgpartException(ErrorCode.UNSAFE, a.partition() + " does not exist, so it cannot be archived;"
                    + " nothing was changed. If it was dropped by hand, cancel the job (UPDATE "
                    + schema.table("job") + " SET state = 'cancelled' WHERE id = " + ctx.job().id() + ")");
        }
        if (state != TableState.DETACHED) {
            Action detach = state == TableState.DETACH_PENDING ? new FinalizeDetach(a.parent(), a.partition())
                    : new DetachPartition(a.parent(), a.partition(), a.bound(), a.concurrently(), a.reason());
            runDetach(c, detach);
        }
        ctx.step(x -> {
            log.detached(x, a.parent(), a.partition(), dev.pgpart.plan.BoundText.of(a.bound()), location, ctx.job().id());
            return JobContext.Progress.of(1);
        });
    }

    /** The detach goes through the executor: its lock_timeout, retries, CONCURRENTLY and the blocker report. */
    private void runDetach(Connection c, Action detach) throws SQLException {
        Catalog catalog = new CatalogReader(false).read(c, List.of(detach.parent()));
        Plan plan = new Plan(Instant.now(), List.of(new TablePlan(detach.parent(), List.of(detach), List.of())));
        ActionResult r = new Executor().execute(c, plan, catalog, options.withConsent(true).withSkips(false, false),
                Map.of(detach.parent(), lockTimeout), MaintenanceListener.NONE).results().get(0);
        if (r.outcome() != Outcome.APPLIED) {
            throw new PgpartException(ErrorCode.LOCK_TIMEOUT, "could not detach " + detach.partition() + " for archiving: "
                    + r.detail());
        }
    }

    /** Checkpoint key: the export committed ("true"), or verification failed and the next run exports anew ("false"). */
    static final String EXPORTED = "exported";

    private void export(Connection c, JobContext ctx, ArchivePartition a, ArchiveLog log, ArchiveStore store, Guard guard)
            throws SQLException {
        if ("true".equals(ctx.job().checkpoint().get(EXPORTED))) {
            return; // committed before the job stopped
        }
        Exporter.Exported e;
        try {
            RowHash hash = RowHash.forServer(c);
            guard.set(TableGuard.open(sides, c, a.partition(), hash, lockTimeout));
            e = new Exporter(store, spec, lockTimeout, progress).export(c, a.parent(), a.partition(),
                    dev.pgpart.plan.BoundText.of(a.bound()), version, hash, guard.get());
        } catch (IOException io) {
            guard.close();
            throw storeFailure(a, "export", io);
        } catch (SQLException | RuntimeException ex) {
            guard.close();
            throw ex;
        }
        Manifest m = e.manifest();
        ctx.step(x -> {
            log.exported(x, a.partition(), e.manifestJson(), m.rows(), m.bytes(), m.parts().size(), m.checksum().sum());
            return new JobContext.Progress(1, Map.of("rows", Long.toString(m.rows()), "bytes", Long.toString(m.bytes()),
                    EXPORTED, "true"));
        });
    }

    private void verify(Connection c, JobContext ctx, ArchivePartition a, ArchiveLog log, ArchiveStore store, Layout layout,
                        Guard guard) throws SQLException {
        if ("false".equals(ctx.job().checkpoint().get(EXPORTED))) {
            export(c, ctx, a, log, store, guard); // the last verification failed: export anew
        }
        Manifest m = storedManifest(c, a, store, layout);
        List<String> problems;
        try {
            problems = new java.util.ArrayList<>(new Verifier(store, progress).checkStore(m));
        } catch (IOException io) {
            throw storeFailure(a, "verify", io);
        }
        if (!problems.isEmpty()) {
            ctx.step(x -> new JobContext.Progress(0, Map.of(EXPORTED, "false")));
            throw Verifier.mismatch(a.partition(), problems, a.partition() + " is kept, detached; nothing was dropped."
                    + " The next run (maintain --yes or archive run --yes) exports it anew and verifies again");
        }
        ctx.step(x -> {
            log.state(x, a.partition(), ArchiveEntry.State.VERIFIED);
            return JobContext.Progress.of(1);
        });
    }

    private void drop(Connection c, JobContext ctx, ArchivePartition a, ArchiveLog log, ArchiveStore store, Layout layout,
                      Guard guard) throws SQLException {
        if ("false".equals(ctx.job().checkpoint().get(EXPORTED))) {
            verify(c, ctx, a, log, store, layout, guard); // the table differed from the archive last time: export and verify anew
        }
        try {
            if (guard.get().isPresent() && guard.get().get().drop(storedManifest(c, a, store, layout), log)) {
                guard.close();
                ctx.step(x -> JobContext.Progress.of(1)); // dropped and recorded on the guard's session
                return;
            }
            guard.close(); // lost or not there: nothing holds the table, so it is compared again under the drop's lock
            dropVerified(ctx, a, log, store, layout);
        } catch (ArchiveMismatch e) {
            ctx.step(x -> new JobContext.Progress(0, Map.of(EXPORTED, "false")));
            throw e;
        }
    }

    private void dropVerified(JobContext ctx, ArchivePartition a, ArchiveLog log, ArchiveStore store, Layout layout)
            throws SQLException {
        ctx.step(x -> {
            if (TableState.of(x, a.partition()) == TableState.MISSING && log.find(x, a.partition())
                    .filter(e -> e.state() == ArchiveEntry.State.DROPPED).isPresent()) {
                return JobContext.Progress.of(0); // dropped and recorded in one transaction already
            }
            Manifest m = storedManifest(x, a, store, layout);
            try (Statement s = x.createStatement()) {
                s.execute("SET LOCAL lock_timeout = " + Sql.millis(lockTimeout));
                s.execute("LOCK TABLE " + a.partition().sql() + " IN ACCESS EXCLUSIVE MODE");
            }
            if (TableState.of(x, a.partition()) != TableState.DETACHED) {
                throw new PgpartException(ErrorCode.UNSAFE, a.partition() + " is attached again; it was not dropped");
            }
            // The table is compared with the verified archive here, under the lock the DROP takes
            // anyway, so nothing can change it between this look and the drop: one scan of the table.
            List<String> problems = new java.util.ArrayList<>();
            Verifier.columnDifference(x, a.partition(), m).ifPresent(problems::add);
            if (problems.isEmpty()) {
                RowChecksum.Value table = ChecksumSql.compute(x, a.partition(), m.columns(), m.hash());
                if (!table.equals(m.checksum())) {
                    problems.add("the table " + a.partition() + " has " + table + ", the archive " + m.checksum());
                }
            }
            if (!problems.isEmpty()) {
                throw Verifier.mismatch(a.partition(), problems, a.partition() + " is kept, detached; nothing was"
                        + " dropped. If the table changed after the export, the next run exports it anew");
            }
            try (Statement s = x.createStatement()) {
                s.execute("DROP TABLE " + a.partition().sql());
            }
            log.state(x, a.partition(), ArchiveEntry.State.DROPPED);
            return JobContext.Progress.of(1);
        });
    }

    private static Manifest storedManifest(Connection c, ArchivePartition a, ArchiveStore store, Layout layout)
            throws SQLException {
        try {
            return ManifestSql.parse(c, Verifier.readManifest(store, layout), store.uri(layout.manifest()));
        } catch (IOException io) {
            throw storeFailure(a, "read the manifest of", io);
        }
    }

    private static PgpartException storeFailure(ArchivePartition a, String what, IOException e) {
        return new PgpartException(ErrorCode.DATABASE, "could not " + what + " " + a.partition() + " in the archive store: "
                + e.getMessage() + ". " + a.partition() + " is kept (detached); nothing was dropped. Run again to resume", e);
    }

    @FunctionalInterface
    private interface Body {
        void run(JobContext ctx) throws SQLException;
    }

    private JobPhase phase(String name, Body body) {
        return new JobPhase() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void run(JobContext ctx) throws SQLException {
                try (Heartbeat beat = beatEvery.map(e -> Heartbeat.start(sides, schema, ctx.job().id(), ctx.job().target(), e))
                        .orElse(Heartbeat.none())) {
                    body.run(ctx);
                    afterPhase.after(name);
                } catch (UncheckedIOException e) {
                    throw new PgpartException(ErrorCode.DATABASE, "archive store failure in phase " + name + ": "
                            + e.getCause().getMessage() + "; nothing was dropped, run again to resume", e);
                }
            }
        };
    }
}
