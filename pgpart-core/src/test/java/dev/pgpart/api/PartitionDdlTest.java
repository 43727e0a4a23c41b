package dev.pgpart.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.internal.catalog.Catalog;
import dev.pgpart.internal.catalog.Column;
import dev.pgpart.internal.catalog.DefaultContents;
import dev.pgpart.internal.catalog.KeyColumn;
import dev.pgpart.internal.catalog.KeyType;
import dev.pgpart.internal.catalog.Partition;
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.internal.catalog.TableProperties;
import dev.pgpart.sql.QualifiedName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SQL of single partition operations, without a database: every name and value quoted. */
class PartitionDdlTest {
    private static final QualifiedName EVENTS = QualifiedName.of("Sales \"Dept\"", "Events; DROP TABLE x");
    private static final String PARENT_SQL = "\"Sales \"\"Dept\"\"\".\"Events; DROP TABLE x\"";
    private static final String LIKE = "INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMMENTS"
            + " INCLUDING GENERATED INCLUDING COMPRESSION";

    private static PartitionDdl ddl(TableInfo.Strategy strategy, Optional<Partition> defaultPartition, List<Partition> parts) {
        return ddl(strategy, "date", defaultPartition, parts);
    }

    private static PartitionDdl ddl(TableInfo.Strategy strategy, String keyType, Optional<Partition> defaultPartition,
                                    List<Partition> parts) {
        TableInfo info = new TableInfo(EVENTS, TableInfo.Kind.PARTITIONED_TABLE, Optional.of(strategy),
                List.of(new KeyColumn("Created At", Optional.empty(), keyType, KeyType.fromTypeName(keyType))), parts, defaultPartition,
                defaultPartition.map(d -> DefaultContents.empty()), Optional.empty(), TableProperties.none("postgres"),
                List.of(new Column("Created At", false, -1), new Column("it's", false, -1)));
        return new PartitionDdl(new Catalog(180000, Map.of(EVENTS, info), Set.of(EVENTS)), info, "postgres");
    }

    private static PartitionDdl ddl(TableInfo.Strategy strategy) {
        return ddl(strategy, Optional.empty(), List.of());
    }

    private static Partition part(QualifiedName name, Bound bound) {
        return new Partition(name, bound, false, false, false, 0, 0, List.of());
    }

    private static Bound range(String from, String to) {
        return new Bound.Range(Optional.of(from), Optional.of(to));
    }

    @Test
    void aRangePartitionIsCreatedDetachedThenAttachedWithEveryNameQuoted() {
        PartitionOperation op = ddl(TableInfo.Strategy.RANGE).add(range("2026-01-01", "2026-02-01"), Optional.empty());

        String child = "\"Sales \"\"Dept\"\"\".\"Events; DROP TABLE x_p20260101\"";
        assertThat(op.partition()).isEqualTo(EVENTS.sibling("Events; DROP TABLE x_p20260101"));
        assertThat(op.transactional()).isTrue();
        assertThat(op.statements()).containsExactly(
                "CREATE TABLE " + child + " (LIKE " + PARENT_SQL + " " + LIKE + ")",
                "COMMENT ON TABLE " + child + " IS 'pgpart:managed partition of \"Sales \"\"Dept\"\"\".\"Events; DROP TABLE x\"'",
                "ALTER TABLE " + PARENT_SQL + " ATTACH PARTITION " + child + " FOR VALUES FROM ('2026-01-01') TO ('2026-02-01')");
        assertThat(op.warnings()).isEmpty();
    }

    @Test
    void aGivenNameIsPutInTheParentsSchemaAndQuoted() {
        PartitionOperation op = ddl(TableInfo.Strategy.RANGE).add(range("1", "2"), Optional.of("Jan \"x\"; --"));

        assertThat(op.partition()).isEqualTo(EVENTS.sibling("Jan \"x\"; --"));
        assertThat(op.statements().get(0)).startsWith("CREATE TABLE \"Sales \"\"Dept\"\"\".\"Jan \"\"x\"\"; --\" (LIKE ");
    }

