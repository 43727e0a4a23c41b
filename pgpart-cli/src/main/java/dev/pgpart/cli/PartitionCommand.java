package dev.pgpart.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;

/** {@code pgpart partition add|detach|drop}: one partition by hand, with maintain's safety. */
@Command(name = "partition", mixinStandardHelpOptions = true,
        description = "Adds, detaches or drops one partition by hand, with the same locking and safety as maintain.",
        subcommands = {PartitionAddCommand.class, PartitionDetachCommand.class, PartitionDropCommand.class})
final class PartitionCommand implements Runnable {
    @ParentCommand
    Main main;

    @picocli.CommandLine.Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: add, detach or drop");
    }
}
