package dev.pgpart.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.internal.exec.AdvisoryLock;
import dev.pgpart.spring.MaintenanceRun;
import dev.pgpart.spring.PgpartMaintenance;
import dev.pgpart.test.Db;
import dev.pgpart.test.TestPostgres;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The tutorial, as a test: boot on a fresh database, insert orders, read health and metrics, a second instance skips. */
@Timeout(180)
class OrdersApplicationIT {
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void theAppPartitionsAFreshDatabaseAtStartupReportsHealthAndMetricsAndASecondInstanceSkips() throws Exception {
        Assumptions.assumeTrue(System.getProperty("pgpart.test.pg", "18").equals("18"), "runs on the default PostgreSQL major");
        Db db = Db.create("springbootorders");
        String url = TestPostgres.jdbcUrl(((PGSimpleDataSource) db.dataSource()).getDatabaseName());
        String[] args = {"--spring.datasource.url=" + url, "--spring.datasource.username=postgres", "--server.port=0"};
        try (ConfigurableApplicationContext app = SpringApplication.run(OrdersApplication.class, args)) {
            OrderRepository orders = app.getBean(OrderRepository.class);
            Instant now = Instant.now();
            Instant nextMonth = ZonedDateTime.ofInstant(now, ZoneOffset.UTC).plusMonths(1).toInstant();
            orders.save(new Order(1, now, "ada", new BigDecimal("10.00")));
            orders.save(new Order(2, nextMonth, "grace", new BigDecimal("20.00")));
            // both rows went to real partitions: there is no default partition for orders to catch them
            assertThat(db.queryLong("SELECT count(DISTINCT tableoid) FROM public.orders")).isEqualTo(2);
            assertThat(db.partitionsOf("public.customers")).contains("customers_default", "customers_eu");

            String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
            JsonNode health = get(base + "/actuator/health/pgpart");
            assertThat(health.path("status").asString()).isEqualTo("UP");
            assertThat(health.path("details").path("tables").path("public.orders").path("partitionsAhead").asInt()).isEqualTo(3);
            JsonNode ahead = get(base + "/actuator/metrics/pgpart.partitions.ahead?tag=table:public.orders");
            assertThat(ahead.path("measurements").get(0).path("value").asDouble()).isEqualTo(3.0);
            JsonNode endpoint = get(base + "/actuator/pgpart");
            assertThat(endpoint.path("status").size()).isEqualTo(2);

            // a second instance of the app on the same database, while a run holds the maintenance lock
            try (ConfigurableApplicationContext second = new SpringApplication(OrdersApplication.class) {
                {
                    setWebApplicationType(WebApplicationType.NONE);
                }
            }.run(args); Connection c = db.dataSource().getConnection();
                 PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
                lock.setInt(1, AdvisoryLock.KEY_NAMESPACE);
                lock.setInt(2, AdvisoryLock.KEY_MAINTENANCE);
                lock.execute();

                MaintenanceRun run = second.getBean(PgpartMaintenance.class).run("schedule");

                assertThat(run.kind()).isEqualTo(MaintenanceRun.Kind.SKIPPED_BUSY);
            }
        }
    }

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + " -> " + r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }
}
