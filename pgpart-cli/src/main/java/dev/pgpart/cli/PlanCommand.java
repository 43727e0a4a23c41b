package dev.pgpart.cli;

import dev.pgpart.cli.render.Json;
import dev.pgpart.cli.render.PlanText;
import dev.pgpart.cli.render.Style;
import dev.pgpart.exec.MaintenanceListener;
import dev.pgpart.plan.Plan;
import dev.pgpart.spec.Spec;
import dev.pgpart.sql.QualifiedName;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
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

    @Option(names = "--table", paramLabel = "TABLE", converter = Converters.TableName.class,
            description = "Only this configured table (schema.table; unqualified means public).")
    QualifiedName table;

    @Option(names = "--at", paramLabel = "INSTANT", converter = Converters.AtInstant.class,
            description = "Plan as if it were this time: 2027-01-01 (midnight UTC) or 2027-01-01T10:00:00Z, from 1900-01-01 to 9000-01-01. Default: now.")
    Instant at;

    @Option(names = "--json", description = "Print JSON (schema in docs/cli.md).")
    boolean json;

    @Override
    public Integer call() {
        Spec spec = main.spec(true);
        Plan plan = main.pgpart(spec, MaintenanceListener.NONE)
                .plan(Optional.ofNullable(table), at != null ? at : main.clock().instant());
        if (json) {
            new Json().plan(main.out(), plan);
        } else {
            new PlanText(Style.detect()).print(main.out(), plan);
        }
        return Skipped.report(main.err(), plan, ExitCodes.OK);
    }
}
