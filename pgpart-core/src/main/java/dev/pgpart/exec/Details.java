package dev.pgpart.exec;

import dev.pgpart.plan.Action;
import dev.pgpart.plan.CreateDefaultPartition;
import dev.pgpart.plan.CreatePartition;
import dev.pgpart.plan.DetachPartition;
import dev.pgpart.plan.DropPartition;
import dev.pgpart.plan.FinalizeDetach;
import dev.pgpart.sql.QualifiedName;

/** The short note of an applied action, e.g. {@code attached; moved 1200 rows from orders_default}. */
final class Details {
    private Details() {
    }

    static String applied(Action a, long rowsMoved, QualifiedName table) {
        if (a instanceof CreatePartition c) {
            return c.defaultExists() ? "attached; moved " + rowsMoved + " rows from the default partition of " + table
                    : "attached";
        }
        if (a instanceof CreateDefaultPartition) {
            return "attached as DEFAULT";
        }
        if (a instanceof DetachPartition d) {
            return d.concurrently() ? "detached concurrently; kept as a plain table" : "detached; kept as a plain table";
        }
        if (a instanceof DropPartition) {
            return "detached and dropped";
        }
        if (a instanceof FinalizeDetach f && f.thenDrop()) {
            return "detach finalized; dropped";
        }
        return "detach finalized; kept as a plain table";
    }
}
