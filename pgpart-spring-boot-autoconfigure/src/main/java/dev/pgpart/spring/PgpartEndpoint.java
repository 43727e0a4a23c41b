package dev.pgpart.spring;

import dev.pgpart.api.Health;
import dev.pgpart.api.Pgpart;
import dev.pgpart.plan.Plan;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/pgpart}: what maintain would do now (the plan), each table's status, check's
 * findings and the recent runs. Read-only: it has no write operation, and reading creates nothing.
 */
@Endpoint(id = "pgpart")
public class PgpartEndpoint {
    private final Pgpart pgpart;
    private final PgpartMaintenance maintenance;
    private final Clock clock;
    private final boolean allowRemoval;

    public PgpartEndpoint(Pgpart pgpart, PgpartMaintenance maintenance, Clock clock, boolean allowRemoval) {
        this.pgpart = pgpart;
        this.maintenance = maintenance;
        this.clock = clock;
        this.allowRemoval = allowRemoval;
    }

    @ReadOperation
    public Map<String, Object> report() {
        Instant at = clock.instant();
        Plan plan = pgpart.plan(java.util.Optional.empty(), at);
        Health h = pgpart.health(at, 10);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", at.toString());
        m.put("allowRemoval", allowRemoval);
        m.put("status", h.tables().stream().map(Views::status).toList());
        m.put("plan", plan.tables().stream().map(Views::plan).toList());
        m.put("findings", h.findings().stream().map(Views::finding).toList());
        maintenance.last().ifPresent(r -> m.put("lastRun", Views.run(r)));
        m.put("runs", h.runs().stream().map(Views::run).toList());
        return m;
    }
}
