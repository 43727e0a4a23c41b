package dev.pgpart.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Where archived partitions go: a local directory ({@link LocalStore}) or object storage (the
 * {@code pgpart-archive-s3} module, found through {@link ArchiveStoreProvider}). Objects are
 * written as streams, so no part ever has to sit whole in memory or on local disk.
 */
public interface ArchiveStore extends AutoCloseable {
    /** The object's address for messages and the manifest, e.g. {@code s3://bucket/prefix/key}; never credentials. */
    String uri(String key);

    /** Starts writing an object; it appears under {@code key} only once {@link ObjectWriter#commit()} returns. */
    ObjectWriter create(String key) throws IOException;

    /** @throws java.io.FileNotFoundException when there is no such object */
    InputStream open(String key) throws IOException;

    boolean exists(String key) throws IOException;

    /** Removes an object; no error when it is already gone. */
    void delete(String key) throws IOException;

    @Override
    void close();

    /** An object being written: {@link #commit()} publishes it, {@link #close()} without commit discards it. */
    abstract class ObjectWriter extends OutputStream {
        /** Makes the object visible under its key (atomically: readers see all of it or none). */
        public abstract void commit() throws IOException;

        /** Discards the object unless it was committed. */
        @Override
        public abstract void close() throws IOException;
    }
}
