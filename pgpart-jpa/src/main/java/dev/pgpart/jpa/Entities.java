package dev.pgpart.jpa;

import dev.pgpart.spec.ConfigException;
import dev.pgpart.spec.ConfigProblem;
import java.util.List;
import java.util.Map;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;

/** Hibernate's boot metamodel of some entity classes, built for PostgreSQL without a database. */
public final class Entities {
    private Entities() {
    }

    /**
     * @param settings extra Hibernate settings, e.g. {@code hibernate.physical_naming_strategy} when the
     *                 application uses one (Spring Boot's camel-case-to-underscores)
     */
    public static Metadata metadata(List<Class<?>> entities, Map<String, Object> settings) {
        // entities loaded from a --classpath of their own: Hibernate must resolve their classes there too
        BootstrapServiceRegistryBuilder bootstrap = new BootstrapServiceRegistryBuilder();
        entities.stream().map(Class::getClassLoader).filter(java.util.Objects::nonNull).distinct()
                .forEach(bootstrap::applyClassLoader);
        StandardServiceRegistryBuilder builder = new StandardServiceRegistryBuilder(bootstrap.build())
                // PostgreSQL 14, the oldest server pgpart supports, picks the dialect and the types it writes
                .applySetting(AvailableSettings.JAKARTA_HBM2DDL_DB_NAME, "PostgreSQL")
                .applySetting(AvailableSettings.JAKARTA_HBM2DDL_DB_MAJOR_VERSION, "14")
                // no connection: the dialect is given, so nothing asks a database what it is
                .applySetting("hibernate.boot.allow_jdbc_metadata_access", false)
                .applySettings(settings);
        StandardServiceRegistry registry = builder.build();
        MetadataSources sources = new MetadataSources(registry);
        entities.forEach(sources::addAnnotatedClass);
        try {
            return sources.buildMetadata();
        } catch (org.hibernate.MappingException e) {
            throw new ConfigException(List.of(new ConfigProblem("entities", "Hibernate cannot map the entities: "
                    + e.getMessage(), fix(e.getMessage()))));
        }
    }

    private static String fix(String message) {
        return message.contains("same number of columns as the referenced primary key")
                ? "reference every column of that primary key with @JoinColumns (the primary key of a partitioned table"
                        + " includes its partition key)"
                : "fix the mapping Hibernate names; nothing was generated";
    }
}
