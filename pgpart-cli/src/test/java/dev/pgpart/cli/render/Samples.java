package dev.pgpart.cli.render;

import dev.pgpart.api.Bound;
import dev.pgpart.api.ActionResult;
import dev.pgpart.api.MaintainResult;
import dev.pgpart.api.Outcome;
import dev.pgpart.plan.CreateDefaultPartition;
import dev.pgpart.plan.CreatePartition;
import dev.pgpart.plan.DefaultRows;
import dev.pgpart.plan.DropPartition;
import dev.pgpart.plan.Finding;
import dev.pgpart.plan.Leaf;
import dev.pgpart.plan.SubPartitions;
import dev.pgpart.plan.Plan;
import dev.pgpart.plan.TablePlan;
import dev.pgpart.plan.TableStatus;
import dev.pgpart.spec.HashPolicy;
import dev.pgpart.spec.SubPartition;
import dev.pgpart.sql.QualifiedName;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Hand-made plans, results and statuses for renderer tests. */
final class Samples {
    static final QualifiedName ORDERS = QualifiedName.of("public", "orders");
    static final QualifiedName REGIONS = QualifiedName.of("public", "orders_by_region");
    static final QualifiedName CUSTOMERS = QualifiedName.of("public", "customers");
    static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");

    static final CreatePartition CREATE_DEC = new CreatePartition(ORDERS, ORDERS.sibling("orders_p20261201"),
            new Bound.Range(Optional.of("2026-12-01 00:00:00+00"), Optional.of("2027-01-01 00:00:00+00")), true, DefaultRows.exactly(1200), Optional.empty());
    static final CreatePartition CREATE_JAN = new CreatePartition(ORDERS, ORDERS.sibling("orders_p20270101"),
            new Bound.Range(Optional.of("2027-01-01 00:00:00+00"), Optional.of("2027-02-01 00:00:00+00")), true, DefaultRows.none(), Optional.empty());
    static final DropPartition DROP_NOV = new DropPartition(ORDERS, ORDERS.sibling("orders_p20251001"),
            new Bound.Range(Optional.of("2025-10-01 00:00:00+00"), Optional.of("2025-11-01 00:00:00+00")), true,
            "upper bound 2025-11-01 is at or before now - 12 months");
    static final CreatePartition CREATE_EU = new CreatePartition(REGIONS, REGIONS.sibling("orders_by_region_eu"),
            new Bound.In(List.of(Optional.of("eu"), Optional.empty())), false, DefaultRows.none(), Optional.empty());
    static final CreateDefaultPartition CREATE_DEFAULT = new CreateDefaultPartition(REGIONS, REGIONS.sibling("orders_by_region_default"));
    static final CreatePartition CREATE_HASH = new CreatePartition(CUSTOMERS, CUSTOMERS.sibling("customers_p3"),
            new Bound.Hash(8, 3), false, DefaultRows.none(), Optional.empty());

    /** A new month split by HASH into two leaves, the second renamed by the planner around a taken name. */
    static final CreatePartition CREATE_SUB = new CreatePartition(ORDERS, ORDERS.sibling("orders_p20270201"),
            new Bound.Range(Optional.of("2027-02-01 00:00:00+00"), Optional.of("2027-03-01 00:00:00+00")), false, DefaultRows.none(),
            Optional.of(new SubPartitions(new SubPartition("customer_id", new HashPolicy(2)), List.of(
                    new Leaf(ORDERS.sibling("orders_p20270201_p0"), new Bound.Hash(2, 0)),
                    new Leaf(ORDERS.sibling("orders_p20270201_p1_1"), new Bound.Hash(2, 1))))));

    static final Finding ROWS_IN_DEFAULT = new Finding(REGIONS, Finding.Kind.ROWS_IN_DEFAULT, Finding.Severity.PROBLEM,
            "5,000 rows in orders_by_region_default match no configured list value (e.g. 'latam')");
    static final Finding UNMANAGED = new Finding(ORDERS, Finding.Kind.UNMANAGED_EXPIRED, Finding.Severity.NOTE,
            "orders_2024_11 is past retention but was not created by pgpart: left alone");

    static Plan plan() {
        return new Plan(AT, List.of(
                new TablePlan(ORDERS, List.of(CREATE_DEC, CREATE_JAN, DROP_NOV), List.of(UNMANAGED)),
                new TablePlan(REGIONS, List.of(CREATE_DEFAULT, CREATE_EU), List.of(ROWS_IN_DEFAULT)),
                new TablePlan(CUSTOMERS, List.of(), List.of())));
    }

    static MaintainResult result() {
        return new MaintainResult(plan(), List.of(
                new ActionResult(CREATE_DEC, Outcome.APPLIED, "", 1200, 1, Duration.ofMillis(210)),
                new ActionResult(CREATE_JAN, Outcome.APPLIED, "", 0, 3, Duration.ofMillis(1500)),
                ActionResult.skipped(DROP_NOV, dev.pgpart.api.SkipReason.NO_CONSENT, "needs --yes to drop"),
                new ActionResult(CREATE_DEFAULT, Outcome.APPLIED, "", 0, 1, Duration.ofMillis(12)),
                new ActionResult(CREATE_EU, Outcome.FAILED, "lock_timeout (2s) on public.orders_by_region after 4 attempts;"
                        + " rolled back, nothing changed for this table", 0, 4, Duration.ofMillis(9000))));
    }

    static List<TableStatus> status() {
        return List.of(
                new TableStatus(ORDERS, "RANGE", "created_at", 14, true, Optional.of("2025-11-01 00:00:00+00"),
                        Optional.of("2027-04-01 00:00:00+00"), Optional.of("2027-04-01 00:00:00+00"), 4, 0,
                        48L * 1024 * 1024, "#########@++++", List.of()),
                new TableStatus(REGIONS, "LIST", "region", 3, true, Optional.empty(), Optional.empty(), Optional.empty(),
                        0, 5000, 900 * 1024, "", List.of(ROWS_IN_DEFAULT)),
                new TableStatus(CUSTOMERS, "HASH", "id", 8, false, Optional.empty(), Optional.empty(), Optional.empty(),
                        0, 0, 65536, "", List.of()));
    }

    /** A Citus-distributed range table: sizes are the shards' on the workers. */
    static TableStatus distributed() {
        return new TableStatus(QualifiedName.of("public", "events"), "RANGE", "ts", 3, true,
                Optional.of("2026-11-01 00:00:00+00"), Optional.of("2027-02-01 00:00:00+00"),
                Optional.of("2027-02-01 00:00:00+00"), 2, 0, 3L * 1024 * 1024, "@++", List.of(), Optional.empty(), List.of(),
                Optional.of(new dev.pgpart.plan.Distributed(Optional.of("tenant"), 32, 7)));
    }

    private Samples() {
    }
}
