package dev.pgpart.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.plan.DropPartition;
import dev.pgpart.plan.FinalizeDetach;
import dev.pgpart.plan.Finding;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.test.Db;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A {@code DETACH ... CONCURRENTLY} that waits on an old transaction and gives up at lock_timeout
 * leaves the partition half-detached (inhdetachpending): check must say so until a maintain has
 * finished it, and that maintain must do what retention wanted (here: drop it).
 */
@Timeout(120)
class InterruptedDetachIT {
    static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
    static final String YAML = """
            lock_timeout: 300ms
            tables:
              public.ev:
                interval: 1 month
                premake: 1
                start: 2026-05-01
                retention: 3 months
                on_expiry: drop
            """;
    static final MaintainOptions YES = MaintainOptions.defaults().withConsent(true).withRetries(2, Duration.ofMillis(10));

    private static Db table() {
        Db db = Db.create("interrupted_detach");
        db.exec("CREATE TABLE ev (id bigint, ts date) PARTITION BY RANGE (ts)",
                "CREATE TABLE ev_p20200101 PARTITION OF ev FOR VALUES FROM ('2020-01-01') TO ('2020-02-01')",
                "COMMENT ON TABLE ev_p20200101 IS 'pgpart:managed partition of public.ev'",
                "CREATE TABLE ev_p20260501 PARTITION OF ev FOR VALUES FROM ('2026-05-01') TO ('2026-06-01')",
                "CREATE TABLE ev_p20260601 PARTITION OF ev FOR VALUES FROM ('2026-06-01') TO ('2026-07-01')",
                "CREATE TABLE ev_p20260701 PARTITION OF ev FOR VALUES FROM ('2026-07-01') TO ('2026-08-01')",
                "INSERT INTO ev VALUES (1, '2020-01-05')");
        return db;
    }

    /** maintain --yes while a transaction that read the table stays open: the concurrent detach gives up. */
    private static MaintainResult maintainBehindAnOldTransaction(Db db, Pgpart pgpart) throws Exception {
        try (Connection old = db.dataSource().getConnection()) {
            old.setAutoCommit(false);
            try (Statement s = old.createStatement()) {
                s.executeQuery("SELECT count(*) FROM ev").close();
            }
            MaintainResult r = pgpart.maintain(YES);
            old.commit();
            return r;
        }
    }

    @Test
    void aDropInterruptedByALongTransactionIsReportedByCheckThenFinalizedAndDroppedByTheNextMaintain() throws Exception {
        Db db = table();
        Pgpart pgpart = PgpartIT.pgpart(db, YAML, NOW);

        MaintainResult first = maintainBehindAnOldTransaction(db, pgpart);

        ActionResult drop = first.results().stream().filter(r -> r.action() instanceof DropPartition).findFirst().orElseThrow();
        assertThat(drop.outcome()).as(drop.detail()).isEqualTo(Outcome.FAILED);
        assertThat(drop.detail()).contains("half-detached");
        assertThat(db.queryStrings("SELECT inhdetachpending::text FROM pg_inherits WHERE inhrelid = 'ev_p20200101'::regclass"))
                .containsExactly("true");
        List<Finding> problems = pgpart.check().stream().filter(f -> f.severity() == Finding.Severity.PROBLEM)
                .filter(f -> f.table().name().equals("ev")).toList();
        assertThat(problems).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Finding.Kind.DETACH_PENDING);
            assertThat(f.message()).contains("ev_p20200101", "finalizes and drops it", "FINALIZE");
        });

        MaintainResult second = pgpart.maintain(YES);

        assertThat(second.results()).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(new FinalizeDetach(QualifiedName.of("public", "ev"),
                    QualifiedName.of("public", "ev_p20200101"), true));
            assertThat(r.outcome()).as(r.detail()).isEqualTo(Outcome.APPLIED);
        });
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'ev_p20200101'")).isZero();
        assertThat(pgpart.check()).isEmpty();
    }

    @Test
    void withoutConsentAHalfDetachedPartitionDueForDropIsLeftAndCheckKeepsReportingIt() throws Exception {
        Db db = table();
        Pgpart pgpart = PgpartIT.pgpart(db, YAML, NOW);
        maintainBehindAnOldTransaction(db, pgpart);

        MaintainResult r = pgpart.maintain(MaintainOptions.defaults());

        assertThat(r.hasPendingWithoutConsent()).isTrue();
        assertThat(db.queryStrings("SELECT inhdetachpending::text FROM pg_inherits WHERE inhrelid = 'ev_p20200101'::regclass"))
                .containsExactly("true");
        assertThat(pgpart.check()).filteredOn(f -> f.kind() == Finding.Kind.DETACH_PENDING).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Finding.Severity.PROBLEM));
    }
}
