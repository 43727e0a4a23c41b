package dev.pgpart.spring;

import dev.pgpart.api.Pgpart;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** {@code /actuator/pgpart}, when exposed (management.endpoints.web.exposure.include=health,pgpart). */
@AutoConfiguration(after = PgpartAutoConfiguration.class)
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnBean(PgpartMaintenance.class)
public class PgpartEndpointAutoConfiguration {
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    PgpartEndpoint pgpartEndpoint(Pgpart pgpart, PgpartMaintenance maintenance,
                                  @Qualifier(PgpartAutoConfiguration.CLOCK) Clock clock, PgpartProperties properties) {
        return new PgpartEndpoint(pgpart, maintenance, clock, properties.isAllowRemoval());
    }
}
