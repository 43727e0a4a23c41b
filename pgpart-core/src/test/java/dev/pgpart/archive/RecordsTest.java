package dev.pgpart.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordsTest {
    /** COPY's CSV: quoted newlines and commas, doubled quotes, empty strings, NULLs, a quote-only value. */
    private static final byte[] CSV = ("1,plain,\n"
            + "2,\"line\nbreak\",\"\"\n"
            + "3,\"say \"\"hi\"\"\nthere\",x\n"
            + "4,,\"\"\"\"\n"
            + "5,\"\n\",\"a,b\"\n").getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 7, 64})
    void theBoundaryScannerFindsTheSameRecordEndsAsTheChecksumWhateverTheChunks(int chunk) {
        Records.Boundaries scan = new Records.Boundaries();
        RowChecksum full = new RowChecksum(RowHash.HASHTEXT_V2);
        for (int off = 0; off < CSV.length; off += chunk) {
            int len = Math.min(chunk, CSV.length - off);
            scan.update(CSV, off, len);
            full.update(CSV, off, len);
            assertThat(scan.atRecordBoundary()).as("after byte %d", off + len).isEqualTo(full.atRecordBoundary());
            assertThat(scan.rows()).as("after byte %d", off + len).isEqualTo(full.rows());
        }
        assertThat(scan.rows()).isEqualTo(5);
        assertThat(scan.atRecordBoundary()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 64})
    void aRecordCutInsideAQuotedNewlineIsNotAtABoundary(int chunk) {
        byte[] cut = "1,\"open\n".getBytes(StandardCharsets.UTF_8);
        Records.Boundaries scan = new Records.Boundaries();
        for (int off = 0; off < cut.length; off += chunk) {
            scan.update(cut, off, Math.min(chunk, cut.length - off));
        }
        assertThat(scan.atRecordBoundary()).isFalse();
        assertThat(scan.rows()).isZero();
    }
}
