package dev.pgpart.archive.s3;

import dev.pgpart.archive.ArchiveStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * One object written as a multipart upload: each {@link #CHUNK} bytes go up as an upload part as
 * soon as they are full, on a thread of the writer's own while the next chunk fills (one upload
 * in flight, so two chunks in memory); commit completes the upload (a small object is a single
 * PUT instead); close without commit aborts it, so the store keeps no orphaned parts.
 */
final class S3Writer extends ArchiveStore.ObjectWriter {
    /** Above S3's 5 MiB minimum for every upload part but the last. */
    static final int CHUNK = 8 * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final String uri;
    private byte[] chunk = new byte[CHUNK];
    private byte[] spare = new byte[CHUNK];
    private final List<CompletedPart> parts = new ArrayList<>();
    private final ExecutorService uploader;
    private Optional<Future<CompletedPart>> inFlight = Optional.empty();
    private int filled;
    private String uploadId;
    private boolean committed;

    S3Writer(S3Client s3, String bucket, String key, String uri) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.uri = uri;
        this.uploader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pgpart-s3-upload " + key);
            t.setDaemon(true);
            return t;
        });
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

    /** Sends the full chunk up on the uploader thread, once the previous one has arrived, and fills the other buffer. */
    private void uploadChunk() throws IOException {
        awaitInFlight();
        try {
            if (uploadId == null) {
                uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
            }
        } catch (SdkException e) {
            throw failure("upload a part of", uri, e);
        }
        int number = parts.size() + 1;
        String id = uploadId;
        RequestBody body = RequestBody.fromByteBuffer(ByteBuffer.wrap(chunk, 0, filled));
        inFlight = Optional.of(uploader.submit(() -> CompletedPart.builder().partNumber(number)
                .eTag(s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(id).partNumber(number), body).eTag()).build()));
        byte[] sent = chunk;
        chunk = spare;
        spare = sent; // reused only after awaitInFlight: the upload is done with it by then
        filled = 0;
    }

    private void awaitInFlight() throws IOException {
        if (inFlight.isEmpty()) {
            return;
        }
        Future<CompletedPart> f = inFlight.get();
        inFlight = Optional.empty();
        try {
            parts.add(f.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while uploading a part of " + uri);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SdkException sdk) {
                throw failure("upload a part of", uri, sdk);
            }
            throw new IOException("could not upload a part of " + uri + ": " + e.getCause(), e.getCause());
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
                awaitInFlight();
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
        uploader.shutdown();
        try {
            awaitTermination();
        } finally {
            abortUnlessCommitted();
        }
    }

    /** An upload still under way finishes (or fails) before the abort, so it cannot add a part after it. */
    private void awaitTermination() throws IOException {
        try {
            if (!uploader.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES)) {
                throw new IOException("an upload of a part of " + uri + " did not end within 5 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while ending the uploads of " + uri);
        }
    }

    private void abortUnlessCommitted() throws IOException {
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
