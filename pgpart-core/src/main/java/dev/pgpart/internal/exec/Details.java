package dev.pgpart.internal.exec;

import dev.pgpart.plan.Action;
import dev.pgpart.plan.ArchivePartition;
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

    static String applied(Action action, long rowsMoved, QualifiedName table) {
        return action.accept(new Action.Visitor<>() {
            @Override
            public String create(CreatePartition c) {
                return c.defaultExists() ? "attached; moved " + rowsMoved + " rows from the default partition of " + table
                        : "attached";
            }

            @Override
            public String createDefault(CreateDefaultPartition c) {
                return "attached as DEFAULT";
            }

            @Override
            public String detach(DetachPartition d) {
                return d.concurrently() ? "detached concurrently; kept as a plain table" : "detached; kept as a plain table";
            }

            @Override
            public String drop(DropPartition d) {
                return "detached and dropped";
            }

            @Override
            public String finalizeDetach(FinalizeDetach f) {
                return f.thenDrop() ? "detach finalized; dropped" : "detach finalized; kept as a plain table";
            }

            @Override
            public String archive(ArchivePartition a) {
                return "archived";
            }
        });
    }
}
