package dev.pgpart.cli;

import dev.pgpart.plan.Plan;
import dev.pgpart.plan.SkippedTable;
import java.io.PrintWriter;

/** Tables left out of a run while the others went ahead: one line each on stderr, and the exit code. */
final class Skipped {
    private Skipped() {
    }

    /**
     * @param otherwise the command's exit code from what it did with the other tables
     * @return 1 when a table was locked, else 2 when the configuration does not fit one, else {@code otherwise}
     *         (a table not converted yet is reported but does not change the exit code)
     *         (a failure already reported as 1 stays 1)
     */
    static int report(PrintWriter err, Plan plan, int otherwise) {
        for (SkippedTable s : plan.skipped()) {
            String why = switch (s.reason()) {
                case LOCKED -> "its catalog is locked";
                case CONFIG -> "configuration problem";
                case NOT_CONVERTED -> "not converted yet";
            };
            err.println("pgpart: " + s.table() + " was left out (" + why + "); the other tables were processed. " + s.message());
        }
        err.flush();
        if (otherwise == ExitCodes.FAILURE || plan.skipped(SkippedTable.Reason.LOCKED)) {
            return ExitCodes.FAILURE;
        }
        return plan.skipped(SkippedTable.Reason.CONFIG) ? ExitCodes.USAGE : otherwise;
    }
}
