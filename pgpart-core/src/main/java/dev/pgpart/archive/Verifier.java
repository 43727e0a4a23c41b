package dev.pgpart.archive;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Re-reads an archive from the store: each part's SHA-256 and row count, the row checksum of all of
 * them, against the manifest; and, while the table still exists, PostgreSQL's checksum of the table
 * against the manifest.
 */
final class Verifier {
    private static final int BUFFER = 1 << 16;
    private final ArchiveStore store;
    private final ArchiveProgress progress;

    Verifier(ArchiveStore store, ArchiveProgress progress) {
        this.store = store;
        this.progress = progress;
    }

    static String readManifest(ArchiveStore store, Layout layout) throws IOException {
        try (InputStream in = store.open(layout.manifest())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** What reading one part found. */
    private record PartCheck(Optional<String> problem, RowChecksum.Value value, long raw) {
    }

    /**
     * Problems with the store's copy; empty when every part and the checksum match the manifest.
     * Parts are independent and the checksum is a sum, so they are read on several threads.
     */
    List<String> checkStore(Manifest m) throws IOException {
        ArchiveProgress.Throttled t = ArchiveProgress.throttled(progress, m.partition(), "verify");
        int threads = Math.max(1, Math.min(m.parts().size(), Math.min(4, Runtime.getRuntime().availableProcessors())));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread th = new Thread(r, "pgpart-archive-verify " + m.partition());
            th.setDaemon(true);
            return th;
        });
        List<String> problems = new ArrayList<>();
        RowChecksum.Value all = RowChecksum.Value.EMPTY;
        long raw = 0;
        try {
            List<java.util.concurrent.Future<PartCheck>> checks = new ArrayList<>();
            long[] done = {0};
            for (PartInfo p : m.parts()) {
                checks.add(pool.submit(() -> checkPart(m, p, t, done)));
            }
            for (java.util.concurrent.Future<PartCheck> f : checks) {
                PartCheck c = get(f);
                c.problem().ifPresent(problems::add);
                all = all.plus(c.value());
                raw += c.raw();
            }
        } finally {
            pool.shutdownNow();
        }
        t.done(raw, all.rows());
        if (problems.isEmpty() && !all.equals(m.checksum())) {
            problems.add("the rows read back (" + all + ") do not match the manifest's checksum (" + m.checksum() + ")");
        }
        return problems;
    }

    private static PartCheck get(java.util.concurrent.Future<PartCheck> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("verification was interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause().toString(), e.getCause());
        }
    }

    private PartCheck checkPart(Manifest m, PartInfo p, ArchiveProgress.Throttled t, long[] done) throws IOException {
        MessageDigest sha = DigestCounter.newSha256();
        RowChecksum part = new RowChecksum(m.hash());
        InputStream object;
        try {
            object = store.open(p.key());
        } catch (java.io.FileNotFoundException e) {
            return new PartCheck(Optional.of("part " + store.uri(p.key()) + " is missing from the store"), RowChecksum.Value.EMPTY, 0);
        }
        long raw = 0;
        try (DigestInputStream digest = new DigestInputStream(object, sha)) {
            Optional<String> unreadable = Optional.empty();
            try (InputStream in = Codec.decompress(m.compression(), nonClosing(digest))) {
                byte[] buf = new byte[BUFFER];
                for (int n; (n = in.read(buf)) > 0; ) {
                    part.update(buf, 0, n);
                    raw += n;
                    synchronized (done) {
                        done[0] += n;
                        t.at(done[0], 0);
                    }
                }
            } catch (IOException | RuntimeException e) {
                unreadable = Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
            digest.transferTo(java.io.OutputStream.nullOutputStream()); // the rest, so the hash covers every byte even when decoding failed
            String hex = HexFormat.of().formatHex(sha.digest());
            if (!hex.equals(p.sha256())) {
                return new PartCheck(Optional.of("part " + store.uri(p.key()) + " differs: its sha256 is " + hex
                        + ", the manifest says " + p.sha256()), RowChecksum.Value.EMPTY, raw);
            }
            if (unreadable.isPresent()) {
                return new PartCheck(Optional.of("part " + store.uri(p.key()) + " cannot be decompressed: " + unreadable.get()),
                        RowChecksum.Value.EMPTY, raw);
            }
            if (!part.atRecordBoundary() || part.rows() != p.rows()) {
                return new PartCheck(Optional.of("part " + store.uri(p.key()) + " holds " + part.rows() + " rows, the manifest says "
                        + p.rows()), RowChecksum.Value.EMPTY, raw);
            }
            return new PartCheck(Optional.empty(), part.value(), raw);
        }
    }

    private static InputStream nonClosing(InputStream in) {
        return new java.io.FilterInputStream(in) {
            @Override
            public void close() {
                // the caller drains and closes it
            }
        };
    }

    /** PostgreSQL's checksum of the table, under a SHARE lock so it cannot change while it is read. */
    static RowChecksum.Value tableChecksum(Connection c, QualifiedName table, List<ColumnDef> columns, RowHash hash,
                                           Duration lockTimeout) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL lock_timeout = " + Sql.millis(lockTimeout));
                s.execute("LOCK TABLE " + table.sql() + " IN SHARE MODE");
            }
            RowChecksum.Value v = ChecksumSql.compute(c, table, columns, hash);
            c.commit();
            return v;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** The table's columns must still be the archived ones, or the checksums mean different things. */
    static Optional<String> columnDifference(Connection c, QualifiedName table, Manifest m) throws SQLException {
        List<ColumnDef> now = TableColumns.read(c, table);
        if (!now.equals(m.columns())) {
            return Optional.of("the columns of " + table + " " + now.stream().map(x -> x.name() + " " + x.type()).toList()
                    + " are not the archived ones " + m.columns().stream().map(x -> x.name() + " " + x.type()).toList());
        }
        return Optional.empty();
    }

    static PgpartException mismatch(QualifiedName partition, List<String> problems, String left) {
        return new ArchiveMismatch("the archive of " + partition + " does not match: " + String.join("; ", problems) + ". " + left);
    }
}
