package dev.pgpart.archive;

import dev.pgpart.spec.ArchiveSpec;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import org.postgresql.PGConnection;

/**
 * Streams a detached partition out with {@code COPY ... TO STDOUT (FORMAT csv)} into compressed
 * parts in the store, in one REPEATABLE READ transaction holding a SHARE lock (nobody writes to it
 * meanwhile), then writes the manifest. Starting again overwrites what an interrupted export left.
 * With a {@link TableGuard}, the export reads the guard's snapshot and the manifest carries
 * PostgreSQL's checksum of the table, computed by the guard meanwhile; without one, the export
 * computes the checksum from the CSV itself.
 */
final class Exporter {
    private final ArchiveStore store;
    private final ArchiveSpec spec;
    private final Duration lockTimeout;
    private final ArchiveProgress progress;

    Exporter(ArchiveStore store, ArchiveSpec spec, Duration lockTimeout, ArchiveProgress progress) {
        this.store = store;
        this.spec = spec;
        this.lockTimeout = lockTimeout;
        this.progress = progress;
    }

    record Exported(String manifestJson, Manifest manifest) {
    }

    Exported export(Connection c, QualifiedName parent, QualifiedName partition, String bound, String version,
                    RowHash hash, Optional<TableGuard> guard) throws SQLException, IOException {
        Layout layout = new Layout(parent, partition);
        clear(layout);
        PartWriter.Result result;
        RowChecksum.Value checksum;
        List<ColumnDef> columns;
        List<IndexDef> indexes;
        c.setAutoCommit(false);
        try {
            try (Statement s = c.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                if (guard.isPresent()) {
                    s.execute("SET TRANSACTION SNAPSHOT " + Sql.literal(guard.get().snapshot()));
                }
                s.execute("SET LOCAL lock_timeout = " + Sql.millis(lockTimeout));
                s.execute("LOCK TABLE " + partition.sql() + " IN SHARE MODE");
            }
            columns = TableColumns.read(c, partition);
            indexes = TableIndexes.read(c, partition);
            ArchiveProgress.Throttled t = ArchiveProgress.throttled(progress, partition, "export");
            PartWriter w = new PartWriter(store, layout, spec, guard.isPresent() ? Optional.empty() : Optional.of(hash), t::at);
            try {
                c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY " + partition.sql() + " ("
                        + TableColumns.copyList(columns) + ") TO STDOUT WITH (FORMAT csv)", w);
                result = w.finish();
            } catch (SQLException | IOException | RuntimeException e) {
                w.abort();
                throw e;
            }
            t.done(result.rawBytes(), result.rows());
            checksum = result.checksum().isPresent() ? result.checksum().get() : guard.orElseThrow().checksum();
            if (checksum.rows() != result.rows()) {
                throw new PgpartException(ErrorCode.INTERNAL, "COPY wrote " + result.rows() + " records of " + partition
                        + ", and PostgreSQL counted " + checksum.rows() + " rows under the same lock; nothing was"
                        + " dropped. Report this with the table's definition");
            }
            c.commit();
        } catch (SQLException | IOException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
        String json = ManifestSql.build(c, new ManifestSql.Input(parent, partition, bound, store.uri(layout.prefix()), columns, indexes,
                spec.compression(), result, checksum, hash, version));
        try (ArchiveStore.ObjectWriter w = store.create(layout.manifest())) {
            w.write(json.getBytes(StandardCharsets.UTF_8));
            w.commit();
        }
        return new Exported(json, ManifestSql.parse(c, json, store.uri(layout.manifest())));
    }

    /** The manifest first, so a half-cleared archive is never taken for a complete one. */
    private void clear(Layout layout) throws IOException {
        store.delete(layout.manifest());
        for (int i = 0; store.exists(layout.part(i, spec.compression())); i++) {
            store.delete(layout.part(i, spec.compression()));
        }
    }
}
