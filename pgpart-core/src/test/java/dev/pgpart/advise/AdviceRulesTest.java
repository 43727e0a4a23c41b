package dev.pgpart.advise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.sql.QualifiedName;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The advisor's rules and ranking, without a database. */
class AdviceRulesTest {
    private static final QualifiedName T = QualifiedName.of("public", "t");
    private static final AdviseOptions O = AdviseOptions.defaults();

    private static QualifiedName p(String name) {
        return QualifiedName.of("public", name);
    }

    private static PartitionRows row(char strategy, String name, long rows) {
        return new PartitionRows(T, strategy, p(name), false, rows);
    }

    @Test
    void aListPartitionWithMoreThanHalfTheRowsOfThreeIsSkewed() {
        List<Advice> a = PartitionRules.of(List.of(row('l', "a", 600), row('l', "b", 300), row('l', "c", 100)), O);
        assertThat(a).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo(AdviceKind.LIST_SKEW);
            assertThat(x.observed()).isEqualTo("partition public.a holds 60% of the rows (about 600 of 1000) of 3 partitions");
        });
    }

    @Test
    void exactlyHalfIsNotSkewedNorAreTablesBelowTheMinimumRows() {
        assertThat(PartitionRules.of(List.of(row('l', "a", 500), row('l', "b", 300), row('l', "c", 200)), O)).isEmpty();
        assertThat(PartitionRules.of(List.of(row('l', "a", 90), row('l', "b", 5), row('l', "c", 4)), O)).isEmpty();
    }

    @Test
    void aHashPartitionAboveTwiceTheMeanIsSkewedAndNamesTheSmallest() {
        List<Advice> a = PartitionRules.of(List.of(row('h', "h0", 2100), row('h', "h1", 300), row('h', "h2", 300),
                row('h', "h3", 100)), O);
        assertThat(a).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo(AdviceKind.HASH_SKEW);
            assertThat(x.observed()).isEqualTo("partition public.h0 holds about 2100 rows, 3.0 times the mean of 4"
                    + " partitions (smallest: public.h3, about 100 rows)");
        });
    }

    @Test
    void evenHashPartitionsAndRangePartitionsAreNotJudgedForSkew() {
        assertThat(PartitionRules.of(List.of(row('h', "h0", 600), row('h', "h1", 500)), O)).isEmpty();
        assertThat(PartitionRules.of(List.of(row('r', "r0", 9000), row('r', "r1", 10), row('r', "r2", 10)), O)).isEmpty();
    }

    @Test
    void aDefaultPartitionWithRowsIsReportedAndAnEmptyOneIsNot() {
        PartitionRows full = new PartitionRows(T, 'r', p("t_default"), true, 12);
        PartitionRows empty = new PartitionRows(T, 'r', p("t_default"), true, 0);
        assertThat(PartitionRules.of(List.of(full), O)).extracting(Advice::kind).containsExactly(AdviceKind.DEFAULT_PARTITION_ROWS);
        assertThat(PartitionRules.of(List.of(empty), O)).isEmpty();
    }

    @Test
    void anIndexOnSomeSiblingsIsMissingOnTheOthersWhateverItsName() {
        List<Advice> a = IndexRules.missing(List.of(
                new LeafIndexes(T, p("t1"), Map.of("btree (v)", p("t1_v"), "UNIQUE btree (id, k)", p("t1_pk"))),
                new LeafIndexes(T, p("t2"), Map.of("btree (v)", p("other_name"), "UNIQUE btree (id, k)", p("t2_pk"))),
                new LeafIndexes(T, p("t3"), Map.of("UNIQUE btree (id, k)", p("t3_pk")))));
        assertThat(a).singleElement().satisfies(x -> assertThat(x.observed())
                .isEqualTo("index btree (v) (e.g. public.t1_v) exists on 2 of 3 partitions; missing on public.t3"));
    }

    @Test
    void siblingsWithTheSameIndexesNeedNothing() {
        assertThat(IndexRules.missing(List.of(new LeafIndexes(T, p("t1"), Map.of("btree (v)", p("a"))),
                new LeafIndexes(T, p("t2"), Map.of("btree (v)", p("b")))))).isEmpty();
    }

    @Test
    void aPrimaryKeyWithTheKeyIsFineAndOneWithoutIsAConversionBlocker() {
        Map<QualifiedName, String> keys = Map.of(T, "created_at");
        List<Advice> a = ConstraintRules.uniques(List.of(new KeyConstraint(T, "t_pkey", true, List.of("id", "created_at")),
                new KeyConstraint(T, "t_email_key", false, List.of("email"))), keys);
        assertThat(a).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.HIGH);
            assertThat(x.observed()).startsWith("unique constraint t_email_key (email) lacks the partition key created_at");
            assertThat(x.fix()).startsWith("make it (email, created_at) before converting");
        });
    }

    private static ForeignKey fk(List<String> referencingKey, boolean referencedPartitioned, char onDelete) {
        return new ForeignKey("items_order_fk", p("items"), List.of("order_id"), referencingKey, p("orders"),
                List.of("id"), referencedPartitioned, onDelete);
    }

    private static DeleteStatement delete(String sql) {
        return DeleteStatement.of(new StatementStat(sql, 40, 12.5, 40)).orElseThrow();
    }

    @Test
    void rowByRowDeletesOnTheReferencingTableAreAnEmulatedCascadeOnlyWithoutAnOnDeleteAction() {
        List<DeleteStatement> deletes = List.of(delete("DELETE FROM items WHERE order_id = $1"));
        assertThat(ConstraintRules.foreignKeys(List.of(fk(List.of(), true, 'a')), Map.of(), deletes))
                .extracting(Advice::kind).containsExactly(AdviceKind.EMULATED_CASCADE);
        assertThat(ConstraintRules.foreignKeys(List.of(fk(List.of(), true, 'c')), Map.of(), deletes)).isEmpty();
        assertThat(ConstraintRules.foreignKeys(List.of(fk(List.of(), true, 'a')), Map.of(),
                List.of(delete("DELETE FROM items WHERE id = $1")))).isEmpty();
    }

    @Test
    void aPartitionedReferencingTableWhoseForeignKeyLacksItsKeyIsReported() {
        assertThat(ConstraintRules.foreignKeys(List.of(fk(List.of("k"), false, 'c')), Map.of(), List.of()))
                .extracting(Advice::kind).containsExactly(AdviceKind.FOREIGN_KEY_CHECK_SCANS_PARTITIONS);
        assertThat(ConstraintRules.foreignKeys(List.of(fk(List.of("order_id"), false, 'c')), Map.of(), List.of())).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "DELETE FROM items WHERE order_id = $1|public.items",
        "  /* orm */ delete from ONLY sales.items where order_id = $1|sales.items",
        "DELETE FROM \"Sales\" . \"Line Items\" WHERE order_id = $1|\"Sales\".\"Line Items\"",
    })
    void theTargetOfADeleteIsReadFromItsText(String sql, String target) {
        assertThat(delete(sql).target()).isEqualTo(QualifiedName.parse(target));
    }

    @Test
    void textThatIsNotADeleteHasNoTarget() {
        assertThat(DeleteStatement.of(new StatementStat("SELECT 1 FROM items", 1, 1, 1))).isEmpty();
        assertThat(DeleteStatement.of(new StatementStat("WITH x AS (DELETE FROM items) SELECT 1", 1, 1, 1))).isEmpty();
    }

    @Test
    void aColumnNamedOnlyAsPartOfAnotherIsNotAFilter() {
        assertThat(delete("DELETE FROM items WHERE suborder_id = $1").filtersOn("order_id")).isFalse();
        assertThat(delete("DELETE FROM items WHERE \"order_id\" = $1").filtersOn("order_id")).isTrue();
    }

    @Test
    void onlyReadsThatNameAPartitionedTableAreExplained() {
        List<String> names = List.of("events");
        assertThat(Statements.candidate("SELECT * FROM events WHERE id = $1", names)).isTrue();
        assertThat(Statements.candidate("-- app\nWITH x AS (SELECT 1) SELECT * FROM Events", names)).isTrue();
        assertThat(Statements.candidate("UPDATE events SET v = $1", names)).isTrue();
        assertThat(Statements.candidate("INSERT INTO events VALUES ($1, $2)", names)).isFalse();
        assertThat(Statements.candidate("EXPLAIN SELECT * FROM events", names)).isFalse();
        assertThat(Statements.candidate("PREPARE pgpart_advise_0 AS SELECT * FROM events", names)).isFalse();
        assertThat(Statements.candidate("SELECT * FROM orders", names)).isFalse();
        assertThat(Statements.candidate("SELECT k FROM public.events_0 LIMIT $1", names)).isFalse();
        assertThat(Statements.candidate("SELECT * FROM \"events\" e WHERE e.id = $1", names)).isTrue();
    }

    @Test
    void planningIsReportedAboveTheThresholdOnly() {
        PlanningTime slow = new PlanningTime(T, 5000, "SELECT 1 FROM t WHERE k = '1'", 73.0, 0.02);
        assertThat(PlanningTime.advice(slow, 10.0)).hasValueSatisfying(a -> assertThat(a.observed())
                .startsWith("5000 partitions: planning a pruned point query (SELECT 1 FROM t WHERE k = '1') takes 73.0 ms"));
        assertThat(PlanningTime.advice(slow, 73.0)).isEmpty();
    }

    @Test
    void worstFirstIsSeverityThenCost() {
        Advice lowBig = new Advice(Severity.LOW, AdviceKind.LIST_SKEW, T, "a", "f", 1e9);
        Advice highSmall = new Advice(Severity.HIGH, AdviceKind.STATEMENT_NOT_PRUNING, T, "b", "f", 1);
        Advice highBig = new Advice(Severity.HIGH, AdviceKind.STATEMENT_NOT_PRUNING, T, "c", "f", 500);
        Advice medium = new Advice(Severity.MEDIUM, AdviceKind.INVALID_INDEX, T, "d", "f", 0);
        assertThat(Ranking.worstFirst(List.of(lowBig, highSmall, medium, highBig)))
                .containsExactly(highBig, highSmall, medium, lowBig);
    }

    @Test
    void kindsHaveStableJsonNames() {
        assertThat(AdviceKind.STATEMENT_NOT_PRUNING.jsonName()).isEqualTo("statement_not_pruning");
        assertThat(AdviceKind.EMULATED_CASCADE.jsonName()).isEqualTo("emulated_cascade");
        assertThat(new Advice(Severity.LOW, AdviceKind.HASH_SKEW, T, "o", "f", 0).statement()).isEqualTo(Optional.empty());
    }
}
