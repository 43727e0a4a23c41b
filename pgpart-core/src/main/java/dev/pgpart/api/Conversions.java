package dev.pgpart.api;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.convert.AttachJob;
import dev.pgpart.convert.AttachPlanner;
import dev.pgpart.convert.AttachUndo;
import dev.pgpart.convert.Boundary;
import dev.pgpart.convert.ConvertPlan;
import dev.pgpart.convert.Names;
import dev.pgpart.convert.Source;
import dev.pgpart.convert.SourceReader;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
            Optional<Source> source = SourceReader.read(c, t.table(), t.key(), (k, max) -> Boundary.of(t, k, max, clock.instant()));
            Source src = source.orElseThrow(() -> new PgpartException(ErrorCode.CONFIG, "table " + t.table()
                    + " does not exist: check the name in the configuration; nothing was changed"));
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
        TableSpec base = table(table, strategy);
        TableSpec t = base.withConvert(base.convert().withMaxRowsPerSecond(maxRowsPerSecond.or(() -> base.convert().maxRowsPerSecond())));
        return sessions.withSession(c -> {
            StateSchema schema = schema();
            Optional<Job> unfinished = latest(c, t.table()).filter(j -> !j.finished());
            boolean swapNow = cutover || t.convert().cutover() == ConvertSpec.Cutover.AUTO
                    || unfinished.map(j -> j.phase().equals(AttachPlanner.RANGE) || j.phase().equals(AttachPlanner.SWAP)
                    || j.phase().equals(AttachPlanner.VALIDATE_FKS)).orElse(false);
            ConvertPlan plan = plan(c, t);
            boolean started = unfinished.isPresent() || plan.blockers().isEmpty();
            if (!started) {
                return new Outcome(plan, Optional.empty(), false);
            }
            List<JobPhase> phases = new AttachJob(spec, t, clock).phases(swapNow);
            Job job = new JobRunner(schema, owner).run(c, KIND, t.table().toString(),
                    Map.of("strategy", ConvertSpec.Strategy.ATTACH.text()), phases);
            return new Outcome(plan, Optional.of(job), swapNow);
        });
    }

    /** What {@link #run} did: the plan it checked, the job (none when a blocker stopped it), and whether it swapped. */
    public record Outcome(ConvertPlan plan, Optional<Job> job, boolean swapped) {
    }

    /** The newest conversion job of the table and whether the table is partitioned now. */
    public Status status(QualifiedName table) {
        TableSpec t = table(table, Optional.empty());
        return sessions.withSession(c -> new Status(t.table(), latest(c, t.table()), partitioned(c, t.table())));
    }

    /** @param converted the table is partitioned now (the swap is done) */
    public record Status(QualifiedName table, Optional<Job> job, boolean converted) {
        public boolean readyForCutover() {
            return !converted && job.filter(j -> j.state() == Job.State.DONE).isPresent();
        }
    }

    /**
     * Back to the original table with every write made in the meantime, from any phase until finalize:
     * before the swap it drops what the conversion added and cancels the job; after it, the history
     * partition becomes the plain table again (see {@link AttachUndo}). {@code consent} false only lists it.
     */
    public Cleanup undo(QualifiedName table, boolean consent) {
        TableSpec t = table(table, Optional.empty());
        return sessions.withSession(c -> new Cleanup(t.table(), new AttachUndo(t, schema(), KIND).undo(c, consent), consent));
    }

    /**
     * After the swap: forgets the conversion (its job rows). The history partition stays: it holds
     * the data. {@code consent} false only lists what it would do.
     */
    public Cleanup finalizeConversion(QualifiedName table, boolean consent) {
        TableSpec t = table(table, Optional.empty());
        return sessions.withSession(c -> {
            if (!partitioned(c, t.table())) {
                throw new PgpartException(ErrorCode.UNSAFE, t.table() + " is not swapped yet: finalize comes after"
                        + " pgpart convert run " + t.table() + " --cutover. Nothing was changed");
            }
            List<String> what = List.of("forget the conversion jobs of " + t.table() + " (the history partition "
                    + Names.of(t).oldTable() + " stays: it holds the rows below the boundary)");
            if (consent) {
                JobRunner.forget(c, schema(), KIND, t.table().toString());
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
        if (s == ConvertSpec.Strategy.COPY) {
            throw new PgpartException(ErrorCode.CONFIG, "strategy copy is not available in this build of pgpart:"
                    + " use --strategy attach (or convert: {strategy: attach}); nothing was changed");
        }
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
