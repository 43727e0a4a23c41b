package dev.pgpart.cli;

import dev.pgpart.cli.render.Json;
import dev.pgpart.cli.render.ResultText;
import dev.pgpart.cli.render.Style;
import dev.pgpart.api.ActionResult;
import dev.pgpart.api.Outcome;

/** Renders the result of a partition command and turns it into an exit code. */
final class PartitionResults {
    private PartitionResults() {
    }

    static int render(Main main, String command, boolean json, ActionResult result) {
        if (json) {
            new Json().result(main.out(), command, result);
        } else {
            new ResultText(Style.detect()).print(main.out(), result);
            if (result.skippedForConsent()) {
                main.out().println("Nothing was changed. Run again with --yes to " + result.action().describe());
            }
        }
        if (result.outcome() == Outcome.FAILED) {
            return ExitCodes.FAILURE;
        }
        return result.skippedForConsent() ? ExitCodes.ATTENTION : ExitCodes.OK;
    }
}
