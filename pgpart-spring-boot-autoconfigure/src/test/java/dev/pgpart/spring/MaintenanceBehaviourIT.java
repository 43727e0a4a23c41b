package dev.pgpart.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.api.Pgpart;
import dev.pgpart.api.MaintenanceListener;
import dev.pgpart.plan.Finding;
import dev.pgpart.spec.Spec;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.test.Db;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** Several instances, health, metrics and the endpoint. Nothing here depends on the PostgreSQL major. */
@Timeout(120)
class MaintenanceBehaviourIT {
    /** 2026-03-10: the current month is March, premake 2 makes April and May. */
    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    @BeforeAll
    static void defaultMajor() {
        Apps.assumeDefaultMajor();
    }

    @Test
    void twoInstancesOnOneDatabaseOneMaintainsWhileTheOtherSkipsAtOnceInsteadOfQueueing() throws Exception {
        Db db = Db.create("twoinstances");
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean armed = new AtomicBoolean(true);
        MaintenanceListener blocking = new MaintenanceListener() {
            @Override
            public void tableStarted(QualifiedName table, int index, int total, int actions) {
                if (armed.getAndSet(false)) {
                    inside.countDown();
                    await(release);
                }
            }
        };
        Apps.orders(db).withPropertyValues("pgpart.maintain-on-startup=false").run(first -> {
            // instance A's maintenance, paused inside its run (the advisory lock held) until the test releases it
            PgpartMaintenance a = new PgpartMaintenance(Pgpart.builder(first.getBean(DataSource.class))
                    .spec(first.getBean(Spec.class)).listener(blocking).build(), first.getBean(DataSource.class), false,
                    Clock.systemUTC(), run -> { });
            Apps.orders(db).withPropertyValues("pgpart.maintain-on-startup=false").run(second -> {
                CompletableFuture<MaintenanceRun> running = CompletableFuture.supplyAsync(() -> a.run("schedule"));
                assertThat(inside.await(60, TimeUnit.SECONDS)).isTrue();

                MaintenanceRun skipped = second.getBean(PgpartMaintenance.class).run("schedule");

                release.countDown();
                assertThat(skipped.kind()).isEqualTo(MaintenanceRun.Kind.SKIPPED_BUSY);
                assertThat(skipped.failed()).isFalse();
                assertThat(skipped.elapsed()).isLessThan(java.time.Duration.ofSeconds(10)); // did not wait for the lock
                assertThat(running.get(60, TimeUnit.SECONDS).kind()).isEqualTo(MaintenanceRun.Kind.MAINTAINED);
                assertThat(db.partitionsOf("public.orders")).hasSize(3);
            });
        });
    }

    @Test
    void healthIsUpAfterMaintenanceAndGoesDownNamingTheTableWhenAPartitionAheadIsDropped() {
        Db db = Db.create("healthdown");
        Apps.orders(db).withBean(PgpartAutoConfiguration.CLOCK, Clock.class, () -> Clock.fixed(NOW, ZoneOffset.UTC)).run(ctx -> {
            PgpartHealthIndicator indicator = ctx.getBean("pgpartHealthIndicator", PgpartHealthIndicator.class);
            assertThat(indicator.health(true).getStatus()).isEqualTo(Status.UP);

            db.exec("DROP TABLE public.orders_p20260501");

            Health down = indicator.health(true);
            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> tables = (Map<String, Map<String, Object>>) down.getDetails().get("tables");
            assertThat(tables.get("public.orders").get("partitionsAhead")).isEqualTo(1);
            assertThat((List<?>) tables.get("public.orders").get("problems")).singleElement().asString()
                    .contains("premake is 2");
        });
    }

