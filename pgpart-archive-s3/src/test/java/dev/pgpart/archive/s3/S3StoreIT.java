package dev.pgpart.archive.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpart.archive.ArchiveStore;
import dev.pgpart.spec.ArchiveSpec;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The S3 store against S3Proxy: multipart uploads, an upload that fails midway, wrong credentials. */
@Timeout(120)
class S3StoreIT {
    private static S3ProxyServer server;

    @BeforeAll
    static void start() throws Exception {
        server = S3ProxyServer.start("bucket");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ArchiveSpec spec(String prefix) {
        return new ArchiveSpec("s3://bucket/" + prefix, Optional.of("eu-west-1"), Optional.of(server.endpoint()), true,
                ArchiveSpec.Compression.ZSTD, ArchiveSpec.DEFAULT_PART_SIZE);
    }

    private static S3Store store(String prefix) {
        return S3Store.open(spec(prefix), StaticCredentialsProvider.create(
                AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)));
    }

    @Test
    void anObjectLargerThanAChunkIsUploadedInPartsAndReadsBackTheSame() throws IOException {
        byte[] data = new byte[S3Writer.CHUNK * 2 + 12345];
        new Random(7).nextBytes(data);
        try (S3Store s = store("multi")) {
            try (ArchiveStore.ObjectWriter w = s.create("a/part-00000.csv.zst")) {
                w.write(data, 0, 1000);
                w.write(data, 1000, data.length - 1000);
                w.commit();
            }
            try (InputStream in = s.open("a/part-00000.csv.zst")) {
                assertThat(in.readAllBytes()).isEqualTo(data);
            }
            assertThat(s.uri("a/part-00000.csv.zst")).isEqualTo("s3://bucket/multi/a/part-00000.csv.zst");
        }
    }

    @Test
    void anUploadStoppedMidwayLeavesNoObject() throws IOException {
        try (S3Store s = store("aborted")) {
            try (ArchiveStore.ObjectWriter w = s.create("x")) {
                w.write(new byte[S3Writer.CHUNK + 10]); // one part uploaded, then the export "fails"
            }
            assertThat(s.exists("x")).isFalse();
            assertThatThrownBy(() -> s.open("x")).isInstanceOf(FileNotFoundException.class)
                    .hasMessageContaining("s3://bucket/aborted/x");
        }
    }

    @Test
    void wrongCredentialsFailWithS3sErrorCodeAndTheObjectName() {
        try (S3Store s = S3Store.open(spec("creds"), StaticCredentialsProvider.create(
                AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, "not-the-secret")))) {
            // a read has no request body, so S3's answer always arrives: its error code is in the message
            assertThatThrownBy(() -> s.open("y").close()).isInstanceOf(IOException.class)
                    .hasMessageContaining("s3://bucket/creds/y").hasMessageContaining("SignatureDoesNotMatch");
            // a write may be cut off by the server before the answer is read (then the client reports the
            // broken upload): either way it fails, naming the object
            assertThatThrownBy(() -> {
                try (ArchiveStore.ObjectWriter w = s.create("y")) {
                    w.write(1);
                    w.commit();
                }
            }).isInstanceOf(IOException.class).hasMessageContaining("s3://bucket/creds/y");
        }
    }
}
