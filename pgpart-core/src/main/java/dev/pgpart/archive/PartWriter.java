package dev.pgpart.archive;

import dev.pgpart.spec.ArchiveSpec;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * What COPY writes to. The calling thread finds the records (and checksums them, unless PostgreSQL
 * checksums the table on a second session meanwhile) and gathers them into chunks that end on a
 * record boundary; a second thread compresses the chunks and streams them into parts,
 * starting a new part at the first chunk after {@code partSize} compressed bytes. So the
 * checksum and the compression run on two cores, and memory holds a few chunks and the
 * compressor's and store's buffers, whatever the partition's size.
 */
final class PartWriter extends OutputStream {
    private static final int QUEUED_CHUNKS = 4;

    private final Records records;
    private final java.util.Optional<RowChecksum> checksum;
    private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
    private final Compressing compressing;
    private final Thread worker;
    private final int chunkTarget;
    private final Progress progress;
    private byte[] chunk;
    private int chunkLen;
    private long rowsAtChunkStart;
    private long rawBytes;
    private boolean finished;

    @FunctionalInterface
    interface Progress {
        void bytes(long raw, long rows);
    }

    private record Chunk(byte[] bytes, int length, long rows) {
        static final Chunk END = new Chunk(new byte[0], 0, 0);
    }

    /** @param checksum the rows' checksum to compute here; empty when PostgreSQL computes it on the table */
    PartWriter(ArchiveStore store, Layout layout, ArchiveSpec spec, java.util.Optional<RowHash> checksum, Progress progress) {
        this.progress = progress;
        this.checksum = checksum.map(RowChecksum::new);
        this.records = this.checksum.<Records>map(x -> x).orElseGet(Records.Boundaries::new);
        this.chunkTarget = (int) Math.min(spec.partSize(), 256 * 1024);
        this.chunk = new byte[chunkTarget + 1024];
        this.compressing = new Compressing(store, layout, spec, queue);
        this.worker = new Thread(compressing, "pgpart-archive-compress " + layout.partition());
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        records.update(b, off, len);
        if (chunkLen + len > chunk.length) {
            chunk = Arrays.copyOf(chunk, Math.max(chunk.length * 2, chunkLen + len));
        }
        System.arraycopy(b, off, chunk, chunkLen, len);
        chunkLen += len;
        rawBytes += len;
        if (chunkLen >= chunkTarget && records.atRecordBoundary()) {
            handOff();
            progress.bytes(rawBytes, records.rows());
        }
    }

    private void handOff() throws IOException {
        compressing.rethrow();
        put(new Chunk(chunk, chunkLen, records.rows() - rowsAtChunkStart));
        chunk = new byte[chunkTarget + 1024];
        chunkLen = 0;
        rowsAtChunkStart = records.rows();
    }

    private void put(Chunk c) throws IOException {
        try {
            while (!queue.offer(c, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                compressing.rethrow(); // the worker failed and stopped taking chunks
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while exporting");
        }
    }

    /** Ends the last part and waits for the worker; the result of the whole export. */
    Result finish() throws IOException {
        if (!records.atRecordBoundary()) { // a truncated last record fails here, before anything is committed
            throw new IllegalStateException("the data ends inside a record (truncated after " + records.rows() + " rows)");
        }
        java.util.Optional<RowChecksum.Value> value = checksum.map(RowChecksum::value);
        if (chunkLen > 0) {
            handOff();
        }
        put(Chunk.END);
        join();
        finished = true;
        compressing.rethrow();
        return new Result(compressing.parts(), records.rows(), value, rawBytes);
    }

    /** Stops the worker and discards the part being written (committed ones stay; a new export overwrites them). */
    void abort() {
        if (finished) {
            return;
        }
        compressing.cancel();
        worker.interrupt();
        join();
    }

    private void join() {
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @param checksum the rows' checksum, when this writer computed it */
    record Result(List<PartInfo> parts, long rows, java.util.Optional<RowChecksum.Value> checksum, long rawBytes) {
        long bytes() {
            return parts.stream().mapToLong(PartInfo::bytes).sum();
        }
    }

    /** The worker: compresses chunks into parts, each streamed to the store and committed when full. */
    private static final class Compressing implements Runnable {
        private final ArchiveStore store;
        private final Layout layout;
        private final ArchiveSpec spec;
        private final BlockingQueue<Chunk> queue;
        private final List<PartInfo> parts = new ArrayList<>();
        /** Flushed this often, the compressor's output (so a part's size) is known to within it. */
        private final long flushEvery;
        private volatile IOException failure;
        private volatile boolean cancelled;
        private ArchiveStore.ObjectWriter object;
        private DigestCounter counter;
        private OutputStream compressor;
        private long partRows;
        private long sinceFlush;

        Compressing(ArchiveStore store, Layout layout, ArchiveSpec spec, BlockingQueue<Chunk> queue) {
            this.store = store;
            this.layout = layout;
            this.spec = spec;
            this.queue = queue;
            this.flushEvery = Math.min(spec.partSize(), 1L << 20);
        }

        @Override
        public void run() {
            try {
                for (Chunk c = queue.take(); c != Chunk.END && !cancelled; c = queue.take()) {
                    if (compressor != null && counter.bytes() >= spec.partSize()) {
                        closePart();
                    }
                    if (compressor == null) {
                        openPart();
                    }
                    compressor.write(c.bytes(), 0, c.length());
                    partRows += c.rows();
                    sinceFlush += c.length();
                    if (sinceFlush >= flushEvery) {
                        compressor.flush();
                        sinceFlush = 0;
                    }
                }
                if (compressor != null && !cancelled) {
                    closePart();
                }
            } catch (IOException | RuntimeException e) {
                failure = e instanceof IOException io ? io : new IOException(e.toString(), e);
            } catch (InterruptedException e) {
                failure = new InterruptedIOException("the export was stopped");
            } finally {
                discard();
            }
        }

        private void openPart() throws IOException {
            object = store.create(layout.part(parts.size(), spec.compression()));
            counter = new DigestCounter(object);
            compressor = Codec.compress(spec.compression(), counter);
            partRows = 0;
            sinceFlush = 0;
        }

        private void closePart() throws IOException {
            compressor.close();
            object.commit();
            object.close();
            parts.add(new PartInfo(layout.part(parts.size(), spec.compression()), counter.bytes(), partRows, counter.hex()));
            compressor = null;
            object = null;
        }

        /** An unfinished part is never committed: closing its writer discards it. */
        private void discard() {
            if (object != null) {
                try {
                    object.close();
                } catch (IOException e) {
                    org.slf4j.LoggerFactory.getLogger(PartWriter.class).warn("could not discard the unfinished part {}: {}",
                            layout.part(parts.size(), spec.compression()), e.getMessage());
                }
                object = null;
            }
        }

        void cancel() {
            cancelled = true;
        }

        void rethrow() throws IOException {
            IOException e = failure;
            if (e != null) {
                throw new IOException("writing the archive failed: " + e.getMessage(), e);
            }
        }

        List<PartInfo> parts() {
            return List.copyOf(parts);
        }
    }
}
