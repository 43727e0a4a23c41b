package dev.pgpart.api;

import dev.pgpart.catalog.Bound;
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
        throw new UnsupportedOperationException("todo");
    }

    /** What {@link #maintain} would do now. */
    public Plan plan() {
        return plan(Optional.empty(), clock.instant());
    }

    /** What {@link #maintain} would do at {@code at}, for one table or all. */
    public Plan plan(Optional<QualifiedName> table, Instant at) {
        throw new UnsupportedOperationException("todo");
    }

    public MaintainResult maintain(MaintainOptions options) {
        return maintain(options, Optional.empty(), clock.instant());
    }

    /** Observes, plans and applies under the maintenance advisory lock. */
    public MaintainResult maintain(MaintainOptions options, Optional<QualifiedName> table, Instant at) {
        throw new UnsupportedOperationException("todo");
    }

    public List<TableStatus> status(Optional<QualifiedName> table) {
        throw new UnsupportedOperationException("todo");
    }

    /** Problems that need a human; empty when healthy. */
    public List<Finding> check() {
        throw new UnsupportedOperationException("todo");
    }

    /** Creates one partition of {@code parent} by hand, with the same safety as maintain. */
    public ActionResult addPartition(QualifiedName parent, Bound bound, Optional<String> name) {
        throw new UnsupportedOperationException("todo");
    }

    /** Detaches a partition by hand; {@code consent} false only reports what would happen. */
    public ActionResult detachPartition(QualifiedName partition, boolean consent) {
        throw new UnsupportedOperationException("todo");
    }

    /** Detaches then drops a partition by hand; {@code consent} false only reports what would happen. */
    public ActionResult dropPartition(QualifiedName partition, boolean consent) {
        throw new UnsupportedOperationException("todo");
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
