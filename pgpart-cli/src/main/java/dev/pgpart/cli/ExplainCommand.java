package dev.pgpart.cli;

import dev.pgpart.cli.render.ExplainJson;
import dev.pgpart.cli.render.ExplainText;
import dev.pgpart.cli.render.Style;
import dev.pgpart.guard.ExplainOptions;
import dev.pgpart.guard.Param;
import dev.pgpart.guard.PartitionLimits;
import dev.pgpart.guard.PruningAnalyzer;
import dev.pgpart.guard.PruningReport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pgpart explain}: does a statement prune partitions? No configuration needed. */
@Command(name = "explain", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Explains one statement and reports, per partitioned table it reads: partitions in total,"
                + " left after plan-time pruning, removed at run time (\"Subplans Removed\"), scanned, and a verdict"
                + " against --max-partitions. Sub-partitions count as partitions.",
                "Parameters ($1 or ?) get a generic plan on PostgreSQL 16+ when no --param is given; otherwise"
                        + " they are bound to the --param values. Changes nothing: the plan is read in a read-only"
                        + " transaction, and --analyze runs the statement in a transaction that is rolled back.",
                "Exits 0 when every table is within the limit, 3 when one is not."})
final class ExplainCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--param", paramLabel = "VALUE",
            description = "Value of the next parameter ($1, then $2 ... or each ? in order), as text the server"
                    + " converts to the parameter's type. Repeat for each parameter.")
    List<String> params = new ArrayList<>();

    @Option(names = "--analyze", description = "Run the statement (EXPLAIN ANALYZE) inside a transaction that is"
            + " rolled back, and show which scans never executed.")
    boolean analyze;

    @Option(names = "--max-partitions", paramLabel = "N", defaultValue = "1",
            description = "Partitions a table may be scanned in before the verdict fails (default: ${DEFAULT-VALUE}).")
    int maxPartitions;

    @Mixin
    JsonOption json = new JsonOption();

    @Parameters(index = "0", paramLabel = "SQL", description = "One statement: SELECT, INSERT, UPDATE, DELETE, MERGE, WITH ...")
    String sql;

    @Override
    public Integer call() {
        if (maxPartitions < 0) {
            throw new ParameterException(spec.commandLine(), "--max-partitions is " + maxPartitions + ": give 0 or more");
        }
        ExplainOptions options = new ExplainOptions(analyze, PartitionLimits.of(maxPartitions));
        List<Param> values = params.stream().<Param>map(Param.Text::new).toList();
        PruningReport report = new PruningAnalyzer(main.dataSource()).analyze(sql, values, options);
        if (json.on()) {
            new ExplainJson().print(main.out(), report);
        } else {
            new ExplainText(Style.detect()).print(main.out(), report);
        }
        return report.ok() ? ExitCodes.OK : ExitCodes.ATTENTION;
    }
}
