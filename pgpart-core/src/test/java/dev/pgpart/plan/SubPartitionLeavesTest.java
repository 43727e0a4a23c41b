package dev.pgpart.plan;

import static dev.pgpart.plan.Fx.at;
import static dev.pgpart.plan.Fx.every;
import static dev.pgpart.plan.Fx.range;
import static dev.pgpart.plan.Fx.spec;
import static dev.pgpart.plan.Fx.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.api.Bound;
import dev.pgpart.internal.catalog.KeyType;
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.spec.HashPolicy;
import dev.pgpart.spec.Interval.Unit;
import dev.pgpart.spec.ListPolicy;
import dev.pgpart.spec.Policy;
import dev.pgpart.spec.SubPartition;
import dev.pgpart.spec.TableSpec;
import dev.pgpart.sql.QualifiedName;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Leaves of sub-partitioned new partitions are named in the plan: 63 bytes, collisions, exactly what maintain creates. */
class SubPartitionLeavesTest {
    private static final Instant NOW = at("2024-01-15T10:00:00");

    private static TableSpec subpartitioned(TableSpec s, Policy sub) {
        return new TableSpec(s.table(), s.policy(), s.defaultPartition(), s.lockTimeout(),
                Optional.of(new SubPartition("id", sub)), s.nameFormat(), s.expireUnmanaged(), s.maxPartitionsPerRun());
    }

    private static TableSpec monthly(int premake) {
        return subpartitioned(spec(range(every(1, Unit.MONTH), premake)), new HashPolicy(4));
    }

    private static List<CreatePartition> creates(TablePlan tp) {
        return tp.actions().stream().filter(a -> a instanceof CreatePartition).map(a -> (CreatePartition) a).toList();
    }

    private static List<String> leafNames(CreatePartition c) {
        return c.subpartitions().orElseThrow().leaves().stream().map(l -> l.name().name()).toList();
    }

    @Test
    void aHashSubPartitionedCreateCarriesOneLeafPerRemainderNamedAfterThePartition() {
        CreatePartition jan = creates(P.plan(monthly(0), table(KeyType.DATE).build(), NOW)).get(0);
        assertThat(jan.partition().name()).isEqualTo("orders_p20240101");
        assertThat(jan.subpartitions().orElseThrow().leaves()).extracting(Leaf::bound)
                .containsExactly(new Bound.Hash(4, 0), new Bound.Hash(4, 1), new Bound.Hash(4, 2), new Bound.Hash(4, 3));
        assertThat(leafNames(jan)).containsExactly("orders_p20240101_p0", "orders_p20240101_p1", "orders_p20240101_p2",
                "orders_p20240101_p3");
        assertThat(jan.subpartitions().orElseThrow().leaves()).allMatch(l -> l.name().schema().equals("public"));
    }

    @Test
    void aTableWithoutSubPartitionsPlansNoLeaves() {
        TableSpec plain = spec(range(every(1, Unit.MONTH), 0));
        assertThat(creates(P.plan(plain, table(KeyType.DATE).build(), NOW))).allMatch(c -> c.subpartitions().isEmpty());
    }

    @Test
    void listLeavesAreNamedBySuffixAndKeepTheirValuesIncludingNull() {
        Map<String, List<Optional<String>>> regions = new LinkedHashMap<>();
        regions.put("eu", List.of(Optional.of("de")));
        regions.put("none", java.util.Arrays.asList(Optional.empty()));
        TableSpec s = subpartitioned(spec(range(every(1, Unit.MONTH), 0)), new ListPolicy(regions));
        CreatePartition jan = creates(P.plan(s, table(KeyType.DATE).build(), NOW)).get(0);
        assertThat(jan.subpartitions().orElseThrow().leaves()).containsExactly(
                new Leaf(Fx.ORDERS.sibling("orders_p20240101_eu"), new Bound.In(List.of(Optional.of("de")))),
                new Leaf(Fx.ORDERS.sibling("orders_p20240101_none"), new Bound.In(java.util.Arrays.asList(Optional.empty()))));
    }

