package dev.pgpart.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpart.PgpartException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SqlTextTest {
    @ParameterizedTest(name = "{0} has {1} parameter(s)")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "SELECT 1|0",
        "SELECT * FROM t WHERE k = ? AND v = ?|2",
        "SELECT * FROM t WHERE k = $2 OR k = $1 OR k = $2|2",
        "SELECT '?', \"a?\", $$ ? $1 $$, $tag$ $3 $tag$ FROM t WHERE k = ?|1",
        "SELECT /* ? /* nested $1 */ ? */ k FROM t WHERE v = E'\\' ?' AND k = $1|1",
        "SELECT a$1 FROM t|0",
        "SELECT '{}'::jsonb ?? 'a'|0",
    })
    void placeholdersAreOnlyCountedOutsideLiteralsNamesAndComments(String sql, int count) {
        assertThat(SqlText.of(sql).parameterCount()).isEqualTo(count);
    }

    @Test
    void aLineCommentHidesPlaceholdersUntilTheEndOfTheLine() {
        assertThat(SqlText.of("SELECT k FROM t -- where k = ? and $1\nWHERE k = ?").parameterCount()).isEqualTo(1);
    }

    @Test
    void questionMarksBecomeDollarNumbersForAGenericPlan() {
        assertThat(SqlText.of("SELECT * FROM t WHERE k = ? AND v = '?' AND w = ?").nativeSql())
                .isEqualTo("SELECT * FROM t WHERE k = $1 AND v = '?' AND w = $2");
    }

    @Test
    void dollarNumbersBecomeQuestionMarksBoundInTheirOrder() {
        SqlText t = SqlText.of("SELECT * FROM t WHERE v = $2 AND k = $1 AND w = $2");
        assertThat(t.jdbcSql()).isEqualTo("SELECT * FROM t WHERE v = ? AND k = ? AND w = ?");
        assertThat(t.jdbcBindOrder()).isEqualTo(List.of(2, 1, 2));
    }

    @Test
    void aTrailingSemicolonAndCommentAreDropped() {
        assertThat(SqlText.of("SELECT 1; -- done\n").sql()).isEqualTo("SELECT 1");
    }

    @Test
    void aSecondStatementIsAUsageError() {
        assertThatThrownBy(() -> SqlText.of("SELECT 1; DROP TABLE t")).isInstanceOf(PgpartException.class)
                .hasMessageContaining("more than one statement").hasMessageContaining("DROP TABLE t");
        assertThat(SqlText.of("SELECT ';'").sql()).isEqualTo("SELECT ';'");
    }

    @Test
    void mixedPlaceholderStylesAndEmptyTextAreUsageErrors() {
        assertThatThrownBy(() -> SqlText.of("SELECT ? , $1")).hasMessageContaining("mixes ? and $n");
        assertThatThrownBy(() -> SqlText.of("  ")).hasMessageContaining("no SQL statement");
    }
}
