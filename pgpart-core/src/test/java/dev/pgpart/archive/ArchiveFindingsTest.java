package dev.pgpart.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.plan.Finding;
import dev.pgpart.spec.Operations;
import dev.pgpart.sql.QualifiedName;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** check's archive findings: detached but not archived past job_stuck_after, verified but not dropped past max_maintenance_age. */
class ArchiveFindingsTest {
    static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
    static final QualifiedName EVENTS = QualifiedName.of("public", "events");

    static ArchiveEntry entry(ArchiveEntry.State state, Duration ago) {
        Instant at = NOW.minus(ago);
        return new ArchiveEntry(1, EVENTS, QualifiedName.of("public", "events_p20260101"), "FOR VALUES FROM ('a') TO ('b')",
                "file:///x/", state, OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), Optional.empty(),
                Optional.empty(), OptionalLong.of(3), at, Optional.of(at), Optional.of(at), Optional.empty(), Optional.empty(), at);
    }

    @ParameterizedTest(name = "{0} for {1} min: {2}")
    @CsvSource({
            "DETACHED, 10, ''",
            "DETACHED, 16, ARCHIVE_INCOMPLETE",
            "EXPORTED, 16, ARCHIVE_INCOMPLETE",
            "VERIFIED, 16, ''",
            "VERIFIED, 2881, ARCHIVE_NOT_DROPPED",
            "DROPPED, 100000, ''",
            "RESTORED, 100000, ''"})
    void findingsDependOnTheStateAndHowLongItHasLasted(ArchiveEntry.State state, long minutes, String kind) {
        List<Finding> f = ArchiveFindings.of(Operations.DEFAULTS, List.of(entry(state, Duration.ofMinutes(minutes))), NOW);
        assertThat(f.stream().map(x -> x.kind().name()).toList()).isEqualTo(kind.isEmpty() ? List.of() : List.of(kind));
        f.forEach(x -> assertThat(x.table()).isEqualTo(EVENTS));
        f.forEach(x -> assertThat(x.message()).contains("events_p20260101", "archive run --yes"));
    }

    @Test
    void aFindingIsAProblem() {
        assertThat(ArchiveFindings.of(Operations.DEFAULTS, List.of(entry(ArchiveEntry.State.DETACHED, Duration.ofHours(1))), NOW))
                .singleElement().satisfies(x -> assertThat(x.severity()).isEqualTo(Finding.Severity.PROBLEM));
    }
}
