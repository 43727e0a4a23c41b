package dev.pgpart.archive;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import dev.pgpart.spec.ArchiveSpec.Compression;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** The compressed streams of each {@link Compression}; each part is a complete stream of its own. */
final class Codec {
    /** zstd's level 3 (its default): the figure the benchmark compares with {@code zstd -3}. */
    static final int ZSTD_LEVEL = 3;
    private static final int BUFFER = 1 << 16;

    private Codec() {
    }

    /** Closing the returned stream finishes the compressed stream but leaves {@code out} open (to be committed). */
    static OutputStream compress(Compression c, OutputStream out) throws IOException {
        OutputStream keep = new NonClosing(out);
        return switch (c) {
            case ZSTD -> new ZstdOutputStream(keep, ZSTD_LEVEL);
            case GZIP -> new GZIPOutputStream(keep, BUFFER, true); // syncFlush: flush() emits what it has
            case NONE -> keep;
        };
    }

    static InputStream decompress(Compression c, InputStream in) throws IOException {
        InputStream buffered = new BufferedInputStream(in, BUFFER);
        return switch (c) {
            case ZSTD -> new BufferedInputStream(new ZstdInputStream(buffered), BUFFER);
            case GZIP -> new GZIPInputStream(buffered, BUFFER);
            case NONE -> buffered;
        };
    }

    /** The compressor's close must not close the object writer under it: that would discard the part. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
