package dev.pgpart.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpart.api.PartitionOperation;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import dev.pgpart.test.Db;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Real Flyway running Java migrations that use PartitionMigrations, on hostile names. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PartitionMigrationsIT {
    static final String SCHEMA = "Fly \"s\"; --";
    static final QualifiedName EVENTS = QualifiedName.of(SCHEMA, "Events; DROP");
    static final QualifiedName COUNTRIES = QualifiedName.of(SCHEMA, "Country's");
    static final QualifiedName HASHED = QualifiedName.of(SCHEMA, "Hashed Table");

    /** The partition names as a migration writes them: SQL-style, double quotes keep case and spaces. */
    static final String EVENTS_TEXT = "\"Fly \"\"s\"\"; --\".\"Events; DROP\"";
    static final String COUNTRIES_TEXT = "\"Fly \"\"s\"\"; --\".\"Country's\"";
    static final String HASHED_TEXT = "\"Fly \"\"s\"\"; --\".\"Hashed Table\"";

    public static class V1__tables extends BaseJavaMigration {
        @Override
        public void migrate(Context context) throws Exception {
            try (Statement s = context.getConnection().createStatement()) {
                s.execute("CREATE SCHEMA " + Sql.ident(SCHEMA));
                s.execute("CREATE TABLE " + EVENTS.sql() + " (\"Created At\" timestamptz NOT NULL, v text) PARTITION BY RANGE (\"Created At\")");
                s.execute("CREATE TABLE " + COUNTRIES.sql() + " (\"Code\" text) PARTITION BY LIST (\"Code\")");
                s.execute("CREATE TABLE " + HASHED.sql() + " (id bigint) PARTITION BY HASH (id)");
            }
        }
    }

    public static class V2__partitions extends BaseJavaMigration {
        @Override
        public void migrate(Context context) throws Exception {
            PartitionMigrations.on(context).addDefaultPartition(EVENTS_TEXT);
            try (Statement s = context.getConnection().createStatement()) {
                s.execute("INSERT INTO " + EVENTS.sql() + " VALUES ('2027-01-10 00:00:00+00', 'jan'), ('2027-05-01 00:00:00+00', 'may')");
            }
            PartitionMigrations.on(context).addRangePartition(EVENTS_TEXT, "2027-01-01", "2027-02-01");
            PartitionMigrations.on(context).addListPartition(COUNTRIES_TEXT, "Irish \"p\"", List.of("O'Brien", "x, y"));
            PartitionMigrations.on(context).addDefaultPartition(COUNTRIES_TEXT, "Other Countries");
            PartitionMigrations.on(context).addHashPartition(HASHED_TEXT, 2, 0);
            PartitionMigrations.on(context).addHashPartition(HASHED_TEXT, "Hashed One", 2, 1);
        }
    }

    public static class V3__delete extends BaseJavaMigration {
        @Override
        public void migrate(Context context) throws Exception {
            PartitionMigrations.on(context).deletePartition("\"Fly \"\"s\"\"; --\".\"Other Countries\"");
            PartitionMigrations.on(context).deletePartition("\"Fly \"\"s\"\"; --\".\"Hashed One\"");
        }
    }

    public static class V4__detach_concurrently extends DetachPartitionConcurrentlyMigration {
        @Override
        protected String partition() {
            return "\"Fly \"\"s\"\"; --\".\"Hashed Table_p0\"";
        }
    }

    public static class V3__concurrently_in_a_transaction extends BaseJavaMigration {
        @Override
        public void migrate(Context context) throws Exception {
            PartitionMigrations.on(context).deletePartitionConcurrently("\"Fly \"\"s\"\"; --\".\"Hashed Table_p0\"");
        }
    }

    public static class V3__range_waiting_for_a_lock extends BaseJavaMigration {
        @Override
        public void migrate(Context context) throws Exception {
            PartitionMigrations.on(context).withLockTimeout(Duration.ofMillis(300))
                    .addRangePartition(EVENTS_TEXT, "2027-02-01", "2027-03-01");
        }
    }

    /** Keeps what the helper returned, so the test can look at it (an instance field: one run, one migration). */
    public static class V3__delete_default extends BaseJavaMigration {
        private Optional<PartitionOperation> deleted = Optional.empty();

        @Override
        public void migrate(Context context) throws Exception {
            deleted = Optional.of(PartitionMigrations.on(context).deletePartition("\"Fly \"\"s\"\"; --\".\"Other Countries\""));
        }
    }

    private static Flyway flyway(Db db, JavaMigration... migrations) {
        return Flyway.configure().dataSource(db.dataSource()).locations("classpath:dev/pgpart/flyway/no-sql-migrations")
                .javaMigrations(migrations)
                .configuration(Map.of("flyway.postgresql.transactional.lock", "false")).load();
    }

    private static String bound(Db db, QualifiedName child) {
        return db.queryStrings("SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE oid = " + Sql.literal(child.sql())
                + "::regclass").get(0);
    }

    private static List<String> children(Db db, QualifiedName parent) {
        return db.partitionsOf(parent.sql());
    }

    @Test
    void rangeListHashAndDefaultPartitionsAreAddedByJavaMigrations() {
        Db db = Db.create("flyway_add");
        flyway(db, new V1__tables(), new V2__partitions()).migrate();

        assertThat(children(db, EVENTS)).containsExactly("Events; DROP_default", "Events; DROP_p20270101");
        assertThat(db.queryStrings("SELECT v FROM " + EVENTS.sibling("Events; DROP_p20270101").sql())).containsExactly("jan");
        assertThat(db.queryStrings("SELECT v FROM " + EVENTS.sibling("Events; DROP_default").sql())).containsExactly("may");
        assertThat(bound(db, COUNTRIES.sibling("Irish \"p\""))).isEqualTo("FOR VALUES IN ('O''Brien', 'x, y')");
        assertThat(bound(db, COUNTRIES.sibling("Other Countries"))).isEqualTo("DEFAULT");
        assertThat(bound(db, HASHED.sibling("Hashed Table_p0"))).isEqualTo("FOR VALUES WITH (modulus 2, remainder 0)");
        assertThat(bound(db, HASHED.sibling("Hashed One"))).isEqualTo("FOR VALUES WITH (modulus 2, remainder 1)");
    }

    @Test
    void deletedPartitionsAreDetachedAndDroppedAndADetachConcurrentlyMigrationRunsOutsideATransaction() {
        Db db = Db.create("flyway_delete");
        flyway(db, new V1__tables(), new V2__partitions(), new V3__delete(), new V4__detach_concurrently()).migrate();

        assertThat(children(db, COUNTRIES)).containsExactly("Irish \"p\"");
        assertThat(children(db, HASHED)).isEmpty();
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname IN ('Other Countries', 'Hashed One', 'Hashed Table_p0')"))
                .isZero();
    }

    @Test
    void deletingTheDefaultPartitionWarnsThatRowsFittingNoOtherPartitionWillFailToInsert() {
        Db db = Db.create("flyway_default");
        V3__delete_default delete = new V3__delete_default();
        flyway(db, new V1__tables(), new V2__partitions(), delete).migrate();

        assertThat(delete.deleted.orElseThrow().warnings()).singleElement().asString()
                .contains("the DEFAULT partition of \"Fly \"\"s\"\"; --\".\"Country's\"")
                .contains("rows that fit no other partition fail to insert");
        assertThat(children(db, COUNTRIES)).containsExactly("Irish \"p\"");
    }

    @Test
    void aConcurrentDetachInsideTheMigrationsTransactionIsRefusedWithTheWayOut() {
        Db db = Db.create("flyway_conc_tx");
        Flyway flyway = flyway(db, new V1__tables(), new V2__partitions(), new V3__concurrently_in_a_transaction());

        assertThatThrownBy(flyway::migrate).hasStackTraceContaining("inside the migration's transaction")
                .hasStackTraceContaining("extend DetachPartitionConcurrentlyMigration");
        assertThat(children(db, HASHED)).containsExactly("Hashed One", "Hashed Table_p0");
    }

    @Test
    void aMigrationWaitingForTheParentsLockFailsAfterItsLockTimeoutInsteadOfQueueing() throws Exception {
        Db db = Db.create("flyway_lock");
        flyway(db, new V1__tables(), new V2__partitions()).migrate();

        try (Connection holder = db.dataSource().getConnection(); Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.execute("LOCK TABLE " + EVENTS.sql() + " IN ACCESS EXCLUSIVE MODE");
            Flyway waiting = flyway(db, new V1__tables(), new V2__partitions(), new V3__range_waiting_for_a_lock());

            assertThatThrownBy(waiting::migrate).hasStackTraceContaining("lock timeout");
            holder.rollback();
        }
        assertThat(children(db, EVENTS)).containsExactly("Events; DROP_default", "Events; DROP_p20270101");
    }
}
