package dev.pgpart.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;

/** {@code pgpart archive list|run|verify|restore}: partitions archived by on_expiry: archive (docs/guide-archive.md). */
@Command(name = "archive", mixinStandardHelpOptions = true,
        description = "Lists, runs, verifies and restores archives of expired partitions (on_expiry: archive).",
        subcommands = {ArchiveListCommand.class, ArchiveRunCommand.class, ArchiveVerifyCommand.class, ArchiveRestoreCommand.class})
final class ArchiveCommand implements Runnable {
    @ParentCommand
    Main main;

    @picocli.CommandLine.Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: list, run, verify or restore");
    }
}