    @Test
    void listValuesAreQuotedLiterals() {
        PartitionOperation op = ddl(TableInfo.Strategy.LIST)
                .add(new Bound.In(List.of(Optional.of("O'Brien"), Optional.of("a, b"))), Optional.of("irish"));

        assertThat(op.statements()).last().asString().endsWith("ATTACH PARTITION \"Sales \"\"Dept\"\"\".\"irish\""
                + " FOR VALUES IN ('O''Brien', 'a, b')");
    }

    @Test
    void aHashPartitionNamesItsRemainder() {
        PartitionOperation op = ddl(TableInfo.Strategy.HASH).add(new Bound.Hash(4, 3), Optional.empty());

        assertThat(op.partition().name()).isEqualTo("Events; DROP TABLE x_p3");
        assertThat(op.statements()).last().asString().endsWith(" FOR VALUES WITH (MODULUS 4, REMAINDER 3)");
    }

    @Test
    void aDefaultPartitionIsAttachedAsDefault() {
        PartitionOperation op = ddl(TableInfo.Strategy.LIST).add(new Bound.Default(), Optional.empty());

        assertThat(op.partition().name()).isEqualTo("Events; DROP TABLE x_default");
        assertThat(op.statements()).last().asString().endsWith("\"Events; DROP TABLE x_default\" DEFAULT");
    }

    @Test
    void aNewRangeMovesItsRowsOutOfTheDefaultBeforeTheAttach() {
        QualifiedName def = EVENTS.sibling("Events default");
        PartitionOperation op = ddl(TableInfo.Strategy.RANGE, Optional.of(part(def, new Bound.Default())), List.of())
                .add(range("2026-01-01", "2026-02-01"), Optional.of("jan"));

        assertThat(op.statements()).anyMatch(s -> s.equals("LOCK TABLE \"Sales \"\"Dept\"\"\".\"Events default\" IN ACCESS EXCLUSIVE MODE"))
                .anyMatch(s -> s.contains("DELETE FROM \"Sales \"\"Dept\"\"\".\"Events default\" WHERE \"Created At\" >= '2026-01-01'"))
                .anyMatch(s -> s.startsWith("INSERT INTO \"Sales \"\"Dept\"\"\".\"jan\" (\"Created At\", \"it's\")"));
    }

    @Test
    void aPartitionIsDeletedByDetachThenDrop() {
        QualifiedName jan = EVENTS.sibling("jan's");
        PartitionOperation op = ddl(TableInfo.Strategy.RANGE, Optional.empty(), List.of(part(jan, range("1", "2"))))
                .delete(jan, false);

        assertThat(op.statements()).containsExactly(
                "ALTER TABLE " + PARENT_SQL + " DETACH PARTITION \"Sales \"\"Dept\"\"\".\"jan's\"",
                "DROP TABLE \"Sales \"\"Dept\"\"\".\"jan's\"");
        assertThat(op.warnings()).isEmpty();
    }

    @Test
    void aConcurrentDetachRunsOutsideTheTransactionAndTheDropAfterIt() {
        QualifiedName jan = EVENTS.sibling("jan");
        PartitionOperation op = ddl(TableInfo.Strategy.RANGE, Optional.empty(), List.of(part(jan, range("1", "2"))))
                .delete(jan, true);

        assertThat(op.transactional()).isFalse();
        assertThat(op.outsideTransaction()).contains("ALTER TABLE " + PARENT_SQL
                + " DETACH PARTITION \"Sales \"\"Dept\"\"\".\"jan\" CONCURRENTLY");
        assertThat(op.statements()).containsExactly("DROP TABLE \"Sales \"\"Dept\"\"\".\"jan\"");
    }

    @Test
    void deletingTheDefaultPartitionWarnsThatUnmatchedRowsWillFailToInsert() {
        QualifiedName def = EVENTS.sibling("Events default");
        PartitionOperation op = ddl(TableInfo.Strategy.LIST, Optional.of(part(def, new Bound.Default())), List.of())
                .delete(def, false);

        assertThat(op.warnings()).singleElement().asString()
                .contains("DEFAULT partition of \"Sales \"\"Dept\"\"\".\"Events; DROP TABLE x\"")
                .contains("rows that fit no other partition fail to insert");
    }

