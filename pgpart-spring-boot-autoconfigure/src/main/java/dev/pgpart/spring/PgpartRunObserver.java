package dev.pgpart.spring;

/** Told about every maintenance run of the application (metrics count them); beans of this type are picked up. */
@FunctionalInterface
public interface PgpartRunObserver {
    void finished(MaintenanceRun run);
}
