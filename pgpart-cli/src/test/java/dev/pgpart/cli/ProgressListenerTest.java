package dev.pgpart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.api.Bound;
import dev.pgpart.api.ActionResult;
import dev.pgpart.api.Outcome;
import dev.pgpart.plan.CreatePartition;
import dev.pgpart.plan.DefaultRows;
import dev.pgpart.sql.QualifiedName;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProgressListenerTest {
    private static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static final QualifiedName ORDERS = QualifiedName.of("public", "orders");
    private static final CreatePartition CREATE = new CreatePartition(ORDERS, ORDERS.sibling("orders_p20270101"),
            new Bound.Range(Optional.of("2027-01-01"), Optional.of("2027-02-01")), true, DefaultRows.unknown(), Optional.empty());

    @Test
    void aQuickRunPrintsNothing() {
        StringWriter err = new StringWriter();
        TestClock clock = new TestClock();
        ProgressListener p = new ProgressListener(new PrintWriter(err, true), clock);
        p.tableStarted(ORDERS, 1, 2, 3);
        p.actionFinished(new ActionResult(CREATE, Outcome.APPLIED, "", 10, 1, Duration.ofMillis(20)));
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aSlowActionPrintsItsTableThenItself() {
        StringWriter err = new StringWriter();
        ProgressListener p = new ProgressListener(new PrintWriter(err, true), new TestClock());
        p.tableStarted(ORDERS, 1, 2, 3);
        p.actionFinished(new ActionResult(CREATE, Outcome.APPLIED, "", 120_000, 1, Duration.ofMillis(3400)));
        p.actionFinished(new ActionResult(CREATE, Outcome.APPLIED, "", 120_000, 1, Duration.ofMillis(2000)));
        assertThat(err.toString()).isEqualTo("""
                [1/2] public.orders: 3 actions
                    applied create public.orders_p20270101 (3.4s, 120,000 rows moved)
                    applied create public.orders_p20270101 (2.0s, 120,000 rows moved)
                """);
    }

    @Test
    void onceTheRunIsLongEveryTableStartIsShown() {
        StringWriter err = new StringWriter();
        TestClock clock = new TestClock();
        ProgressListener p = new ProgressListener(new PrintWriter(err, true), clock);
        clock.now = clock.now.plusSeconds(5);
        p.tableStarted(ORDERS.sibling("events"), 2, 2, 1);
        assertThat(err.toString()).isEqualTo("[2/2] public.events: 1 action\n");
    }
}
