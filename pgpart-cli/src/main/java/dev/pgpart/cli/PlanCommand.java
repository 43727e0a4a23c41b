package dev.pgpart.cli;

import dev.pgpart.cli.render.Json;
import dev.pgpart.cli.render.PlanText;
import dev.pgpart.cli.render.Style;
import dev.pgpart.api.MaintenanceListener;
import dev.pgpart.plan.Plan;
import dev.pgpart.spec.Spec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code pgpart plan}: what maintain would do, changing nothing. */
@Command(name = "plan", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Shows what 'maintain' would do, table by table, and what needs a human. Changes nothing.",
                "Exits 0 whatever the plan holds (use 'check' for monitoring), except when a configured table could not"
                        + " be planned: 1 when its catalog was locked, else 2 when the configuration does not fit it."
                        + " The other tables are planned either way."})
final class PlanCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    TableOption table;

    @Mixin
    AtOption at;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        Spec spec = main.spec(true);
        Plan plan = main.pgpart(spec, MaintenanceListener.NONE)
                .plan(table.table(), at.orNow(main.clock()));
        if (json.on()) {
            new Json().plan(main.out(), plan);
        } else {
            new PlanText(Style.detect()).print(main.out(), plan);
        }
        return Skipped.report(main.err(), plan, ExitCodes.OK);
    }
}
