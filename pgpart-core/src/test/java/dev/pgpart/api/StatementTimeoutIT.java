package dev.pgpart.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.spec.SpecLoader;
import dev.pgpart.test.Db;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** pgpart's sessions run under their own statement_timeout, and a cancelled statement is named with the way out. */
@Timeout(120)
class StatementTimeoutIT {
    static final String YAML = """
            lock_timeout: 5s
            tables:
              events: { interval: 1000, premake: 1 }
            """;

    private static Db events() {
        Db db = Db.create("stmt_timeout");
        db.exec("CREATE TABLE events (id bigint) PARTITION BY RANGE (id)");
        return db;
    }

    @Test
    void aDatabaseWideStatementTimeoutDoesNotCancelPgpartsOwnStatements() {
        Db db = events();
        // 400,000 rows to move out of the default: far longer than the database's 100 ms statement_timeout,
        // which would cancel the move unless pgpart's sessions set their own (and set it up in time)
        db.exec("CREATE TABLE events_default PARTITION OF events DEFAULT",
                "INSERT INTO events SELECT g % 1000 FROM generate_series(1, 400000) g");
        String name = db.queryStrings("SELECT current_database()").get(0);
        db.exec("ALTER DATABASE \"" + name + "\" SET statement_timeout = 100");
        Pgpart pgpart = PgpartIT.pgpart(db, YAML.replace("premake: 1 }", "premake: 1, default_partition: true }"), PgpartIT.NOW);

        MaintainResult r = pgpart.maintain(MaintainOptions.defaults());

        db.exec("SET statement_timeout = 0", "ALTER DATABASE \"" + name + "\" RESET statement_timeout");
        assertThat(r.hasFailures()).as(r.results().toString()).isFalse();
        assertThat(r.rowsMoved()).isEqualTo(400_000);
        assertThat(db.partitionsOf("events")).containsExactly("events_default", "events_p0", "events_p1000");
    }

    @Test
    void aStatementCancelledByPgpartsStatementTimeoutNamesTheStepAndTheSetting() throws Exception {
        Db db = events();
        Pgpart pgpart = Pgpart.builder(db.dataSource()).spec(SpecLoader.parse(YAML, "pgpart.yml"))
                .clock(Clock.fixed(PgpartIT.NOW, ZoneOffset.UTC)).statementTimeout(Duration.ofMillis(300)).build();
        MaintainResult r;
        try (Connection blocker = db.dataSource().getConnection(); Statement s = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            s.execute("LOCK TABLE events IN SHARE MODE"); // the ATTACH waits; statement_timeout (300ms) ends it before lock_timeout (5s)
            r = pgpart.maintain(MaintainOptions.defaults());
            blocker.rollback();
        }
        assertThat(r.results()).isNotEmpty().allSatisfy(x -> {
            assertThat(x.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(x.detail()).contains("57014", "statement_timeout", "--statement-timeout", " in: ");
        });
    }
}
