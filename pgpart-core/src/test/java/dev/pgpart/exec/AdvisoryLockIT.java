package dev.pgpart.exec;

import static dev.pgpart.exec.ExecSupport.connect;
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
            long t0 = System.nanoTime();
            CompletableFuture<AdvisoryLock.Held> waiting = CompletableFuture.supplyAsync(() -> AdvisoryLock.acquire(second, Duration.ofSeconds(10)));
            Thread.sleep(500);
            assertThat(waiting).isNotDone();
            held.close();
            try (AdvisoryLock.Held got = waiting.get(5, TimeUnit.SECONDS)) {
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
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
