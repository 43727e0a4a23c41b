package dev.pgpart.cli;

import dev.pgpart.exec.ActionResult;
import dev.pgpart.exec.MaintenanceListener;
import dev.pgpart.sql.QualifiedName;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code pgpart partition drop NAME [--yes]}. */
@Command(name = "drop", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Detaches partition NAME, then drops it: the parent never takes the ACCESS EXCLUSIVE lock a plain DROP TABLE would.", "Without --yes, prints what would happen and exits 3."})
final class PartitionDropCommand implements Callable<Integer> {
    @ParentCommand
    PartitionCommand parent;

    @Parameters(paramLabel = "NAME", converter = Converters.TableName.class,
            description = "The partition (schema.name; unqualified means public).")
    QualifiedName partition;

    @Option(names = {"-y", "--yes"}, description = "Consent: really drop it.")
    boolean yes;

    @Option(names = "--json", description = "Print JSON (schema in docs/cli.md).")
    boolean json;

    @Override
    public Integer call() {
        Main main = parent.main;
        ActionResult result = main.pgpart(main.spec(false), MaintenanceListener.NONE).dropPartition(partition, yes);
        return PartitionResults.render(main, "partition drop", json, result);
    }
}
