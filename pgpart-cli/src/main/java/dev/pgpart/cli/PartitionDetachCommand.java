package dev.pgpart.cli;

import dev.pgpart.exec.ActionResult;
import dev.pgpart.exec.MaintenanceListener;
import dev.pgpart.sql.QualifiedName;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code pgpart partition detach NAME [--yes]}. */
@Command(name = "detach", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Detaches partition NAME from its parent and keeps it as a plain table (CONCURRENTLY when the parent has no default partition).", "Without --yes, prints what would happen and exits 3."})
final class PartitionDetachCommand implements Callable<Integer> {
    @ParentCommand
    PartitionCommand parent;

    @Parameters(paramLabel = "NAME", converter = Converters.TableName.class,
            description = "The partition (schema.name; unqualified means public).")
    QualifiedName partition;

    @Option(names = {"-y", "--yes"}, description = "Consent: really detach it.")
    boolean yes;

    @Option(names = "--json", description = "Print JSON (schema in docs/cli.md).")
    boolean json;

    @Override
    public Integer call() {
        Main main = parent.main;
        ActionResult result = main.pgpart(main.spec(false), MaintenanceListener.NONE).detachPartition(partition, yes);
        return PartitionResults.render(main, "partition detach", json, result);
    }
}
