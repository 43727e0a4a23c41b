package dev.pgpart.api;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.internal.catalog.Catalog;
import dev.pgpart.internal.exec.AdvisoryLock;
import dev.pgpart.internal.exec.Executor;
import dev.pgpart.plan.Checker;
import dev.pgpart.state.JobRunner;
import dev.pgpart.state.RunLog;
import dev.pgpart.state.StateFindings;
import dev.pgpart.state.StateSchema;
import dev.pgpart.plan.Planner;
import dev.pgpart.plan.StatusCalculator;
import dev.pgpart.plan.TableChecks;
import dev.pgpart.spec.ConfigException;
import dev.pgpart.spec.SpecValidator;
import dev.pgpart.spec.TableSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.pgpart.plan.Finding;
import dev.pgpart.plan.Plan;
import dev.pgpart.plan.SkippedTable;
import dev.pgpart.plan.TablePlan;
import dev.pgpart.plan.TableStatus;
import dev.pgpart.spec.ConfigProblem;
import dev.pgpart.spec.Spec;
import dev.pgpart.sql.QualifiedName;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The Java entry point: everything the CLI does, for applications that run maintenance
 * themselves (a scheduler, a startup hook, a test).
 *
 * <pre>{@code
 * Pgpart pgpart = Pgpart.builder(dataSource).spec(SpecLoader.load(Path.of("pgpart.yml"))).build();
 * Plan plan = pgpart.plan();
 * MaintainResult result = pgpart.maintain(MaintainOptions.defaults().withConsent(true));
 * }</pre>
 *
 * Thread-safe: it holds no connection between calls. Concurrent {@code maintain} calls, in this
 * JVM or others, serialize on a PostgreSQL advisory lock.
 */
public final class Pgpart {
    /**
     * Bounds every statement pgpart sends (SET statement_timeout on its sessions, put back after):
     * long enough for a large move out of a default partition, short enough that nothing hangs.
     */
    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofMinutes(30);

    private final DataSource dataSource;
    private final Spec spec;
    private final Clock clock;
    private final MaintenanceListener listener;
    private final Sessions sessions;
    private final ManualPartitions manual;
    private final String application;
    private final ArchiveActions archiveActions;
    private final dev.pgpart.archive.ArchiveProgress archiveProgress;

    private Pgpart(Builder b) {
        this.dataSource = Objects.requireNonNull(b.dataSource, "dataSource");
        this.spec = Objects.requireNonNull(b.spec, "spec");
        this.clock = b.clock;
        this.listener = b.listener;
        this.sessions = new Sessions(dataSource, spec.lockTimeout(), b.statementTimeout);
        this.manual = new ManualPartitions(sessions, spec, clock, listener);
        this.application = b.application;
        this.archiveProgress = b.archiveProgress;
        this.archiveActions = new ArchiveActions(b.archiveProgress, listener, sessions.sides());
    }

    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    public Spec spec() {
        return spec;
    }

    /** Checks the spec against the database: missing tables, wrong method or key type. Empty when fine. */
    public List<ConfigProblem> validate() {
        return withSession(c -> SpecValidator.validate(spec, read(c, spec, false)));
    }

    /** What {@link #maintain} would do now. */
    public Plan plan() {
        return plan(Optional.empty(), clock.instant());
    }

    /** What {@link #maintain} would do at {@code at}, for one table or all. */
    public Plan plan(Optional<QualifiedName> table, Instant at) {
        Spec s = select(table);
        return withSession(c -> ArchiveActions.withResumable(c, s, planEach(s, readEach(c, s), at, at)));
    }

    /**
     * {@code archive run}: what {@link #maintain} does with archive actions (and unfinished archive
     * jobs), without creating, detaching or dropping anything else.
     */
    public MaintainResult archiveRun(MaintainOptions options, Optional<QualifiedName> table, Instant at) {
        Spec s = select(table);
        return withSession(c -> {
            try (AdvisoryLock.Held lock = AdvisoryLock.acquire(c, options.lockWait())) {
                Instant real = clock.instant();
                Plan plan = ArchiveActions.onlyArchives(ArchiveActions.withResumable(c, s,
                        planEach(s, readEach(c, s), at, at.isAfter(real) ? real : at)));
                return archiveActions.finish(c, s, plan, new MaintainResult(plan, List.of(), Duration.ZERO), options);
            }
        });
    }

