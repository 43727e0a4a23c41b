package dev.pgpart.cli;

import dev.pgpart.archive.ArchiveEntry;
import dev.pgpart.cli.render.ArchiveRender;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code pgpart archive list [--table T] [--json]}. */
@Command(name = "list", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Archived partitions with bound, rows, bytes, location and state (detached, exported, verified,"
                + " dropped, restored); 'detached' ones are detached but not archived yet."})
final class ArchiveListCommand implements Callable<Integer> {
    @ParentCommand
    ArchiveCommand parent;

    @Mixin
    TableOption table;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        Main main = parent.main;
        List<ArchiveEntry> entries = main.pgpart(main.spec(true), dev.pgpart.api.MaintenanceListener.NONE).archives()
                .list(table.table());
        if (json.on()) {
            new ArchiveRender().listJson(main.out(), entries);
        } else {
            new ArchiveRender().listText(main.out(), entries);
        }
        return ExitCodes.OK;
    }
}
