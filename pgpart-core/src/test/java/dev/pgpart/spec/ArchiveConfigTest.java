package dev.pgpart.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpart.sql.QualifiedName;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The archive: block, at the top level and per table, and on_expiry: archive. */
class ArchiveConfigTest {
    private static final QualifiedName AUDITS = QualifiedName.of("public", "audits");

    private static Spec load(String yaml) {
        return SpecLoader.parse(yaml, "pgpart.yml");
    }

    private static String problems(String yaml) {
        try {
            load(yaml);
            throw new AssertionError("expected configuration problems");
        } catch (ConfigException e) {
            return e.problems().toString();
        }
    }

    @Test
    void aTableInheritsTheTopLevelArchiveAndOverridesItKeyByKey() {
        Spec s = load("""
                archive: {location: 's3://b/p', region: eu-west-1, part_size: 64MB}
                tables:
                  public.audits: {interval: 1 month, retention: 12 months, on_expiry: archive, archive: {compression: gzip}}
                  public.other: {interval: 1 month}
                """);
        ArchiveSpec a = s.archive(AUDITS).orElseThrow();
        assertThat(a.location()).isEqualTo("s3://b/p");
        assertThat(a.region()).contains("eu-west-1");
        assertThat(a.compression()).isEqualTo(ArchiveSpec.Compression.GZIP);
        assertThat(a.partSize()).isEqualTo(64L * 1024 * 1024);
        assertThat(((RangePolicy) s.table(AUDITS).orElseThrow().policy()).onExpiry()).isEqualTo(RangePolicy.OnExpiry.ARCHIVE);
    }

    @Test
    void theDefaultsAreZstdAnd256MbParts() {
        ArchiveSpec a = load("""
                archive: {location: 'file:///srv/archive'}
                tables: {public.audits: {interval: 1 month, retention: 1 year, on_expiry: archive}}
                """).archive(AUDITS).orElseThrow();
        assertThat(a.compression()).isEqualTo(ArchiveSpec.Compression.ZSTD);
        assertThat(a.partSize()).isEqualTo(256L * 1024 * 1024);
        assertThat(a.pathStyle()).isFalse();
        assertThat(a.endpoint()).isEqualTo(Optional.empty());
    }

    @Test
    void archivingWithoutALocationIsReportedAtTheTable() {
        assertThat(problems("tables: {public.audits: {interval: 1 month, retention: 1 year, on_expiry: archive}}"))
                .contains("on_expiry is archive, but no archive location is configured for public.audits");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "location: 'ftp://x' | neither a file:/// directory nor an s3:// bucket",
            "location: 'file:///a', compression: lz4 | compression is",
            "location: 'file:///a', part_size: 10TB | part_size is",
            "location: 'file:///a', part_size: 12 parsecs | part_size is",
            "location: 'file:///a', region: eu-west-1 | region applies to s3:// locations only",
            "location: 's3://b', endpoint: 'minio:9000' | is not an http(s) URL",
            "location: 's3://b', colour: red | unknown key 'colour'"})
    void badArchiveSettingsAreReported(String block, String expected) {
        assertThat(problems("archive: {" + block + "}\ntables: {public.audits: {interval: 1 month}}")).contains(expected);
    }
}
