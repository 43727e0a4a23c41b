package dev.pgpart.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RowHashTest {
    /** Values of {@code SELECT hashtextextended(s, 0)} on PostgreSQL 15 (x86-64): every tail length, and multibyte text. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "abc|-6747756470228489321",
            "''|-6939563903564495251",
            "hello world, this is a long string!|-2304622574847260797",
            "abcdefghijkl|-7556637188122330412",
            "abcdefghijklm|8871624171452417744",
            "é中文🎉|7924990475805641485"})
    void theJavaHashIsPostgresqlsHashtextextended(String text, long expected) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        assertThat(RowHash.hashBytesExtended(b, b.length)).isEqualTo(expected);
    }
}
