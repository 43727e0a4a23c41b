package dev.pgpart.cli.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgpart.api.Health;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrometheusTest {
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    static String render(Health h) {
        StringWriter s = new StringWriter();
        new Prometheus().write(new PrintWriter(s), h, Duration.ofMillis(1234));
        return s.toString();
    }

    @Test
    void everyLineFollowsTheTextFormatAndEveryFamilyHasHelpAndTypeFirst() {
        Map<String, String> samples = PromGrammar.samples(render(HealthSamples.health()));
        assertThat(samples).containsEntry("pgpart_up", "1").containsEntry("pgpart_scrape_duration_seconds", "1.234");
    }

    @Test
    void tableFiguresAreLabelledByTable() {
        Map<String, String> s = PromGrammar.samples(render(HealthSamples.health()));
        assertThat(s).containsEntry("pgpart_partitions{table=\"public.events\"}", "138")
                .containsEntry("pgpart_partitions_ahead{table=\"public.events\"}", "3")
                .containsEntry("pgpart_partitions_expired{table=\"public.events\"}", "2")
                .containsEntry("pgpart_gaps{table=\"public.events\"}", "1")
                .containsEntry("pgpart_coverage_covered{table=\"public.events\"}", "1")
                .containsEntry("pgpart_coverage_remaining_seconds{table=\"public.events\"}", "302400")
                .containsEntry("pgpart_coverage_end_timestamp_seconds{table=\"public.events\"}", "1781827200")
                .containsEntry("pgpart_default_rows{table=\"public.events\"}", "42")
                .containsEntry("pgpart_table_bytes{table=\"public.events\"}", "3400000")
                .containsEntry("pgpart_default_rows{table=\"public.orders_by_region\"}", "5000");
    }

    @Test
    void coverageOfAListTableIsLeftOutNotZero() {
        Map<String, String> s = PromGrammar.samples(render(HealthSamples.health()));
        assertThat(s).doesNotContainKeys("pgpart_partitions_ahead{table=\"public.orders_by_region\"}",
                "pgpart_coverage_covered{table=\"public.orders_by_region\"}");
    }

    @Test
    void problemsAreCountedBySubjectAndKindAndHealthIsZero() {
        Map<String, String> s = PromGrammar.samples(render(HealthSamples.health()));
        assertThat(s).containsEntry("pgpart_problems{table=\"public.events\",kind=\"gap\"}", "1")
                .containsEntry("pgpart_problems{table=\"pgpart.run\",kind=\"maintenance_stale\"}", "1")
                .containsEntry("pgpart_healthy", "0");
    }

    @Test
    void theLastRunAndTheLastSuccessAreSeparateFigures() {
        Map<String, String> s = PromGrammar.samples(render(HealthSamples.health()));
        assertThat(s).containsEntry("pgpart_last_run_outcome{outcome=\"failed\"}", "1")
                .containsEntry("pgpart_last_run_outcome{outcome=\"ok\"}", "0")
                .containsEntry("pgpart_last_run_duration_seconds", "3")
                .containsEntry("pgpart_last_run_actions{result=\"failed\"}", "1")
                .containsEntry("pgpart_last_success_age_seconds", "107998")
                .containsEntry("pgpart_run_history_present", "1");
    }

    @Test
    void onlyUnfinishedJobsReportProgress() {
        Map<String, String> s = PromGrammar.samples(render(HealthSamples.health()));
        String labels = "{kind=\"convert\",target=\"public.\\\"big\\\\table\\\"\"}";
        assertThat(s).containsEntry("pgpart_job_progress_ratio" + labels, "0.25")
                .containsEntry("pgpart_job_heartbeat_age_seconds" + labels, "90")
                .containsEntry("pgpart_job_failed" + labels, "0");
        assertThat(s.keySet()).noneMatch(k -> k.contains("archive"));
    }

    @Test
    void labelValuesEscapeBackslashQuoteAndLineFeed() {
        String text = render(HealthSamples.health());
        assertThat(text).contains("pgpart_partitions{table=\"public.\\\"<b>o&rders\\\"\\\"'\\\\\\n\\\"\"} 0");
        assertThat(text.lines()).allMatch(l -> !l.isEmpty());
    }

    @Test
    void withoutRunHistoryTheRunFiguresAreAbsent() {
        Map<String, String> s = PromGrammar.samples(render(HealthSamples.unrecorded()));
        assertThat(s).containsEntry("pgpart_run_history_present", "0").containsEntry("pgpart_coverage_covered{table=\"public.events\"}", "0");
        assertThat(s.keySet()).noneMatch(k -> k.startsWith("pgpart_last_") || k.startsWith("pgpart_job_"));
    }

    @Test
    void aDatabaseThatCannotBeReadIsUpZero() {
        StringWriter out = new StringWriter();
        new Prometheus().down(new PrintWriter(out), Duration.ofMillis(5));
        assertThat(PromGrammar.samples(out.toString())).containsOnlyKeys("pgpart_up", "pgpart_scrape_duration_seconds")
                .containsEntry("pgpart_up", "0");
    }

    @Test
    void everyMetricIsDocumentedInCliMdAndEveryDocumentedMetricExists() throws Exception {
        String all = render(ArchiveMonitoringTest.health()); // the sample snapshot, with archives
        var emitted = all.lines().filter(l -> l.startsWith("# TYPE ")).map(l -> l.split(" ")[2]).collect(java.util.stream.Collectors.toSet());
        String docs = Files.readString(Path.of("../docs/cli.md"));
        var documented = java.util.regex.Pattern.compile("(?m)^\\| `(pgpart_[a-z_]+)` \\|").matcher(docs).results()
                .map(m -> m.group(1)).collect(java.util.stream.Collectors.toSet());
        assertThat(documented).isEqualTo(emitted);
    }

    @Test
    void theGrammarCheckRejectsASampleBeforeItsType() {
        assertThatThrownBy(() -> PromGrammar.samples("# HELP a x\na 1\n# TYPE a gauge\n")).hasMessageContaining("sample without");
        assertThatThrownBy(() -> PromGrammar.samples("# HELP a x\n# TYPE a gauge\na{l=\"\"\"} 1\n")).hasMessageContaining("not a line");
    }

    @Test
    void prometheusOwnParserReadsTheSameFigures() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(PYTHON)) && exec(PYTHON, "-c", "import prometheus_client") == 0,
                "skipped: python3-prometheus-client is not installed (apt-get install -y python3-prometheus-client)");
        Path exposition = Files.writeString(dir.resolve("pgpart.prom"), render(HealthSamples.health()));
        Path json = dir.resolve("parsed.json");
        String script = "import json, sys\n"
                + "from prometheus_client.parser import text_string_to_metric_families\n"
                + "out = []\n"
                + "for f in text_string_to_metric_families(open(sys.argv[1], encoding='utf-8').read()):\n"
                + "    for s in f.samples:\n"
                + "        out.append({'family': f.name, 'type': f.type, 'name': s.name, 'labels': s.labels, 'value': s.value})\n"
                + "json.dump(out, open(sys.argv[2], 'w'))\n";
        assertThat(exec(PYTHON, "-c", script, exposition.toString(), json.toString())).isZero();
        JsonNode parsed = new ObjectMapper().readTree(Files.readString(json, StandardCharsets.UTF_8));
        assertThat(parsed).allSatisfy(s -> assertThat(s.get("type").asText()).isEqualTo("gauge"));
        assertThat(parsed).anySatisfy(s -> {
            assertThat(s.get("name").asText()).isEqualTo("pgpart_partitions");
            assertThat(s.at("/labels/table").asText()).isEqualTo(HealthSamples.HOSTILE.toString());
            assertThat(s.get("value").asDouble()).isZero();
        });
        assertThat(parsed).anySatisfy(s -> {
            assertThat(s.get("name").asText()).isEqualTo("pgpart_coverage_remaining_seconds");
            assertThat(s.get("value").asDouble()).isEqualTo(302400.0);
        });
        assertThat(parsed).hasSize(PromGrammar.samples(Files.readString(exposition)).size());
    }

    private static int exec(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command));
        }
        return p.exitValue();
    }
}
