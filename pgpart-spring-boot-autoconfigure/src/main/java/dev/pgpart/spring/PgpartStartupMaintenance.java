package dev.pgpart.spring;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import org.springframework.beans.factory.InitializingBean;

/**
 * Runs maintain once while the context starts, after the database initializers (Flyway, Liquibase):
 * its bean is declared {@code @DependsOnDatabaseInitialization}, so a fresh database has its
 * partitions before the web server takes the first request.
 */
public final class PgpartStartupMaintenance implements InitializingBean {
    private final PgpartMaintenance maintenance;
    private final boolean failOnError;

    public PgpartStartupMaintenance(PgpartMaintenance maintenance, boolean failOnError) {
        this.maintenance = maintenance;
        this.failOnError = failOnError;
    }

    @Override
    public void afterPropertiesSet() {
        MaintenanceRun run = maintenance.run("startup");
        if (run.failed() && failOnError) {
            String why = run.error().map(Throwable::getMessage).orElse(run.message());
            PgpartException e = new PgpartException(run.error().filter(PgpartException.class::isInstance)
                    .map(x -> ((PgpartException) x).code()).orElse(ErrorCode.DATABASE),
                    "pgpart maintenance at startup failed: " + why + "\n(what was applied before the failure stays applied;"
                            + " fix the cause, or set pgpart.fail-on-startup-error=false to start anyway and let health report it)");
            run.error().ifPresent(e::initCause);
            throw e;
        }
    }
}
