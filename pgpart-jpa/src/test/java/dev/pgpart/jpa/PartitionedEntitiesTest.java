package dev.pgpart.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pgpart.jpa.fx.Customer;
import dev.pgpart.jpa.fx.Order;
import dev.pgpart.jpa.fx.Shipment;
import dev.pgpart.jpa.wrong.BadSettings;
import dev.pgpart.jpa.wrong.HashDefault;
import dev.pgpart.jpa.wrong.IdWithoutKey;
import dev.pgpart.jpa.wrong.LineItem;
import dev.pgpart.jpa.wrong.NoSuchKey;
import dev.pgpart.jpa.wrong.ShipmentNote;
import dev.pgpart.jpa.wrong.UniqueWithoutKey;
import dev.pgpart.spec.ConfigException;
import dev.pgpart.spec.ConfigProblem;
import dev.pgpart.spec.HashPolicy;
import dev.pgpart.spec.Interval;
import dev.pgpart.spec.ListPolicy;
import dev.pgpart.spec.RangePolicy;
import dev.pgpart.spec.Spec;
import dev.pgpart.spec.TableSpec;
import dev.pgpart.sql.QualifiedName;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PartitionedEntitiesTest {

    private static List<String> problems(Class<?>... entities) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> PartitionedEntities.spec(List.of(entities)));
        assertThat(e).as("a ConfigException").isNotNull();
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void aRangeEntityDeclaresTheSameTableSpecAsPgpartYml() {
        Spec spec = PartitionedEntities.spec(List.of(Order.class));
        TableSpec orders = spec.table(QualifiedName.of("public", "orders")).orElseThrow();
        RangePolicy p = (RangePolicy) orders.policy();
        assertThat(p.interval()).isEqualTo(new Interval.Calendar(1, Interval.Unit.MONTH));
        assertThat(p.premake()).isEqualTo(2);
        assertThat(p.retention()).contains(new Interval.Calendar(12, Interval.Unit.MONTH));
        assertThat(orders.defaultPartition()).isTrue();
        assertThat(orders.key()).contains("created_at");
    }

    @Test
    void listAndHashEntitiesDeclareTheirPartitions() {
        Spec spec = PartitionedEntities.spec(List.of(Shipment.class, Customer.class));
        ListPolicy list = (ListPolicy) spec.table(QualifiedName.of("public", "shipments")).orElseThrow().policy();
        assertThat(list.partitions()).containsExactly(
                java.util.Map.entry("na", List.of(Optional.of("US"), Optional.of("CA"))),
                java.util.Map.entry("eu", List.of(Optional.of("DE"), Optional.of("FR"), Optional.of("NO"))));
        assertThat(spec.table(QualifiedName.of("public", "customers")).orElseThrow().policy()).isEqualTo(new HashPolicy(4));
    }

    @Test
    void anEntityWithoutTheAnnotationIsNotPartOfTheSpec() {
        Spec spec = PartitionedEntities.spec(List.of(Order.class, dev.pgpart.jpa.fx.Plain.class));
        assertThat(spec.tables()).extracting(TableSpec::table).containsExactly(QualifiedName.of("public", "orders"));
    }

    @Test
    void badValuesAreReportedWithTheCoresMessagesNamingTheEntityAndAttribute() {
        assertThat(problems(BadSettings.class)).containsExactlyInAnyOrder(
                "entity BadSettings (dev.pgpart.jpa.wrong.BadSettings) @Partitioned.interval tables.\"public.metrics\".interval:"
                        + " interval '1 mnth' is not an interval -> did you mean '1 month'? write N hour(s)|day(s)|week(s)|month(s)|quarter(s)|year(s) (e.g. 1 month, 3 months),"
                        + " hourly|daily|weekly|monthly|quarterly|yearly, or a positive number for numeric keys (e.g. 1000000)",
                "entity BadSettings (dev.pgpart.jpa.wrong.BadSettings) @Partitioned.premake tables.\"public.metrics\".premake:"
                        + " premake is 5000, outside 0..1000 (partitions made ahead of the current one) -> write a whole number from 0 to 1000");
    }

    @Test
    void aDefaultPartitionOnAHashEntityIsReportedAsTheConfigWouldBe() {
        assertThat(problems(HashDefault.class)).singleElement().asString()
                .startsWith("entity HashDefault (dev.pgpart.jpa.wrong.HashDefault) @Partitioned.defaultPartition"
                        + " tables.\"public.blobs\".default_partition:");
    }

    @Test
    void aKeyThatNamesNoColumnIsReportedWithTheColumnsThereAre() {
        assertThat(problems(NoSuchKey.class)).containsExactly(
                "entity NoSuchKey (dev.pgpart.jpa.wrong.NoSuchKey) @Partitioned.key: Partitioned.key 'tenant' is neither a"
                        + " column of public.tags nor an attribute mapped to one column -> write one of the columns id, label");
    }

    @Test
    void anIdentifierWithoutThePartitionKeyIsReportedWithTheFix() {
        assertThat(problems(IdWithoutKey.class)).containsExactly(
                "entity IdWithoutKey (dev.pgpart.jpa.wrong.IdWithoutKey) attribute id: the identifier (id) does not include"
                        + " the partition key column created_at: PostgreSQL requires the primary key of a partitioned table to"
                        + " include it -> make the id composite with @IdClass or @EmbeddedId including createdAt, or annotate"
                        + " createdAt with @org.hibernate.annotations.PartitionKey (Hibernate then adds it to the primary key)");
    }

    @Test
    void uniqueConstraintsWithoutThePartitionKeyAreReported() {
        assertThat(problems(UniqueWithoutKey.class)).containsExactlyInAnyOrder(
                "entity UniqueWithoutKey (dev.pgpart.jpa.wrong.UniqueWithoutKey) attribute number: unique constraint"
                        + " accounts_number_uq on (number) does not include the partition key (region): PostgreSQL cannot"
                        + " enforce uniqueness across partitions otherwise -> add region to the constraint's columns, or"
                        + " enforce the rule another way (e.g. a unique index on each partition)",
                "entity UniqueWithoutKey (dev.pgpart.jpa.wrong.UniqueWithoutKey) attribute email: unique constraint"
                        + " @Column(unique = true) email on (email) does not include the partition key (region): PostgreSQL"
                        + " cannot enforce uniqueness across partitions otherwise -> add region to the constraint's columns,"
                        + " or enforce the rule another way (e.g. a unique index on each partition)");
    }

    @Test
    void aForeignKeyToAPartitionedEntityByPartOfItsKeyIsReported() {
        assertThat(problems(Order.class, LineItem.class)).containsExactly(
                "entity LineItem (dev.pgpart.jpa.wrong.LineItem) attribute order: the foreign key (order_id)"
                        + " references public.orders by (id) but its primary key is (id, created_at): a partitioned table"
                        + " can only be referenced by its whole key -> map order with @JoinColumns, one"
                        + " @JoinColumn(referencedColumnName = ...) for each of id, created_at");
    }

    @Test
    void aForeignKeyThatHibernateRefusesBecauseThePartitionKeyJoinedTheIdIsExplained() {
        assertThat(problems(Shipment.class, ShipmentNote.class)).singleElement().asString()
                .startsWith("entities: Hibernate cannot map the entities: Foreign key")
                .endsWith("-> reference every column of that primary key with @JoinColumns (the primary key of a"
                        + " partitioned table includes its partition key)");
    }

    @Test
    void entitiesWithoutTheAnnotationAreReportedAsNothingToMaintain() {
        assertThat(problems(dev.pgpart.jpa.fx.Plain.class)).containsExactly("entities: none of the 1 entities is"
                + " annotated with @Partitioned, so there is no table to maintain -> annotate each partitioned entity with"
                + " @dev.pgpart.jpa.Partitioned");
    }

    @Test
    void aSubPartitionedEntityDeclaresItsSecondLevel() {
        TableSpec readings = PartitionedEntities.spec(List.of(dev.pgpart.jpa.fx.Reading.class)).tables().get(0);
        assertThat(readings.subpartition()).hasValueSatisfying(s -> {
            assertThat(s.column()).isEqualTo("region");
            assertThat(((ListPolicy) s.policy()).partitions()).containsOnlyKeys("eu", "us");
        });
    }

    @Test
    void anIdentifierWithoutTheSubPartitionKeyIsReported() {
        assertThat(problems(dev.pgpart.jpa.wrong.SubKeyMissing.class)).singleElement().asString()
                .startsWith("entity SubKeyMissing (dev.pgpart.jpa.wrong.SubKeyMissing) attribute id, takenAt: the"
                        + " identifier (id, taken_at) does not include the partition key column tenant_id:");
    }
}
