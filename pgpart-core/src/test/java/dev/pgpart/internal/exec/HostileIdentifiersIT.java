package dev.pgpart.internal.exec;

import dev.pgpart.api.MaintainResult;

import static dev.pgpart.internal.exec.ExecSupport.assertAllApplied;
import static dev.pgpart.internal.exec.ExecSupport.comment;
import static dev.pgpart.internal.exec.ExecSupport.exists;
import static dev.pgpart.internal.exec.ExecSupport.query;
import static dev.pgpart.internal.exec.ExecSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.api.Bound;
import dev.pgpart.internal.catalog.Column;
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.internal.catalog.TableProperties;
import dev.pgpart.internal.catalog.TableProperties.Grant;
import dev.pgpart.internal.catalog.TableProperties.PolicyDef;
import dev.pgpart.plan.CreateDefaultPartition;
import dev.pgpart.plan.CreatePartition;
import dev.pgpart.plan.DefaultRows;
import dev.pgpart.plan.DetachPartition;
import dev.pgpart.plan.DropPartition;
import dev.pgpart.plan.FinalizeDetach;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import dev.pgpart.test.Db;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Names chosen to break any SQL that is concatenated instead of quoted. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileIdentifiersIT {
    private static final String SCHEMA = "Sch\"; DROP SCHEMA public CASCADE; -- ü";
    private static final String ROLE = "Rôle \"x\"; --";
    private static final String KEY = "Order Date";
    private static final QualifiedName A = QualifiedName.of(SCHEMA, "Order \"Table\"; SELECT");
    private static final QualifiedName A_DEFAULT = A.sibling("default");
    private static final QualifiedName LONG = A.sibling("Ü".repeat(31) + "x"); // 63 bytes
    /** The planner's leaf names for LONG: its name shortened so {@code <base>_p<r>} is 63 bytes. */
    private static final String LEAF_BASE = "Ü".repeat(30);
    private static final QualifiedName JAN = A.sibling("jan'; DROP TABLE x; --");
    private static final QualifiedName B = A.sibling("user");
    private static Db db;

    private static Bound range(String from, String to) {
        return new Bound.Range(Optional.of(from), Optional.of(to));
    }

    @BeforeAll
    static void schema() {
        db = Db.create("exec_hostile");
        db.exec("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = " + Sql.literal(ROLE) + ") THEN CREATE ROLE "
                        + Sql.ident(ROLE) + "; END IF; END $$",
                "CREATE SCHEMA " + Sql.ident(SCHEMA),
                "CREATE TABLE " + A.sql() + " (\"select\" bigint, " + Sql.ident(KEY) + " date, \"a\"\"b\" text) PARTITION BY RANGE ("
                        + Sql.ident(KEY) + ")",
                "CREATE TABLE " + B.sql() + " (\"select\" bigint, " + Sql.ident(KEY) + " date) PARTITION BY RANGE (" + Sql.ident(KEY) + ")");
        assertThat(QualifiedName.byteLength(LONG.name())).isEqualTo(63);
    }

    private static TableInfo a(boolean withDefault) {
        TableProperties p = new TableProperties("postgres", List.of(new Grant(ROLE, "SELECT", false)), true, false,
                List.of(new PolicyDef("p\"; DROP", true, "ALL", List.of(ROLE), Optional.of("true"), Optional.empty())), 'd',
                List.of("fillfactor=90"));
        TableFixture f = TableFixture.of(A).key(KEY, "date").columns("select").column(new Column(KEY, false, 300))
                .columns("a\"b").properties(p).managed(JAN, range("2027-01-01", "2027-02-01"))
                .managed(LONG, range("2027-02-01", "2027-03-01"));
        return (withDefault ? f.defaultPartition(A_DEFAULT) : f).build();
    }

    @Test
    void everyCreatePathAndPlainDetachAndDropWorkWithHostileNames() {
        assertAllApplied(run(db, a(false), new CreateDefaultPartition(A, A_DEFAULT)));
        db.exec("INSERT INTO " + A.sql() + " VALUES (1, '2027-01-10', 'x'), (2, '2027-02-10', 'y'), (3, '2031-01-01', 'z')");
        MaintainResult created = run(db, a(true),
                new CreatePartition(A, JAN, range("2027-01-01", "2027-02-01"), true, DefaultRows.exactly(1), Optional.empty()),
                new CreatePartition(A, LONG, range("2027-02-01", "2027-03-01"), true, DefaultRows.unknown(),
                        PlannedLeaves.hash(LONG, "select", 2, r -> LEAF_BASE + "_p" + r)));
        assertAllApplied(created);
        assertThat(created.rowsMoved()).isEqualTo(2);
        assertThat(db.queryLong("SELECT count(*) FROM " + A.sql())).isEqualTo(3);
        assertThat(comment(db, SCHEMA, JAN.name())).isEqualTo("pgpart:managed partition of " + A);
        assertThat(query(db, "SELECT count(*)::text FROM pg_policies WHERE schemaname = ? AND policyname = ?", SCHEMA, "p\"; DROP"))
                .isEqualTo("5"); // the default, JAN, the sub-partitioned child and its two hash leaves
        String leaf = LEAF_BASE + "_p1";
        assertThat(exists(db, SCHEMA, leaf)).as(leaf).isTrue();

        assertAllApplied(run(db, a(true), new DetachPartition(A, JAN, range("2027-01-01", "2027-02-01"), false, "expired"),
                new DropPartition(A, LONG, range("2027-02-01", "2027-03-01"), false, "expired")));
        assertThat(comment(db, SCHEMA, JAN.name())).startsWith("pgpart:managed detached from " + A);
        assertThat(exists(db, SCHEMA, LONG.name())).isFalse();
        assertThat(query(db, "SELECT count(*)::text FROM pg_namespace WHERE nspname = 'public'")).isEqualTo("1");
    }

    @Test
    void concurrentDetachDropAndFinalizeWorkWithHostileNames() throws Exception {
        QualifiedName from = B.sibling("from");
        QualifiedName to = B.sibling("TO \"x\"");
        QualifiedName uni = B.sibling("Ünïcode \"x\"; --");
        db.exec("CREATE TABLE " + from.sql() + " PARTITION OF " + B.sql() + " FOR VALUES FROM ('2020-01-01') TO ('2020-02-01')",
                "CREATE TABLE " + to.sql() + " PARTITION OF " + B.sql() + " FOR VALUES FROM ('2020-02-01') TO ('2020-03-01')",
                "CREATE TABLE " + uni.sql() + " PARTITION OF " + B.sql() + " FOR VALUES FROM ('2020-03-01') TO ('2020-04-01')");
        TableInfo b = TableFixture.of(B).key(KEY, "date").columns("select", KEY).managed(from, range("2020-01-01", "2020-02-01"))
                .managed(uni, range("2020-03-01", "2020-04-01")).build();
        assertAllApplied(run(db, b, new DetachPartition(B, from, range("2020-01-01", "2020-02-01"), true, "expired"),
                new DropPartition(B, to, range("2020-02-01", "2020-03-01"), true, "expired")));
        assertThat(exists(db, SCHEMA, from.name())).isTrue();
        assertThat(exists(db, SCHEMA, to.name())).isFalse();

        ExecSupport.interruptConcurrentDetach(db, B.sql(), uni.sql());
        assertAllApplied(run(db, b, new FinalizeDetach(B, uni)));
        assertThat(db.queryLong("SELECT count(*) FROM pg_inherits WHERE inhparent = " + Sql.literal(B.sql()) + "::regclass")).isZero();
        assertThat(comment(db, SCHEMA, uni.name())).startsWith("pgpart:managed detached from " + B);
    }
}
