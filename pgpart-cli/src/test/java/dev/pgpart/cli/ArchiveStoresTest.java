package dev.pgpart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.archive.ArchiveStore;
import dev.pgpart.archive.ArchiveStores;
import dev.pgpart.spec.ArchiveSpec;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The CLI ships the S3 store: an s3:// location opens it (through ServiceLoader) without the core knowing it. */
class ArchiveStoresTest {
    @Test
    void theCliOpensAnS3LocationWithTheS3Store() {
        ArchiveSpec spec = new ArchiveSpec("s3://bucket/prefix", Optional.of("eu-west-1"), Optional.of("http://127.0.0.1:1"),
                true, ArchiveSpec.Compression.ZSTD, ArchiveSpec.DEFAULT_PART_SIZE);
        try (ArchiveStore store = ArchiveStores.open(spec)) {
            assertThat(store.getClass().getName()).isEqualTo("dev.pgpart.archive.s3.S3Store");
            assertThat(store.uri("a/manifest.json")).isEqualTo("s3://bucket/prefix/a/manifest.json");
        }
    }
}
