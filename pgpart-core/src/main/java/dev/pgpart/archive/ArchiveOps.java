package dev.pgpart.archive;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.spec.ArchiveSpec;
import dev.pgpart.sql.QualifiedName;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code archive verify} and {@code archive restore} for one archived partition, on a prepared connection. */
public final class ArchiveOps {
    private final dev.pgpart.state.StateSchema schema;
    private final ArchiveSpec spec;
    private final Duration lockTimeout;
    private final ArchiveProgress progress;

    public ArchiveOps(dev.pgpart.state.StateSchema schema, ArchiveSpec spec, Duration lockTimeout, ArchiveProgress progress) {
        this.schema = schema;
        this.spec = spec;
        this.lockTimeout = lockTimeout;
        this.progress = progress;
    }

    /** The result of a restore. */
    public record Restored(QualifiedName partition, QualifiedName table, long rows, boolean attached, String location) {
    }

    /** Re-checks the archive against its manifest, the recorded manifest, and the table while it exists. */
    public VerifyReport verify(Connection c, ArchiveEntry e) throws SQLException {
        try (ArchiveStore store = ArchiveStores.open(spec)) {
            Layout layout = new Layout(e.parent(), e.partition());
            checkLocation(store, layout, e);
            Manifest m = manifest(c, store, layout, e);
            List<String> problems = new ArrayList<>(new Verifier(store, progress).checkStore(m));
            e.manifest().map(json -> parse(c, json, "recorded in the state schema")).flatMap(m::differenceFrom)
                    .ifPresent(d -> problems.add("the store's manifest does not match the one recorded: " + d));
            boolean exists = TableState.of(c, e.partition()) != TableState.MISSING;
            Optional<RowChecksum.Value> table = Optional.empty();
            if (exists) {
                Optional<String> columns = Verifier.columnDifference(c, e.partition(), m);
                if (columns.isPresent()) {
                    problems.add(columns.get());
                } else {
                    table = Optional.of(Verifier.tableChecksum(c, e.partition(), m.columns(), m.hash(), lockTimeout));
                    if (!table.get().equals(m.checksum())) {
                        problems.add("the table " + e.partition() + " has " + table.get() + ", the archive " + m.checksum());
                    }
                }
            }
            return new VerifyReport(e.partition(), store.uri(layout.prefix()), m.parts().size(), m.rows(), m.bytes(), exists,
                    table, problems);
        } catch (IOException io) {
            throw new PgpartException(ErrorCode.DATABASE, "could not read the archive of " + e.partition() + " at "
                    + e.location() + ": " + io.getMessage() + "; nothing was changed", io);
        }
    }

    public Restored restore(Connection c, ArchiveEntry e, QualifiedName into, boolean attach) throws SQLException {
        try (ArchiveStore store = ArchiveStores.open(spec)) {
            Layout layout = new Layout(e.parent(), e.partition());
            checkLocation(store, layout, e);
            Manifest m = manifest(c, store, layout, e);
            Restorer.Restored r = new Restorer(store, lockTimeout, progress).restore(c, m, into, attach);
            if (into.equals(e.partition())) {
                new ArchiveLog(schema).state(c, e.partition(), ArchiveEntry.State.RESTORED);
            }
            return new Restored(e.partition(), r.table(), r.rows(), r.attached(), store.uri(layout.prefix()));
        } catch (IOException io) {
            throw new PgpartException(ErrorCode.DATABASE, "could not read the archive of " + e.partition() + " at "
                    + e.location() + ": " + io.getMessage() + "; the restore was rolled back, nothing was changed", io);
        }
    }

    private static void checkLocation(ArchiveStore store, Layout layout, ArchiveEntry e) {
        String now = store.uri(layout.prefix());
        if (!now.equals(e.location())) {
            throw new PgpartException(ErrorCode.CONFIG, e.partition() + " was archived to " + e.location()
                    + ", but the configuration's archive location now gives " + now + ": set archive: location back"
                    + " for " + e.parent() + " to read it; nothing was changed");
        }
    }

    private static Manifest manifest(Connection c, ArchiveStore store, Layout layout, ArchiveEntry e)
            throws SQLException, IOException {
        if (e.state() == ArchiveEntry.State.DETACHED) {
            throw new PgpartException(ErrorCode.UNSAFE, e.partition() + " is detached but its export has not finished:"
                    + " there is no archive to read yet. Run pgpart archive run --yes to finish it");
        }
        try {
            return ManifestSql.parse(c, Verifier.readManifest(store, layout), store.uri(layout.manifest()));
        } catch (java.io.FileNotFoundException missing) {
            throw new PgpartException(ErrorCode.UNSAFE, "the manifest of " + e.partition() + " is missing from the store ("
                    + store.uri(layout.manifest()) + "); nothing was changed");
        }
    }

    private static Manifest parse(Connection c, String json, String where) {
        try {
            return ManifestSql.parse(c, json, where);
        } catch (SQLException ex) {
            throw new PgpartException(ErrorCode.DATABASE, "could not read the manifest " + where + ": " + ex.getMessage(), ex);
        }
    }
}
