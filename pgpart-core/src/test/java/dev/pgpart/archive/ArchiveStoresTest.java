package dev.pgpart.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.spec.ArchiveSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The core opens file:// itself and needs a provider on the class path for anything else. */
class ArchiveStoresTest {
    @TempDir
    Path dir;

    @Test
    void anS3LocationWithoutTheS3ModuleIsAConfigurationErrorNamingTheModule() {
        assertThatThrownBy(() -> ArchiveStores.open(ArchiveSpec.local("s3://bucket/prefix")))
                .isInstanceOf(PgpartException.class).hasMessageContaining("pgpart-archive-s3")
                .satisfies(e -> assertThat(((PgpartException) e).code()).isEqualTo(ErrorCode.CONFIG));
    }

    @Test
    void aFileLocationIsALocalDirectoryWhoseUrisNameTheObjects() {
        try (ArchiveStore s = ArchiveStores.open(ArchiveSpec.local(dir.toUri().toString()))) {
            assertThat(s).isInstanceOf(LocalStore.class);
            assertThat(s.uri("a/b.csv")).isEqualTo(dir.toUri() + "a/b.csv");
        }
    }

    @Test
    void aKeyCannotLeaveTheStoresDirectory() throws Exception {
        try (LocalStore s = LocalStore.of(dir.toUri().toString())) {
            assertThatThrownBy(() -> s.create("../escape")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void namesBecomeOnePathSegmentEach() {
        assertThat(Layout.segment("Sales Dept/../x")).isEqualTo("Sales%20Dept%2F%2E%2E%2Fx");
        assertThat(Layout.segment("é")).isEqualTo("%C3%A9");
    }
}