    @Test
    void aLongMultibyteNameIsShortenedInItsParentPartOnACharacterBoundaryKeepingTheDateAndTheSuffix() {
        String parent = "ü".repeat(40);
        TableSpec s = Fx.named(monthly(0), Fx.ORDERS.sibling(parent), Optional.empty());
        CreatePartition jan = creates(P.plan(s, named(parent), NOW)).get(0);
        assertThat(jan.partition().name()).isEqualTo("ü".repeat(26) + "_p20240101"); // 62 bytes
        assertThat(leafNames(jan)).allSatisfy(n -> assertThat(QualifiedName.byteLength(n)).isEqualTo(63))
                .containsExactly("ü".repeat(25) + "_p20240101_p0", "ü".repeat(25) + "_p20240101_p1",
                        "ü".repeat(25) + "_p20240101_p2", "ü".repeat(25) + "_p20240101_p3");
    }

    @Test
    void leavesOfLongNamedNeighboursStayApartBecauseTheirDatesAreKept() {
        String parent = "ü".repeat(40);
        TableSpec daily = Fx.named(subpartitioned(spec(range(every(1, Unit.DAY), 1)), new HashPolicy(2)),
                Fx.ORDERS.sibling(parent), Optional.empty());
        List<CreatePartition> days = creates(P.plan(daily, named(parent), NOW));
        assertThat(days).hasSize(2);
        assertThat(leafNames(days.get(0))).containsExactly("ü".repeat(25) + "_p20240115_p0", "ü".repeat(25) + "_p20240115_p1");
        assertThat(leafNames(days.get(1))).containsExactly("ü".repeat(25) + "_p20240116_p0", "ü".repeat(25) + "_p20240116_p1");
    }

    @Test
    void aPartitionThatGotACounterPassesItToItsLeaves() {
        TablePlan tp = P.plan(monthly(0), Fx.catalog(180001, Set.of(Fx.ORDERS.sibling("orders_p20240101")),
                table(KeyType.DATE).build()), NOW);
        CreatePartition jan = creates(tp).get(0);
        assertThat(jan.partition().name()).isEqualTo("orders_p20240101_1");
        assertThat(leafNames(jan)).first().isEqualTo("orders_p20240101_1_p0");
    }

    private static TableInfo named(String parent) {
        Fx.Table t = table(KeyType.DATE);
        t.name = Fx.ORDERS.sibling(parent);
        return t.build();
    }

    @Test
    void aLeafNameTakenByAnExistingRelationGetsACounter() {
        TablePlan tp = P.plan(monthly(0), Fx.catalog(180001, Set.of(Fx.ORDERS.sibling("orders_p20240101_p1")),
                table(KeyType.DATE).build()), NOW);
        assertThat(leafNames(creates(tp).get(0))).containsExactly("orders_p20240101_p0", "orders_p20240101_p1_1",
                "orders_p20240101_p2", "orders_p20240101_p3");
    }

    @Test
    void aLeafAndAnotherPlannedPartitionNeverGetTheSameName() {
        Map<String, List<Optional<String>>> lists = new LinkedHashMap<>();
        lists.put("a", List.of(Optional.of("a")));
        lists.put("a_p0", List.of(Optional.of("b"))); // the name the first partition's only leaf gets
        TableSpec s = subpartitioned(spec(new ListPolicy(lists)), new HashPolicy(1));
        TableInfo t = table(KeyType.TEXT).strategy(TableInfo.Strategy.LIST).build();
        List<CreatePartition> cs = creates(P.plan(s, t, NOW));
        assertThat(cs).extracting(c -> c.partition().name()).containsExactly("orders_a", "orders_a_p0_1");
        assertThat(leafNames(cs.get(0))).containsExactly("orders_a_p0");
        assertThat(leafNames(cs.get(1))).containsExactly("orders_a_p0_1_p0");
    }
}