    /** {@code archive list}, {@code verify} and {@code restore}. */
    public Archives archives() {
        return new Archives(sessions, spec, archiveProgress);
    }

    public MaintainResult maintain(MaintainOptions options) {
        return maintain(options, Optional.empty(), clock.instant());
    }

    /**
     * Observes, plans and applies under the maintenance advisory lock, so the plan is made from a
     * catalog no other pgpart run can change before it is applied.
     */
    public MaintainResult maintain(MaintainOptions options, Optional<QualifiedName> table, Instant at) {
        Spec s = select(table);
        return withSession(c -> {
            try (AdvisoryLock.Held lock = AdvisoryLock.acquire(c, options.lockWait())) {
                RunRecording recording = RunRecording.start(c, s, "maintain", application, clock);
                try {
                    MaintainResult result = maintainLocked(c, s, options, at);
                    recording.finish(c, result);
                    return result;
                } catch (RuntimeException e) {
                    recording.failed(c, e);
                    throw e;
                }
            }
        });
    }

    /** What the state schema says about past runs and jobs; nothing (and nothing created) when it does not exist. */
    private StateFindings.History history(Connection c) throws SQLException {
        StateSchema schema = new StateSchema(spec.operations().stateSchema());
        if (!schema.exists(c)) {
            return StateFindings.History.none();
        }
        RunLog log = new RunLog(schema);
        return new StateFindings.History(true, log.recent(c, 1).stream().findFirst(), log.lastSuccess(c),
                JobRunner.recent(c, schema, 50));
    }

    /**
     * Everything monitoring shows, read in one session: per-table status, check's findings, recent
     * runs (newest first) and jobs. Read-only; the state schema is read only if it exists.
     */
    public Health health(Instant at, int runs) {
        List<TableStatus> tables = status(Optional.empty(), at);
        List<Finding> findings = check(at);
        return withSession(c -> {
            StateSchema schema = new StateSchema(spec.operations().stateSchema());
            boolean recorded = schema.exists(c);
            RunLog log = new RunLog(schema);
            List<RunLog.Run> recent = recorded ? log.recent(c, runs) : List.of();
            return new Health(at, tables, findings, recorded, recent, recorded ? log.lastSuccess(c) : Optional.empty(),
                    recorded ? JobRunner.recent(c, schema, 50) : List.of(), archives(c, schema));
        });
    }

    private List<dev.pgpart.archive.ArchiveEntry> archives(Connection c, StateSchema schema) throws SQLException {
        return new dev.pgpart.archive.ArchiveLog(schema).list(c, spec.tables().stream().map(TableSpec::table).toList());
    }

    private MaintainResult maintainLocked(Connection c, Spec s, MaintainOptions options, Instant at) throws SQLException {
        Sessions.Read read = readEach(c, s);
        Catalog catalog = read.catalog();
        // A future --at premakes for then; it never drops what is still within retention today.
        Instant real = clock.instant();
        Plan plan = ArchiveActions.withResumable(c, s, planEach(s, read, at, at.isAfter(real) ? real : at));
        // archive actions are jobs, run after the executor's statements
        Plan statements = ArchiveActions.withoutArchives(plan);
        MaintainResult executed;
        if (options.jobs() > 1 && statements.tables().stream().filter(t -> !t.isEmpty()).count() > 1) {
            Executor.prepare(c); // a read-only database is one error here, not one per worker
            executed = new ParallelMaintenance(sessions, listener).run(statements, catalog, options, lockTimeouts(s));
        } else {
            executed = new Executor().execute(c, statements, catalog, options, lockTimeouts(s), listener);
        }
        return archiveActions.finish(c, s, plan, executed, options);
    }

    public List<TableStatus> status(Optional<QualifiedName> table) {
        return status(table, clock.instant());
    }

    /** What each table will look like at {@code at} if nothing is created or removed until then. */
    public List<TableStatus> status(Optional<QualifiedName> table, Instant at) {
        Spec s = select(table);
        return withSession(c -> new StatusCalculator().status(s, read(c, s, true), at));
    }

