package dev.pgpart.cli;

import dev.pgpart.api.Pgpart;
import dev.pgpart.api.ActionResult;
import dev.pgpart.sql.QualifiedName;
import picocli.CommandLine.Command;

/** {@code pgpart partition detach NAME [--yes]}. */
@Command(name = "detach", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Detaches partition NAME from its parent and keeps it as a plain table (CONCURRENTLY when the parent has no default partition).", "Without --yes, prints what would happen and exits 3."})
final class PartitionDetachCommand extends PartitionRemoval {
    @Override
    String name() {
        return "partition detach";
    }

    @Override
    ActionResult remove(Pgpart pgpart, QualifiedName partition, boolean consent) {
        return pgpart.detachPartition(partition, consent);
    }
}
