package dev.pgpart.api;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.convert.AttachJob;
import dev.pgpart.convert.AttachPlanner;
import dev.pgpart.convert.AttachUndo;
import dev.pgpart.convert.Boundary;
import dev.pgpart.convert.CitusRefusal;
import dev.pgpart.convert.ConvertPlan;
import dev.pgpart.convert.Names;
import dev.pgpart.convert.Source;
import dev.pgpart.convert.SourceReader;
import dev.pgpart.convert.copy.CopyConversion;
import dev.pgpart.convert.copy.CopyPlanner;
import dev.pgpart.convert.copy.CopyState;
import dev.pgpart.spec.ConvertSpec;
import dev.pgpart.spec.Spec;
import dev.pgpart.spec.TableSpec;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.state.Job;
import dev.pgpart.state.JobPhase;
import dev.pgpart.state.JobRunner;
import dev.pgpart.state.StateSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code pgpart convert}: turns a configured plain table into a partitioned one, online, as a
 * resumable job (kind {@value #KIND}, target the table's name). Get it from {@link Pgpart#conversions()}.
 */
public final class Conversions {
    public static final String KIND = "convert";
    private final Sessions sessions;
    private final Spec spec;
    private final Clock clock;
    private final String owner;

    Conversions(Sessions sessions, Spec spec, Clock clock, String owner) {
        this.sessions = sessions;
        this.spec = spec;
        this.clock = clock;
        this.owner = owner;
    }

    /** Read-only preflight: every phase and statement, what is carried over, estimates, blockers. */
    public ConvertPlan plan(QualifiedName table, Optional<ConvertSpec.Strategy> strategy) {
        TableSpec t = table(table, strategy);
        return sessions.withSession(c -> plan(c, t));
    }

    private ConvertPlan plan(Connection c, TableSpec t) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            // one snapshot for every catalog query and the key scans
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            Optional<Source> source = SourceReader.read(c, t.table(), t.key(), t.convert().strategy() == ConvertSpec.Strategy.COPY
                    ? (k, max) -> CopyPlanner.coveredUpTo(t, k, clock.instant()) : (k, max) -> Boundary.of(t, k, max, clock.instant()));
            Source src = source.orElseThrow(() -> new PgpartException(ErrorCode.CONFIG, "table " + t.table()
                    + " does not exist: check the name in the configuration; nothing was changed"));
            CitusRefusal.convert(src.info());
            if (t.convert().strategy() == ConvertSpec.Strategy.COPY) {
                return CopyPlanner.plan(t, src, src.key().flatMap(k -> CopyPlanner.coveredUpTo(t, k, clock.instant())),
                        copy(t).state(c) != CopyState.NONE);
            }
            Optional<String> boundary = src.key().flatMap(k -> Boundary.of(t, k, src.keys().max(), clock.instant()));
            return AttachPlanner.plan(t, src, boundary);
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    /** Starts or resumes the conversion; it stops when ready for cut-over unless {@code cutover} (or {@code cutover: auto}). */
    public Outcome run(QualifiedName table, Optional<ConvertSpec.Strategy> strategy, boolean cutover,
                       Optional<Long> maxRowsPerSecond) {
        return run(table, strategy, cutover, maxRowsPerSecond, JobRunner.Listener.NONE);
    }

    /** @param progress told the job's state after every committed step (rows copied, phase) */
    public Outcome run(QualifiedName table, Optional<ConvertSpec.Strategy> strategy, boolean cutover,
                       Optional<Long> maxRowsPerSecond, JobRunner.Listener progress) {
        TableSpec base = table(table, strategy.isPresent() ? strategy : sessions.withSession(c -> resumable(c, table)));
        TableSpec t = base.withConvert(base.convert().withMaxRowsPerSecond(maxRowsPerSecond.or(() -> base.convert().maxRowsPerSecond())));
        // before the state schema or a job exists: a distributed table is refused with nothing written
        sessions.withSession(c -> {
            CitusRefusal.convert(c, t.table());
            return null;
        });
        if (t.convert().strategy() == ConvertSpec.Strategy.COPY) {
            return sessions.withSession(c -> runCopy(c, t, cutover, progress));
        }
        return sessions.withSession(c -> {
            StateSchema schema = schema();
            Optional<Job> unfinished = latest(c, t.table()).filter(j -> !j.finished());
            boolean swapNow = cutover || t.convert().cutover() == ConvertSpec.Cutover.AUTO
                    || unfinished.map(j -> j.phase().equals(AttachPlanner.ROUTE) || j.phase().equals(AttachPlanner.RANGE) || j.phase().equals(AttachPlanner.SWAP)
                    || j.phase().equals(AttachPlanner.VALIDATE_FKS)).orElse(false);
            ConvertPlan plan = plan(c, t);
            boolean started = unfinished.isPresent() || plan.blockers().isEmpty();
            if (!started) {
                return new Outcome(plan, Optional.empty(), false);
            }
            List<JobPhase> phases = new AttachJob(spec, t, clock).phases(swapNow);
            Job job = new JobRunner(schema, owner, progress).run(c, KIND, t.table().toString(),
                    Map.of("strategy", ConvertSpec.Strategy.ATTACH.text()), phases);
            return new Outcome(plan, Optional.of(job), swapNow);
        });
    }

    /**
     * The copy strategy, under the job's lock from the first look to the end. A job that stopped
     * "ready for cut-over" (done at {@code copy.verify}, the new table still beside the original)
     * is reopened by the cut-over run: it verifies again and swaps, without copying again.
     */
    private Outcome runCopy(Connection c, TableSpec t, boolean cutover, JobRunner.Listener progress) throws SQLException {
        CopyConversion conv = copy(t);
        JobRunner runner = new JobRunner(schema(), owner, progress);
        String target = t.table().toString();
        schema().ensure(c);
        return runner.withLock(c, target, () -> {
            Optional<Job> latest = latest(c, t.table());
            Optional<Job> unfinished = latest.filter(j -> !j.finished());
            Optional<Job> ready = latest.filter(j -> j.state() == Job.State.DONE && j.phase().equals(CopyConversion.VERIFY)
                    && j.params().equals(conv.params())).filter(j -> stateOf(c, conv) == CopyState.COPYING);
            boolean swapNow = cutover || t.convert().cutover() == ConvertSpec.Cutover.AUTO
                    || unfinished.map(j -> j.phase().equals(CopyConversion.CUTOVER)).orElse(false);
            ConvertPlan plan = plan(c, t);
            if (unfinished.isEmpty() && ready.isEmpty() && !plan.blockers().isEmpty()) {
                return new Outcome(plan, Optional.empty(), false);
            }
            if (ready.isPresent() && !swapNow) {
                return new Outcome(plan, ready, false);
            }
            ready.ifPresent(j -> reopen(c, j));
            Job job = runner.run(c, KIND, target, conv.params(), conv.phases(swapNow));
            return new Outcome(plan, Optional.of(job), swapNow);
        });
    }

    /** The strategy of the table's job that a run would resume (unfinished, or copy ready for cut-over). */
    private Optional<ConvertSpec.Strategy> resumable(Connection c, QualifiedName table) throws SQLException {
        QualifiedName name = table(table, Optional.empty()).table();
        return latest(c, name).filter(j -> !j.finished() || j.phase().equals(CopyConversion.VERIFY))
                .flatMap(j -> Arrays.stream(ConvertSpec.Strategy.values())
                        .filter(x -> x.text().equals(j.params().get("strategy"))).findFirst());
    }

    private void reopen(Connection c, Job j) {
        try {
            JobRunner.reopen(c, schema(), j.id(), CopyConversion.VERIFY);
        } catch (SQLException e) {
            throw new PgpartException(ErrorCode.DATABASE, j.target() + ": could not reopen conversion job #" + j.id()
                    + " for the cut-over: " + e.getMessage() + ". Nothing was changed; run again", e);
        }
    }

    private static CopyState stateOf(Connection c, CopyConversion conv) {
        try {
            return conv.state(c);
        } catch (SQLException e) {
            throw new PgpartException(ErrorCode.DATABASE, "could not read the state of the copy conversion: " + e.getMessage(), e);
        }
    }

    private CopyConversion copy(TableSpec t) {
        return new CopyConversion(schema(), t.table(), t.key().orElse(""), t, t.convert().batchSize(),
                t.convert().maxRowsPerSecond().map(OptionalLong::of).orElse(OptionalLong.empty()), t.lockTimeout(), clock,
                t.convert().backfillWorkers(), sessions.sides());
    }

    /** What {@link #run} did: the plan it checked, the job (none when a blocker stopped it), and whether it swapped. */
    public record Outcome(ConvertPlan plan, Optional<Job> job, boolean swapped) {
    }

    /** The newest conversion job of the table and whether the table is partitioned now. */
    public Status status(QualifiedName table) {
        TableSpec t = table(table, Optional.empty());
        return sessions.withSession(c -> {
            Optional<Job> job = latest(c, t.table());
            boolean copy = job.map(j -> ConvertSpec.Strategy.COPY.text().equals(j.params().get("strategy")))
                    .orElse(t.convert().strategy() == ConvertSpec.Strategy.COPY);
            Optional<Double> rate = job.flatMap(Conversions::rate);
            return new Status(t.table(), job, partitioned(c, t.table()), rate, job.flatMap(j -> eta(j, rate)),
                    copy ? Optional.of(Duration.ZERO) : Optional.empty());
        });
    }

    /**
     * @param converted     the table is partitioned now (the swap is done)
     * @param rowsPerSecond rows (the job's unit) per second over the job's life, once it has done some
     * @param eta           time left in the job's counted phase (the copy's backfill), while it is unfinished
     * @param syncLag       for the copy strategy: always zero, the sync triggers write the new table in the
     *                      application's own transaction; empty for attach (nothing is synced)
     */
    public record Status(QualifiedName table, Optional<Job> job, boolean converted, Optional<Double> rowsPerSecond,
                         Optional<Duration> eta, Optional<Duration> syncLag) {
        public boolean readyForCutover() {
            return !converted && job.filter(j -> j.state() == Job.State.DONE).isPresent();
        }
    }

    static Optional<Double> rate(Job j) {
        double seconds = Duration.between(j.createdAt(), j.heartbeat()).toMillis() / 1000.0;
        return j.done() > 0 && seconds > 0 ? Optional.of(j.done() / seconds) : Optional.empty();
    }

    static Optional<Duration> eta(Job j, Optional<Double> rate) {
        if (j.finished() || j.total().isEmpty() || rate.isEmpty()) {
            return Optional.empty();
        }
        long left = Math.max(0, j.total().getAsLong() - j.done());
        return Optional.of(Duration.ofMillis((long) (left / rate.get() * 1000)));
    }

    /**
     * Back to the original table with every write made in the meantime, from any phase until finalize:
     * before the swap it drops what the conversion added and cancels the job; after it, the history
     * partition becomes the plain table again (see {@link AttachUndo}). {@code consent} false only lists it.
     */
    public Cleanup undo(QualifiedName table, boolean consent) {
        TableSpec t = table(table, Optional.empty());
        return sessions.withSession(c -> {
            if (isCopy(c, t)) {
                return undoCopy(c, t, consent);
            }
            AttachUndo undo = new AttachUndo(t, schema(), KIND);
            if (!consent) {
                return new Cleanup(t.table(), undo.undo(c, false), false);
            }
            // the job lock: never undo under a convert run that is still working on the table
            List<String> sql = new JobRunner(schema(), owner).withLock(c, t.table().toString(), () -> undo.undo(c, true));
            return new Cleanup(t.table(), sql, true);
        });
    }

    /** The newest job says copy, or the catalog has the copy strategy's tables. */
    private boolean isCopy(Connection c, TableSpec t) throws SQLException {
        Optional<Job> job = latest(c, t.table());
        if (job.isPresent() && ConvertSpec.Strategy.COPY.text().equals(job.get().params().get("strategy"))) {
            return true;
        }
        return copy(t).state(c) != CopyState.NONE;
    }

    private Cleanup undoCopy(Connection c, TableSpec t, boolean consent) throws SQLException {
        CopyConversion conv = copy(t);
        List<String> what = conv.undoSteps(c);
        if (consent) {
            new JobRunner(schema(), owner).withLock(c, t.table().toString(), () -> {
                conv.undo(c);
                return JobRunner.cancelLatest(c, schema(), KIND, t.table().toString(), "undone by convert undo");
            });
        }
        return new Cleanup(t.table(), what, consent);
    }

    private Cleanup finalizeCopy(Connection c, TableSpec t, boolean consent) throws SQLException {
        CopyConversion conv = copy(t);
        List<String> what = new ArrayList<>(conv.finalizeSteps(c));
        what.add("forget the conversion jobs of " + t.table());
        if (consent) {
            new JobRunner(schema(), owner).withLock(c, t.table().toString(), () -> {
                conv.finalize(c);
                return JobRunner.forget(c, schema(), KIND, t.table().toString());
            });
        }
        return new Cleanup(t.table(), what, consent);
    }

    /**
     * After the swap: forgets the conversion (its job rows). The history partition stays: it holds
     * the data. {@code consent} false only lists what it would do.
     */
    public Cleanup finalizeConversion(QualifiedName table, boolean consent) {
        TableSpec t = table(table, Optional.empty());
        return sessions.withSession(c -> {
            if (isCopy(c, t)) {
                return finalizeCopy(c, t, consent);
            }
            if (!partitioned(c, t.table())) {
                throw new PgpartException(ErrorCode.UNSAFE, t.table() + " is not swapped yet: finalize comes after"
                        + " pgpart convert run " + t.table() + " --cutover. Nothing was changed");
            }
            List<String> what = List.of("forget the conversion jobs of " + t.table() + " (the history partition "
                    + Names.of(t).oldTable() + " stays: it holds the rows below the boundary)");
            if (consent) {
                new JobRunner(schema(), owner).withLock(c, t.table().toString(),
                        () -> JobRunner.forget(c, schema(), KIND, t.table().toString()));
            }
            return new Cleanup(t.table(), what, consent);
        });
    }

    /** What undo or finalize dropped ({@code applied}) or would drop. */
    public record Cleanup(QualifiedName table, List<String> statements, boolean applied) {
        public Cleanup {
            statements = List.copyOf(statements);
        }
    }

    private TableSpec table(QualifiedName name, Optional<ConvertSpec.Strategy> strategy) {
        TableSpec t = spec.table(name).orElseThrow(() -> new PgpartException(ErrorCode.CONFIG, "table " + name
                + " is not in the configuration: add it with interval: and key: (see docs/guide-convert.md)"));
        ConvertSpec.Strategy s = strategy.orElse(t.convert().strategy());
        return t.withConvert(t.convert().withStrategy(s));
    }

    private StateSchema schema() {
        return new StateSchema(spec.operations().stateSchema());
    }

    private Optional<Job> latest(Connection c, QualifiedName table) throws SQLException {
        return JobRunner.recent(c, schema(), 1000).stream()
                .filter(j -> j.kind().equals(KIND) && j.target().equals(table.toString())).findFirst();
    }

    private static boolean partitioned(Connection c, QualifiedName t) throws SQLException {
        return exists(c, "SELECT 1 FROM pg_class r JOIN pg_namespace s ON s.oid = r.relnamespace WHERE s.nspname = ?"
                + " AND r.relname = ? AND r.relkind = 'p' AND ? IS NOT NULL", t, "x");
    }

    private static boolean exists(Connection c, String sql, QualifiedName t, String third) throws SQLException {
        try (var ps = c.prepareStatement(sql)) {
            ps.setString(1, t.schema());
            ps.setString(2, t.name());
            ps.setString(3, third);
            try (var rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
