package dev.pgpart.spring;

import dev.pgpart.api.Pgpart;
import dev.pgpart.spec.Spec;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * pgpart for a Spring Boot application: the spec from {@code pgpart.tables} or {@code pgpart.config},
 * a {@link Pgpart} on the application's DataSource, maintain at startup (after Flyway/Liquibase)
 * and on {@code pgpart.schedule.cron}. Health, endpoint and metrics are in their own
 * auto-configurations, each active only when the application has Actuator or Micrometer.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
        "org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration"})
@ConditionalOnClass(Pgpart.class)
@ConditionalOnBean(DataSource.class)
@ConditionalOnProperty(prefix = "pgpart", name = "enabled", matchIfMissing = true)
@Conditional(PgpartConfiguredCondition.class)
@EnableConfigurationProperties(PgpartProperties.class)
// makes @DependsOnDatabaseInitialization work even when no Spring Boot JDBC auto-configuration imported it
@Import(DatabaseInitializationDependencyConfigurer.class)
public class PgpartAutoConfiguration {
    static final String CLOCK = "pgpartClock";

    /** The clock plans are made with; define a bean of this name to change it (tests: a fixed clock). */
    @Bean(name = CLOCK)
    @ConditionalOnMissingBean(name = CLOCK)
    Clock pgpartClock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    Spec pgpartSpec(Environment env, PgpartProperties properties) {
        return SpecSource.read(env, properties);
    }

    @Bean
    @ConditionalOnMissingBean
    Pgpart pgpart(DataSource dataSource, Spec spec, @Qualifier(CLOCK) Clock clock, PgpartProperties properties, Environment env) {
        String application = properties.getApplicationName() != null ? properties.getApplicationName()
                : env.getProperty("spring.application.name", "pgpart-spring-boot");
        return Pgpart.builder(dataSource).spec(spec).clock(clock).application(application).build();
    }

    @Bean
    @ConditionalOnMissingBean
    PgpartMaintenance pgpartMaintenance(Pgpart pgpart, DataSource dataSource, PgpartProperties properties,
                                        @Qualifier(CLOCK) Clock clock, ObjectProvider<PgpartRunObserver> observers) {
        return new PgpartMaintenance(pgpart, dataSource, properties.isAllowRemoval(), clock,
                run -> observers.orderedStream().forEach(o -> o.finished(run)));
    }

    @Bean
    @DependsOnDatabaseInitialization
    @ConditionalOnProperty(prefix = "pgpart", name = "maintain-on-startup", matchIfMissing = true)
    PgpartStartupMaintenance pgpartStartupMaintenance(PgpartMaintenance maintenance, PgpartProperties properties) {
        return new PgpartStartupMaintenance(maintenance, properties.isFailOnStartupError());
    }

    @Bean
    @ConditionalOnProperty(prefix = "pgpart.schedule", name = "cron")
    PgpartSchedule pgpartSchedule(PgpartMaintenance maintenance, PgpartProperties properties) {
        return new PgpartSchedule(maintenance, properties.getSchedule().getCron().strip(), properties.getSchedule().getZone());
    }
}
