package dev.pgpart.archive;

import dev.pgpart.spec.ArchiveSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What COPY writes to: checksums the records, compresses them and cuts parts at the first record
 * boundary after {@code partSize} compressed bytes, each streamed to the store as it is made.
 * Memory holds only the compressor's and the store's buffers, whatever the partition's size.
 */
final class PartWriter extends OutputStream {
    private final ArchiveStore store;
    private final Layout layout;
    private final ArchiveSpec spec;
    private final RowChecksum checksum = new RowChecksum();
    private final List<PartInfo> parts = new ArrayList<>();
    private final Progress progress;
    private ArchiveStore.ObjectWriter object;
    private DigestCounter counter;
    private OutputStream compressor;
    private long rowsAtPartStart;
    private long rawBytes;
    private long storedBefore;
    private byte[] buf;
    private int pos;
    private long rawSinceFlush;
    /** The compressor holds up to a block before it writes anything: flushed this often, a part's size is known to within it. */
    private final long flushEvery;

    @FunctionalInterface
    interface Progress {
        void bytes(long raw, long stored, long rows);
    }

    PartWriter(ArchiveStore store, Layout layout, ArchiveSpec spec, Progress progress) {
        this.store = store;
        this.layout = layout;
        this.spec = spec;
        this.progress = progress;
        this.flushEvery = Math.min(spec.partSize(), 1L << 20);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (compressor == null) {
            openPart();
        }
        buf = b;
        pos = off;
        checksum.update(b, off, len, this::recordEnded);
        compressor.write(b, pos, off + len - pos);
        rawBytes += len;
        rawSinceFlush += len;
        if (rawSinceFlush >= flushEvery) {
            compressor.flush();
            rawSinceFlush = 0;
        }
        progress.bytes(rawBytes, storedBefore + counter.bytes(), checksum.rows());
    }

    /** After each record: a full part is closed here, so the next record starts the next part. */
    private void recordEnded(int after) throws IOException {
        if (counter.bytes() < spec.partSize()) {
            return;
        }
        compressor.write(buf, pos, after - pos);
        pos = after;
        closePart();
        openPart();
    }

    private void openPart() throws IOException {
        object = store.create(layout.part(parts.size(), spec.compression()));
        counter = new DigestCounter(object);
        compressor = Codec.compress(spec.compression(), counter);
        rowsAtPartStart = checksum.rows();
        rawSinceFlush = 0;
    }

    private void closePart() throws IOException {
        compressor.close();
        object.commit();
        object.close();
        parts.add(new PartInfo(layout.part(parts.size(), spec.compression()), counter.bytes(),
                checksum.rows() - rowsAtPartStart, counter.hex()));
        storedBefore += counter.bytes();
        compressor = null;
    }

    /** Ends the last part; the result of the whole export. */
    Result finish() throws IOException {
        if (compressor != null && (checksum.rows() > rowsAtPartStart || parts.isEmpty())) {
            closePart();
        } else if (compressor != null) {
            // the last part was opened for a record that never came: nothing to keep
            abort();
        }
        return new Result(List.copyOf(parts), checksum.value(), rawBytes);
    }

    /** Discards the part being written (committed ones stay; a new export overwrites them). */
    void abort() {
        if (object != null && compressor != null) {
            try {
                object.close();
            } catch (IOException e) {
                // the export has failed already; the half part is never committed, only left as a temporary
                org.slf4j.LoggerFactory.getLogger(PartWriter.class).warn("could not discard the unfinished part {}: {}",
                        layout.part(parts.size(), spec.compression()), e.getMessage());
            }
            compressor = null;
        }
    }

    record Result(List<PartInfo> parts, RowChecksum.Value checksum, long rawBytes) {
        long bytes() {
            return parts.stream().mapToLong(PartInfo::bytes).sum();
        }
    }
}
