package dev.pgpart.convert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.api.Conversions;
import dev.pgpart.api.Pgpart;
import dev.pgpart.plan.Finding;
import dev.pgpart.spec.Spec;
import dev.pgpart.spec.SpecLoader;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.test.Db;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The attach strategy on real PostgreSQL: the old table becomes the history partition, nothing is copied. */
@Timeout(120)
class AttachConversionIT {
    static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
    static final QualifiedName ORDERS = QualifiedName.parse("public.orders");

    static Pgpart pgpart(Db db, String yaml) {
        Spec spec = SpecLoader.parse(yaml, "test");
        return Pgpart.builder(db.dataSource()).spec(spec).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    static final String YAML = "tables: {public.orders: {interval: 1 month, premake: 2, key: created_at, default_partition: true}}";

    static Db orders(String hint) {
        Db db = Db.create(hint);
        db.exec("CREATE ROLE conv_reader_" + hint,
                "CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, customer_id int NOT NULL,"
                        + " amount numeric(10,2), created_at timestamptz NOT NULL DEFAULT now())",
                "CREATE INDEX orders_customer_idx ON orders (customer_id)",
                "CREATE INDEX orders_created_idx ON orders (created_at)",
                "COMMENT ON TABLE orders IS 'customer orders'",
                "INSERT INTO orders (customer_id, amount, created_at) SELECT g % 50, g, timestamptz '2025-06-15 00:00Z' + g * interval '1 hour'"
                        + " FROM generate_series(1, 8000) g",
                "GRANT SELECT ON orders TO conv_reader_" + hint,
                "CREATE VIEW big_orders AS SELECT id, amount FROM orders WHERE amount > 100",
                "CREATE TABLE audit (order_id bigint, at timestamptz)",
                "CREATE FUNCTION audit_it() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO audit VALUES (NEW.id, NEW.created_at); RETURN NEW; END $$",
                "CREATE TRIGGER orders_audit AFTER INSERT ON orders FOR EACH ROW EXECUTE FUNCTION audit_it()",
                "ALTER TABLE orders ENABLE ROW LEVEL SECURITY",
                "CREATE POLICY own ON orders FOR SELECT TO conv_reader_" + hint + " USING (customer_id = 7)");
        return db;
    }

    @Test
    void aReadyTableIsPlannedWithEveryPhaseAndNoBlocker() {
        Db db = orders("attach_plan");
        ConvertPlan plan = pgpart(db, YAML).conversions().plan(ORDERS, Optional.empty());

        assertThat(plan.blockers()).isEmpty();
        assertThat(plan.boundary()).contains("2026-08-01 00:00:00+00");
        assertThat(plan.phases()).extracting(ConvertPlan.Phase::name)
                .containsExactly(AttachPlanner.INDEXES, AttachPlanner.RANGE, AttachPlanner.SWAP);
        assertThat(plan.phases().get(0).statements()).containsExactly(
                "CREATE UNIQUE INDEX CONCURRENTLY \"orders_pgpart_pkey\" ON \"public\".\"orders\" (\"id\", \"created_at\")");
        assertThat(plan.carried()).anySatisfy(c -> assertThat(c).contains("trigger orders_audit"))
                .anySatisfy(c -> assertThat(c).contains("view public.big_orders"))
                .anySatisfy(c -> assertThat(c).contains("identity column id"));
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname LIKE 'orders_pgpart%'")).isZero();
    }

    @Test
    void runWithCutoverLeavesThePartitionedTableUnderItsNameWithEveryRowAndNothingForMaintainOrCheck() {
        Db db = orders("attach_run");
        Pgpart pgpart = pgpart(db, YAML);
        Conversions.Outcome outcome = pgpart.conversions().run(ORDERS, Optional.empty(), true, Optional.empty());

        assertThat(outcome.job()).isPresent();
        assertThat(db.queryStrings("SELECT relkind::text FROM pg_class WHERE oid = 'public.orders'::regclass")).containsExactly("p");
        assertThat(db.partitionsOf("public.orders")).containsExactly("orders_default", "orders_p20260801",
                "orders_pgpart_old");
        assertThat(db.queryLong("SELECT count(*) FROM orders")).isEqualTo(8000);
        // the identity continues, the trigger fires, the view reads the parent
        db.exec("INSERT INTO orders (customer_id, amount, created_at) VALUES (1, 90000, '2026-08-10'), (2, 90001, '2026-06-20')");
        assertThat(db.queryLong("SELECT max(id) FROM orders")).isEqualTo(8002);
        assertThat(db.queryLong("SELECT count(*) FROM audit")).isEqualTo(2);
        assertThat(db.queryLong("SELECT count(*) FROM big_orders WHERE amount = 90000")).isEqualTo(1);
        assertThat(db.queryStrings("SELECT obj_description('public.orders'::regclass, 'pg_class')")).containsExactly("customer orders");
        assertThat(db.queryStrings("SELECT polname FROM pg_policy WHERE polrelid = 'public.orders'::regclass")).containsExactly("own");
        assertThat(db.queryStrings("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'public.orders'::regclass"
                + " AND contype = 'p'")).containsExactly("PRIMARY KEY (id, created_at)");

        assertThat(pgpart.plan().tables().get(0).actions()).isEmpty();
        List<Finding> problems = pgpart.check().stream().filter(f -> f.severity() == Finding.Severity.PROBLEM
                && f.table().equals(ORDERS)).toList();
        assertThat(problems).isEmpty();
    }

    @Test
    void nullKeysBlockWithTheOnlineFix() {
        Db db = Db.create("attach_nulls");
        db.exec("CREATE TABLE orders (id bigint PRIMARY KEY, created_at timestamptz)",
                "INSERT INTO orders VALUES (1, '2026-01-01'), (2, NULL)");
        ConvertPlan plan = pgpart(db, YAML).conversions().plan(ORDERS, Optional.empty());
        assertThat(plan.blockers()).singleElement().satisfies(b -> {
            assertThat(b.problem()).isEqualTo("key created_at holds NULLs: a range partition cannot hold them");
            assertThat(b.fix()).contains("CHECK (\"created_at\" IS NOT NULL) NOT VALID");
        });
    }

    @Test
    void farFutureKeysBlockAttachOfATableReferencedByAForeignKey() {
        Db db = Db.create("attach_future");
        db.exec("CREATE TABLE orders (id bigint PRIMARY KEY, created_at timestamptz NOT NULL)",
                "INSERT INTO orders VALUES (1, '2026-01-01'), (2, '2099-01-01')",
                "CREATE TABLE lines (order_id bigint REFERENCES orders (id), created_at timestamptz)");
        ConvertPlan plan = pgpart(db, YAML).conversions().plan(ORDERS, Optional.empty());
        assertThat(plan.blockers()).singleElement().satisfies(b ->
                assertThat(b.problem()).startsWith("1 row(s) have created_at at or above the boundary 2026-08-01 00:00:00+00")
                        .endsWith("it is referenced by foreign keys, which cannot reference a moved row"));
    }
}