    /**
     * Problems that need a human, including configuration drift, then notes; no problem means
     * healthy. A table whose configuration does not fit the database gets one finding per
     * configuration problem (the validator's); the others get the planner's findings.
     */
    public List<Finding> check() {
        return check(clock.instant());
    }

    /**
     * {@link #check()} as of {@code at}, against the catalog as it is now: "will this still be
     * healthy then if maintenance stops running?"
     */
    public List<Finding> check(Instant at) {
        return withSession(c -> {
            Catalog catalog = read(c, spec, false);
            List<Finding> findings = new ArrayList<>();
            List<TableSpec> fitting = new ArrayList<>();
            for (TableSpec t : spec.tables()) {
                List<Finding> config = TableChecks.configFindings(t, catalog);
                findings.addAll(config);
                if (config.isEmpty()) {
                    fitting.add(t);
                }
            }
            // notes too: check prints them after the problems (they do not change the exit code)
            new Checker().findings(spec.withTables(fitting), catalog, at).forEach(findings::add);
            // at --at too: "if cron stopped now, would check alert then?" counts the history's age at that time
            findings.addAll(StateFindings.of(spec.operations(), history(c), at));
            StateSchema state = new StateSchema(spec.operations().stateSchema());
            findings.addAll(dev.pgpart.archive.ArchiveFindings.of(spec.operations(), archives(c, state), at));
            return findings.stream().distinct().toList();
        });
    }

    /**
     * {@code pgpart advise}: what to change in the schema and the queries, worst first. Reads only
     * (catalog, pg_stat_statements when installed, EXPLAIN without ANALYZE); the tables pgpart.yml
     * declares with {@code key:} that are still plain are judged as conversion targets.
     */
    public dev.pgpart.advise.AdviceReport advise(dev.pgpart.advise.AdviseOptions options) {
        Map<QualifiedName, String> keys = new LinkedHashMap<>();
        spec.tables().forEach(t -> t.key().ifPresent(k -> keys.put(t.table(), k)));
        return withSession(c -> new dev.pgpart.advise.Advisor(keys).advise(c, options));
    }

    /** {@code pgpart convert}: online conversion of configured plain tables into partitioned ones. */
    public Conversions conversions() {
        return new Conversions(sessions, spec, clock, application + " pid " + ProcessHandle.current().pid());
    }

    /** Creates one partition of {@code parent} by hand, with the same safety as maintain. */
    public ActionResult addPartition(QualifiedName parent, Bound bound, Optional<String> name) {
        return manual.add(parent, bound, name);
    }

    /** Detaches a partition by hand; {@code consent} false only reports what would happen. */
    public ActionResult detachPartition(QualifiedName partition, boolean consent) {
        return manual.remove(partition, consent, false);
    }

    /** Detaches then drops a partition by hand; {@code consent} false only reports what would happen. */
    public ActionResult dropPartition(QualifiedName partition, boolean consent) {
        return manual.remove(partition, consent, true);
    }

    private Spec select(Optional<QualifiedName> table) {
        if (table.isEmpty()) {
            return spec;
        }
        if (spec.table(table.get()).isEmpty()) {
            String known = spec.tables().stream().map(t -> t.table().toString()).collect(Collectors.joining(", "));
            throw new PgpartException(ErrorCode.CONFIG, "table " + table.get() + " is not in the configuration"
                    + (known.isEmpty() ? " (it configures no tables)" : " (configured: " + known + ")"));
        }
        return spec.only(table.get());
    }

    private Sessions.Read readEach(Connection c, Spec s) throws SQLException {
        return sessions.readEach(c, s.tables().stream().map(TableSpec::table).toList(), false);
    }

