package dev.pgpart.archive;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The 64-bit hash of one row's text that {@link RowChecksum} sums, and the same hash in SQL. The
 * manifest names the one it used, so archives of either stay verifiable.
 *
 * <p>{@link #HASHTEXT_V2} is PostgreSQL's {@code hashtextextended(text, 0)} (Bob Jenkins' lookup3,
 * the hash behind hash partitioning, which PostgreSQL keeps stable across versions), about three
 * times cheaper per row than {@code md5} on the server: new exports use it when the database's
 * encoding is UTF8 (the hash covers the text's bytes in the server's encoding, and pgpart reads
 * COPY's output in UTF-8). {@link #MD5_V1}, the first 64 bits of {@code md5}, covers the UTF-8
 * bytes whatever the server's encoding, and is kept for other encodings and older archives.
 */
enum RowHash {
    MD5_V1("sum-md5-64-record-v1") {
        @Override
        String sql(String rowText) {
            return "('x' || left(md5(convert_to(" + rowText + ", 'UTF8')), 16))::bit(64)::bigint";
        }
    },
    HASHTEXT_V2("sum-hashtext-64-record-v2") {
        @Override
        String sql(String rowText) {
            return "hashtextextended(" + rowText + ", 0)";
        }
    };

    private final String key;

    RowHash(String key) {
        this.key = key;
    }

    /** The manifest's {@code checksum.algorithm}. */
    String key() {
        return key;
    }

    /** The hash of the row whose text is the SQL expression {@code rowText}. */
    abstract String sql(String rowText);

    static RowHash of(String key, String where) {
        for (RowHash h : values()) {
            if (h.key.equals(key)) {
                return h;
            }
        }
        throw new PgpartException(ErrorCode.UNSAFE, "the manifest " + where + " has the checksum algorithm " + key
                + "; this pgpart knows " + java.util.Arrays.stream(values()).map(RowHash::key).toList() + ". Nothing was changed");
    }

    /** The hash a new export of this database uses. */
    static RowHash forServer(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_setting('server_encoding')")) {
            rs.next();
            return rs.getString(1).equals("UTF8") ? HASHTEXT_V2 : MD5_V1;
        }
    }

    /** The hash of {@code len} bytes of a row's text, as the server computes it. */
    long hash(byte[] b, int len, MessageDigest md5) {
        if (this == MD5_V1) {
            md5.update(b, 0, len);
            byte[] d = md5.digest();
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (d[i] & 0xff);
            }
            return v;
        }
        return hashBytesExtended(b, len);
    }

    /** PostgreSQL's {@code hash_bytes_extended(k, keylen, 0)} (src/common/hashfn.c) on a little-endian server. */
    static long hashBytesExtended(byte[] k, int keylen) {
        int a = 0x9e3779b9 + keylen + 3923095;
        int b = a;
        int c = a;
        int i = 0;
        int len = keylen;
        while (len >= 12) {
            a += word(k, i);
            b += word(k, i + 4);
            c += word(k, i + 8);
            // mix(a, b, c)
            a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
            a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
            i += 12;
            len -= 12;
        }
        // the last 11 bytes, as the C switch falls through
        if (len >= 11) c += (k[i + 10] & 0xff) << 24;
        if (len >= 10) c += (k[i + 9] & 0xff) << 16;
        if (len >= 9) c += (k[i + 8] & 0xff) << 8;
        if (len >= 8) b += (k[i + 7] & 0xff) << 24;
        if (len >= 7) b += (k[i + 6] & 0xff) << 16;
        if (len >= 6) b += (k[i + 5] & 0xff) << 8;
        if (len >= 5) b += k[i + 4] & 0xff;
        if (len >= 4) a += (k[i + 3] & 0xff) << 24;
        if (len >= 3) a += (k[i + 2] & 0xff) << 16;
        if (len >= 2) a += (k[i + 1] & 0xff) << 8;
        if (len >= 1) a += k[i] & 0xff;
        // final(a, b, c)
        c ^= b; c -= Integer.rotateLeft(b, 14);
        a ^= c; a -= Integer.rotateLeft(c, 11);
        b ^= a; b -= Integer.rotateLeft(a, 25);
        c ^= b; c -= Integer.rotateLeft(b, 16);
        a ^= c; a -= Integer.rotateLeft(c, 4);
        b ^= a; b -= Integer.rotateLeft(a, 14);
        c ^= b; c -= Integer.rotateLeft(b, 24);
        return ((long) b << 32) | (c & 0xffffffffL);
    }

    private static int word(byte[] k, int i) {
        return (k[i] & 0xff) | (k[i + 1] & 0xff) << 8 | (k[i + 2] & 0xff) << 16 | (k[i + 3] & 0xff) << 24;
    }
}
