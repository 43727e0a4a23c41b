package dev.pgpart.cli;

import dev.pgpart.archive.VerifyReport;
import dev.pgpart.cli.render.ArchiveRender;
import dev.pgpart.sql.QualifiedName;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code pgpart archive verify PARTITION [--json]}. */
@Command(name = "verify", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Re-reads an archive: each part's sha256 and rows and the row checksum against its manifest,"
                + " and against the table while it still exists.", "Exit 3 on a mismatch."})
final class ArchiveVerifyCommand implements Callable<Integer> {
    @ParentCommand
    ArchiveCommand parent;

    @Parameters(paramLabel = "PARTITION", converter = Converters.TableName.class, description = "The archived partition (schema.name).")
    QualifiedName partition;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        Main main = parent.main;
        VerifyReport r = main.pgpart(main.spec(true), new ProgressListener(main.err(), main.clock())).archives().verify(partition);
        if (json.on()) {
            new ArchiveRender().verifyJson(main.out(), r);
        } else {
            new ArchiveRender().verifyText(main.out(), r);
        }
        return r.ok() ? ExitCodes.OK : ExitCodes.ATTENTION;
    }
}
