package dev.pgpart.api;

import dev.pgpart.sql.QualifiedName;

/** Progress of a run, for CLIs and metrics. Called on the thread running maintenance. */
public interface MaintenanceListener {
    /** Called before a table's actions run: {@code index} of {@code total} tables with work. */
    default void tableStarted(QualifiedName table, int index, int total, int actions) {
    }

    default void actionFinished(ActionResult result) {
    }

    MaintenanceListener NONE = new MaintenanceListener() {
    };
}
