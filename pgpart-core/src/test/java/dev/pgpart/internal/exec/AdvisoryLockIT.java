package dev.pgpart.internal.exec;

import static dev.pgpart.internal.exec.ExecSupport.connect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.test.Db;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AdvisoryLockIT {
    @Test
    void aSecondRunWaitsAndGetsTheLockOnceTheFirstReleasesIt() throws Exception {
        Db db = Db.create("exec_advisory_wait");
        try (Connection first = connect(db); Connection second = connect(db)) {
            AdvisoryLock.Held held = AdvisoryLock.acquire(first, Duration.ZERO);
            int secondPid = ExecSupport.pid(second);
            CompletableFuture<AdvisoryLock.Held> waiting = CompletableFuture.supplyAsync(() -> AdvisoryLock.acquire(second, Duration.ofSeconds(20)));
            // the waiter has tried at least once (its session's last statement is the try) and is still waiting
            while (db.queryLong("SELECT count(*) FROM pg_stat_activity WHERE pid = " + secondPid
                    + " AND query LIKE 'SELECT pg_try_advisory_lock%'") == 0) {
                Thread.onSpinWait();
            }
            assertThat(waiting).isNotDone();
            held.close();
            try (AdvisoryLock.Held got = waiting.get(5, TimeUnit.SECONDS)) {
                assertThat(got).isNotNull();
            }
            // released: a third taker gets it at once
            AdvisoryLock.acquire(first, Duration.ZERO).close();
        }
    }

    @Test
    void aShortWaitFailsWithBusyNamingTheHolder() throws Exception {
        Db db = Db.create("exec_advisory_busy");
        try (Connection first = connect(db); Connection second = connect(db);
             AdvisoryLock.Held held = AdvisoryLock.acquire(first, Duration.ZERO)) {
            int holderPid = ExecSupport.pid(first);
            assertThatThrownBy(() -> AdvisoryLock.acquire(second, Duration.ofMillis(300)))
                    .isInstanceOf(PgpartException.class)
                    .satisfies(e -> assertThat(((PgpartException) e).code()).isEqualTo(ErrorCode.BUSY))
                    .hasMessageContaining("pid " + holderPid)
                    .hasMessageContaining("application 'pgpart'")
                    .hasMessageContaining("Nothing was changed");
        }
    }
}
