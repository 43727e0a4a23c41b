package dev.pgpart.archive.s3;

import dev.pgpart.archive.ArchiveStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * One object written as a multipart upload: each {@link #CHUNK} bytes go up as an upload part as
 * soon as they are full; commit completes the upload (a small object is a single PUT instead);
 * close without commit aborts it, so the store keeps no orphaned parts.
 */
final class S3Writer extends ArchiveStore.ObjectWriter {
    /** Above S3's 5 MiB minimum for every upload part but the last. */
    static final int CHUNK = 8 * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final String uri;
    private final byte[] chunk = new byte[CHUNK];
    private final List<CompletedPart> parts = new ArrayList<>();
    private int filled;
    private String uploadId;
    private boolean committed;

    S3Writer(S3Client s3, String bucket, String key, String uri) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.uri = uri;
    }

    @Override
    public void write(int b) throws IOException {
        if (filled == CHUNK) {
            uploadChunk();
        }
        chunk[filled++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (filled == CHUNK) {
                uploadChunk();
            }
            int n = Math.min(len, CHUNK - filled);
            System.arraycopy(b, off, chunk, filled, n);
            filled += n;
            off += n;
            len -= n;
        }
    }

    private void uploadChunk() throws IOException {
        try {
            if (uploadId == null) {
                uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
            }
            int number = parts.size() + 1;
            String etag = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
                    RequestBody.fromBytes(java.util.Arrays.copyOf(chunk, filled))).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            filled = 0;
        } catch (SdkException e) {
            throw failure("upload a part of", uri, e);
        }
    }

    @Override
    public void commit() throws IOException {
        try {
            if (uploadId == null) {
                s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(java.util.Arrays.copyOf(chunk, filled)));
            } else {
                if (filled > 0) {
                    uploadChunk();
                }
                s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                        .multipartUpload(m -> m.parts(parts)));
            }
            committed = true;
        } catch (SdkException e) {
            throw failure("write", uri, e);
        }
    }

    @Override
    public void close() throws IOException {
        if (committed || uploadId == null) {
            return;
        }
        try {
            s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            throw failure("abort the upload of", uri, e);
        } finally {
            uploadId = null;
        }
    }

    /** An SDK error as the store's IOException, naming the object and, for S3's own errors, its code. */
    static IOException failure(String what, String uri, SdkException e) {
        String detail = e instanceof S3Exception s && s.awsErrorDetails() != null
                ? s.awsErrorDetails().errorCode() + " (HTTP " + s.statusCode() + "): " + s.awsErrorDetails().errorMessage()
                : e.getMessage();
        return new IOException("could not " + what + " " + uri + ": " + detail, e);
    }
}
