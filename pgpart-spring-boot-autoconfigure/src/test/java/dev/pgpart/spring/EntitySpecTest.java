package dev.pgpart.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.spec.Spec;
import dev.pgpart.spring.entities.Reading;
import dev.pgpart.sql.QualifiedName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The starter reads @Partitioned entities when the properties name no tables (no database: only the Spec is built). */
class EntitySpecTest {
    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage(basePackageClasses = Reading.class)
    static class App {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PgpartJpaAutoConfiguration.class))
            .withUserConfiguration(App.class);

    @Test
    void theSpecComesFromThePartitionedEntitiesOfTheApplicationsPackages() {
        runner.run(ctx -> {
            Spec spec = ctx.getBean(Spec.class);
            assertThat(spec.tables()).singleElement().satisfies(t -> {
                // the key taken_at exists only under Boot's camel-case-to-underscores naming of takenAt
                assertThat(t.table()).isEqualTo(QualifiedName.parse("public.readings"));
            });
        });
    }

    @Test
    void tablesInThePropertiesWinAndTheEntitiesAreNotRead() {
        runner.withPropertyValues("pgpart.tables.orders.interval=1 month").run(ctx ->
                assertThat(ctx).doesNotHaveBean(Spec.class));
    }

    @Test
    void anApplicationWithoutPartitionedEntitiesGetsNoSpecFromThem() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PgpartJpaAutoConfiguration.class))
                .run(ctx -> assertThat(ctx).doesNotHaveBean(Spec.class));
    }
}
