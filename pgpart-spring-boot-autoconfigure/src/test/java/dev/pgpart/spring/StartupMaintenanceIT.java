package dev.pgpart.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.pgpart.test.Db;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs on every PostgreSQL major: the startup path end to end, and the pool left as pgpart found it. */
@Timeout(120)
class StartupMaintenanceIT {

    @Test
    void startupMaintainsAfterFlywayHasCreatedTheTableSoTheCurrentMonthAndTwoAheadExist() {
        Db db = Db.create("startupflyway");
        Apps.orders(db).run(ctx -> {
            assertThat(ctx).hasNotFailed();
            // Flyway's migration made the table; pgpart could only partition it if it ran afterwards
            assertThat(db.partitionsOf("public.orders")).hasSize(3);
            assertThat(db.queryStrings("SELECT application FROM pgpart.run ORDER BY id")).containsExactly("pgpart-spring-boot");
            assertThat(ctx.getBean(PgpartMaintenance.class).last().orElseThrow().kind()).isEqualTo(MaintenanceRun.Kind.MAINTAINED);
        });
    }

    @Test
    void maintenanceOnAPooledHikariConnectionLeavesItsSessionSettingsAsTheyWere() {
        Db db = Db.create("hikarisession");
        Apps.orders(db).withPropertyValues("pgpart.maintain-on-startup=false")
                .run(ctx -> {
                    DataSource ds = ctx.getBean(DataSource.class);
                    assertThat(ds).isInstanceOf(HikariDataSource.class);
                    List<String> before = settings(ds);

                    MaintenanceRun run = ctx.getBean(PgpartMaintenance.class).run("test");

                    assertThat(run.kind()).isEqualTo(MaintenanceRun.Kind.MAINTAINED);
                    assertThat(run.failed()).isFalse();
                    assertThat(db.partitionsOf("public.orders")).hasSize(3);
                    assertThat(settings(ds)).isEqualTo(before); // every connection of the pool, so the one pgpart used too
                });
    }

    /** The settings of both connections of the pool (Flyway needs two), borrowed at once. */
    private static List<String> settings(DataSource ds) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection a = ds.getConnection(); Connection b = ds.getConnection()) {
            out.addAll(settings(a));
            out.addAll(settings(b));
        }
        return out;
    }

    private static List<String> settings(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            out.add(String.valueOf(c.getAutoCommit()));
            out.add(String.valueOf(c.getTransactionIsolation()));
            for (String name : List.of("lock_timeout", "statement_timeout", "TimeZone", "search_path", "application_name",
                    "idle_in_transaction_session_timeout")) {
                try (ResultSet rs = s.executeQuery("SELECT current_setting('" + name + "')")) {
                    rs.next();
                    out.add(name + "=" + rs.getString(1));
                }
            }
        }
        return out;
    }
}
