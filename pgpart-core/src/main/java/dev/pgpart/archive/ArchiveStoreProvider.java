package dev.pgpart.archive;

import dev.pgpart.spec.ArchiveSpec;
import java.io.IOException;

/**
 * A store for another kind of location, found with {@link java.util.ServiceLoader}: the S3 module
 * registers one for {@code s3://}, and the core never depends on it.
 */
public interface ArchiveStoreProvider {
    /** @param scheme lower case, e.g. {@code s3} */
    boolean handles(String scheme);

    ArchiveStore open(ArchiveSpec spec) throws IOException;
}
