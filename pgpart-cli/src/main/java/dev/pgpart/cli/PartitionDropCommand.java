package dev.pgpart.cli;

import dev.pgpart.api.Pgpart;
import dev.pgpart.api.ActionResult;
import dev.pgpart.sql.QualifiedName;
import picocli.CommandLine.Command;

/** {@code pgpart partition drop NAME [--yes]}. */
@Command(name = "drop", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Detaches partition NAME, then drops it: the parent never takes the ACCESS EXCLUSIVE lock a plain DROP TABLE would.", "Without --yes, prints what would happen and exits 3."})
final class PartitionDropCommand extends PartitionRemoval {
    @Override
    String name() {
        return "partition drop";
    }

    @Override
    ActionResult remove(Pgpart pgpart, QualifiedName partition, boolean consent) {
        return pgpart.dropPartition(partition, consent);
    }
}
