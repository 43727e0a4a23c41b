package dev.pgpart.spring;

import dev.pgpart.api.Pgpart;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/** The {@code pgpart} health contributor (the bean name without "HealthIndicator"); off with management.health.pgpart.enabled=false. */
@AutoConfiguration(after = PgpartAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(PgpartMaintenance.class)
@ConditionalOnEnabledHealthIndicator("pgpart")
public class PgpartHealthAutoConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "pgpartHealthIndicator")
    PgpartHealthIndicator pgpartHealthIndicator(Pgpart pgpart, PgpartMaintenance maintenance,
                                                @Qualifier(PgpartAutoConfiguration.CLOCK) Clock clock) {
        return new PgpartHealthIndicator(pgpart, maintenance, clock);
    }
}
