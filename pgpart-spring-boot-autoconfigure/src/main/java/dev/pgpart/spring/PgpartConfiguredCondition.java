package dev.pgpart.spring;

import dev.pgpart.spec.Spec;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * pgpart is configured: {@code pgpart.tables} has entries, {@code pgpart.config} is set, or the
 * application defines its own {@link Spec} bean. An application that only has the dependency gets nothing.
 */
final class PgpartConfiguredCondition extends SpringBootCondition implements ConfigurationCondition {
    @Override
    public ConfigurationPhase getConfigurationPhase() {
        return ConfigurationPhase.REGISTER_BEAN; // user beans (a Spec) are registered by then
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        if (context.getEnvironment().containsProperty("pgpart.config")) {
            return ConditionOutcome.match("pgpart.config is set");
        }
        if (SpecSource.hasTables(context.getEnvironment())) {
            return ConditionOutcome.match("pgpart.tables has entries");
        }
        ConfigurableListableBeanFactory beans = context.getBeanFactory();
        if (beans != null && beans.getBeanNamesForType(Spec.class, true, false).length > 0) {
            return ConditionOutcome.match("a Spec bean is defined");
        }
        return ConditionOutcome.noMatch("neither pgpart.tables, pgpart.config nor a Spec bean is configured");
    }
}
