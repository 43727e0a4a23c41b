package dev.pgpart.spring;

import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * The {@code pgpart.*} settings of the Spring Boot integration. The tables themselves are not bound
 * here: {@code pgpart.tables} (and pgpart.yml's top-level keys such as {@code pgpart.lock_timeout})
 * are read by pgpart's own configuration reader, so they have the keys, validation and messages of
 * pgpart.yml (see {@link PropertyTree}).
 */
@ConfigurationProperties(prefix = "pgpart")
public class PgpartProperties {
    /** Whether the pgpart auto-configuration is active. */
    private boolean enabled = true;

    /** A pgpart.yml to read the tables from (e.g. classpath:pgpart.yml or file:/etc/pgpart.yml), instead of pgpart.tables. */
    private Resource config;

    /** Run maintain once at startup, after Flyway or Liquibase has migrated the database. */
    private boolean maintainOnStartup = true;

    /** Fail the application's startup when that maintain fails; false: only log it and report it in health. */
    private boolean failOnStartupError = true;

    /** Let maintenance detach or drop partitions past retention (the CLI's --yes); false: they are only reported. */
    private boolean allowRemoval = false;

    /** Who runs maintenance, as the run history records it; default: spring.application.name, else pgpart-spring-boot. */
    private String applicationName;

    private final Schedule schedule = new Schedule();

    public static class Schedule {
        /** A Spring cron expression (six fields, e.g. "0 0 * * * *" for hourly) to run maintain on; unset: no schedule. */
        private String cron;

        /** The time zone the cron expression is read in. */
        private String zone = "UTC";

        public String getCron() {
            return cron;
        }

        public void setCron(String cron) {
            this.cron = cron;
        }

        public String getZone() {
            return zone;
        }

        public void setZone(String zone) {
            this.zone = zone;
        }

        public Optional<String> cron() {
            return Optional.ofNullable(cron).map(String::strip).filter(c -> !c.isEmpty() && !c.equals("-"));
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Resource getConfig() {
        return config;
    }

    public void setConfig(Resource config) {
        this.config = config;
    }

    public boolean isMaintainOnStartup() {
        return maintainOnStartup;
    }

    public void setMaintainOnStartup(boolean maintainOnStartup) {
        this.maintainOnStartup = maintainOnStartup;
    }

    public boolean isFailOnStartupError() {
        return failOnStartupError;
    }

    public void setFailOnStartupError(boolean failOnStartupError) {
        this.failOnStartupError = failOnStartupError;
    }

    public boolean isAllowRemoval() {
        return allowRemoval;
    }

    public void setAllowRemoval(boolean allowRemoval) {
        this.allowRemoval = allowRemoval;
    }

    public String getApplicationName() {
        return applicationName;
    }

    public void setApplicationName(String applicationName) {
        this.applicationName = applicationName;
    }

    public Schedule getSchedule() {
        return schedule;
    }
}
