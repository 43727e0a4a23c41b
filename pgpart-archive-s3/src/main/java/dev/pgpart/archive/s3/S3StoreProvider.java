package dev.pgpart.archive.s3;

import dev.pgpart.archive.ArchiveStore;
import dev.pgpart.archive.ArchiveStoreProvider;
import dev.pgpart.spec.ArchiveSpec;

/** Registered with ServiceLoader: the core opens {@code s3://} locations through it when this module is on the class path. */
public final class S3StoreProvider implements ArchiveStoreProvider {
    @Override
    public boolean handles(String scheme) {
        return scheme.equals("s3");
    }

    @Override
    public ArchiveStore open(ArchiveSpec spec) {
        return S3Store.open(spec);
    }
}
