package dev.pgpart.cli;

import dev.pgpart.archive.ArchiveOps;
import dev.pgpart.cli.render.ArchiveRender;
import dev.pgpart.sql.QualifiedName;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code pgpart archive restore PARTITION [--into TABLE] [--attach] [--json]}. */
@Command(name = "restore", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Recreates the table from the archive's manifest, copies the data back and re-verifies the"
                + " checksum, in one transaction; with --attach, attaches it to its parent when the range is free"
                + " (under the maintenance lock). A name that exists is refused."})
final class ArchiveRestoreCommand implements Callable<Integer> {
    @ParentCommand
    ArchiveCommand parent;

    @Parameters(paramLabel = "PARTITION", converter = Converters.TableName.class, description = "The archived partition (schema.name).")
    QualifiedName partition;

    @Option(names = "--into", paramLabel = "TABLE", converter = Converters.TableName.class,
            description = "Restore as this table instead of the partition's own name.")
    QualifiedName into;

    @Option(names = "--attach", description = "Attach the restored table to the parent, with the archived bound.")
    boolean attach;

    @Option(names = "--lock-wait", paramLabel = "DURATION", converter = Converters.Wait.class, defaultValue = "60s",
            description = "With --attach: how long to wait for a running maintain to finish. Default: ${DEFAULT-VALUE}.")
    Duration lockWait;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        Main main = parent.main;
        ArchiveOps.Restored r = main.pgpart(main.spec(true), new ProgressListener(main.err(), main.clock())).archives()
                .restore(partition, Optional.ofNullable(into), attach, lockWait);
        if (json.on()) {
            new ArchiveRender().restoreJson(main.out(), r);
        } else {
            main.out().println("restored " + r.partition() + " from " + r.location() + " as " + r.table() + ": " + r.rows()
                    + " rows, checksum verified" + (r.attached() ? "; attached" : ""));
        }
        return ExitCodes.OK;
    }
}