    @Test
    void healthIsDownWhenRowsSitInTheDefaultPartition() {
        Db db = Db.create("healthdefault");
        Apps.orders(db).withPropertyValues("pgpart.tables.orders.default_partition=true")
                .withBean(PgpartAutoConfiguration.CLOCK, Clock.class, () -> Clock.fixed(NOW, ZoneOffset.UTC)).run(ctx -> {
                    db.exec("INSERT INTO public.orders VALUES (1, '2030-01-01T00:00:00Z', 1)");
                    Health h = ctx.getBean(PgpartHealthIndicator.class).health(true);
                    assertThat(h.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(h.getDetails().get("rowsInDefault").toString()).contains("public.orders (1)");
                });
    }

    @Test
    void metricsShowTheFiguresOfPgpartMetricsAndCountRunsAndActionsByOutcome() {
        Db db = Db.create("metrics");
        Apps.orders(db).withPropertyValues("pgpart.maintain-on-startup=false")
                .withBean(PgpartAutoConfiguration.CLOCK, Clock.class, () -> Clock.fixed(NOW, ZoneOffset.UTC)).run(ctx -> {
                    SimpleMeterRegistry registry = new SimpleMeterRegistry();
                    ctx.getBean(PgpartMetrics.class).bindTo(registry);

                    ctx.getBean(PgpartMaintenance.class).run("schedule");

                    assertThat(registry.get("pgpart.partitions").tag("table", "public.orders").gauge().value()).isEqualTo(3);
                    assertThat(registry.get("pgpart.partitions.ahead").tag("table", "public.orders").gauge().value()).isEqualTo(2);
                    // coverage ends 2026-06-01T00:00Z: 82 days and 12 hours after NOW
                    assertThat(registry.get("pgpart.coverage.remaining").tag("table", "public.orders").timeGauge()
                            .value(TimeUnit.SECONDS)).isEqualTo(82 * 86400 + 12 * 3600);
                    assertThat(registry.get("pgpart.healthy").gauge().value()).isEqualTo(1);
                    assertThat(registry.get("pgpart.maintenance.runs").tag("result", "maintained").counter().count()).isEqualTo(1);
                    assertThat(registry.get("pgpart.maintenance.actions").tag("outcome", "applied").tag("action", "create")
                            .counter().count()).isEqualTo(3);
                    assertThat(registry.get("pgpart.last.run.actions").tag("result", "applied").gauge().value()).isEqualTo(3);
                    assertThat(registry.get("pgpart.last.success.age").timeGauge().value(TimeUnit.SECONDS)).isZero();
                });
    }

    @Test
    void theEndpointShowsThePlanStatusAndFindingsAndChangesNothing() {
        Db db = Db.create("endpoint");
        Apps.orders(db).withPropertyValues("pgpart.maintain-on-startup=false")
                .withBean(PgpartAutoConfiguration.CLOCK, Clock.class, () -> Clock.fixed(NOW, ZoneOffset.UTC)).run(ctx -> {
                    Map<String, Object> report = ctx.getBean(PgpartEndpoint.class).report();

                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> plan = (List<Map<String, Object>>) report.get("plan");
                    assertThat(plan).singleElement().satisfies(t -> {
                        assertThat(t.get("table")).isEqualTo("public.orders");
                        assertThat((List<?>) t.get("actions")).hasSize(3);
                    });
                    assertThat(report.get("findings").toString()).contains(Finding.Kind.COVERAGE_LOW.name().toLowerCase());
                    assertThat(db.partitionsOf("public.orders")).isEmpty();
                    assertThat(db.queryLong("SELECT count(*) FROM pg_namespace WHERE nspname = 'pgpart'")).isZero();
                });
    }

    @Test
    void aScheduleRunsMaintainOnItsCron() {
        Db db = Db.create("schedule");
        CountDownLatch ran = new CountDownLatch(1);
        Apps.orders(db).withPropertyValues("pgpart.maintain-on-startup=false", "pgpart.schedule.cron=* * * * * *")
                .withBean(PgpartRunObserver.class, () -> run -> {
                    if (run.trigger().equals("schedule") && run.kind() == MaintenanceRun.Kind.MAINTAINED) {
                        ran.countDown();
                    }
                }).run(ctx -> {
                    assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
                    assertThat(db.partitionsOf("public.orders")).hasSize(3);
                });
    }

    @Test
    void withoutAllowRemovalExpiredPartitionsAreReportedNotRemoved() {
        Db db = Db.create("consent");
        Apps.orders(db).withPropertyValues("pgpart.tables.orders.retention=3 months", "pgpart.tables.orders.expire_unmanaged=true",
                        "pgpart.maintain-on-startup=false")
                .withBean(PgpartAutoConfiguration.CLOCK, Clock.class, () -> Clock.fixed(NOW, ZoneOffset.UTC)).run(ctx -> {
                    db.exec("CREATE TABLE public.orders_p20240101 PARTITION OF public.orders"
                            + " FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2024-02-01 00:00:00+00')");
                    MaintenanceRun run = ctx.getBean(PgpartMaintenance.class).run("schedule");
                    assertThat(run.pendingRemovals()).isEqualTo(1);
                    assertThat(run.message()).contains("pgpart.allow-removal=true");
                    assertThat(db.partitionsOf("public.orders")).contains("orders_p20240101");
                });
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test did not release the paused run");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
