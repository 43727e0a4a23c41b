package dev.pgpart.plan;

import static dev.pgpart.plan.Fx.at;
import static dev.pgpart.plan.Fx.every;
import static dev.pgpart.plan.Fx.range;
import static dev.pgpart.plan.Fx.spec;
import static dev.pgpart.plan.Fx.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.internal.catalog.KeyType;
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.spec.Interval;
import dev.pgpart.spec.Interval.Unit;
import dev.pgpart.spec.RangePolicy;
import dev.pgpart.spec.TableSpec;
import dev.pgpart.sql.QualifiedName;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PartitionNamerTest {
    private static final RangePolicy MONTHLY = range(every(1, Unit.MONTH), 0);

    private static String firstName(TableSpec spec, TableInfo t, Set<QualifiedName> others) {
        TablePlan tp = P.plan(spec, Fx.catalog(180001, others, t), at("2024-01-15T10:00:00"));
        return tp.actions().get(0).partition().name();
    }

    private static TableInfo tableNamed(String name, KeyType type) {
        Fx.Table b = table(type);
        b.name = Fx.ORDERS.sibling(name);
        return b.build();
    }

    @ParameterizedTest(name = "format {0} on a monthly table names {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {parent}_p{lower}          | orders_p20240101
            {parent}_{lower:yyyy_MM}   | orders_2024_01
            m_{lower:yyyyMM}_{parent}  | m_202401_orders
            {parent}_{remainder}       | orders_{remainder}
            """)
    void aNameFormatReplacesTheDefault(String format, String expected) {
        TableSpec s = Fx.named(spec(MONTHLY), Fx.ORDERS, Optional.of(format));
        assertThat(firstName(s, table(KeyType.DATE).build(), Set.of())).isEqualTo(expected);
    }

    @Test
    void aNumericLowerBoundIsWrittenInPlainDecimal() {
        TableSpec s = spec(range(new Interval.Numeric(new BigDecimal("1E+6")), 0));
        assertThat(firstName(s, table(KeyType.INTEGER).highest("1500000").build(), Set.of())).isEqualTo("orders_p1000000");
    }

    @Test
    void aLongMultibyteParentIsCutOnACharacterBoundaryToFit63Bytes() {
        String parent = "ü".repeat(40);
        TableSpec s = Fx.named(spec(MONTHLY), Fx.ORDERS.sibling(parent), Optional.empty());
        String name = firstName(s, tableNamed(parent, KeyType.DATE), Set.of());
        assertThat(name).isEqualTo("ü".repeat(26) + "_p20240101");
        assertThat(QualifiedName.byteLength(name)).isEqualTo(62);
    }

    @Test
    void aNameTakenByAnotherRelationGetsACounter() {
        Set<QualifiedName> others = Set.of(Fx.ORDERS.sibling("orders_p20240101"), Fx.ORDERS.sibling("orders_p20240101_1"));
        assertThat(firstName(spec(MONTHLY), table(KeyType.DATE).build(), others)).isEqualTo("orders_p20240101_2");
    }

    @Test
    void aCounterOnALongNameShortensTheParentAgain() {
        String parent = "a".repeat(63);
        TableSpec s = Fx.named(spec(MONTHLY), Fx.ORDERS.sibling(parent), Optional.empty());
        Set<QualifiedName> others = Set.of(Fx.ORDERS.sibling("a".repeat(53) + "_p20240101"));
        String name = firstName(s, tableNamed(parent, KeyType.DATE), others);
        assertThat(name).isEqualTo("a".repeat(51) + "_p20240101_1");
    }

    @Test
    void twoParentsTruncatedToTheSameNameInOnePlanDoNotClash() {
        String p1 = "x".repeat(70) + "1";
        String p2 = "x".repeat(70) + "2";
        TableSpec s1 = Fx.named(spec(MONTHLY), Fx.ORDERS.sibling(p1), Optional.empty());
        TableSpec s2 = Fx.named(spec(MONTHLY), Fx.ORDERS.sibling(p2), Optional.empty());
        Plan plan = new Planner().plan(Fx.specOf(s1, s2), Fx.catalog(tableNamed(p1, KeyType.DATE),
                tableNamed(p2, KeyType.DATE)), at("2024-01-15T10:00:00"));
        assertThat(plan.actions()).extracting(a -> a.partition().name())
                .containsExactly("x".repeat(53) + "_p20240101", "x".repeat(51) + "_p20240101_1");
    }

    @Test
    void eachKindHasItsPgPartmanStyleName() {
        PartitionNamer n = new PartitionNamer(Fx.ORDERS, Optional.empty());
        assertThat(List.of(n.list("eu").render(0), n.hash(3).render(0), n.defaultPartition().render(0)))
                .containsExactly("orders_eu", "orders_p3", "orders_default");
    }

    @Test
    void truncationNeverSplitsASurrogatePair() {
        assertThat(PartitionNamer.truncate("ab\uD83D\uDE00c", 5)).isEqualTo("ab");
        assertThat(PartitionNamer.truncate("ab\uD83D\uDE00c", 6)).isEqualTo("ab\uD83D\uDE00");
    }
}
