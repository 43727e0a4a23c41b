package dev.pgpart.spring;

import dev.pgpart.api.Health;
import dev.pgpart.api.Pgpart;
import dev.pgpart.plan.PartitionStatus;
import dev.pgpart.plan.TableStatus;
import dev.pgpart.spec.RangePolicy;
import dev.pgpart.spec.TableSpec;
import dev.pgpart.state.RunLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The figures of {@code pgpart metrics} as Micrometer meters (dots, base units: in Prometheus
 * {@code pgpart.coverage.remaining} is {@code pgpart_coverage_remaining_seconds}). Gauges read one
 * snapshot, refreshed at most every {@code refresh}, so a scrape costs one read of the catalog.
 * A figure that does not apply (no run recorded yet) is NaN, Micrometer's "no value".
 */
public final class PgpartMetrics implements MeterBinder, PgpartRunObserver {
    private static final Logger LOG = LoggerFactory.getLogger(PgpartMetrics.class);
    private final Pgpart pgpart;
    private final Clock clock;
    private final Duration refresh;
    private volatile Optional<Health> snapshot = Optional.empty();
    private volatile Instant readAt = Instant.MIN;
    private volatile boolean up;
    private MeterRegistry registry;

    public PgpartMetrics(Pgpart pgpart, Clock clock, Duration refresh) {
        this.pgpart = pgpart;
        this.clock = clock;
        this.refresh = refresh;
    }

    @Override
    public void bindTo(MeterRegistry r) {
        this.registry = r;
        Gauge.builder("pgpart.up", this, m -> m.snapshot().isPresent() && m.up ? 1 : 0)
                .description("1 when pgpart could read the database").register(r);
        Gauge.builder("pgpart.healthy", this, m -> m.health(h -> h.problems().isEmpty() ? 1 : 0))
                .description("1 when check finds no problem").register(r);
        Gauge.builder("pgpart.problems", this, m -> m.health(h -> h.problems().size()))
                .description("Problems check reports").register(r);
        for (TableSpec t : pgpart.spec().tables()) {
            table(r, t);
        }
        runs(r);
    }

    private void table(MeterRegistry r, TableSpec spec) {
        String name = spec.table().toString();
        gauge(r, "pgpart.partitions", name, "Partitions of the table, the default not counted", TableStatus::partitions);
        gauge(r, "pgpart.default.rows", name, "Rows in the default partition", TableStatus::rowsInDefault);
        Gauge.builder("pgpart.table.size", this, m -> m.table(name, TableStatus::totalBytes)).tag("table", name)
                .baseUnit("bytes").description("Size of all partitions with indexes and TOAST").register(r);
        if (spec.policy() instanceof RangePolicy) {
            gauge(r, "pgpart.partitions.ahead", name, "Complete range partitions after the one holding now (compare with premake)",
                    TableStatus::aheadCount);
            gauge(r, "pgpart.partitions.expired", name, "Range partitions past retention, still attached",
                    t -> count(t, PartitionStatus.Kind.EXPIRED));
            gauge(r, "pgpart.gaps", name, "Holes between range partitions", t -> count(t, PartitionStatus.Kind.GAP));
            gauge(r, "pgpart.coverage.covered", name, "1 when a range partition holds now",
                    t -> t.coveredUntil().isPresent() ? 1 : 0);
            TimeGauge.builder("pgpart.coverage.remaining", this, TimeUnit.SECONDS, m -> m.health(h -> h.tables().stream()
                            .filter(t -> t.table().toString().equals(name)).findFirst().flatMap(TableStatus::coverageEnds)
                            .map(e -> seconds(Duration.between(h.at(), e))).orElse(Double.NaN)))
                    .tag("table", name).description("Time until now leaves the contiguous partitions: maintain must run before")
                    .register(r);
        }
    }

    private void runs(MeterRegistry r) {
        TimeGauge.builder("pgpart.last.success.age", this, TimeUnit.SECONDS, m -> m.health(h -> h.lastSuccess()
                        .map(ok -> seconds(Duration.between(ok.finishedAt().orElse(ok.startedAt()), h.at()))).orElse(Double.NaN)))
                .description("Time since the last maintain that did not fail finished").register(r);
        TimeGauge.builder("pgpart.last.run.duration", this, TimeUnit.SECONDS, m -> m.health(h -> h.runs().stream().findFirst()
                        .flatMap(RunLog.Run::duration).map(PgpartMetrics::seconds).orElse(Double.NaN)))
                .description("How long the last recorded maintain run took").register(r);
        for (String result : new String[] {"applied", "skipped", "failed"}) {
            Gauge.builder("pgpart.last.run.actions", this, m -> m.health(h -> h.runs().stream().findFirst()
                            .map(run -> (double) (result.equals("applied") ? run.applied() : result.equals("skipped")
                                    ? run.skipped() : run.failed())).orElse(Double.NaN)))
                    .tag("result", result).description("Actions of the last recorded maintain run, by result").register(r);
        }
    }

    /** Counts this application's runs and their actions by outcome. */
    @Override
    public void finished(MaintenanceRun run) {
        MeterRegistry r = registry;
        if (r == null) {
            return; // not bound to a registry (no Micrometer in the application): nothing to count into
        }
        Counter.builder("pgpart.maintenance.runs").tag("result", run.kind().name().toLowerCase(Locale.ROOT))
                .description("Maintenance runs of this application, by result").register(r).increment();
        run.result().ifPresent(res -> res.results().forEach(a -> Counter.builder("pgpart.maintenance.actions")
                .tag("outcome", a.outcome().name().toLowerCase(Locale.ROOT)).tag("action", a.action().type())
                .description("Actions of this application's maintenance runs, by outcome").register(r).increment()));
        readAt = Instant.MIN; // the next scrape shows what the run changed
    }

    private void gauge(MeterRegistry r, String metric, String table, String description, ToDoubleFunction<TableStatus> f) {
        Gauge.builder(metric, this, m -> m.table(table, f)).tag("table", table).description(description).register(r);
    }

    private double table(String name, ToDoubleFunction<TableStatus> f) {
        return health(h -> h.tables().stream().filter(t -> t.table().toString().equals(name)).findFirst()
                .map(f::applyAsDouble).orElse(Double.NaN));
    }

    private double health(ToDoubleFunction<Health> f) {
        return snapshot().map(f::applyAsDouble).orElse(Double.NaN);
    }

    /** The cached snapshot, read again when older than {@code refresh}; the last good one while the database fails. */
    synchronized Optional<Health> snapshot() {
        Instant now = clock.instant();
        if (readAt.equals(Instant.MIN) || Duration.between(readAt, now).compareTo(refresh) >= 0) {
            readAt = now;
            try {
                snapshot = Optional.of(pgpart.health(now, 1));
                up = true;
            } catch (RuntimeException e) {
                up = false;
                LOG.warn("pgpart metrics: could not read the database, pgpart.up is 0 until it can: {}", e.getMessage());
            }
        }
        return snapshot;
    }

    private static double count(TableStatus t, PartitionStatus.Kind kind) {
        return t.ranges().stream().filter(p -> p.kind() == kind).count();
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
