package dev.pgpart.spring;

import dev.pgpart.jpa.Entities;
import dev.pgpart.jpa.Partitioned;
import dev.pgpart.jpa.PartitionedEntities;
import dev.pgpart.spec.Spec;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * The tables come from the application's {@link Partitioned @Partitioned} entities when it has
 * pgpart-jpa and configures no {@code pgpart.tables} or {@code pgpart.config}: the entities are the
 * single place the partitioning is declared, as pgpart ddl generated the migration from them. Runs
 * before {@link PgpartAutoConfiguration}, whose condition then sees this {@link Spec}.
 */
@AutoConfiguration(before = PgpartAutoConfiguration.class)
@ConditionalOnClass(value = {PartitionedEntities.class, Spec.class},
        name = "org.springframework.boot.persistence.autoconfigure.EntityScanPackages")
@ConditionalOnProperty(prefix = "pgpart", name = "enabled", matchIfMissing = true)
@Conditional(PartitionedEntitiesCondition.class)
public class PgpartJpaAutoConfiguration {
    /** Spring Boot's own default, so the columns pgpart checks are the ones Hibernate maps. */
    static final String BOOT_NAMING = "org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy";

    @Bean
    @ConditionalOnMissingBean
    Spec pgpartSpec(BeanFactory beans, Environment env) {
        List<Class<?>> entities = PartitionedEntitiesCondition.entities(beans, env);
        String naming = env.getProperty("spring.jpa.hibernate.naming.physical-strategy", BOOT_NAMING);
        return PartitionedEntities.spec(Entities.metadata(entities, Map.of("hibernate.physical_naming_strategy", naming)));
    }
}
