package dev.pgpart.cli;

import dev.pgpart.advise.AdviceReport;
import dev.pgpart.advise.AdviseOptions;
import dev.pgpart.api.MaintenanceListener;
import dev.pgpart.cli.render.AdviseJson;
import dev.pgpart.cli.render.AdviseText;
import dev.pgpart.cli.render.Style;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pgpart advise}: what to change in the schema and the queries, worst first. */
@Command(name = "advise", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Reads the database and reports, worst first, each with its fix: statements in"
                + " pg_stat_statements that do not prune (when installed), keys and foreign keys that block converting"
                + " the plain tables pgpart.yml declares with key:, foreign keys and emulated cascades, skewed"
                + " partitions, rows in default partitions, missing and invalid indexes, and slow planning.",
                "Changes nothing: catalog queries, EXPLAIN without ANALYZE, and one row of a few partitions.",
                "Works without pgpart.yml (every partitioned table is judged; --table any table).",
                "Exits 0 when there is no advice, 3 when there is."})
final class AdviseCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    TableOption table = new TableOption();

    @Mixin
    JsonOption json = new JsonOption();

    @Option(names = "--planning-threshold", paramLabel = "MS",
            description = "Report a partitioned table whose pruned point query takes longer than this to plan on a new"
                    + " connection (default: ${DEFAULT-VALUE} ms, about 1,000 partitions in bench/planning/run).",
            defaultValue = "" + AdviseOptions.DEFAULT_PLANNING_MILLIS)
    double planningThreshold;

    @Override
    public Integer call() {
        if (!(planningThreshold > 0)) {
            throw new ParameterException(spec.commandLine(), "--planning-threshold is " + planningThreshold
                    + ": give a number of milliseconds above 0");
        }
        AdviseOptions options = AdviseOptions.defaults().withTable(table.table()).withPlanningMillis(planningThreshold);
        AdviceReport report = main.pgpart(main.spec(false), MaintenanceListener.NONE).advise(options);
        if (json.on()) {
            new AdviseJson().print(main.out(), report);
        } else {
            new AdviseText(Style.detect()).print(main.out(), report);
        }
        return report.clean() ? ExitCodes.OK : ExitCodes.ATTENTION;
    }
}
