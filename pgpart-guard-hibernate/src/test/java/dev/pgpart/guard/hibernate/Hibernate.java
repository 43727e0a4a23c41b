package dev.pgpart.guard.hibernate;

import java.util.Map;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
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
}
