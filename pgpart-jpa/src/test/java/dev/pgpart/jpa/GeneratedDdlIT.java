package dev.pgpart.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.api.MaintainOptions;
import dev.pgpart.api.MaintainResult;
import dev.pgpart.api.Pgpart;
import dev.pgpart.api.TableDdl;
import dev.pgpart.jpa.fx.Customer;
import dev.pgpart.jpa.fx.CustomerKey;
import dev.pgpart.jpa.fx.Order;
import dev.pgpart.jpa.fx.Plain;
import dev.pgpart.jpa.fx.Shipment;
import dev.pgpart.test.Db;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The generated migration on a real PostgreSQL: it applies, Hibernate validates and uses it, maintain agrees with it. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GeneratedDdlIT {
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final List<Class<?>> ENTITIES = List.of(Order.class, Shipment.class, Customer.class, Plain.class,
            dev.pgpart.jpa.fx.Reading.class);
    private static Db db;
    private static SessionFactory hibernate;

    @BeforeAll
    static void applyTheGeneratedMigration() {
        db = Db.create("jpaddl");
        db.exec("CREATE TABLE plain_notes (id bigint PRIMARY KEY, text varchar(255))");
        for (Migration m : DdlGenerator.generate(ENTITIES, Map.of(), TableDdl.Initial.PLANNED, AT)) {
            db.exec(m.statements().toArray(String[]::new));
        }
        // validate fails the build of the session factory when a table or column does not match the mapping
        var registry = new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, db.dataSource())
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "validate").build();
        MetadataSources sources = new MetadataSources(registry);
        ENTITIES.forEach(sources::addAnnotatedClass);
        hibernate = sources.buildMetadata().buildSessionFactory();
    }

    @AfterAll
    static void close() {
        if (hibernate != null) {
            hibernate.close();
        }
    }

    private static Pgpart pgpart(Instant now) {
        return Pgpart.builder(db.dataSource()).spec(PartitionedEntities.spec(ENTITIES)).clock(Clock.fixed(now, ZoneOffset.UTC))
                .build();
    }

    private static String partitionOf(String table, String where) {
        return db.queryStrings("SELECT tableoid::regclass::text FROM " + table + " WHERE " + where).get(0);
    }

    @Test
    void rowsPersistedThroughHibernateLandInTheGeneratedPartitions() {
        hibernate.inTransaction(s -> {
            Order o = new Order();
            o.id = 1L;
            o.createdAt = OffsetDateTime.parse("2026-12-05T08:00:00Z");
            o.customerId = 7;
            o.total = new BigDecimal("12.50");
            s.persist(o);
            Shipment sh = new Shipment();
            sh.id = 1L;
            sh.region = "FR";
            s.persist(sh);
            Shipment other = new Shipment();
            other.id = 2L;
            other.region = "JP";
            s.persist(other);
            Customer c = new Customer();
            c.key = new CustomerKey(42L, 1L);
            c.name = "Ada";
            s.persist(c);
        });
        assertThat(partitionOf("orders", "id = 1")).isEqualTo("orders_p20261201");
        assertThat(partitionOf("shipments", "id = 1")).isEqualTo("shipments_eu");
        assertThat(partitionOf("shipments", "id = 2")).isEqualTo("shipments_default");
        assertThat(partitionOf("customers", "tenant_id = 42")).startsWith("customers_p");
    }

    @Test
    void aSubPartitionedEntitysMonthIsSplitByRegionAndTakesItsRows() {
        hibernate.inTransaction(s -> {
            dev.pgpart.jpa.fx.Reading r = new dev.pgpart.jpa.fx.Reading();
            r.id = 1L;
            r.takenAt = OffsetDateTime.parse("2026-12-02T00:00:00Z");
            r.region = "US";
            s.persist(r);
        });
        assertThat(db.partitionsOf("public.readings_p20261201")).containsExactly("readings_p20261201_eu", "readings_p20261201_us");
        assertThat(partitionOf("readings", "id = 1")).isEqualTo("readings_p20261201_us");
    }

    @Test
    void maintainWithTheEntitiesSpecHasNothingToDoAtTheInstantTheMigrationWasPlannedFor() {
        assertThat(pgpart(AT).plan().tables()).allSatisfy(t -> assertThat(t.actions()).isEmpty());
    }

    @Test
    void maintainWithTheEntitiesSpecCreatesTheNextRangePartitionsLater() {
        MaintainResult r = pgpart(Instant.parse("2027-01-15T00:00:00Z")).maintain(MaintainOptions.defaults().withConsent(true));
        assertThat(r.hasFailures()).isFalse();
        assertThat(db.partitionsOf("public.orders")).contains("orders_p20270301");
        assertThat(db.partitionsOf("public.shipments")).containsExactly("shipments_default", "shipments_eu", "shipments_na");
        assertThat(db.partitionsOf("public.customers")).hasSize(4);
    }

    @Test
    void anEntityWhoseTableExistsUnpartitionedIsNotGeneratedAndConvertIsSuggested() {
        Db other = Db.create("jpaddlplain");
        other.exec("CREATE TABLE orders (id bigint, created_at timestamptz, customer_id bigint, total numeric(12,2))");
        DdlRun.Request request = new DdlRun.Request(List.of(), List.of(Order.class.getName()), new DdlRun.Stdout(),
                TableDdl.Initial.PLANNED, AT, Map.of(), Optional.of(new DdlRun.Database(other.dataSource(), "the test database")));
        StringWriter out = new StringWriter();
        assertThatThrownBy(() -> DdlRun.run(request, getClass().getClassLoader(), new PrintWriter(out), new PrintWriter(out)))
                .isInstanceOfSatisfying(PgpartException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE))
                .hasMessage("public.orders already exists in the test database as a plain table: a CREATE TABLE migration"
                        + " would fail, and dropping it first would lose its rows; no migration was generated for it ->"
                        + " convert it in place with pgpart convert plan public.orders (then convert run)");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void anEntityWhoseTableIsAlreadyPartitionedIsSkippedWithANote() {
        DdlRun.Request request = new DdlRun.Request(List.of(), List.of(Order.class.getName()), new DdlRun.Stdout(),
                TableDdl.Initial.PLANNED, AT, Map.of(), Optional.of(new DdlRun.Database(db.dataSource(), "the test database")));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(DdlRun.run(request, getClass().getClassLoader(), new PrintWriter(out), new PrintWriter(err))).isZero();
        assertThat(err.toString()).startsWith("pgpart ddl: public.orders already exists in the test database and is"
                + " partitioned: no migration was generated for it -> run pgpart maintain");
        assertThat(out.toString()).isEmpty();
    }
}
