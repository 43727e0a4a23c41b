package dev.pgpart.cli;

import dev.pgpart.cli.render.Json;
import dev.pgpart.cli.render.StatusText;
import dev.pgpart.cli.render.Style;
import dev.pgpart.api.MaintenanceListener;
import dev.pgpart.plan.TableStatus;
import dev.pgpart.spec.Spec;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code pgpart status}: what each configured table looks like now. */
@Command(name = "status", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Shows each configured table: method, key, partitions, bounds, how far ahead it is covered,"
                + " rows in the default partition, size, and a timeline; with --at, as of that time with the"
                + " partitions that exist now.")
final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    TableOption table;

    @Mixin
    AtOption at;

    @Mixin
    JsonOption json;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Write a self-contained HTML page (timelines, sizes, run history) to FILE instead of printing the table.")
    java.nio.file.Path html;

    @Override
    public Integer call() {
        Spec spec = main.spec(true);
        Instant when = at.orNow(main.clock());
        if (html != null) {
            return StatusPage.write(main, spec, html, json.on(), when);
        }
        List<TableStatus> status = main.pgpart(spec, MaintenanceListener.NONE).status(table.table(), when);
        if (json.on()) {
            new Json().status(main.out(), when, status);
        } else {
            new StatusText(Style.detect()).print(main.out(), status);
        }
        return ExitCodes.OK;
    }
}