    /**
     * Plans every table that can be planned. A table the configuration does not fit, or whose
     * catalog is locked, gets an empty plan with a finding saying why, and is listed as skipped;
     * only when no table is left (or a problem belongs to no table) is it an error for the run.
     */
    private Plan planEach(Spec s, Sessions.Read read, Instant at, Instant removalsAt) {
        List<TableSpec> readable = s.tables().stream().filter(t -> !read.locked().containsKey(t.table())).toList();
        List<ConfigProblem> problems = SpecValidator.validate(s.withTables(readable), read.catalog());
        Map<QualifiedName, List<ConfigProblem>> byTable = new LinkedHashMap<>();
        for (ConfigProblem p : problems) {
            if (p.table().isEmpty() || s.table(p.table().get()).isEmpty()) {
                throw new ConfigException(problems); // not about one table: nothing can be planned safely
            }
            byTable.computeIfAbsent(p.table().get(), k -> new ArrayList<>()).add(p);
        }
        List<TableSpec> good = readable.stream().filter(t -> !byTable.containsKey(t.table())).toList();
        if (good.isEmpty() && !problems.isEmpty() && read.locked().isEmpty()) {
            throw new ConfigException(problems);
        }
        Plan planned = new Planner().plan(s.withTables(good), read.catalog(), at, removalsAt);
        List<TablePlan> tables = new ArrayList<>();
        List<SkippedTable> skipped = new ArrayList<>();
        for (TableSpec t : s.tables()) {
            QualifiedName name = t.table();
            if (read.locked().containsKey(name)) {
                String m = read.locked().get(name).getMessage();
                skipped.add(new SkippedTable(name, SkippedTable.Reason.LOCKED, m));
                tables.add(new TablePlan(name, List.of(), List.of(new Finding(name, Finding.Kind.LOCKED,
                        Finding.Severity.PROBLEM, "not planned: " + m))));
            } else if (byTable.containsKey(name)) {
                String m = byTable.get(name).stream()
                        .map(p -> p.problem() + (p.fix().isEmpty() ? "" : " (" + p.fix() + ")"))
                        .collect(Collectors.joining("; "));
                skipped.add(new SkippedTable(name, SkippedTable.Reason.CONFIG, m));
                tables.add(new TablePlan(name, List.of(), List.of(new Finding(name, Finding.Kind.DRIFT,
                        Finding.Severity.PROBLEM, "not planned: " + m))));
            } else {
                TablePlan tp = planned.tables().stream().filter(x -> x.table().equals(name)).findFirst().orElseThrow();
                tp.findings().stream().filter(f -> f.kind() == Finding.Kind.NOT_CONVERTED).findFirst()
                        .ifPresent(f -> skipped.add(new SkippedTable(name, SkippedTable.Reason.NOT_CONVERTED, f.message())));
                tables.add(tp);
            }
        }
        return new Plan(at, tables, skipped);
    }

    private Catalog read(Connection c, Spec s, boolean sizes) throws SQLException {
        return sessions.read(c, s.tables().stream().map(TableSpec::table).toList(), sizes);
    }

    private <T> T withSession(Sessions.SqlWork<T> work) {
        return sessions.withSession(work);
    }

    private static Map<QualifiedName, Duration> lockTimeouts(Spec s) {
        Map<QualifiedName, Duration> out = new LinkedHashMap<>();
        s.tables().forEach(t -> out.put(t.table(), t.lockTimeout()));
        return out;
    }

    public static final class Builder {
        private final DataSource dataSource;
        private Spec spec = new Spec(Spec.DEFAULT_LOCK_TIMEOUT, List.of());
        private Clock clock = Clock.systemUTC();
        private MaintenanceListener listener = MaintenanceListener.NONE;
        private Duration statementTimeout = DEFAULT_STATEMENT_TIMEOUT;
        private String application = "pgpart";
        private dev.pgpart.archive.ArchiveProgress archiveProgress = dev.pgpart.archive.ArchiveProgress.NONE;

        private Builder(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        public Builder spec(Spec s) {
            this.spec = Objects.requireNonNull(s);
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c);
            return this;
        }

        public Builder listener(MaintenanceListener l) {
            this.listener = Objects.requireNonNull(l);
            return this;
        }

        /** statement_timeout of pgpart's sessions; positive (0 would mean "no limit" to PostgreSQL). */
        public Builder statementTimeout(Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("statementTimeout must be positive, got " + d);
            }
            this.statementTimeout = d;
            return this;
        }

        /** Who runs maintenance, as the run history records it (the CLI says pgpart-cli; an app its name). */
        public Builder application(String name) {
            this.application = Objects.requireNonNull(name);
            return this;
        }

        /** Where archive transfers report their progress (bytes/s); none by default. */
        public Builder archiveProgress(dev.pgpart.archive.ArchiveProgress p) {
            this.archiveProgress = Objects.requireNonNull(p);
            return this;
        }

        public Pgpart build() {
            return new Pgpart(this);
        }
    }
}
