package dev.pgpart.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpart.api.Bound;
import dev.pgpart.internal.catalog.MoveHazards;
import dev.pgpart.internal.catalog.Column;
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.internal.catalog.TableProperties;
import dev.pgpart.internal.catalog.TableProperties.Grant;
import dev.pgpart.internal.catalog.TableProperties.PolicyDef;
import dev.pgpart.plan.CreateDefaultPartition;
import dev.pgpart.plan.CreatePartition;
import dev.pgpart.plan.DefaultRows;
import dev.pgpart.plan.Leaf;
import dev.pgpart.plan.SubPartitions;
import dev.pgpart.plan.DetachPartition;
import dev.pgpart.plan.DropPartition;
import dev.pgpart.plan.FinalizeDetach;
import dev.pgpart.spec.ListPolicy;
import dev.pgpart.spec.SubPartition;
import dev.pgpart.sql.QualifiedName;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DdlRendererTest {
    private static final QualifiedName PARENT = QualifiedName.of("public", "orders");
    private static final QualifiedName CHILD = PARENT.sibling("orders_p20270101");
    private static final QualifiedName DEFAULT = PARENT.sibling("orders_default");
    private static final Bound JAN = new Bound.Range(Optional.of("2027-01-01 00:00:00+00"), Optional.of("2027-02-01 00:00:00+00"));
    private final DdlRenderer renderer = new DdlRenderer();

    private static TableFixture orders() {
        return TableFixture.of(PARENT).key("created_at", "timestamp with time zone").columns("id", "created_at")
                .column(new Column("total_x2", true, -1));
    }

    private static List<String> sql(RenderedAction r) {
        return r.steps().stream().map(Step::sql).toList();
    }

    @Test
    void aPlainCreateMakesADetachedCopyOfTheParentMarksItAndAttachesIt() {
        TableInfo t = orders().build();
        RenderedAction r = renderer.render(new CreatePartition(PARENT, CHILD, JAN, false, DefaultRows.none(), Optional.empty()), t, "postgres");
        assertThat(r.transactional()).isTrue();
        assertThat(sql(r)).containsExactly(
                "CREATE TABLE \"public\".\"orders_p20270101\" (LIKE \"public\".\"orders\" INCLUDING DEFAULTS INCLUDING CONSTRAINTS"
                        + " INCLUDING STORAGE INCLUDING COMMENTS INCLUDING GENERATED INCLUDING COMPRESSION)",
                "COMMENT ON TABLE \"public\".\"orders_p20270101\" IS 'pgpart:managed partition of public.orders'",
                "ALTER TABLE \"public\".\"orders\" ATTACH PARTITION \"public\".\"orders_p20270101\""
                        + " FOR VALUES FROM ('2027-01-01 00:00:00+00') TO ('2027-02-01 00:00:00+00')");
    }

    @Test
    void aCreateWithRowsInTheDefaultLocksTheDefaultBuffersTheRowsAttachesThenInsertsThemIntoTheAttachedChild() {
        TableInfo t = orders().defaultPartition(DEFAULT).build();
        RenderedAction r = renderer.render(new CreatePartition(PARENT, CHILD, JAN, true, DefaultRows.exactly(12), Optional.empty()), t, "postgres");
        List<String> sql = sql(r);
        assertThat(sql.subList(2, sql.size())).containsExactly(
                "LOCK TABLE \"public\".\"orders_default\" IN ACCESS EXCLUSIVE MODE",
                "CREATE TEMPORARY TABLE pg_temp.pgpart_moving_rows ON COMMIT DROP AS WITH moved AS (DELETE FROM"
                        + " \"public\".\"orders_default\" WHERE \"created_at\" >= '2027-01-01 00:00:00+00' AND \"created_at\" <"
                        + " '2027-02-01 00:00:00+00' RETURNING \"id\", \"created_at\") SELECT \"id\", \"created_at\" FROM moved",
                "ALTER TABLE \"public\".\"orders\" ATTACH PARTITION \"public\".\"orders_p20270101\""
                        + " FOR VALUES FROM ('2027-01-01 00:00:00+00') TO ('2027-02-01 00:00:00+00')",
                "INSERT INTO \"public\".\"orders_p20270101\" (\"id\", \"created_at\") SELECT \"id\", \"created_at\""
                        + " FROM pg_temp.pgpart_moving_rows",
                "DROP TABLE pg_temp.pgpart_moving_rows");
        assertThat(r.steps().get(5).kind()).isEqualTo(Step.Kind.MOVE_ROWS);
        assertThat(String.join("\n", sql)).doesNotContain("LOCK TABLE \"public\".\"orders\" ").doesNotContain("session_replication_role");
    }

    @Test
    void foreignKeysAndTriggersOnTheDefaultAreSuppressedForTheMoveOnlyWhenTheRoleMay() {
        MoveHazards hazards = new MoveHazards(List.of(new MoveHazards.IncomingKey(QualifiedName.of("public", "items"),
                "items_order_fkey", "CASCADE")), List.of(), List.of(), List.of(), true);
        TableInfo t = orders().defaultPartition(DEFAULT).build().withMoveHazards(hazards);
        List<String> sql = sql(renderer.render(new CreatePartition(PARENT, CHILD, JAN, true, DefaultRows.exactly(12), Optional.empty()), t, "postgres"));
        int off = sql.indexOf("SET LOCAL session_replication_role = replica");
        int on = sql.indexOf("SET LOCAL session_replication_role TO DEFAULT");
        assertThat(off).isEqualTo(sql.indexOf("LOCK TABLE \"public\".\"orders_default\" IN ACCESS EXCLUSIVE MODE") + 1);
        assertThat(sql.get(off + 1)).startsWith("CREATE TEMPORARY TABLE");
        assertThat(on).isEqualTo(sql.size() - 1);
    }

    @Test
    void withoutTheRightToSuppressThemNothingIsMovedAndTheActionRefusesIfTheDefaultHasRowsOfTheRange() {
        MoveHazards hazards = new MoveHazards(List.of(new MoveHazards.IncomingKey(QualifiedName.of("public", "items"),
                "items_order_fkey", "CASCADE")), List.of(), List.of(), List.of(), false);
        TableInfo t = orders().defaultPartition(DEFAULT).build().withMoveHazards(hazards);
        RenderedAction r = renderer.render(new CreatePartition(PARENT, CHILD, JAN, true, DefaultRows.exactly(12), Optional.empty()), t, "postgres");
        Step guard = r.steps().get(3);
        assertThat(guard.kind()).isEqualTo(Step.Kind.EXPECT_NO_ROWS);
        assertThat(guard.sql()).isEqualTo("SELECT EXISTS (SELECT 1 FROM \"public\".\"orders_default\" WHERE \"created_at\" >="
                + " '2027-01-01 00:00:00+00' AND \"created_at\" < '2027-02-01 00:00:00+00')");
        assertThat(guard.refusal()).contains("foreign key items_order_fkey of public.items (ON DELETE CASCADE)")
                .contains("session_replication_role");
        assertThat(sql(r)).noneMatch(s -> s.contains("DELETE")).noneMatch(s -> s.contains("session_replication_role"));
    }

    @Test
    void theDefaultIsLockedAndTheMoveRunsEvenWhenThePlannerExpectsNoRows() {
        TableInfo t = orders().defaultPartition(DEFAULT).build();
        RenderedAction r = renderer.render(new CreatePartition(PARENT, CHILD, JAN, true, DefaultRows.none(), Optional.empty()), t, "postgres");
        assertThat(sql(r)).anyMatch(s -> s.equals("LOCK TABLE \"public\".\"orders_default\" IN ACCESS EXCLUSIVE MODE"));
        assertThat(r.steps()).anyMatch(s -> s.kind() == Step.Kind.MOVE_ROWS);
    }

    @Test
    void unboundedRangeSidesAreLeftOutOfTheMovePredicate() {
        assertThat(MoveRowsSql.predicate("\"k\"", new Bound.Range(Optional.empty(), Optional.of("10")))).isEqualTo("\"k\" < '10'");
        assertThat(MoveRowsSql.predicate("\"k\"", new Bound.Range(Optional.of("10"), Optional.empty()))).isEqualTo("\"k\" >= '10'");
        assertThat(MoveRowsSql.predicate("\"k\"", new Bound.Range(Optional.empty(), Optional.empty()))).isEqualTo("\"k\" IS NOT NULL");
    }

    @Test
    void aListValueOfNullIsMatchedWithIsNull() {
        Bound in = new Bound.In(Arrays.asList(Optional.of("eu"), Optional.empty(), Optional.of("o'hare")));
        assertThat(MoveRowsSql.predicate("\"region\"", in)).isEqualTo("(\"region\" IN ('eu', 'o''hare') OR \"region\" IS NULL)");
        assertThat(MoveRowsSql.predicate("\"region\"", new Bound.In(List.of(Optional.empty())))).isEqualTo("\"region\" IS NULL");
    }

    @Test
    void propertiesAreCopiedGrantsBeforeOwnerAndTheOwnersOwnGrantsSkipped() {
        TableProperties p = new TableProperties("app_owner", List.of(new Grant("app_owner", "SELECT", false),
                new Grant("reader", "SELECT", false), new Grant("PUBLIC", "INSERT", false), new Grant("admin", "DELETE", true)),
                true, true, List.of(new PolicyDef("tenant", true, "SELECT", List.of("reader"),
                Optional.of("(tenant_id = current_setting('app.tenant')::int)"), Optional.empty())), 'f',
                List.of("autovacuum_enabled=false", "toast.autovacuum_enabled=false"));
        TableInfo t = orders().properties(p).column(new Column("note", false, 500)).build();
        List<String> sql = sql(renderer.render(new CreatePartition(PARENT, CHILD, JAN, false, DefaultRows.none(), Optional.empty()), t, "postgres"));
        String c = "\"public\".\"orders_p20270101\"";
        assertThat(sql.get(0)).endsWith(") WITH (autovacuum_enabled = 'false', toast.autovacuum_enabled = 'false')");
        assertThat(sql.subList(2, sql.size() - 1)).containsExactly(
                "GRANT SELECT ON " + c + " TO \"reader\"",
                "GRANT INSERT ON " + c + " TO PUBLIC",
                "GRANT DELETE ON " + c + " TO \"admin\" WITH GRANT OPTION",
                "ALTER TABLE " + c + " OWNER TO \"app_owner\"",
                "ALTER TABLE " + c + " ENABLE ROW LEVEL SECURITY",
                "ALTER TABLE " + c + " FORCE ROW LEVEL SECURITY",
                "CREATE POLICY \"tenant\" ON " + c + " AS PERMISSIVE FOR SELECT TO \"reader\""
                        + " USING ((tenant_id = current_setting('app.tenant')::int))",
                "ALTER TABLE " + c + " REPLICA IDENTITY FULL",
                "ALTER TABLE " + c + " ALTER COLUMN \"note\" SET STATISTICS 500");
    }

    @Test
    void theOwnerIsLeftAloneWhenItIsTheCurrentUser() {
        TableInfo t = orders().properties(TableProperties.none("me")).build();
        assertThat(sql(renderer.render(new CreatePartition(PARENT, CHILD, JAN, false, DefaultRows.none(), Optional.empty()), t, "me")))
                .noneMatch(s -> s.contains("OWNER TO"));
    }

    @Test
    void aStorageParameterWithAnUnexpectedNameIsRefused() {
        TableProperties p = new TableProperties("postgres", List.of(), false, false, List.of(), 'd',
                List.of("x); DROP TABLE y; --=1"));
        TableInfo t = orders().properties(p).build();
        assertThatThrownBy(() -> renderer.render(new CreatePartition(PARENT, CHILD, JAN, false, DefaultRows.none(), Optional.empty()), t, "postgres"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[a-z_.]+");
    }

    @Test
    void aStorageParameterValueIsQuotedAsALiteral() {
        assertThat(CreateSql.with(List.of("fillfactor=90'); DROP TABLE x; --")))
                .isEqualTo(" WITH (fillfactor = '90''); DROP TABLE x; --')");
    }

    @Test
    void anUnknownPrivilegeIsRefusedRatherThanEmbedded() {
        TableProperties p = new TableProperties("postgres", List.of(new Grant("r", "SELECT; DROP", false)), false, false,
                List.of(), 'd', List.of());
        assertThatThrownBy(() -> renderer.render(new CreatePartition(PARENT, CHILD, JAN, false, DefaultRows.none(), Optional.empty()),
                orders().properties(p).build(), "postgres")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHashSubPartitionedChildGetsOneMarkedLeafPerRemainderAndNoStorageParameters() {
        TableProperties p = new TableProperties("postgres", List.of(), false, false, List.of(), 'd', List.of("fillfactor=90"));
        TableInfo t = orders().properties(p).build();
        List<String> sql = sql(renderer.render(new CreatePartition(PARENT, CHILD, JAN, false, DefaultRows.none(),
                PlannedLeaves.hash(CHILD, "id", 4)), t, "postgres"));
        assertThat(sql.get(0)).endsWith(" PARTITION BY HASH (\"id\")").doesNotContain("WITH");
        assertThat(sql).contains("CREATE TABLE \"public\".\"orders_p20270101_p3\" PARTITION OF \"public\".\"orders_p20270101\""
                + " FOR VALUES WITH (MODULUS 4, REMAINDER 3) WITH (fillfactor = '90')");
        assertThat(sql).contains("COMMENT ON TABLE \"public\".\"orders_p20270101_p0\" IS 'pgpart:managed partition of public.orders_p20270101'");
        assertThat(sql).filteredOn(s -> s.contains("PARTITION OF")).hasSize(4);
    }

    @Test
    void listSubPartitionLeavesAreCreatedUnderExactlyTheNamesThePlanGives() {
        Map<String, List<Optional<String>>> lists = new LinkedHashMap<>();
        lists.put("eu", List.of(Optional.of("eu")));
        lists.put("none", Arrays.asList(Optional.empty()));
        // names the planner could give after collisions: the executor renames nothing
        List<Leaf> leaves = List.of(new Leaf(CHILD.sibling("orders_p20270101_eu_1"), new Bound.In(lists.get("eu"))),
                new Leaf(CHILD.sibling("orders_p20270101_none"), new Bound.In(lists.get("none"))));
        Optional<SubPartitions> sub = Optional.of(new SubPartitions(new SubPartition("region", new ListPolicy(lists)), leaves));
        List<String> sql = sql(renderer.render(new CreatePartition(PARENT, CHILD, JAN, false, DefaultRows.none(), sub), orders().build(),
                "postgres"));
        assertThat(sql.get(0)).endsWith(" PARTITION BY LIST (\"region\")");
        assertThat(sql).filteredOn(s -> s.contains("PARTITION OF")).containsExactly(
                "CREATE TABLE \"public\".\"orders_p20270101_eu_1\" PARTITION OF \"public\".\"orders_p20270101\""
                        + " FOR VALUES IN ('eu')",
                "CREATE TABLE \"public\".\"orders_p20270101_none\" PARTITION OF \"public\".\"orders_p20270101\""
                        + " FOR VALUES IN (NULL)");
    }

    @Test
    void aDefaultPartitionIsCreatedLikeAChildAndAttachedAsDefault() {
        List<String> sql = sql(renderer.render(new CreateDefaultPartition(PARENT, DEFAULT), orders().build(), "postgres"));
        assertThat(sql.get(0)).startsWith("CREATE TABLE \"public\".\"orders_default\" (LIKE");
        assertThat(sql).last().isEqualTo("ALTER TABLE \"public\".\"orders\" ATTACH PARTITION \"public\".\"orders_default\" DEFAULT");
    }

    @Test
    void aConcurrentDetachRunsOutsideTheTransactionAndRecommentsAManagedChild() {
        TableInfo t = orders().managed(CHILD, JAN).build();
        RenderedAction r = renderer.render(new DetachPartition(PARENT, CHILD, JAN, true, "expired"), t, "postgres");
        assertThat(r.transactional()).isFalse();
        assertThat(r.outsideTransaction().orElseThrow().sql())
                .isEqualTo("ALTER TABLE \"public\".\"orders\" DETACH PARTITION \"public\".\"orders_p20270101\" CONCURRENTLY");
        assertThat(sql(r)).singleElement().asString().startsWith("COMMENT ON TABLE \"public\".\"orders_p20270101\" IS 'pgpart:managed detached from public.orders (was FOR VALUES FROM");
    }

    @Test
    void aPartitionPgpartDidNotCreateKeepsItsCommentWhenDetached() {
        RenderedAction r = renderer.render(new DetachPartition(PARENT, CHILD, JAN, false, "expired"), orders().build(), "postgres");
        assertThat(sql(r)).containsExactly("ALTER TABLE \"public\".\"orders\" DETACH PARTITION \"public\".\"orders_p20270101\"");
    }

    @Test
    void aDropDetachesChecksTheChildIsNoLongerAPartitionThenDrops() {
        RenderedAction r = renderer.render(new DropPartition(PARENT, CHILD, JAN, false, "expired"), orders().build(), "postgres");
        assertThat(r.steps()).extracting(Step::kind).containsExactly(Step.Kind.DDL, Step.Kind.EXPECT_DETACHED, Step.Kind.DDL);
        assertThat(r.steps().get(1).params()).containsExactly("public", "orders_p20270101");
        assertThat(r.steps().get(2).sql()).isEqualTo("DROP TABLE \"public\".\"orders_p20270101\"");
    }

    @Test
    void finalizeRunsInsideTheTableTransaction() {
        RenderedAction r = renderer.render(new FinalizeDetach(PARENT, CHILD), orders().build(), "postgres");
        assertThat(r.transactional()).isTrue();
        assertThat(sql(r)).containsExactly("ALTER TABLE \"public\".\"orders\" DETACH PARTITION \"public\".\"orders_p20270101\" FINALIZE");
    }

    @Test
    void hostileNamesAreAlwaysQuoted() {
        QualifiedName parent = QualifiedName.of("Sales \"Dept\"; DROP", "Order's; --");
        QualifiedName child = parent.sibling("x\"; DROP TABLE y; --");
        TableInfo t = TableFixture.of(parent).key("Select", "bigint").columns("Select", "a\"b").defaultPartition(parent.sibling("d")).build();
        String all = String.join("\n", sql(renderer.render(new CreatePartition(parent, child,
                new Bound.Range(Optional.of("1"), Optional.of("2")), true, DefaultRows.exactly(1), Optional.empty()), t, "postgres")));
        assertThat(all).contains("\"Sales \"\"Dept\"\"; DROP\".\"x\"\"; DROP TABLE y; --\"")
                .contains("'pgpart:managed partition of \"Sales \"\"Dept\"\"; DROP\".\"Order''s; --\"'")
                .contains("\"a\"\"b\"");
    }

    @Test
    void anActionIsNotRenderedWithAnotherTablesCatalog() {
        assertThatThrownBy(() -> renderer.render(new FinalizeDetach(PARENT.sibling("other"), CHILD), orders().build(), "postgres"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMoveIsRefusedWhenThePlanExpectsADefaultTheCatalogDoesNotHave() {
        assertThatThrownBy(() -> renderer.render(new CreatePartition(PARENT, CHILD, JAN, true, DefaultRows.exactly(5), Optional.empty()),
                orders().build(), "postgres")).hasMessageContaining("catalog has none");
    }
}
