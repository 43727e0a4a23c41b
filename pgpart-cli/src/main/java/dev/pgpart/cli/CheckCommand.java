package dev.pgpart.cli;

import dev.pgpart.cli.render.FindingText;
import dev.pgpart.cli.render.Json;
import dev.pgpart.cli.render.Style;
import dev.pgpart.api.MaintenanceListener;
import dev.pgpart.plan.Finding;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code pgpart check}: for cron and monitoring. */
@Command(name = "check", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Reports problems that need a human, one per line as 'table: message':"
                + " coverage running out, rows in a default partition, gaps, conflicts, interrupted detaches.",
                "With --at, judges the partitions that exist now as of that time: will they still be enough then"
                        + " if maintenance stops running?",
                "Exits 0 when healthy, 3 when there are problems (notes alone do not count)."})
final class CheckCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    AtOption at;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        Instant when = at.orNow(main.clock());
        List<Finding> findings = main.pgpart(main.spec(true), MaintenanceListener.NONE).check(when);
        if (json.on()) {
            new Json().check(main.out(), when, findings);
        } else {
            new FindingText(Style.detect()).printCheck(main.out(), findings);
        }
        return FindingText.hasProblems(findings) ? ExitCodes.ATTENTION : ExitCodes.OK;
    }
}
