package dev.pgpart.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.sql.QualifiedName;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ExecHelpersTest {
    @ParameterizedTest(name = "SQLSTATE {0} maps to {1}")
    @CsvSource({"55P03, LOCK_NOT_AVAILABLE, true", "40P01, DEADLOCK_DETECTED, true", "57014, QUERY_CANCELED, false",
            "23514, CHECK_VIOLATION, false", "42P07, DUPLICATE_TABLE, false", "XX000, OTHER, false"})
    void sqlStatesMapToTheEnumAndOnlyLockRacesAreRetried(String code, SqlState state, boolean retryable) {
        assertThat(SqlState.of(code)).isEqualTo(state);
        assertThat(SqlState.of(code).retryable()).isEqualTo(retryable);
    }

    @Test
    void aMissingSqlStateIsOther() {
        assertThat(SqlState.of((String) null)).isEqualTo(SqlState.OTHER);
    }

    @ParameterizedTest(name = "after {0} failure(s) with jitter {1} the wait is {2} ms")
    @CsvSource({"1, 0.0, 500", "2, 0.0, 1000", "3, 0.0, 2000", "1, 0.99, 599", "3, 0.5, 2200"})
    void theBackoffDoublesWithAtMostTwentyPercentJitter(int failures, double random, long millis) {
        assertThat(Backoff.delay(Duration.ofMillis(500), failures, random)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void theLockFailureMessageNamesTheBlockerSaysNothingChangedAndWhatToDo() {
        Blockers.Holder h = new Blockers.Holder(4242, "app", "psql", "idle in transaction", 192, "AccessShareLock",
                "orders_default", "SELECT * FROM orders_default");
        QualifiedName t = QualifiedName.of("public", "orders");
        String m = Blockers.message(t, 4, Duration.ofMillis(200), "55P03 canceling statement due to lock timeout",
                new Blockers.Found(List.of(h), java.util.Optional.empty()), Blockers.nothingChanged(t));
        assertThat(m).contains("pid 4242", "idle in transaction", "transaction open 3m12s", "AccessShareLock on orders_default",
                "The transaction for public.orders was rolled back", "pg_terminate_backend(4242)", "4 attempt(s)");
    }
}
