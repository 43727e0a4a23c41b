package dev.pgpart.cli;

import dev.pgpart.cli.render.Json;
import dev.pgpart.cli.render.ResultText;
import dev.pgpart.cli.render.Style;
import dev.pgpart.api.MaintainOptions;
import dev.pgpart.api.MaintainResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code pgpart archive run [--table T] [--yes] [--json]}. */
@Command(name = "run", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Archives what retention selects now (maintain's archive actions, and unfinished archive jobs),"
                + " without creating partitions: detach, export, verify, then drop.",
                "Without --yes, the archives are reported and skipped and the exit code is 3."})
final class ArchiveRunCommand implements Callable<Integer> {
    @ParentCommand
    ArchiveCommand parent;

    @Option(names = {"-y", "--yes"}, description = "Consent to detach, archive and then drop expired partitions.")
    boolean yes;

    @Mixin
    TableOption table;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        Main main = parent.main;
        ProgressListener progress = new ProgressListener(main.err(), main.clock());
        MaintainResult result = main.pgpart(main.spec(true), progress)
                .archiveRun(MaintainOptions.defaults().withConsent(yes), table.table(), main.clock().instant());
        if (json.on()) {
            new Json().maintain(main.out(), result, "archive run");
        } else {
            new ResultText(Style.detect()).print(main.out(), result);
        }
        return Skipped.report(main.err(), result.plan(), MaintainCommand.exitCode(result));
    }
}
