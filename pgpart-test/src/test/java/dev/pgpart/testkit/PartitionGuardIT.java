package dev.pgpart.testkit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.pgpart.testkit.examples.EventRepository;
import dev.pgpart.testkit.examples.ExampleDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The guard extension judged from the outside: inner test classes run through EngineTestKit, so a
 * test the guard fails is asserted to fail (with its message), not a red build. The inner classes
 * are nested, which Surefire and Failsafe do not run by themselves.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PartitionGuardIT {
    /** One database for the inner classes, made on first use. */
    static final class Shared {
        static final DataSource DB = ExampleDatabase.create();
    }

    private static Events run(Class<?> inner) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(inner)).execute().testEvents();
    }

    static class Offending {
        @RegisterExtension
        final PartitionGuard guard = PartitionGuard.maxPartitions(1);

        @Test
        void runsTwoFullScansAndOnePrunedQuery() throws Exception {
            EventRepository repo = new EventRepository(guard.wrap(Shared.DB));
            repo.idsOn(LocalDate.parse("2026-01-05"));
            repo.idsOfKind("click");
            repo.idsOnText("2026-01-05");
            repo.idsOfKind("click");
        }

        @Test
        void runsOnlyPrunedQueries() throws Exception {
            new EventRepository(guard.wrap(Shared.DB)).idsOn(LocalDate.parse("2026-02-05"));
        }
    }

    @Test
    void failsATestThatScansTooManyPartitionsAndListsEveryOffender() {
        Events events = run(Offending.class);
        events.assertStatistics(s -> s.started(2).succeeded(1).failed(1));
        events.assertThatEvents().haveExactly(1, event(test("runsTwoFullScansAndOnePrunedQuery"),
                finishedWithFailure(instanceOf(AssertionError.class),
                        message(m -> m.startsWith("2 of the 4 statement(s) this test ran scanned more partitions than allowed")
                                && m.contains("1) SELECT id FROM events WHERE kind = ? ORDER BY id")
                                && m.contains("(run 2 times)")
                                && m.contains("2) SELECT id FROM events WHERE day::text = ? ORDER BY id")
                                && m.contains("public.events: scans 4 of 4 partitions (limit 1)")
                                && m.contains("Seq Scan on public.events_default")
                                && !m.contains("WHERE day = ?")))));
        events.assertThatEvents().haveExactly(1, event(test("runsOnlyPrunedQueries"), finishedSuccessfully()));
    }

    static class Allowed {
        @RegisterExtension
        final PartitionGuard guard = PartitionGuard.maxPartitions(1).allowFullScan("where kind = ").limit("public.events", 4);

        @Test
        void aDeliberateFullScanMatchingTheAllowListPasses() throws Exception {
            new EventRepository(guard.wrap(Shared.DB)).idsOfKind("view");
        }

        @Test
        void aTableWithAHigherLimitPasses() throws Exception {
            new EventRepository(guard.wrap(Shared.DB)).idsOnText("2026-01-05");
        }

        @Test
        @AllowFullScans("exercises the annotation")
        void anAnnotatedTestIsNotJudged() throws Exception {
            DataSource ds = PartitionGuard.maxPartitions(0).wrap(Shared.DB);
            new EventRepository(guard.wrap(ds)).idsOnText("2026-01-05");
        }

        @Test
        void ddlAndPlainTablesAreNotJudged() throws Exception {
            try (Connection c = guard.wrap(Shared.DB).getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TEMP TABLE scratch (id int)");
                s.execute("SELECT * FROM pg_class WHERE relname = 'events'");
            }
        }
    }

    @Test
    void passesAllowedScansHigherLimitsAnnotatedTestsAndDdl() {
        run(Allowed.class).assertStatistics(s -> s.started(4).succeeded(4).failed(0));
    }

    static class Unexplainable {
        @RegisterExtension
        final PartitionGuard guard = PartitionGuard.maxPartitions(1);

        @Test
        void queriesATableThatIsGoneWhenTheGuardLooks() throws Exception {
            try (Connection c = guard.wrap(Shared.DB).getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TEMP TABLE mine (id int)");
                s.execute("SELECT * FROM mine");
            }
        }
    }

    @Test
    void aStatementTheGuardCannotExplainFailsTheTestInsteadOfPassingSilently() {
        run(Unexplainable.class).assertThatEvents().haveExactly(1, event(test("queriesATableThatIsGoneWhenTheGuardLooks"),
                finishedWithFailure(message(m -> m.contains("SELECT * FROM mine") && m.contains("could not be explained")))));
    }
}
