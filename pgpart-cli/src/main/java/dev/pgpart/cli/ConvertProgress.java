package dev.pgpart.cli;

import dev.pgpart.state.Job;
import dev.pgpart.state.JobRunner;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Progress of {@code convert run} on stderr: a line when a phase starts, and on phases that count
 * rows (the copy's backfill) rows done / total, the rate over this run and the ETA, at most once a
 * second of the job's own heartbeat (database time), plus the last one. Stdout keeps the result.
 */
final class ConvertProgress implements JobRunner.Listener {
    static final Duration EVERY = Duration.ofSeconds(1);
    private final PrintWriter err;
    private String phase = "";
    private Optional<Job> first = Optional.empty();
    private Optional<Instant> printed = Optional.empty();

    ConvertProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void progressed(Job job) {
        if (!job.phase().equals(phase)) {
            phase = job.phase();
            first = Optional.of(job);
            printed = Optional.empty();
            err.println(job.target() + ": phase " + job.phase() + " (job #" + job.id() + ")");
            err.flush();
            return;
        }
        boolean last = job.total().isPresent() && job.done() >= job.total().getAsLong();
        boolean due = printed.map(p -> !Duration.between(p, job.heartbeat()).minus(EVERY).isNegative()).orElse(true);
        if (job.total().isPresent() && job.done() > first.map(Job::done).orElse(0L) && (due || last)) {
            printed = Optional.of(job.heartbeat());
            err.println("  " + line(job));
            err.flush();
        }
    }

    private String line(Job job) {
        long total = job.total().getAsLong();
        long done = job.done();
        StringBuilder b = new StringBuilder(job.phase() + ": " + done + " / " + total + " " + job.unit());
        if (total > 0) {
            b.append(" (").append(Math.min(100, done * 100 / total)).append("%)");
        }
        Job start = first.orElse(job);
        double seconds = Duration.between(start.heartbeat(), job.heartbeat()).toMillis() / 1000.0;
        if (seconds > 0) {
            double rate = (done - start.done()) / seconds;
            b.append(", ").append(Math.round(rate)).append(" ").append(job.unit()).append("/s");
            if (rate > 0) {
                b.append(", ETA ").append(Math.round(Math.max(0, total - done) / rate)).append("s");
            }
        }
        return b.toString();
    }
}
