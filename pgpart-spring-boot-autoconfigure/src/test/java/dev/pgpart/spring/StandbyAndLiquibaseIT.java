package dev.pgpart.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.api.Pgpart;
import dev.pgpart.spec.SpecLoader;
import dev.pgpart.test.Db;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(180)
class StandbyAndLiquibaseIT {

    @BeforeAll
    static void defaultMajor() {
        Apps.assumeDefaultMajor();
    }

    @Test
    void startupMaintainsAfterLiquibaseHasCreatedTheTable() {
        Db db = Db.create("startupliquibase");
        Apps.orders(db).withPropertyValues("spring.flyway.enabled=false", "spring.liquibase.enabled=true",
                "spring.liquibase.change-log=classpath:db/liquibase/changelog.sql").run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    assertThat(db.partitionsOf("public.orders")).hasSize(3);
                });
    }

    /**
     * A real hot standby: a cluster shut down cleanly, then started again with standby.signal, is
     * in recovery and accepts read-only sessions (it waits for WAL that never comes).
     */
    @Test
    void onAHotStandbyMaintenanceSkipsAndSaysWhyWithoutWriting(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        try (EmbeddedPostgres primary = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start();
             Connection c = primary.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE public.orders (id bigint, created_at timestamptz NOT NULL) PARTITION BY RANGE (created_at)");
        }
        Files.createFile(data.resolve("standby.signal"));
        try (EmbeddedPostgres standby = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start()) {
            DataSource ds = standby.getPostgresDatabase();
            Pgpart pgpart = Pgpart.builder(ds).spec(SpecLoader.parse("tables: {public.orders: {interval: 1 month}}", "x")).build();

            MaintenanceRun run = new PgpartMaintenance(pgpart, ds, false, Clock.systemUTC(), r -> { }).run("schedule");

            assertThat(run.kind()).isEqualTo(MaintenanceRun.Kind.SKIPPED_STANDBY);
            assertThat(run.failed()).isFalse();
            assertThat(run.message()).contains("hot standby", "pg_is_in_recovery()");
            assertThat(new Db(ds).queryLong("SELECT count(*) FROM pg_inherits")).isZero();
        }
    }
}
