package dev.pgpart.spring;

import dev.pgpart.test.Db;
import dev.pgpart.test.TestPostgres;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** An application context as Spring Boot would build it: Boot's DataSource (HikariCP) and Flyway, then pgpart. */
final class Apps {
    private Apps() {
    }

    static String name(Db db) {
        return ((PGSimpleDataSource) db.dataSource()).getDatabaseName();
    }

    static ApplicationContextRunner runner(Db db) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class,
                        LiquibaseAutoConfiguration.class, PgpartAutoConfiguration.class, PgpartHealthAutoConfiguration.class,
                        PgpartEndpointAutoConfiguration.class, PgpartMetricsAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + TestPostgres.jdbcUrl(name(db)),
                        "spring.datasource.username=postgres", "spring.datasource.hikari.maximum-pool-size=2",
                        "spring.flyway.locations=classpath:db/orders", "spring.liquibase.enabled=false",
                        "management.endpoints.web.exposure.include=health,pgpart");
    }

    static ApplicationContextRunner orders(Db db) {
        return runner(db).withPropertyValues("pgpart.tables.orders.interval=1 month", "pgpart.tables.orders.premake=2");
    }

    /** Spring context tests do not depend on the PostgreSQL major: they run on the default one only (-Dpg=18 or none). */
    static void assumeDefaultMajor() {
        String pg = System.getProperty("pgpart.test.pg", "18");
        Assumptions.assumeTrue(pg.equals("18"), "Spring context tests run on the default PostgreSQL major only, this run uses " + pg);
    }
}
