package dev.pgpart.archive;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.spec.ArchiveSpec;
import java.io.IOException;
import java.util.ServiceLoader;

/** Opens the store a location names: {@code file://} here, anything else through a provider on the class path. */
public final class ArchiveStores {
    private ArchiveStores() {
    }

    public static ArchiveStore open(ArchiveSpec spec) {
        try {
            if (spec.scheme().equals("file")) {
                return LocalStore.of(spec.location());
            }
            for (ArchiveStoreProvider p : ServiceLoader.load(ArchiveStoreProvider.class, ArchiveStores.class.getClassLoader())) {
                if (p.handles(spec.scheme())) {
                    return p.open(spec);
                }
            }
        } catch (IOException e) {
            throw new PgpartException(ErrorCode.DATABASE, "could not open the archive store " + spec.location() + ": "
                    + e.getMessage() + "; nothing was archived. Check the location and its permissions", e);
        }
        throw new PgpartException(ErrorCode.CONFIG, "archive location " + spec.location() + " needs a store for '"
                + spec.scheme() + "://', and none is on the class path: the pgpart CLI includes pgpart-archive-s3;"
                + " a Java application adds the dependency dev.pgpart:pgpart-archive-s3");
    }
}
