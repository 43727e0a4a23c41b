package dev.pgpart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The demo runs end to end in under a minute and leaves nothing behind. */
class DemoIT {
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void theDemoRunsEveryStepAndCleansUp() {
        long started = System.nanoTime();
        Run run = Run.of(new Main(), "demo");
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("== 1. plan", "== 2. maintain", "== 3. maintain --yes",
                "== 4. before a freeze", "== 5. status", "== 6. check", "applied  drop", "needs --yes",
                "retention 21 months removes only what has expired by now");
        assertThat(run.out()).contains("moved", "export PGPART_URL=");
        Matcher m = Pattern.compile("Demo server stopped and (\\S+) removed").matcher(run.out());
        assertThat(m.find()).as(run.toString()).isTrue();
        assertThat(Files.exists(Path.of(m.group(1)))).isFalse();
        assertThat(seconds).isLessThan(60);
    }
}
