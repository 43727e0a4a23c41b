package dev.pgpart.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.api.Health;
import dev.pgpart.archive.ArchiveEntry;
import dev.pgpart.sql.QualifiedName;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Archives in pgpart metrics and on the status page. */
class ArchiveMonitoringTest {
    static final Instant AT = HealthSamples.AT;

    static ArchiveEntry entry(String partition, ArchiveEntry.State state, long rows, long bytes, Instant dropped) {
        return new ArchiveEntry(1, HealthSamples.EVENTS, QualifiedName.of("public", partition),
                "FOR VALUES FROM ('2026-01-01 00:00:00+00') TO ('2026-02-01 00:00:00+00')",
                "s3://archive/<db>/public/events/" + partition + "/", state, OptionalLong.of(rows), OptionalLong.of(bytes),
                OptionalLong.of(2), Optional.of("123"), Optional.empty(), OptionalLong.of(7), dropped.minusSeconds(60),
                Optional.of(dropped.minusSeconds(30)), Optional.of(dropped.minusSeconds(10)),
                state == ArchiveEntry.State.DROPPED ? Optional.of(dropped) : Optional.empty(), Optional.empty(), dropped);
    }

    static Health health() {
        Health h = HealthSamples.health();
        return new Health(h.at(), h.tables(), h.findings(), h.recorded(), h.runs(), h.lastSuccess(), h.jobs(), List.of(
                entry("events_p20260101", ArchiveEntry.State.DROPPED, 1000, 5000, AT.minusSeconds(7200)),
                entry("events_p20260201", ArchiveEntry.State.DROPPED, 500, 2500, AT.minusSeconds(3600)),
                entry("events_p20260301", ArchiveEntry.State.DETACHED, 0, 0, AT.minusSeconds(60))));
    }

    @Test
    void metricsCountArchivedPartitionsRowsBytesAndTheLastArchiveAgePerTable() {
        Map<String, String> s = PromGrammar.samples(PrometheusTest.render(health()));
        assertThat(s).containsEntry("pgpart_archived_partitions{table=\"public.events\"}", "2")
                .containsEntry("pgpart_archived_rows{table=\"public.events\"}", "1500")
                .containsEntry("pgpart_archived_bytes{table=\"public.events\"}", "7500")
                .containsEntry("pgpart_last_archive_age_seconds{table=\"public.events\"}", "3600");
    }

    @Test
    void theStatusPageMarksArchivedRangesWithTheirStateAndEscapesTheLocation() {
        String html = new StatusHtml().render(health());
        assertThat(html).contains("archived ranges", "FROM (&#39;2026-01-01 00:00:00+00&#39;) TO", "dropped, 1000 rows",
                "archive-detached", "s3://archive/&lt;db&gt;/public/events/");
    }
}
