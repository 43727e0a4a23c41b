package dev.pgpart.cli;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.api.Health;
import dev.pgpart.cli.render.StatusHtml;
import dev.pgpart.cli.render.Text;
import dev.pgpart.api.MaintenanceListener;
import dev.pgpart.spec.Spec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/** {@code pgpart status --html FILE}: renders the status page and puts it in place in one move. */
final class StatusPage {
    /** Runs the page shows. */
    static final int RUNS = 20;

    private StatusPage() {
    }

    static int write(Main main, Spec spec, Path file, boolean json, java.time.Instant at) {
        if (json) {
            throw new PgpartException(ErrorCode.CONFIG, "status --html and --json cannot be combined: --html writes a page"
                    + " to a file, --json prints JSON on stdout. Run status twice, once with each; nothing was written");
        }
        Health health = main.pgpart(spec, MaintenanceListener.NONE).health(at, RUNS);
        String page = new StatusHtml().render(health);
        Path target = file.toAbsolutePath();
        try {
            // written beside the target, then moved over it: a web server never serves half a page
            Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try {
                Files.writeString(tmp, page, StandardCharsets.UTF_8);
                readableLikeTarget(tmp, target);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new PgpartException(ErrorCode.CONFIG, "cannot write the status page to " + target + ": " + e
                    + ". Pass --html a file in a directory that exists and is writable; nothing was written");
        }
        main.out().println("Status page written to " + target + " (" + Text.plural(health.tables().size(), "table")
                + ", " + Text.plural(health.problems().size(), "problem") + ", " + Text.plural(health.runs().size(), "run") + ").");
        return ExitCodes.OK;
    }

    /** A temporary file is private (0600); the page is for a web server to read, as the file it replaces was. */
    private static void readableLikeTarget(Path tmp, Path target) throws IOException {
        if (!Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return;
        }
        Files.setPosixFilePermissions(tmp, Files.exists(target) ? Files.getPosixFilePermissions(target)
                : PosixFilePermissions.fromString("rw-r--r--"));
    }
}
