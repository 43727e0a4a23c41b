package dev.pgpart.spring;

import dev.pgpart.api.Health;
import dev.pgpart.api.Pgpart;
import dev.pgpart.plan.Finding;
import dev.pgpart.plan.TableStatus;
import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;

/**
 * The {@code pgpart} health contributor: DOWN when a table's partitions ahead fall short of premake
 * or end soon, a configured table is missing, or the last maintenance failed (recorded in the state
 * schema, or this application's own last run) — check's findings of those kinds, so health and
 * {@code pgpart check} agree — and DOWN whenever rows sit in a default partition (status's count),
 * even those check calls a note because the next maintain moves them: until it has, every new
 * partition must scan the default, and rows whose key is NULL stay there for good.
 */
public final class PgpartHealthIndicator extends AbstractHealthIndicator {
    /** The check findings that make the application unhealthy; other problems are details only. */
    static final Set<Finding.Kind> DOWN = EnumSet.of(Finding.Kind.COVERAGE_LOW, Finding.Kind.COVERAGE_ENDING,
            Finding.Kind.ROWS_IN_DEFAULT, Finding.Kind.LAST_RUN_FAILED, Finding.Kind.MISSING_TABLE);
    private static final String ROWS_IN_DEFAULT = "rows in the default partition: ";
    private final Pgpart pgpart;
    private final PgpartMaintenance maintenance;
    private final Clock clock;

    public PgpartHealthIndicator(Pgpart pgpart, PgpartMaintenance maintenance, Clock clock) {
        super("pgpart health check failed");
        this.pgpart = pgpart;
        this.maintenance = maintenance;
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(org.springframework.boot.health.contributor.Health.Builder builder) {
        Health h = pgpart.health(clock.instant(), 1);
        List<Finding> down = h.problems().stream().filter(f -> DOWN.contains(f.kind())).toList();
        boolean lastFailed = maintenance.last().map(MaintenanceRun::failed).orElse(false);
        List<String> inDefault = h.tables().stream().filter(t -> t.rowsInDefault() > 0)
                .map(t -> t.table() + " (" + t.rowsInDefault() + ")").toList();
        if (down.isEmpty() && !lastFailed && inDefault.isEmpty()) {
            builder.up();
        } else {
            builder.down();
        }
        Map<String, Object> tables = new LinkedHashMap<>();
        for (TableStatus t : h.tables()) {
            Map<String, Object> v = Views.status(t);
            v.remove("table");
            v.remove("timeline");
            v.put("problems", h.problems().stream().filter(f -> f.table().equals(t.table())).map(Finding::message).toList());
            tables.put(t.table().toString(), v);
        }
        builder.withDetail("tables", tables);
        builder.withDetail("problems", h.problems().stream().map(Finding::toString).toList());
        if (!inDefault.isEmpty()) {
            builder.withDetail("rowsInDefault", ROWS_IN_DEFAULT + String.join(", ", inDefault)
                    + "; maintain moves those a partition can hold, the others need a look");
        }
        maintenance.last().ifPresent(r -> builder.withDetail("lastRun", Views.run(r)));
        h.runs().stream().findFirst().ifPresent(r -> builder.withDetail("lastRecordedRun", Views.run(r)));
    }
}
