package dev.pgpart.cli;

import dev.pgpart.cli.render.Json;
import dev.pgpart.cli.render.ResultText;
import dev.pgpart.cli.render.Style;
import dev.pgpart.api.MaintainOptions;
import dev.pgpart.api.MaintainResult;
import dev.pgpart.spec.Spec;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code pgpart maintain}: observe, plan and apply under the maintenance lock. */
@Command(name = "maintain", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Creates the partitions the plan needs (moving matching rows out of the default partition"
                + " in the same transaction) and, with --yes, detaches or drops expired ones.",
                "One table per transaction, lock_timeout with bounded retries, one run at a time per database.",
                "With --at, creates as if it were that time (e.g. to premake further ahead); retention still uses"
                        + " the earlier of --at and now, so a future --at never removes what is within retention today.",
                "Without --yes, detach/drop actions are skipped and the exit code is 3."})
final class MaintainCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = {"-y", "--yes"}, description = "Consent to detach and drop partitions past retention.")
    boolean yes;

    @Option(names = "--skip-create", description = "Do not create partitions.")
    boolean skipCreate;

    @Option(names = "--skip-delete", description = "Do not detach or drop partitions.")
    boolean skipDelete;

    @Mixin
    TableOption table;

    @Mixin
    AtOption at;

    @Option(names = "--lock-wait", paramLabel = "DURATION", converter = Converters.Wait.class,
            description = "How long to wait for another pgpart run to finish: 0, 30s, 5m ... up to 24h. Default: 60s.")
    Duration lockWait;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "1",
            description = "Tables maintained at the same time, each on its own connection and in its own"
                    + " transaction. Default: 1. More only speeds up large first runs; it does not change locks per table.")
    int jobs;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        Spec spec = main.spec(true);
        MaintainOptions options = MaintainOptions.defaults().withConsent(yes).withSkips(skipCreate, skipDelete);
        if (lockWait != null) {
            options = options.withLockWait(lockWait);
        }
        if (jobs < 1 || jobs > 64) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(), "--jobs must be between 1 and 64, got " + jobs);
        }
        options = options.withJobs(jobs);
        ProgressListener progress = new ProgressListener(main.err(), main.clock());
        MaintainResult result = main.pgpart(spec, progress)
                .maintain(options, table.table(), at.orNow(main.clock()));
        if (json.on()) {
            new Json().maintain(main.out(), result);
        } else {
            new ResultText(Style.detect()).print(main.out(), result);
        }
        return Skipped.report(main.err(), result.plan(), exitCode(result));
    }

    static int exitCode(MaintainResult result) {
        if (result.hasFailures()) {
            return ExitCodes.FAILURE;
        }
        if (result.hasConfigProblems()) {
            return ExitCodes.USAGE;
        }
        return result.hasPendingWithoutConsent() ? ExitCodes.ATTENTION : ExitCodes.OK;
    }
}
