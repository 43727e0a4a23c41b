package dev.pgpart.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The order-independent checksum of a partition's rows. PostgreSQL computes it over the table with
 * {@link ChecksumSql} as the exact sum, over the rows, of a 64-bit hash ({@link RowHash}) of
 * {@code ROW(columns)::text}, the row's text as {@code record_out} writes it; this class
 * computes the same sum from the CSV records COPY wrote, by decoding each record's fields and
 * writing them again as {@code record_out} does (a value is double-quoted when it is empty or
 * holds a quote, backslash, parenthesis, comma or white space; quotes and backslashes inside are
 * doubled; NULL is nothing). Equal sums and counts mean the same multiset of rows with
 * overwhelming probability, whatever the order COPY read them in, and PostgreSQL's side is one
 * parallel scan of C functions.
 *
 * <p>Records end at a newline outside double quotes: CSV quotes every value that holds a newline.
 */
public final class RowChecksum implements Records {

    private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

    private final RowHash hash;
    private final MessageDigest md5;
    private State state = State.FIELD_START;
    private byte[] field = new byte[256];
    private int fieldLen;
    private boolean fieldQuoted;
    private byte[] record = new byte[1024];
    private int recordLen;
    private boolean inRecord;
    private long rows;
    private long partial;
    private BigInteger total = BigInteger.ZERO;

    RowChecksum(RowHash hash) {
        this.hash = hash;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no MD5", e);
        }
    }

    /** The result: rows and the sum, as PostgreSQL prints it. */
    public record Value(long rows, String sum) {
        /** The checksum of both sets of rows together (the sum is order-independent, so parts add up). */
        public Value plus(Value other) {
            return new Value(rows + other.rows, new BigInteger(sum).add(new BigInteger(other.sum)).toString());
        }

        public static final Value EMPTY = new Value(0, "0");
    }

    /** Feeds bytes; calls {@code boundary} after each complete record with the offset just past its newline. */
    public void update(byte[] b, int off, int len, Boundary boundary) throws IOException {
        int end = off + len;
        for (int i = off; i < end; i++) {
            byte x = b[i];
            inRecord = true;
            switch (state) {
                case FIELD_START -> {
                    if (x == '"') {
                        fieldQuoted = true;
                        state = State.QUOTED;
                    } else if (x == ',') {
                        endField(false);
                    } else if (x == '\n') {
                        endField(true);
                        boundary.at(i + 1);
                    } else {
                        append(x);
                        state = State.UNQUOTED;
                    }
                }
                case UNQUOTED -> {
                    if (x == ',') {
                        endField(false);
                    } else if (x == '\n') {
                        endField(true);
                        boundary.at(i + 1);
                    } else {
                        append(x);
                    }
                }
                case QUOTED -> {
                    if (x == '"') {
                        state = State.QUOTE_IN_QUOTED;
                    } else {
                        append(x);
                    }
                }
                case QUOTE_IN_QUOTED -> {
                    if (x == '"') {
                        append(x);
                        state = State.QUOTED;
                    } else if (x == ',') {
                        endField(false);
                    } else if (x == '\n') {
                        endField(true);
                        boundary.at(i + 1);
                    } else {
                        append(x); // not written by COPY; kept as data
                        state = State.UNQUOTED;
                    }
                }
            }
        }
    }

    @Override
    public void update(byte[] b, int off, int len) {
        try {
            update(b, off, len, at -> { });
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen: the callback does no I/O
        }
    }

    private void append(byte x) {
        if (fieldLen == field.length) {
            field = Arrays.copyOf(field, field.length * 2);
        }
        field[fieldLen++] = x;
    }

    private void put(byte x) {
        if (recordLen == record.length) {
            record = Arrays.copyOf(record, record.length * 2);
        }
        record[recordLen++] = x;
    }

    /** Writes the field as record_out would, then closes the record on a newline. */
    private void endField(boolean lastOfRecord) {
        put(recordLen == 0 ? (byte) '(' : (byte) ',');
        if (fieldLen > 0 || fieldQuoted) {
            boolean quote = fieldLen == 0;
            for (int i = 0; i < fieldLen && !quote; i++) {
                quote = special(field[i]);
            }
            if (quote) {
                put((byte) '"');
            }
            for (int i = 0; i < fieldLen; i++) {
                byte c = field[i];
                if (c == '"' || c == '\\') {
                    put(c);
                }
                put(c);
            }
            if (quote) {
                put((byte) '"');
            }
        }
        fieldLen = 0;
        fieldQuoted = false;
        state = State.FIELD_START;
        if (lastOfRecord) {
            put((byte) ')');
            add(hash.hash(record, recordLen, md5));
            recordLen = 0;
            inRecord = false;
        }
    }

    /** record_out's test: quote, backslash, parentheses, comma, or C isspace. */
    private static boolean special(byte c) {
        return c == '"' || c == '\\' || c == '(' || c == ')' || c == ',' || c == ' ' || (c >= 9 && c <= 13);
    }

    @Override
    public boolean atRecordBoundary() {
        return !inRecord;
    }

    @Override
    public long rows() {
        return rows;
    }

    private void add(long v) {
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
        void at(int offsetAfterRecord) throws IOException;
    }
}
