package dev.pgpart.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.api.MaintainResult;
import dev.pgpart.api.Outcome;
import dev.pgpart.sql.QualifiedName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * on_expiry: archive to an S3 API (S3Proxy in-process), found by the core through ServiceLoader;
 * credentials from the standard provider chain (system properties set by this module's build).
 */
@Timeout(180)
class S3ArchiveIT {
    static final QualifiedName JANUARY = QualifiedName.of("public", "events_p20260101");
    private static dev.pgpart.archive.s3.S3ProxyServerAccess.Server server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        server = dev.pgpart.archive.s3.S3ProxyServerAccess.start("archive");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private String archiveLines(String prefix) {
        return "location: s3://archive/" + prefix + "\nendpoint: " + server.endpoint() + "\npath_style: true\nregion: eu-west-1";
    }

    @Test
    void archiveVerifyDropRestoreThroughS3GivesBackTheSameRows() {
        ArchiveFixture f = ArchiveFixture.withYaml("s3_roundtrip", dir, ArchiveFixture.yaml(archiveLines("db1"), "2KB"));
        f.keepCopy("events_p20260101", "expected_jan");
        MaintainResult r = f.maintainWithConsent();
        assertThat(r.results()).filteredOn(x -> x.action().type().equals("archive")).hasSize(2)
                .allSatisfy(x -> assertThat(x.outcome()).as(x.detail()).isEqualTo(Outcome.APPLIED));
        assertThat(server.keys("archive")).contains("db1/public/events/events_p20260101/manifest.json",
                "db1/public/events/events_p20260101/part-00000.csv.zst", "db1/public/events/events_p20260101/part-00002.csv.zst");

        VerifyReport v = f.pgpart(ArchiveFixture.NOW).archives().verify(JANUARY);
        assertThat(v.problems()).isEmpty();
        assertThat(v.location()).isEqualTo("s3://archive/db1/public/events/events_p20260101/");

        f.pgpart(ArchiveFixture.NOW).archives().restore(JANUARY, Optional.empty(), false, Duration.ofSeconds(5));
        assertThat(f.difference("events_p20260101", "expected_jan")).isZero();
    }

    @Test
    void aCorruptedObjectInS3FailsVerification() {
        ArchiveFixture f = ArchiveFixture.withYaml("s3_corrupt", dir, ArchiveFixture.yaml(archiveLines("db2"), "2KB"));
        f.maintainWithConsent();
        server.overwrite("archive", "db2/public/events/events_p20260101/part-00001.csv.zst", new byte[] {1, 2, 3});
        VerifyReport v = f.pgpart(ArchiveFixture.NOW).archives().verify(JANUARY);
        assertThat(v.problems()).singleElement().asString().contains("part-00001.csv.zst", "differs");
    }
}
