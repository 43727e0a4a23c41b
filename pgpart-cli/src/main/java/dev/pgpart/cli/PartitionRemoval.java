package dev.pgpart.cli;

import dev.pgpart.api.Pgpart;
import dev.pgpart.api.ActionResult;
import dev.pgpart.api.MaintenanceListener;
import dev.pgpart.sql.QualifiedName;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** What {@code partition detach} and {@code partition drop} share: a name, consent, output. */
abstract class PartitionRemoval implements Callable<Integer> {
    @ParentCommand
    PartitionCommand parent;

    @Parameters(paramLabel = "NAME", converter = Converters.TableName.class,
            description = "The partition (schema.name; unqualified means public).")
    QualifiedName partition;

    @Option(names = {"-y", "--yes"}, description = "Consent: really do it. Without it, only say what would happen (exit 3).")
    boolean yes;

    @Mixin
    JsonOption json;

    /** The command's name in messages, e.g. {@code partition drop}. */
    abstract String name();

    abstract ActionResult remove(Pgpart pgpart, QualifiedName partition, boolean consent);

    @Override
    public Integer call() {
        Main main = parent.main;
        ActionResult result = remove(main.pgpart(main.spec(false), MaintenanceListener.NONE), partition, yes);
        return PartitionResults.render(main, name(), json.on(), result);
    }
}
