package dev.pgpart.archive.s3;

import dev.pgpart.archive.ArchiveStore;
import dev.pgpart.spec.ArchiveSpec;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3 or an S3-compatible store (MinIO, Ceph, ...). Credentials come from the standard AWS provider
 * chain (environment, profile, instance role), never from pgpart's configuration. Parts are
 * uploaded as multipart uploads of {@link S3Writer#CHUNK} bytes, so memory holds one chunk per part.
 */
public final class S3Store implements ArchiveStore {
    private final S3Client s3;
    private final S3Location location;

    S3Store(S3Client s3, S3Location location) {
        this.s3 = s3;
        this.location = location;
    }

    /** With the default AWS credentials provider chain. */
    public static S3Store open(ArchiveSpec spec) {
        return open(spec, DefaultCredentialsProvider.builder().build());
    }

    public static S3Store open(ArchiveSpec spec, AwsCredentialsProvider credentials) {
        S3ClientBuilder b = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).credentialsProvider(credentials)
                .region(Region.of(spec.region().orElse("us-east-1"))).forcePathStyle(spec.pathStyle());
        if (spec.endpoint().isPresent()) {
            // since SDK 2.30 CRC checksums are sent by default; many non-AWS stores reject them
            b.endpointOverride(URI.create(spec.endpoint().get()))
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return new S3Store(b.build(), S3Location.parse(spec.location()));
    }

    @Override
    public String uri(String key) {
        return location.uri(key);
    }

    @Override
    public ObjectWriter create(String key) {
        return new S3Writer(s3, location.bucket(), location.key(key), uri(key));
    }

    @Override
    public InputStream open(String key) throws IOException {
        try {
            return s3.getObject(r -> r.bucket(location.bucket()).key(location.key(key)));
        } catch (NoSuchKeyException e) {
            throw new FileNotFoundException(uri(key) + " does not exist");
        } catch (SdkException e) {
            throw failure("read", key, e);
        }
    }

    @Override
    public boolean exists(String key) throws IOException {
        try {
            s3.headObject(r -> r.bucket(location.bucket()).key(location.key(key)));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw failure("look up", key, e);
        } catch (SdkException e) {
            throw failure("look up", key, e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            s3.deleteObject(r -> r.bucket(location.bucket()).key(location.key(key)));
        } catch (SdkException e) {
            throw failure("delete", key, e);
        }
    }

    IOException failure(String what, String key, SdkException e) {
        return S3Writer.failure(what, uri(key), e);
    }

    @Override
    public void close() {
        s3.close();
    }
}
