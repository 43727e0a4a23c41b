package dev.pgpart.cli.render;

import dev.pgpart.api.Health;
import dev.pgpart.plan.Finding;
import dev.pgpart.plan.PartitionStatus;
import dev.pgpart.plan.TableStatus;
import dev.pgpart.state.Job;
import dev.pgpart.state.RunLog;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code pgpart metrics}: the monitoring snapshot as Prometheus gauges (every family is documented
 * in docs/cli.md). A figure that does not apply (coverage of a LIST table, the last success when
 * none is recorded) is left out rather than given a sentinel value.
 */
public final class Prometheus {
    public void write(PrintWriter out, Health h, Duration scrape) {
        PromText p = new PromText();
        p.gauge("pgpart_up", "1 when pgpart could read the database (0: see pgpart's stderr)").sample(1);
        p.gauge("pgpart_scrape_duration_seconds", "How long reading these figures took")
                .sample(PromText.seconds(scrape));
        tables(p, h);
        problems(p, h);
        runs(p, h);
        jobs(p, h);
        ArchiveMetrics.write(p, h);
        p.print(out);
    }

    /** What a run that could not read the database prints, so a scraper sees pgpart_up 0 rather than nothing. */
    public void down(PrintWriter out, Duration scrape) {
        PromText p = new PromText();
        p.gauge("pgpart_up", "1 when pgpart could read the database (0: see pgpart's stderr)").sample(0);
        p.gauge("pgpart_scrape_duration_seconds", "How long reading these figures took")
                .sample(PromText.seconds(scrape));
        p.print(out);
    }

    private static void tables(PromText p, Health h) {
        PromText.Family partitions = p.gauge("pgpart_partitions", "Partitions of the table, the default not counted");
        PromText.Family ahead = p.gauge("pgpart_partitions_ahead",
                "Complete range partitions after the one holding now (compare with premake)");
        PromText.Family expired = p.gauge("pgpart_partitions_expired",
                "Range partitions past retention, still attached (maintain detaches or drops them)");
        PromText.Family gaps = p.gauge("pgpart_gaps", "Holes between range partitions: rows there go to the default, or fail");
        PromText.Family covered = p.gauge("pgpart_coverage_covered",
                "1 when a range partition holds now, 0 when inserts of current rows go to the default or fail");
        PromText.Family remaining = p.gauge("pgpart_coverage_remaining_seconds",
                "Seconds until now leaves the contiguous partitions (time keys only): maintain must run before");
        PromText.Family ends = p.gauge("pgpart_coverage_end_timestamp_seconds",
                "When now leaves the contiguous partitions, as a Unix time (time keys only)");
        PromText.Family defaultRows = p.gauge("pgpart_default_rows",
                "Rows in the default partition (only for tables that have one)");
        PromText.Family bytes = p.gauge("pgpart_table_bytes", "Size of all partitions with indexes and TOAST, in bytes");
        for (TableStatus t : h.tables()) {
            String table = t.table().toString();
            partitions.sample(t.partitions(), "table", table);
            if ("RANGE".equalsIgnoreCase(t.method())) {
                ahead.sample(t.aheadCount(), "table", table);
                expired.sample(count(t, PartitionStatus.Kind.EXPIRED), "table", table);
                gaps.sample(count(t, PartitionStatus.Kind.GAP), "table", table);
                covered.sample(t.coveredUntil().isPresent() ? 1 : 0, "table", table);
                t.coverageEnds().ifPresent(e -> {
                    remaining.sample(PromText.seconds(Duration.between(h.at(), e)), "table", table);
                    ends.sample(PromText.seconds(e), "table", table);
                });
            }
            if (t.hasDefault()) {
                defaultRows.sample(t.rowsInDefault(), "table", table);
            }
            bytes.sample(t.totalBytes(), "table", table);
        }
    }

    private static long count(TableStatus t, PartitionStatus.Kind kind) {
        return t.ranges().stream().filter(r -> r.kind() == kind).count();
    }

