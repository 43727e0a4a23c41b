package dev.pgpart.convert.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlicesTest {
    @ParameterizedTest(name = "[{0}, {1}] in {2}: {3}")
    @CsvSource(delimiter = '|', value = {
            "1|3000|2|1500 3000",
            "1|3000|3|1000 2000 3000",
            "0|9|4|1 4 6 9",
            "5|5|4|5",
            "1|3|16|1 2 3",
            "-10|10|2|-1 10",
            "1|100|1|100",
            "-9223372036854775808|9223372036854775807|2|-1 9223372036854775807"})
    void theRangeIsCutIntoContiguousSlicesEndingAtItsMaximumAndNeverMoreThanItHasKeys(String min, String max,
                                                                                       int workers, String ends) {
        assertThat(Slices.ends(min, max, workers)).containsExactly(ends.split(" "));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "bigint|true", "integer|true", "smallint|true", "uuid|false", "text|false", "numeric|false",
            "integer,bigint|false"})
    void onlyASingleIntegerKeyIsCut(String types, boolean splittable) {
        assertThat(Slices.splittable(List.of(types.split(",")))).isEqualTo(splittable);
    }
}
