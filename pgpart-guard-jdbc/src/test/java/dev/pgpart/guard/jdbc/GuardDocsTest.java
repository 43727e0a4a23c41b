package dev.pgpart.guard.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What the guide promises about the guard is what the code does. */
class GuardDocsTest {
    @Test
    void theGuideAndTheReadmeNameTheGuardsSqlState() throws Exception {
        assertThat(Files.readString(Path.of("../docs/guide-guard.md"))).contains("SQLSTATE **`" + PartitionKeyGuard.SQLSTATE + "`**");
        assertThat(Files.readString(Path.of("../README.md"))).contains("SQLSTATE `" + PartitionKeyGuard.SQLSTATE + "`");
    }

    @Test
    void theGuidesDefaultsAreTheDefaults() throws Exception {
        String guide = Files.readString(Path.of("../docs/guide-guard.md"));
        assertThat(GuardOptions.DEFAULT.mode()).isEqualTo(GuardMode.REJECT);
        assertThat(guide).contains("| `mode` | `OFF` (wrap returns the DataSource itself), `LOG` (run it, warn once per SQL text), `REJECT` | `REJECT` |");
        assertThat(GuardOptions.DEFAULT.unreadable()).isEqualTo(Unreadable.EXPLAIN);
        assertThat(guide).contains("| `unreadable` | `EXPLAIN`, `PASS` (run it, log once that it was not checked) | `EXPLAIN` |");
        assertThat(GuardOptions.DEFAULT.cacheSize()).isEqualTo(10_000);
        assertThat(guide).contains("| `cacheSize` | distinct SQL texts that keep their decision (0: no cache) | 10,000 |");
        assertThat(GuardOptions.DEFAULT.explainLimits().defaultLimit()).isEqualTo(1);
    }

    @Test
    void theGuidesRejectionExampleIsTheMessageTheGuardWrites() throws Exception {
        String guide = Files.readString(Path.of("../docs/guide-guard.md")).replaceAll("\\s+", " ");
        Verdict.Violation v = new Verdict.Violation(java.util.List.of(new Verdict.Offence(
                dev.pgpart.sql.QualifiedName.of("public", "events"), "day", "no predicate on day")));
        assertThat(guide).contains(Messages.rejected(v, "SELECT id FROM events WHERE kind = ?"));
    }
}