    private static void problems(PromText p, Health h) {
        p.gauge("pgpart_healthy", "1 when check finds no problem (it would exit 0), 0 otherwise")
                .sample(h.problems().isEmpty() ? 1 : 0);
        // sorted, so the output is stable from one scrape to the next
        Map<String, Map<String, Integer>> byTable = new TreeMap<>();
        for (Finding f : h.problems()) {
            byTable.computeIfAbsent(f.table().toString(), k -> new TreeMap<>())
                    .merge(f.kind().name().toLowerCase(Locale.ROOT), 1, Integer::sum);
        }
        PromText.Family problems = p.gauge("pgpart_problems",
                "Problems check reports, by subject and kind (absent: none of that kind)");
        byTable.forEach((table, kinds) -> kinds.forEach((kind, n) -> problems.sample(n, "table", table, "kind", kind)));
    }

    private static void runs(PromText p, Health h) {
        p.gauge("pgpart_run_history_present", "1 when the state schema with the run history exists")
                .sample(h.recorded() ? 1 : 0);
        h.lastSuccess().ifPresent(ok -> {
            Instant at = ok.finishedAt().orElse(ok.startedAt());
            p.gauge("pgpart_last_success_timestamp_seconds", "When the last maintain that did not fail finished, as a Unix time")
                    .sample(PromText.seconds(at));
            p.gauge("pgpart_last_success_age_seconds", "Seconds since the last maintain that did not fail finished")
                    .sample(PromText.seconds(Duration.between(at, h.at())));
        });
        h.runs().stream().findFirst().ifPresent(last -> {
            p.gauge("pgpart_last_run_timestamp_seconds", "When the last maintain run started, as a Unix time")
                    .sample(PromText.seconds(last.startedAt()));
            last.duration().ifPresent(d -> p.gauge("pgpart_last_run_duration_seconds",
                    "How long the last maintain run took (absent while it runs)").sample(PromText.seconds(d)));
            PromText.Family outcome = p.gauge("pgpart_last_run_outcome",
                    "1 for the outcome of the last maintain run, 0 for the others");
            for (RunLog.Outcome o : RunLog.Outcome.values()) {
                outcome.sample(o == last.outcome() ? 1 : 0, "outcome", o.name().toLowerCase(Locale.ROOT));
            }
            p.gauge("pgpart_last_run_actions", "Actions of the last maintain run, by result")
                    .sample(last.applied(), "result", "applied")
                    .sample(last.skipped(), "result", "skipped")
                    .sample(last.failed(), "result", "failed");
            p.gauge("pgpart_last_run_rows_moved", "Rows the last maintain run moved out of default partitions")
                    .sample(last.rowsMoved());
        });
    }

    private static void jobs(PromText p, Health h) {
        PromText.Family done = p.gauge("pgpart_job_done_units", "Units of work an unfinished job has done");
        PromText.Family total = p.gauge("pgpart_job_total_units", "Units of work of an unfinished job in all, when known");
        PromText.Family ratio = p.gauge("pgpart_job_progress_ratio", "Share of an unfinished job done, 0 to 1, when its total is known");
        PromText.Family heartbeat = p.gauge("pgpart_job_heartbeat_age_seconds",
                "Seconds since an unfinished job last reported progress (compare with job_stuck_after)");
        PromText.Family failed = p.gauge("pgpart_job_failed", "1 when an unfinished job failed and waits to be resumed or cancelled");
        for (Job j : h.jobs()) {
            if (j.finished()) {
                continue;
            }
            done.sample(j.done(), "kind", j.kind(), "target", j.target(), "unit", j.unit());
            j.total().ifPresent(t -> {
                total.sample(t, "kind", j.kind(), "target", j.target(), "unit", j.unit());
                if (t > 0) {
                    ratio.sample(PromText.ratio(Math.min(j.done(), t), t), "kind", j.kind(), "target", j.target());
                }
            });
            heartbeat.sample(PromText.seconds(Duration.between(j.heartbeat(), h.at())), "kind", j.kind(), "target", j.target());
            failed.sample(j.state() == Job.State.FAILED ? 1 : 0, "kind", j.kind(), "target", j.target());
        }
    }
}
