package dev.pgpart.state;

import dev.pgpart.plan.Durations;
import dev.pgpart.plan.Finding;
import dev.pgpart.spec.Operations;
import dev.pgpart.sql.QualifiedName;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code check} says about pgpart itself: maintenance is critical infrastructure once it is
 * automated (if the cron job stops, inserts fail at the next boundary), so a run that has not
 * succeeded for too long, a failed last run, and stuck or failed jobs are problems. Pure: it looks
 * at history already read.
 */
public final class StateFindings {
    private StateFindings() {
    }

    /** The history a check looks at; empty lists and values when the state schema does not exist. */
    public record History(boolean recorded, Optional<RunLog.Run> last, Optional<RunLog.Run> lastSuccess, List<Job> jobs) {
        public History {
            jobs = List.copyOf(jobs);
        }

        public static History none() {
            return new History(false, Optional.empty(), Optional.empty(), List.of());
        }
    }

    public static List<Finding> of(Operations ops, History h, Instant now) {
        QualifiedName runs = QualifiedName.of(ops.stateSchema(), "run");
        List<Finding> out = new ArrayList<>();
        Duration max = ops.maxMaintenanceAge();
        if (!h.recorded() || h.lastSuccess().isEmpty()) {
            out.add(problem(runs, Finding.Kind.MAINTENANCE_STALE, (h.recorded() ? "no maintain run has succeeded yet"
                    : "no maintain run is recorded (the state schema " + ops.stateSchema() + " does not exist)")
                    + "; schedule pgpart maintain (cron, a Kubernetes CronJob) and make sure its role may write the"
                    + " state schema"));
        } else {
            RunLog.Run ok = h.lastSuccess().get();
            Instant at = ok.finishedAt().orElse(ok.startedAt());
            Duration age = Duration.between(at, now);
            if (age.compareTo(max) > 0) {
                out.add(problem(runs, Finding.Kind.MAINTENANCE_STALE, "the last successful maintain finished at " + at
                        + ", " + Durations.human(age) + " ago, longer than max_maintenance_age (" + Durations.human(max) + "): check that"
                        + " the scheduled job still runs (host " + ok.host() + ", " + ok.application() + ")"));
            }
        }
        h.last().filter(r -> r.outcome() == RunLog.Outcome.FAILED || r.outcome() == RunLog.Outcome.INTERRUPTED)
                .ifPresent(r -> out.add(problem(runs, Finding.Kind.LAST_RUN_FAILED, "the last maintain (run " + r.id()
                        + ", started " + r.startedAt() + " on " + r.host() + ") " + (r.outcome() == RunLog.Outcome.FAILED
                        ? "failed" : "was interrupted") + r.error().map(e -> ": " + firstLine(e)).orElse("")
                        + "; see pgpart status --html or the run_action table, fix it and run maintain again")));
        for (Job j : h.jobs()) {
            QualifiedName target = target(j, ops);
            if (j.state() == Job.State.FAILED) {
                out.add(problem(target, Finding.Kind.JOB_FAILED, "job " + j.kind() + " #" + j.id() + " failed at phase "
                        + j.phase() + j.error().map(e -> ": " + firstLine(e)).orElse("")
                        + "; run it again to resume it, or cancel it"));
            } else if (j.state() == Job.State.RUNNING && Duration.between(j.heartbeat(), now).compareTo(ops.jobStuckAfter()) > 0) {
                out.add(problem(target, Finding.Kind.JOB_STUCK, "job " + j.kind() + " #" + j.id() + " at phase " + j.phase()
                        + " has not reported progress since " + j.heartbeat() + " (" + Durations.human(Duration.between(j.heartbeat(), now))
                        + ", job_stuck_after is " + Durations.human(ops.jobStuckAfter()) + "); its owner " + j.owner()
                        + " may have died: run it again to resume it"));
            }
        }
        return out;
    }

    private static QualifiedName target(Job j, Operations ops) {
        try {
            return QualifiedName.parse(j.target());
        } catch (RuntimeException e) {
            return QualifiedName.of(ops.stateSchema(), "job");
        }
    }

    private static Finding problem(QualifiedName subject, Finding.Kind kind, String message) {
        return new Finding(subject, kind, Finding.Severity.PROBLEM, message);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
