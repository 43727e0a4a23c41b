package dev.pgpart.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import dev.pgpart.test.Db;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every statement PartitionDdl renders, applied on real PostgreSQL with hostile names. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PartitionDdlIT {
    private static final String SCHEMA = "Mig \"s\"; --";
    private static final QualifiedName RANGE = QualifiedName.of(SCHEMA, "Events; DROP");
    private static final QualifiedName LIST = QualifiedName.of(SCHEMA, "Country's");
    private static final QualifiedName HASH = QualifiedName.of(SCHEMA, "Hashed Table");
    private static Db db;

    @BeforeAll
    static void schema() {
        db = Db.create("partition_ddl");
        db.exec("CREATE SCHEMA " + Sql.ident(SCHEMA),
                "CREATE TABLE " + RANGE.sql() + " (\"Created At\" timestamptz NOT NULL, v text) PARTITION BY RANGE (\"Created At\")",
                "CREATE TABLE " + RANGE.sibling("Events default").sql() + " PARTITION OF " + RANGE.sql() + " DEFAULT",
                "INSERT INTO " + RANGE.sql() + " VALUES ('2026-01-15 00:00:00+00', 'jan'), ('2026-03-01 00:00:00+00', 'mar')",
                "CREATE TABLE " + LIST.sql() + " (\"Code\" text) PARTITION BY LIST (\"Code\")",
                "CREATE TABLE " + HASH.sql() + " (id bigint) PARTITION BY HASH (id)");
    }

    private static void apply(PartitionOperation op) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            if (op.outsideTransaction().isPresent()) {
                s.execute(op.outsideTransaction().get());
            }
            c.setAutoCommit(false);
            for (String sql : PartitionDdl.sessionSettings(Duration.ofSeconds(5))) {
                s.execute(sql);
            }
            for (String sql : op.statements()) {
                s.execute(sql);
            }
            c.commit();
        }
    }

    private static PartitionDdl read(QualifiedName parent) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            return PartitionDdl.read(c, parent);
        }
    }

    private static String bound(QualifiedName child) {
        return db.queryStrings("SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE oid = " + Sql.literal(child.sql())
                + "::regclass").get(0);
    }

    @Test
    void aRangePartitionIsAttachedAndTakesItsRowsOutOfTheDefault() throws SQLException {
        PartitionOperation op = read(RANGE).add(new Bound.Range(Optional.of("2026-01-01"), Optional.of("2026-02-01")),
                Optional.empty());
        apply(op);

        assertThat(op.partition().name()).isEqualTo("Events; DROP_p20260101");
        assertThat(db.queryStrings("SELECT v FROM " + op.partition().sql())).containsExactly("jan");
        assertThat(db.queryStrings("SELECT v FROM " + RANGE.sibling("Events default").sql())).containsExactly("mar");

        // the client runs in Asia/Kolkata: a bound without an offset still means UTC midnight
        db.exec("INSERT INTO " + RANGE.sql() + " VALUES ('2026-01-01 00:00:00+00', 'first'), ('2025-12-31 23:59:59+00', 'before')");
        assertThat(db.queryStrings("SELECT v FROM " + op.partition().sql() + " ORDER BY v")).containsExactly("first", "jan");
    }

    @Test
    void listHashAndDefaultPartitionsAreAttachedWithTheirBounds() throws SQLException {
        PartitionOperation list = read(LIST).add(new Bound.In(List.of(Optional.of("O'Brien"), Optional.of("x, y"))),
                Optional.of("Irish \"p\""));
        apply(list);
        PartitionOperation def = read(LIST).add(new Bound.Default(), Optional.empty());
        apply(def);
        PartitionOperation hash = read(HASH).add(new Bound.Hash(2, 1), Optional.empty());
        apply(hash);

        assertThat(bound(list.partition())).isEqualTo("FOR VALUES IN ('O''Brien', 'x, y')");
        assertThat(bound(def.partition())).isEqualTo("DEFAULT");
        assertThat(def.partition().name()).isEqualTo("Country's_default");
        assertThat(bound(hash.partition())).isEqualTo("FOR VALUES WITH (modulus 2, remainder 1)");
    }

    @Test
    void aDeletedPartitionIsDetachedAndDroppedAndAConcurrentDeleteToo() throws SQLException {
        QualifiedName t = QualifiedName.of(SCHEMA, "Deletes");
        db.exec("CREATE TABLE " + t.sql() + " (n int) PARTITION BY RANGE (n)",
                "CREATE TABLE " + t.sibling("one").sql() + " PARTITION OF " + t.sql() + " FOR VALUES FROM (1) TO (2)",
                "CREATE TABLE " + t.sibling("two's").sql() + " PARTITION OF " + t.sql() + " FOR VALUES FROM (2) TO (3)");

        apply(read(t).delete(t.sibling("one"), false));
        apply(read(t).delete(t.sibling("two's"), true));

        assertThat(db.queryLong("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = " + Sql.literal(SCHEMA) + " AND c.relname IN ('one', 'two''s')")).isZero();
    }

    @Test
    void readingTheCatalogLeavesTheConnectionsSettingsAndTransactionAsTheyWere() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("SET TimeZone = 'Asia/Kolkata'");
            s.execute("CREATE TABLE " + QualifiedName.of(SCHEMA, "in_tx").sql() + " (n int)");
            PartitionDdl.read(c, HASH);
            try (var rs = s.executeQuery("SHOW TimeZone")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("Asia/Kolkata");
            }
            assertThat(c.getAutoCommit()).isFalse();
            c.rollback();
        }
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'in_tx'")).isZero();
    }
}
