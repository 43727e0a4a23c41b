package dev.pgpart.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.plan.PartitionStatus;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class StatusHtmlTest {
    private static final String PAGE = new StatusHtml().render(HealthSamples.health());

    @Test
    void aDistributedTableShowsItsDistributionColumnAndShardCount() {
        var health = new dev.pgpart.api.Health(Samples.AT, List.of(Samples.distributed()), List.of(), false, List.of(),
                java.util.Optional.empty(), List.of());
        assertThat(new StatusHtml().render(health)).contains("<span>citus <b>distributed by tenant, 32 shards</b></span>");
        assertThat(PAGE).doesNotContain("citus <b>");
    }

    @Test
    void thePageLoadsNothingFromTheNetworkAndRunsNoScript() {
        assertThat(PAGE).doesNotContainIgnoringCase("http://").doesNotContainIgnoringCase("https://")
                .doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<link").doesNotContainIgnoringCase("src=")
                .doesNotContainIgnoringCase("url(").doesNotContain("@import");
    }

    @Test
    void databaseStringsAreEscaped() {
        assertThat(PAGE).doesNotContain("<b>o&rders").doesNotContain("<public.events>").doesNotContain("'<latam>'")
                .contains("&lt;b&gt;o&amp;rders&quot;&quot;&#39;")
                .contains("lock_timeout on &lt;public.events&gt;")
                .contains("&quot;&lt;k&gt;&quot;");
    }

    @Test
    void everyTagIsOneTheRendererWrites() {
        // a stray tag would be database text that escaped the escaping
        var tags = Pattern.compile("</?([a-zA-Z0-9]+)").matcher(PAGE).results().map(m -> m.group(1).toLowerCase()).distinct().toList();
        assertThat(tags).allMatch(t -> List.of("html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "small",
                "p", "b", "div", "span", "i", "section", "ul", "li", "table", "tr", "th", "td").contains(t));
        assertThat(PAGE).startsWith("<!DOCTYPE html>");
    }

    @Test
    void theTimelineShowsGapsExpiredCurrentAheadAndTheDefaultWithItsRows() {
        assertThat(PAGE).contains("class=\"cell gap\"", "2026-03-01 –", "class=\"cell expired\"", "class=\"cell expired unmanaged\"",
                "class=\"cell current\"", "<span class=\"tag\">now</span>", "class=\"cell ahead\"",
                "class=\"cell default rows\"", "5,000 rows", "42 rows");
    }

    @Test
    void longRunsOfPastPartitionsAreFoldedIntoOneCell() {
        assertThat(PAGE).contains("… 54 past partitions", "… 70 past partitions");
        long cells = Pattern.compile("class=\"cell ").matcher(PAGE).results().count();
        assertThat(cells).isLessThan(40);
    }

    @Test
    void theRunHistoryListsEachRunWithItsOutcomeAndFirstErrorLine() {
        assertThat(PAGE).contains("Recent maintain runs", "<span class=\"badge failed\">failed</span>",
                "<span class=\"badge ok\">ok</span>", "2026-06-15 11:50 UTC").doesNotContain("second line");
    }

    @Test
    void jobsShowProgressAndFindingsAboutPgpartItselfHaveTheirOwnSection() {
        assertThat(PAGE).contains("Jobs", "250 / 1,000 rows", "width:25%", "Maintenance and jobs", "pgpart.run",
                "the last successful maintain finished 30 h ago");
    }

    @Test
    void aPageWithoutRunHistorySaysSo() {
        String page = new StatusHtml().render(HealthSamples.unrecorded());
        assertThat(page).contains("No run history: the state schema does not exist yet", "no successful maintain recorded",
                "NOT COVERED").doesNotContain("<h3>Jobs");
    }

    @Test
    void foldingKeepsTheFirstTwoAndLastThreeOfARunAndNeverFoldsTheCurrentPartition() {
        List<TimelineCells.Cell> cells = TimelineCells.of(HealthSamples.eventRanges());
        assertThat(cells).filteredOn(c -> c instanceof TimelineCells.Folded).hasSize(2);
        TimelineCells.Folded first = (TimelineCells.Folded) cells.get(4);
        assertThat(first.partitions()).hasSize(59 - 5);
        assertThat(first.partitions().get(0).from()).contains("2026-01-03 00:00:00+00");
        assertThat(cells).filteredOn(c -> c instanceof TimelineCells.One o && o.partition().kind() == PartitionStatus.Kind.CURRENT)
                .hasSize(1);
    }

    @Test
    void shortRunsAreNotFolded() {
        List<PartitionStatus> nine = HealthSamples.eventRanges().subList(2, 2 + TimelineCells.FOLD_ABOVE);
        assertThat(TimelineCells.of(nine)).allMatch(c -> c instanceof TimelineCells.One).hasSize(TimelineCells.FOLD_ABOVE);
    }
}
