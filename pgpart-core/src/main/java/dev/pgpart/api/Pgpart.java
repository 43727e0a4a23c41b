package dev.pgpart.api;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.catalog.Bound;
import dev.pgpart.catalog.Catalog;
import dev.pgpart.catalog.CatalogReader;
import dev.pgpart.catalog.DefaultContents;
import dev.pgpart.catalog.Partition;
import dev.pgpart.catalog.TableInfo;
import dev.pgpart.exec.AdvisoryLock;
import dev.pgpart.exec.Blockers;
import dev.pgpart.exec.Executor;
import dev.pgpart.exec.Session;
import dev.pgpart.plan.Action;
import dev.pgpart.plan.Checker;
import dev.pgpart.plan.CreateDefaultPartition;
import dev.pgpart.plan.CreatePartition;
import dev.pgpart.plan.DetachPartition;
import dev.pgpart.plan.DropPartition;
import dev.pgpart.plan.Planner;
import dev.pgpart.plan.StatusCalculator;
import dev.pgpart.plan.TablePlan;
import dev.pgpart.spec.ConfigException;
import dev.pgpart.spec.SpecValidator;
import dev.pgpart.spec.TableSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.pgpart.exec.ActionResult;
import dev.pgpart.exec.MaintainOptions;
import dev.pgpart.exec.MaintainResult;
import dev.pgpart.exec.MaintenanceListener;
import dev.pgpart.plan.Finding;
import dev.pgpart.plan.Plan;
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
    private final DataSource dataSource;
    private final Spec spec;
    private final Clock clock;
    private final MaintenanceListener listener;

    private Pgpart(Builder b) {
        this.dataSource = Objects.requireNonNull(b.dataSource, "dataSource");
        this.spec = Objects.requireNonNull(b.spec, "spec");
        this.clock = b.clock;
        this.listener = b.listener;
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
        return withSession(c -> new Planner().plan(s, validated(s, read(c, s, false)), at));
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
                Catalog catalog = validated(s, read(c, s, false));
                Plan plan = new Planner().plan(s, catalog, at);
                if (options.jobs() > 1 && plan.tables().stream().filter(t -> !t.isEmpty()).count() > 1) {
                    return new ParallelMaintenance(dataSource, listener).run(plan, catalog, options, lockTimeouts(s));
                }
                return new Executor().execute(c, plan, catalog, options, lockTimeouts(s), listener);
            }
        });
    }

    public List<TableStatus> status(Optional<QualifiedName> table) {
        Spec s = select(table);
        Instant now = clock.instant();
        return withSession(c -> new StatusCalculator().status(s, read(c, s, true), now));
    }

    /** Problems that need a human, including configuration drift; empty when healthy. */
    public List<Finding> check() {
        Instant now = clock.instant();
        return withSession(c -> {
            Catalog catalog = read(c, spec, false);
            List<Finding> findings = new ArrayList<>();
            java.util.Set<QualifiedName> misconfigured = new java.util.HashSet<>();
            for (ConfigProblem p : SpecValidator.validate(spec, catalog)) {
                misconfigured.add(tableOf(p));
                findings.add(new Finding(tableOf(p), Finding.Kind.DRIFT, Finding.Severity.PROBLEM, p.problem()
                        + (p.fix().isEmpty() ? "" : " (" + p.fix() + ")")));
            }
            // the planner's own drift checks would say the same about these tables in other words
            new Checker().findings(spec, catalog, now).stream()
                    .filter(f -> !(misconfigured.contains(f.table())
                            && (f.kind() == Finding.Kind.MISSING_TABLE || f.kind() == Finding.Kind.DRIFT)))
                    .forEach(findings::add);
            return findings.stream().filter(f -> f.severity() == Finding.Severity.PROBLEM).distinct().toList();
        });
    }

    /** Creates one partition of {@code parent} by hand, with the same safety as maintain. */
    public ActionResult addPartition(QualifiedName parent, Bound bound, Optional<String> name) {
        return withSession(c -> {
            try (AdvisoryLock.Held lock = AdvisoryLock.acquire(c, MaintainOptions.defaults().lockWait())) {
                Catalog catalog = read(c, List.of(parent), false);
                TableInfo info = partitioned(catalog, parent);
                QualifiedName child = parent.sibling(name.orElseThrow(() -> new PgpartException(ErrorCode.CONFIG,
                        "a name for the new partition of " + parent + " is required (--name)")));
                Action action;
                if (bound instanceof Bound.Default) {
                    action = new CreateDefaultPartition(parent, child);
                } else {
                    long waiting = info.defaultContents().map(DefaultContents::rows).orElse(0L);
                    action = new CreatePartition(parent, child, bound, info.defaultPartition().isPresent(),
                            waiting == 0 ? 0 : -1, Optional.empty());
                }
                return single(c, catalog, action, true);
            }
        });
    }

    /** Detaches a partition by hand; {@code consent} false only reports what would happen. */
    public ActionResult detachPartition(QualifiedName partition, boolean consent) {
        return removePartition(partition, consent, false);
    }

    /** Detaches then drops a partition by hand; {@code consent} false only reports what would happen. */
    public ActionResult dropPartition(QualifiedName partition, boolean consent) {
        return removePartition(partition, consent, true);
    }

    private ActionResult removePartition(QualifiedName partition, boolean consent, boolean drop) {
        return withSession(c -> {
            try (AdvisoryLock.Held lock = AdvisoryLock.acquire(c, MaintainOptions.defaults().lockWait())) {
                QualifiedName parent = new CatalogReader().parentOf(c, partition).orElseThrow(() ->
                        new PgpartException(ErrorCode.CONFIG, partition + " is not a partition of any table"));
                Catalog catalog = read(c, List.of(parent), false);
                TableInfo info = partitioned(catalog, parent);
                Partition p = info.partitions().stream().filter(x -> x.name().equals(partition)).findFirst()
                        .or(() -> info.defaultPartition().filter(d -> d.name().equals(partition)))
                        .orElseThrow(() -> new PgpartException(ErrorCode.CONFIG, partition + " is not attached to " + parent));
                boolean concurrently = catalog.majorVersion() >= 14 && info.defaultPartition().isEmpty();
                String reason = "requested by hand";
                Action action = drop ? new DropPartition(parent, partition, p.bound(), concurrently, reason)
                        : new DetachPartition(parent, partition, p.bound(), concurrently, reason);
                return single(c, catalog, action, consent);
            }
        });
    }

    private ActionResult single(Connection c, Catalog catalog, Action action, boolean consent) throws SQLException {
        Plan plan = new Plan(clock.instant(), List.of(new TablePlan(action.parent(), List.of(action), List.of())));
        MaintainResult r = new Executor().execute(c, plan, catalog, MaintainOptions.defaults().withConsent(consent),
                Map.of(action.parent(), spec.table(action.parent()).map(TableSpec::lockTimeout).orElse(spec.lockTimeout())),
                listener);
        return r.results().get(0);
    }

    private static TableInfo partitioned(Catalog catalog, QualifiedName parent) {
        TableInfo info = catalog.table(parent).orElseThrow(() ->
                new PgpartException(ErrorCode.CONFIG, "table " + parent + " does not exist"));
        if (!info.isPartitioned()) {
            throw new PgpartException(ErrorCode.CONFIG, parent + " is not a partitioned table");
        }
        return info;
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

    private static Catalog validated(Spec s, Catalog catalog) {
        List<ConfigProblem> problems = SpecValidator.validate(s, catalog);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return catalog;
    }

    private Catalog read(Connection c, Spec s, boolean sizes) throws SQLException {
        return read(c, s.tables().stream().map(TableSpec::table).toList(), sizes);
    }

    /**
     * Reading the catalog takes ACCESS SHARE locks (pg_get_expr, the default partition's count), so
     * a session holding ACCESS EXCLUSIVE on a table would make it wait forever: the session's
     * lock_timeout bounds it, and the error names who is in the way.
     */
    private Catalog read(Connection c, List<QualifiedName> tables, boolean sizes) throws SQLException {
        try {
            return new CatalogReader(sizes).read(c, tables);
        } catch (SQLException e) {
            if (!"55P03".equals(e.getSQLState())) {
                throw e;
            }
            List<Blockers.Holder> holders = Blockers.findInTrees(c, tables, tables.get(0));
            throw new PgpartException(ErrorCode.LOCK_TIMEOUT, "could not read the catalog of " + tables
                    + " within lock_timeout " + spec.lockTimeout().toMillis() + " ms; nothing was changed."
                    + (holders.isEmpty() ? " The blocking session has finished: run again."
                    : " Sessions holding locks on these tables:\n" + holders.stream().map(Blockers.Holder::line)
                    .collect(Collectors.joining("\n"))
                    + "\nWait for them to finish and run again, or end one with SELECT pg_terminate_backend("
                    + holders.get(0).pid() + ");"), e);
        }
    }

    private static Map<QualifiedName, Duration> lockTimeouts(Spec s) {
        Map<QualifiedName, Duration> out = new LinkedHashMap<>();
        s.tables().forEach(t -> out.put(t.table(), t.lockTimeout()));
        return out;
    }

    private QualifiedName tableOf(ConfigProblem p) {
        return spec.tables().stream().map(TableSpec::table)
                .filter(t -> p.where().equals(SpecValidator.where(t)) || p.where().startsWith(SpecValidator.where(t) + "."))
                .findFirst().orElse(QualifiedName.of("pgpart", "config"));
    }

    private <T> T withSession(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            Session.configure(c);
            Session.lockTimeout(c, spec.lockTimeout());
            return work.run(c);
        } catch (SQLException e) {
            throw new PgpartException(ErrorCode.DATABASE, "database error: " + e.getMessage()
                    + (e.getSQLState() == null ? "" : " [SQLSTATE " + e.getSQLState() + "]"), e);
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    public static final class Builder {
        private final DataSource dataSource;
        private Spec spec = new Spec(Spec.DEFAULT_LOCK_TIMEOUT, List.of());
        private Clock clock = Clock.systemUTC();
        private MaintenanceListener listener = MaintenanceListener.NONE;

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

        public Pgpart build() {
            return new Pgpart(this);
        }
    }
}
