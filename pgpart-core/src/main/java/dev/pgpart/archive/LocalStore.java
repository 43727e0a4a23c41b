package dev.pgpart.archive;

import java.io.BufferedOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A local (or mounted) directory. An object is written to a temporary file beside its final name
 * and moved into place on commit, so a killed export never leaves a half part under a real name.
 */
public final class LocalStore implements ArchiveStore {
    private final Path root;

    private LocalStore(Path root) {
        this.root = root;
    }

    /** @param location {@code file:///absolute/dir}; created when missing */
    public static LocalStore of(String location) throws IOException {
        Path root = Path.of(URI.create(location));
        Files.createDirectories(root);
        return new LocalStore(root);
    }

    private Path path(String key) {
        Path p = root.resolve(key).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("archive key " + key + " leaves the store's directory " + root);
        }
        return p;
    }

    @Override
    public String uri(String key) {
        path(key); // refuses a key outside the directory
        String base = root.toUri().toString();
        return base + (base.endsWith("/") ? "" : "/") + key;
    }

    @Override
    public ObjectWriter create(String key) throws IOException {
        Path target = path(key);
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".partial");
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
        return new ObjectWriter() {
            private boolean open = true;
            private boolean committed;

            @Override
            public void write(int b) throws IOException {
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void commit() throws IOException {
                out.close();
                open = false;
                try {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
                committed = true;
            }

            @Override
            public void close() throws IOException {
                if (open) {
                    out.close();
                    open = false;
                }
                if (!committed) {
                    Files.deleteIfExists(tmp);
                }
            }
        };
    }

    @Override
    public InputStream open(String key) throws IOException {
        try {
            return Files.newInputStream(path(key));
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException(uri(key) + " does not exist");
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(path(key));
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(path(key));
    }

    @Override
    public void close() {
        // nothing held open between calls
    }
}