    @Test
    void aConcurrentDetachIsRefusedWhenTheTableHasADefaultPartition() {
        QualifiedName jan = EVENTS.sibling("jan");
        PartitionDdl ddl = ddl(TableInfo.Strategy.RANGE, Optional.of(part(EVENTS.sibling("d"), new Bound.Default())),
                List.of(part(jan, range("1", "2"))));

        assertThatThrownBy(() -> ddl.delete(jan, true)).isInstanceOf(PgpartException.class)
                .hasMessageContaining("has a default partition").hasMessageContaining("nothing was changed");
    }

    @Test
    void deletingATableThatIsNotAttachedIsAConfigError() {
        assertThatThrownBy(() -> ddl(TableInfo.Strategy.RANGE).delete(EVENTS.sibling("nope"), false))
                .isInstanceOfSatisfying(PgpartException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG))
                .hasMessageContaining(".nope is not attached to");
    }

    @Test
    void aBoundOfTheWrongKindIsRefusedBeforeAnySql() {
        assertThatThrownBy(() -> ddl(TableInfo.Strategy.HASH).add(new Bound.Default(), Optional.empty()))
                .isInstanceOfSatisfying(PgpartException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG))
                .hasMessageContaining("is partitioned by HASH, so DEFAULT does not fit it");
    }

    @Test
    void aSecondDefaultPartitionIsRefused() {
        PartitionDdl ddl = ddl(TableInfo.Strategy.LIST, Optional.of(part(EVENTS.sibling("d"), new Bound.Default())), List.of());

        assertThatThrownBy(() -> ddl.add(new Bound.Default(), Optional.empty()))
                .hasMessageContaining("already has a default partition");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2027-01-01          | 2027-01-01 00:00:00+00",
            "2027-01-01T06:30:00 | 2027-01-01 06:30:00+00",
            "2027-01-01 06:30    | 2027-01-01 06:30+00",
            "2027-01-01 06:00:00+02 | 2027-01-01 06:00:00+02",
            "2027-01-01 06:00:00Z | 2027-01-01 06:00:00Z"})
    void timestamptzBoundsWithoutAnOffsetAreWrittenInUtcWhateverTheSessionsZone(String given, String written) {
        PartitionOperation op = ddl(TableInfo.Strategy.RANGE, "timestamp with time zone", Optional.empty(), List.of())
                .add(range(given, "infinity"), Optional.of("p"));

        assertThat(op.statements()).last().asString().endsWith("FOR VALUES FROM ('" + written + "') TO ('infinity')");
    }

    @Test
    void aTimestamptzBoundPgpartCannotReadIsRefusedRatherThanLeftToTheSessionsZone() {
        PartitionDdl ddl = ddl(TableInfo.Strategy.RANGE, "timestamp with time zone", Optional.empty(), List.of());

        assertThatThrownBy(() -> ddl.add(range("Jan 1 2027", "2027-02-01"), Optional.of("p")))
                .isInstanceOfSatisfying(PgpartException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG))
                .hasMessageContaining("'Jan 1 2027' is not a timestamp pgpart can read");
    }

    @Test
    void aTimestampWithoutTimeZoneKeepsItsValueAsWritten() {
        PartitionOperation op = ddl(TableInfo.Strategy.RANGE, "timestamp without time zone", Optional.empty(), List.of())
                .add(range("2027-01-01", "2027-02-01"), Optional.empty());

        assertThat(op.partition().name()).endsWith("_p20270101");
        assertThat(op.statements()).last().asString().endsWith("FOR VALUES FROM ('2027-01-01') TO ('2027-02-01')");
    }

    @Test
    void sessionSettingsBoundTheLockWaitForTheTransactionOnlyAndLeaveTheTimeZoneAlone() {
        assertThat(PartitionDdl.sessionSettings(Duration.ofSeconds(5))).containsExactly("SET LOCAL lock_timeout = '5000ms'");
        assertThatThrownBy(() -> PartitionDdl.sessionSettings(Duration.ZERO)).hasMessageContaining("wait forever");
    }
}
