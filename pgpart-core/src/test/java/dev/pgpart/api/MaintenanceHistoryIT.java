package dev.pgpart.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.plan.Finding;
import dev.pgpart.state.RunLog;
import dev.pgpart.test.Db;
import dev.pgpart.test.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.ds.PGSimpleDataSource;

/** maintain records each run in the state schema; check watches that history. */
@Timeout(120)
class MaintenanceHistoryIT {
    static final Instant NOW = Instant.parse("2026-11-22T10:15:00Z");
    static final String CONFIG = """
            max_maintenance_age: 2d
            tables:
              public.orders:
                interval: 1 month
                premake: 2
            """;

    private static Db orders(String hint) {
        Db db = Db.create(hint);
        db.exec("CREATE TABLE orders (id bigint, created_at timestamptz NOT NULL) PARTITION BY RANGE (created_at)");
        return db;
    }

    private static List<Finding.Kind> problemKinds(Pgpart p) {
        return p.check().stream().filter(f -> f.severity() == Finding.Severity.PROBLEM).map(Finding::kind).toList();
    }

    @Test
    void readOnlyCommandsNeverCreateTheStateSchemaAndCheckSaysNoRunIsRecorded() {
        Db db = orders("hist_readonly");
        Pgpart pgpart = PgpartIT.pgpart(db, CONFIG, NOW);
        pgpart.plan();
        pgpart.status(java.util.Optional.empty());
        assertThat(problemKinds(pgpart)).contains(Finding.Kind.MAINTENANCE_STALE);
        assertThat(db.queryLong("SELECT count(*) FROM pg_namespace WHERE nspname = 'pgpart'")).isZero();
    }

    @Test
    void aRunIsRecordedWithItsActionsAndCheckIsHealthyUntilMaxMaintenanceAgePasses() {
        Db db = orders("hist_run");
        PgpartIT.pgpart(db, CONFIG, NOW).maintain(MaintainOptions.defaults());

        assertThat(db.queryStrings("SELECT outcome || ' ' || applied || ' ' || command FROM pgpart.run"))
                .containsExactly("ok 3 maintain");
        assertThat(db.queryStrings("SELECT partition FROM pgpart.run_action ORDER BY seq"))
                .containsExactly("public.orders_p20261101", "public.orders_p20261201", "public.orders_p20270101");
        assertThat(db.queryStrings("SELECT config_hash FROM pgpart.run")).singleElement().asString().hasSize(16);
        assertThat(problemKinds(PgpartIT.pgpart(db, CONFIG, NOW.plus(Duration.ofHours(47))))).isEmpty();

        List<Finding> later = PgpartIT.pgpart(db, CONFIG, NOW.plus(Duration.ofHours(49))).check();
        assertThat(later).filteredOn(f -> f.kind() == Finding.Kind.MAINTENANCE_STALE).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("49h ago", "max_maintenance_age (48h)"));
    }

    @Test
    void aFailedLastRunIsAProblemUntilARunSucceeds() {
        Db db = orders("hist_failed");
        Pgpart pgpart = PgpartIT.pgpart(db, CONFIG, NOW);
        pgpart.maintain(MaintainOptions.defaults());
        // DDL now fails (think of a read-only policy gone wrong): the next run's create fails
        db.exec("CREATE FUNCTION no_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN RAISE 'DDL is frozen'; END $$",
                "CREATE EVENT TRIGGER no_ddl ON ddl_command_start WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION no_ddl()");
        Pgpart month = PgpartIT.pgpart(db, CONFIG, Instant.parse("2026-12-05T00:00:00Z"));
        assertThat(month.maintain(MaintainOptions.defaults()).hasFailures()).isTrue();

        assertThat(month.check()).filteredOn(f -> f.kind() == Finding.Kind.LAST_RUN_FAILED).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("failed: 1 action(s) failed"));
        assertThat(db.queryStrings("SELECT outcome FROM pgpart.run ORDER BY id")).containsExactly("ok", "failed");
    }

    @Test
    void aRoleThatMayNotCreateTheStateSchemaStillMaintainsAndCheckSaysSo() {
        Db db = orders("hist_denied");
        db.exec("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pgpart_owner') THEN"
                + " CREATE ROLE pgpart_owner LOGIN; END IF; END $$", "ALTER TABLE orders OWNER TO pgpart_owner",
                "GRANT CREATE ON SCHEMA public TO pgpart_owner");
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(TestPostgres.jdbcUrl(db.queryStrings("SELECT current_database()").get(0)));
        ds.setUser("pgpart_owner");
        Pgpart pgpart = Pgpart.builder(ds).spec(dev.pgpart.spec.SpecLoader.parse(CONFIG, "pgpart.yml"))
                .clock(java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC)).build();

        assertThat(pgpart.maintain(MaintainOptions.defaults()).hasFailures()).isFalse();
        assertThat(db.partitionsOf("orders")).hasSize(3);
        assertThat(problemKinds(pgpart)).containsExactly(Finding.Kind.MAINTENANCE_STALE);
    }

    @Test
    void healthGathersStatusFindingsRunsAndJobs() {
        Db db = orders("hist_health");
        Pgpart pgpart = PgpartIT.pgpart(db, CONFIG, NOW);
        pgpart.maintain(MaintainOptions.defaults());
        pgpart.maintain(MaintainOptions.defaults());

        Health h = pgpart.health(NOW, 10);
        assertThat(h.recorded()).isTrue();
        assertThat(h.runs()).extracting(RunLog.Run::outcome).containsExactly(RunLog.Outcome.OK, RunLog.Outcome.OK);
        assertThat(h.lastSuccess()).isPresent();
        assertThat(h.tables()).singleElement().satisfies(t -> {
            assertThat(t.coverageEnds()).contains(Instant.parse("2027-02-01T00:00:00Z"));
            assertThat(t.ranges()).hasSize(3);
        });
        assertThat(h.problems()).isEmpty();
    }
}
