package dev.pgpart.spring;

import dev.pgpart.jpa.Partitioned;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.persistence.autoconfigure.EntityScanPackages;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * No tables in the properties, and at least one {@link Partitioned} class in the packages Spring Boot
 * scans for entities ({@code @EntityScan}, else the application's own packages). Properties win: an
 * application that lists pgpart.tables keeps exactly that list.
 */
final class PartitionedEntitiesCondition extends SpringBootCondition implements ConfigurationCondition {
    @Override
    public ConfigurationPhase getConfigurationPhase() {
        return ConfigurationPhase.REGISTER_BEAN; // @AutoConfigurationPackage / @EntityScan are registered by then
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Environment env = context.getEnvironment();
        if (env.containsProperty("pgpart.config") || SpecSource.hasTables(env)) {
            return ConditionOutcome.noMatch("pgpart.config or pgpart.tables is set: the entities' @Partitioned are not read");
        }
        if (context.getBeanFactory() == null) {
            return ConditionOutcome.noMatch("no bean factory to find the entity packages in");
        }
        List<Class<?>> found = entities(context.getBeanFactory(), env);
        return found.isEmpty() ? ConditionOutcome.noMatch("no @Partitioned entity in the entity packages")
                : ConditionOutcome.match(found.size() + " @Partitioned entities");
    }

    static List<Class<?>> entities(BeanFactory beans, Environment env) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false, env);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Partitioned.class));
        List<Class<?>> found = new ArrayList<>();
        for (String pkg : packages(beans)) {
            for (BeanDefinition candidate : scanner.findCandidateComponents(pkg)) {
                found.add(ClassUtils.resolveClassName(candidate.getBeanClassName(), beans instanceof org.springframework.beans.factory.config.ConfigurableBeanFactory c
                        ? c.getBeanClassLoader() : null));
            }
        }
        found.sort(java.util.Comparator.comparing(Class::getName)); // same Spec, same order, whatever the scan order
        return List.copyOf(found);
    }

    private static List<String> packages(BeanFactory beans) {
        List<String> scanned = EntityScanPackages.get(beans).getPackageNames();
        if (!scanned.isEmpty()) {
            return scanned;
        }
        return AutoConfigurationPackages.has(beans) ? AutoConfigurationPackages.get(beans) : List.of();
    }
}
