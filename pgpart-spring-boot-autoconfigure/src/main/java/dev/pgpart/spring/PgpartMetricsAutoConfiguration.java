package dev.pgpart.spring;

import dev.pgpart.api.Pgpart;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * pgpart's meters, as a {@link MeterBinder}: Spring Boot binds it to every MeterRegistry it
 * configures, and without a registry it is never bound (and reads nothing).
 */
@AutoConfiguration(after = PgpartAutoConfiguration.class)
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean(PgpartMaintenance.class)
public class PgpartMetricsAutoConfiguration {
    /** How old the figures may be: one catalog read serves every gauge of a scrape. */
    static final Duration REFRESH = Duration.ofSeconds(10);

    @Bean
    @ConditionalOnMissingBean
    PgpartMetrics pgpartMetrics(Pgpart pgpart, @Qualifier(PgpartAutoConfiguration.CLOCK) Clock clock) {
        return new PgpartMetrics(pgpart, clock, REFRESH);
    }
}
