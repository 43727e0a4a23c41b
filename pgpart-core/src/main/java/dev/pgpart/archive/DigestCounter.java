package dev.pgpart.archive;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Counts and hashes (SHA-256) what passes through to the store. */
final class DigestCounter extends FilterOutputStream {
    private final MessageDigest sha256;
    private long bytes;

    DigestCounter(OutputStream out) {
        super(out);
        this.sha256 = newSha256();
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        sha256.update((byte) b);
        bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        sha256.update(b, off, len);
        bytes += len;
    }

    long bytes() {
        return bytes;
    }

    String hex() {
        return HexFormat.of().formatHex(sha256.digest());
    }
}
