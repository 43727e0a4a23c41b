package dev.pgpart.testkit.examples;

import static dev.pgpart.testkit.PartitionAssertions.assertThatQuery;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.testkit.AllowFullScans;
import dev.pgpart.testkit.PartitionGuard;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// guide:jdbc-start
class EventRepositoryIT {
    static DataSource database;

    @RegisterExtension
    final PartitionGuard guard = PartitionGuard.maxPartitions(1);

    EventRepository repository;

    @BeforeAll
    static void database() {
        database = ExampleDatabase.create(); // your test database: Testcontainers, embedded, ...
    }

    @BeforeEach
    void repository() {
        repository = new EventRepository(guard.wrap(database));
    }

    @Test
    void findsTheEventsOfADayInOnePartition() throws Exception {
        assertThat(repository.idsOn(LocalDate.parse("2026-02-05"))).containsExactly(2L);
        // the guard checks, after the test, every statement the repository ran
    }

    @Test
    @AllowFullScans("the kind report reads every month on purpose")
    void findsEventsOfAKindAcrossAllMonths() throws Exception {
        assertThat(repository.idsOfKind("click")).containsExactly(1L, 3L);
    }

    @Test
    void aQueryOnTheKeyPrunesToOnePartition() {
        assertThatQuery(database, "SELECT id FROM events WHERE day = ?", LocalDate.parse("2026-03-05"))
                .scansAtMostPartitions(1);
    }
}
// guide:jdbc-end
