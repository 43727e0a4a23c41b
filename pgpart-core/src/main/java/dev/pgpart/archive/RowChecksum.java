package dev.pgpart.archive;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The order-independent checksum of a partition's rows, computed here over the CSV records that
 * COPY wrote, and by PostgreSQL over the table with {@link ChecksumSql}: for each row, the first
 * 64 bits of the MD5 of its CSV record (UTF-8, without the newline) as a signed integer; summed
 * exactly. Equal sums and counts mean the same multiset of rows with overwhelming probability,
 * whatever the order COPY read them in.
 *
 * <p>Records are split at newlines outside double quotes (CSV quotes every value that contains a
 * newline, and doubles quotes inside, so counting quotes is exact).
 */
public final class RowChecksum {
    public static final String ALGORITHM = "sum-md5-64-csv-v1";

    private final MessageDigest md5;
    private boolean quoted;
    private boolean pending;
    private long rows;
    private long partial;
    private BigInteger total = BigInteger.ZERO;

    public RowChecksum() {
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no MD5", e);
        }
    }

    /** The result: rows and the sum, as PostgreSQL prints it. */
    public record Value(long rows, String sum) {
    }

    /**
     * Feeds bytes; calls {@code boundary} after each complete record with the offset just past its newline.
     *
     * @return the offset in {@code b} just past the last complete record fed, or {@code off} when none ended
     */
    public int update(byte[] b, int off, int len, Boundary boundary) throws java.io.IOException {
        int start = off;
        int last = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            byte x = b[i];
            if (x == '"') {
                quoted = !quoted;
            } else if (x == '\n' && !quoted) {
                md5.update(b, start, i - start);
                add(md5.digest());
                pending = false;
                start = i + 1;
                last = start;
                boundary.at(last);
            }
        }
        if (start < end) {
            md5.update(b, start, end - start);
            pending = true;
        }
        return last;
    }

    public void update(byte[] b, int off, int len) {
        try {
            update(b, off, len, at -> { });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // cannot happen: the callback does no I/O
        }
    }

    /** Complete records so far. */
    public long rows() {
        return rows;
    }

    /** Between records: no record has been started and not finished. */
    public boolean atRecordBoundary() {
        return !pending && !quoted;
    }

    private void add(byte[] digest) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (digest[i] & 0xff);
        }
        rows++;
        long sum = partial + v;
        // overflow only when both have the same sign and the sum's differs
        if (((partial ^ sum) & (v ^ sum)) < 0) {
            total = total.add(BigInteger.valueOf(partial));
            partial = v;
        } else {
            partial = sum;
        }
    }

    /** @throws IllegalStateException when the data ended inside a record (a truncated part) */
    public Value value() {
        if (!atRecordBoundary()) {
            throw new IllegalStateException("the data ends inside a record (truncated after " + rows + " rows)");
        }
        return new Value(rows, total.add(BigInteger.valueOf(partial)).toString());
    }

    @FunctionalInterface
    public interface Boundary {
        void at(int offsetAfterRecord) throws java.io.IOException;
    }
}
