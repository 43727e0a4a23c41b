package dev.pgpart.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.plan.Finding;
import dev.pgpart.plan.Plan;
import dev.pgpart.spec.SpecLoader;
import dev.pgpart.test.Db;
import dev.pgpart.test.TestPostgres;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Moving rows out of the default partition is invisible to the rest of the database: no
 * foreign-key action of a referencing table and no user trigger fires, and where pgpart cannot
 * guarantee that with the role it runs as, it moves nothing and says why.
 */
@Timeout(120)
class MoveOutOfDefaultIT {
    static final Instant NOW = Instant.parse("2026-11-22T10:15:00Z");
    static final String CONFIG = """
            tables:
              public.orders:
                interval: 1 month
                premake: 2
                default_partition: true
            """;
    private static Db db;
    private static int tables;

    @BeforeAll
    static void database() {
        db = Db.create("move_default");
        db.exec("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pgpart_app') THEN"
                + " CREATE ROLE pgpart_app LOGIN; END IF; END $$");
    }

    /** A fresh schema with orders (2 December rows in the default), items referencing them, and an audit log. */
    private static String schema(String onDelete) {
        String s = "s" + (++tables);
        db.exec("CREATE SCHEMA " + s,
                "GRANT ALL ON SCHEMA " + s + " TO pgpart_app",
                "SET search_path = " + s,
                "CREATE TABLE " + s + ".orders (id bigint, created_at date NOT NULL, note text, PRIMARY KEY (id, created_at))"
                        + " PARTITION BY RANGE (created_at)",
                "CREATE TABLE " + s + ".orders_default PARTITION OF " + s + ".orders DEFAULT",
                "COMMENT ON TABLE " + s + ".orders_default IS 'pgpart:managed default'",
                "CREATE TABLE " + s + ".items (id int PRIMARY KEY, order_id bigint DEFAULT 0, created_at date DEFAULT '2000-01-01',"
                        + " FOREIGN KEY (order_id, created_at) REFERENCES " + s + ".orders ON DELETE " + onDelete + ")",
                "CREATE TABLE " + s + ".audit (what text)",
                "CREATE FUNCTION " + s + ".audit() RETURNS trigger LANGUAGE plpgsql AS"
                        + " $f$ BEGIN INSERT INTO " + s + ".audit VALUES (TG_OP || ' ' || TG_TABLE_NAME); RETURN NULL; END $f$",
                "INSERT INTO " + s + ".orders VALUES (1, '2026-12-05', 'a'), (2, '2026-12-06', 'b'), (3, '2027-01-02', 'c')",
                "INSERT INTO " + s + ".items VALUES (10, 1, '2026-12-05'), (11, 2, '2026-12-06'), (12, 3, '2027-01-02')");
        return s;
    }

