package dev.pgpart.api;

import dev.pgpart.plan.Finding;
import dev.pgpart.plan.TableStatus;
import dev.pgpart.state.Job;
import dev.pgpart.state.RunLog;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What monitoring shows (metrics, the HTML status page): a read-only snapshot.
 *
 * @param recorded    the state schema exists (run history and jobs are then meaningful)
 * @param runs        recent maintain runs, newest first
 * @param lastSuccess the newest run that did not fail
 * @param archives    the archives of the configured tables (state schema's {@code archive} table)
 */
public record Health(Instant at, List<TableStatus> tables, List<Finding> findings, boolean recorded,
                     List<RunLog.Run> runs, Optional<RunLog.Run> lastSuccess, List<Job> jobs,
                     List<dev.pgpart.archive.ArchiveEntry> archives) {
    public Health {
        tables = List.copyOf(tables);
        findings = List.copyOf(findings);
        runs = List.copyOf(runs);
        jobs = List.copyOf(jobs);
        archives = List.copyOf(archives);
    }

    /** A snapshot without archives. */
    public Health(Instant at, List<TableStatus> tables, List<Finding> findings, boolean recorded, List<RunLog.Run> runs,
                  Optional<RunLog.Run> lastSuccess, List<Job> jobs) {
        this(at, tables, findings, recorded, runs, lastSuccess, jobs, List.of());
    }

    public List<Finding> problems() {
        return findings.stream().filter(f -> f.severity() == Finding.Severity.PROBLEM).toList();
    }
}
