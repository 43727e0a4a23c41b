package dev.pgpart.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.plan.Finding;
import dev.pgpart.plan.Plan;
import dev.pgpart.plan.SkippedTable;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.test.Db;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One bad table (missing, or its catalog locked) is reported; the other tables are planned and maintained. */
@Timeout(120)
class IndependentTablesIT {
    static final String YAML = """
            lock_timeout: 200ms
            tables:
              orders: { interval: 1 day, premake: 1, default_partition: true }
              events: { interval: 1000, premake: 1 }
            """;

    @Test
    void aMissingConfiguredTableIsSkippedAndTheOthersAreMaintained() {
        Db db = Db.create("one_missing");
        db.exec("CREATE TABLE events (id bigint) PARTITION BY RANGE (id)");
        Pgpart pgpart = PgpartIT.pgpart(db, YAML, PgpartIT.NOW);

        Plan plan = pgpart.plan();
        MaintainResult r = pgpart.maintain(MaintainOptions.defaults());

        assertThat(plan.skipped()).singleElement().satisfies(s -> {
            assertThat(s.table()).isEqualTo(QualifiedName.of("public", "orders"));
            assertThat(s.reason()).isEqualTo(SkippedTable.Reason.CONFIG);
            assertThat(s.message()).contains("does not exist");
        });
        assertThat(plan.tables().get(0).findings()).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Finding.Severity.PROBLEM));
        assertThat(r.hasConfigProblems()).isTrue();
        assertThat(r.hasFailures()).isFalse();
        assertThat(db.partitionsOf("events")).containsExactly("events_p0", "events_p1000");
    }

    @Test
    void aTableWhoseCatalogIsLockedIsSkippedAndTheOthersAreMaintained() throws Exception {
        Db db = Db.create("one_locked");
        db.exec("CREATE TABLE orders (created_at timestamptz NOT NULL) PARTITION BY RANGE (created_at)",
                "CREATE TABLE orders_default PARTITION OF orders DEFAULT",
                "CREATE TABLE events (id bigint) PARTITION BY RANGE (id)");
        Pgpart pgpart = PgpartIT.pgpart(db, YAML, PgpartIT.NOW);
        MaintainResult r;
        try (Connection blocker = db.dataSource().getConnection(); Statement s = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            s.execute("LOCK TABLE orders_default IN ACCESS EXCLUSIVE MODE");

            r = pgpart.maintain(MaintainOptions.defaults());

            blocker.rollback();
        }
        assertThat(r.plan().skipped()).singleElement().satisfies(s -> {
            assertThat(s.table()).isEqualTo(QualifiedName.of("public", "orders"));
            assertThat(s.reason()).isEqualTo(SkippedTable.Reason.LOCKED);
            assertThat(s.message()).contains("lock_timeout 200 ms", "pg_terminate_backend");
        });
        assertThat(r.hasFailures()).isTrue();
        assertThat(db.partitionsOf("events")).containsExactly("events_p0", "events_p1000");
        assertThat(db.partitionsOf("orders")).containsExactly("orders_default");
    }
}
