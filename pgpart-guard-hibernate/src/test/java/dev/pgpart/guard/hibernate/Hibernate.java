package dev.pgpart.guard.hibernate;

import java.util.Map;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;

/** Hibernate bootstrapped directly, as an application without Spring does; the tests create the tables. */
final class Hibernate {
    private Hibernate() {
    }

    static SessionFactory sessionFactory(DataSource dataSource, Map<String, Object> settings, Class<?>... entities) {
        Configuration cfg = new Configuration();
        for (Class<?> e : entities) {
            cfg.addAnnotatedClass(e);
        }
        cfg.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource);
        cfg.getProperties().put(AvailableSettings.HBM2DDL_AUTO, "none");
        cfg.getProperties().putAll(settings);
        return cfg.buildSessionFactory();
    }

    /** The mapping alone, without a database: the dialect is named, so Hibernate asks no connection for it. */
    static Metadata metadata(Class<?>... entities) {
        return metadata(Map.of(), entities);
    }

    static Metadata metadata(Map<String, Object> settings, Class<?>... entities) {
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder().applySettings(settings)
                .applySetting(AvailableSettings.DIALECT, "org.hibernate.dialect.PostgreSQLDialect")
                .applySetting(AvailableSettings.ALLOW_METADATA_ON_BOOT, "false")
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "none").build();
        MetadataSources sources = new MetadataSources(registry);
        for (Class<?> e : entities) {
            sources.addAnnotatedClass(e);
        }
        return sources.buildMetadata();
    }
}
