package dev.pgpart.internal.catalog;

import dev.pgpart.api.Bound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BoundParserTest {
    static Stream<Arguments> bounds() {
        return Stream.of(
                Arguments.of("DEFAULT", new Bound.Default()),
                Arguments.of("FOR VALUES WITH (modulus 4, remainder 1)", new Bound.Hash(4, 1)),
                Arguments.of("FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2024-02-01 00:00:00+00')",
                        new Bound.Range(Optional.of("2024-01-01 00:00:00+00"), Optional.of("2024-02-01 00:00:00+00"))),
                Arguments.of("FOR VALUES FROM ('-5') TO (10)", new Bound.Range(Optional.of("-5"), Optional.of("10"))),
                Arguments.of("FOR VALUES FROM (10) TO (MAXVALUE)", new Bound.Range(Optional.of("10"), Optional.empty())),
                Arguments.of("FOR VALUES FROM (MINVALUE) TO ('2024-01-01')", new Bound.Range(Optional.empty(), Optional.of("2024-01-01"))),
                Arguments.of("FOR VALUES IN ('NA', NULL, 'O''Brien')",
                        new Bound.In(List.of(Optional.of("NA"), Optional.empty(), Optional.of("O'Brien")))),
                Arguments.of("FOR VALUES IN ('a, b', 'c)')", new Bound.In(List.of(Optional.of("a, b"), Optional.of("c)")))),
                Arguments.of("FOR VALUES IN (1, '-2')", new Bound.In(List.of(Optional.of("1"), Optional.of("-2")))),
                Arguments.of("FOR VALUES FROM (1, MINVALUE) TO (2, MAXVALUE)",
                        new Bound.Unparsed("FOR VALUES FROM (1, MINVALUE) TO (2, MAXVALUE)")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bounds")
    void parsesWhatPgGetExprPrints(String text, Bound expected) {
        assertThat(BoundParser.parse(text)).isEqualTo(expected);
    }
}