    private static Pgpart pgpart(String schema, DataSource ds) {
        return Pgpart.builder(ds).spec(SpecLoader.parse(CONFIG.replace("public.", schema + "."), "pgpart.yml"))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    private static List<String> items(String s) {
        return db.queryStrings("SELECT id || ':' || coalesce(order_id::text, 'null') || ':' || coalesce(created_at::text, 'null')"
                + " FROM " + s + ".items ORDER BY id");
    }

    private static List<String> rowHomes(String s) {
        return db.queryStrings("SELECT tableoid::regclass::text || ':' || id FROM " + s + ".orders ORDER BY id");
    }

    @ParameterizedTest(name = "ON DELETE {0}: the referencing rows are untouched and the orders move")
    @ValueSource(strings = {"CASCADE", "SET NULL", "SET DEFAULT", "NO ACTION", "RESTRICT"})
    void movingRowsFiresNoForeignKeyActionOfAReferencingTable(String onDelete) {
        String s = schema(onDelete);
        if (onDelete.equals("SET DEFAULT")) {
            db.exec("INSERT INTO " + s + ".orders VALUES (0, '2000-01-01', 'the default row items point to')");
        }
        List<String> before = items(s);

        MaintainResult r = pgpart(s, db.dataSource()).maintain(MaintainOptions.defaults());

        assertThat(r.hasFailures()).as(r.results().toString()).isFalse();
        assertThat(r.rowsMoved()).isEqualTo(3);
        assertThat(items(s)).isEqualTo(before);
        assertThat(rowHomes(s)).contains(s + ".orders_p20261201:1", s + ".orders_p20261201:2", s + ".orders_p20270101:3");
        assertThat(db.queryLong("SELECT count(*) FROM " + s + ".orders_default WHERE id > 0")).isZero();
        assertThat(db.queryStrings("SHOW session_replication_role")).containsExactly("origin");
    }

    @Test
    void userTriggersOnTheParentAndTheDefaultDoNotLogTheMoveAsDeletesAndInserts() {
        String s = schema("NO ACTION");
        db.exec("CREATE TRIGGER audit_rows AFTER INSERT OR DELETE ON " + s + ".orders FOR EACH ROW EXECUTE FUNCTION " + s + ".audit()",
                "CREATE TRIGGER audit_default BEFORE DELETE ON " + s + ".orders_default FOR EACH ROW EXECUTE FUNCTION " + s + ".audit()");

        MaintainResult r = pgpart(s, db.dataSource()).maintain(MaintainOptions.defaults());

        assertThat(r.hasFailures()).as(r.results().toString()).isFalse();
        assertThat(r.rowsMoved()).isEqualTo(3);
        assertThat(db.queryLong("SELECT count(*) FROM " + s + ".audit")).isZero();
        // the triggers still work for the application afterwards
        db.exec("INSERT INTO " + s + ".orders VALUES (7, '2026-12-24', 'x')");
        assertThat(db.queryStrings("SELECT what FROM " + s + ".audit")).containsExactly("INSERT orders_p20261201");
    }

    @Test
    void aRoleThatMayNotSuppressThemMovesNothingAndTheProblemNamesTheForeignKey() {
        String s = schema("CASCADE");
        db.exec("ALTER TABLE " + s + ".orders OWNER TO pgpart_app", "ALTER TABLE " + s + ".orders_default OWNER TO pgpart_app");
        List<String> before = items(s);
        Pgpart pgpart = pgpart(s, as("pgpart_app"));

        Plan plan = pgpart.plan();
        assertThat(plan.findings()).anySatisfy(f -> {
            assertThat(f.kind()).isEqualTo(Finding.Kind.MOVE_UNSAFE);
            assertThat(f.severity()).isEqualTo(Finding.Severity.PROBLEM);
            assertThat(f.message()).contains("foreign key items_order_id_created_at_fkey of " + s + ".items (ON DELETE CASCADE)")
                    .contains("GRANT SET ON PARAMETER session_replication_role");
        });
        MaintainResult r = pgpart.maintain(MaintainOptions.defaults());

        ActionResult december = r.results().stream().filter(x -> x.action().partition().name().equals("orders_p20261201"))
                .findFirst().orElseThrow();
        assertThat(december.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(december.detail()).contains("foreign key items_order_id_created_at_fkey").contains("does not move them");
        assertThat(items(s)).isEqualTo(before);
        assertThat(rowHomes(s)).containsExactly(s + ".orders_default:1", s + ".orders_default:2", s + ".orders_default:3");
        // ranges without rows in the default are still created
        assertThat(db.partitionsOf(s + ".orders")).containsExactly("orders_default", "orders_p20261101");
    }

    @Test
    void aTriggerThatFiresEvenInReplicaModeStopsTheMoveEvenForASuperuser() {
        String s = schema("NO ACTION");
        db.exec("CREATE TRIGGER audit_always AFTER DELETE ON " + s + ".orders_default FOR EACH ROW EXECUTE FUNCTION " + s + ".audit()",
                "ALTER TABLE " + s + ".orders_default ENABLE ALWAYS TRIGGER audit_always");

        MaintainResult r = pgpart(s, db.dataSource()).maintain(MaintainOptions.defaults());

        assertThat(r.results()).filteredOn(x -> x.outcome() == Outcome.FAILED).isNotEmpty()
                .allSatisfy(x -> assertThat(x.detail()).contains("trigger audit_always on " + s + ".orders_default")
                        .contains("fires even with session_replication_role = replica"));
        assertThat(db.queryLong("SELECT count(*) FROM " + s + ".audit")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM " + s + ".orders_default")).isEqualTo(3);
    }

    private static DataSource as(String role) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(TestPostgres.jdbcUrl(db.queryStrings("SELECT current_database()").get(0)));
        ds.setUser(role);
        return ds;
    }
}
