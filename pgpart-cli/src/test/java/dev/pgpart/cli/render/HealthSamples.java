package dev.pgpart.cli.render;

import dev.pgpart.api.Health;
import dev.pgpart.plan.Finding;
import dev.pgpart.plan.PartitionStatus;
import dev.pgpart.plan.TableStatus;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.state.Job;
import dev.pgpart.state.RunLog;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** A hand-made monitoring snapshot: a range table with every kind of cell, a hostile name, runs and a job. */
final class HealthSamples {
    static final Instant AT = Instant.parse("2026-06-15T12:00:00Z");
    /** Quotes, angle brackets, an ampersand, a backslash and a line feed: everything a renderer must escape. */
    static final QualifiedName HOSTILE = QualifiedName.of("public", "<b>o&rders\"'\\\n");
    static final QualifiedName EVENTS = QualifiedName.of("public", "events");
    static final QualifiedName REGIONS = QualifiedName.of("public", "orders_by_region");

    static final Finding GAP = new Finding(EVENTS, Finding.Kind.GAP, Finding.Severity.PROBLEM,
            "no partition covers 2026-03-01 to 2026-04-01: rows there go to events_default");
    static final Finding ROWS = new Finding(REGIONS, Finding.Kind.ROWS_IN_DEFAULT, Finding.Severity.PROBLEM,
            "5,000 rows in orders_by_region_default match no configured list value (e.g. '<latam>')");
    static final Finding STALE = new Finding(QualifiedName.of("pgpart", "run"), Finding.Kind.MAINTENANCE_STALE,
            Finding.Severity.PROBLEM, "the last successful maintain finished 30 h ago");

    /** Daily partitions from 2025-06-01 (expired before 2025-06-03), a gap in March, now 2026-06-15, three ahead. */
    static List<PartitionStatus> eventRanges() {
        List<PartitionStatus> out = new ArrayList<>();
        LocalDate day = LocalDate.of(2026, 1, 1);
        out.add(part(PartitionStatus.Kind.EXPIRED, LocalDate.of(2025, 12, 30), true));
        out.add(part(PartitionStatus.Kind.EXPIRED, LocalDate.of(2025, 12, 31), false));
        for (; day.isBefore(LocalDate.of(2026, 3, 1)); day = day.plusDays(1)) {
            out.add(part(PartitionStatus.Kind.PAST, day, true));
        }
        out.add(new PartitionStatus(PartitionStatus.Kind.GAP, Optional.empty(), Optional.of(bound(day)),
                Optional.of(bound(LocalDate.of(2026, 4, 1))), 0, OptionalLong.empty(), false));
        for (day = LocalDate.of(2026, 4, 1); day.isBefore(LocalDate.of(2026, 6, 15)); day = day.plusDays(1)) {
            out.add(part(PartitionStatus.Kind.PAST, day, true));
        }
        out.add(part(PartitionStatus.Kind.CURRENT, day, true));
        for (int i = 1; i <= 3; i++) {
            out.add(part(PartitionStatus.Kind.AHEAD, day.plusDays(i), true));
        }
        return out;
    }

    private static PartitionStatus part(PartitionStatus.Kind kind, LocalDate day, boolean managed) {
        return new PartitionStatus(kind, Optional.of(EVENTS.sibling("events_p" + day.toString().replace("-", ""))),
                Optional.of(bound(day)), Optional.of(bound(day.plusDays(1))), 8192 * 3,
                kind == PartitionStatus.Kind.AHEAD ? OptionalLong.empty() : OptionalLong.of(1200), managed);
    }

    private static String bound(LocalDate d) {
        return d + " 00:00:00+00";
    }

    static Health health() {
        TableStatus events = new TableStatus(EVENTS, "RANGE", "created_at", 138, true, Optional.of(bound(LocalDate.of(2025, 12, 30))),
                Optional.of("2026-06-19 00:00:00+00"), Optional.of("2026-06-19 00:00:00+00"), 3, 42, 3_400_000, "",
                List.of(GAP), Optional.of(Instant.parse("2026-06-19T00:00:00Z")), eventRanges());
        TableStatus hostile = new TableStatus(HOSTILE, "RANGE", "\"<k>\"", 0, false, Optional.empty(), Optional.empty(),
                Optional.empty(), 0, 0, 0, "", List.of());
        TableStatus regions = new TableStatus(REGIONS, "LIST", "region", 3, true, Optional.empty(), Optional.empty(),
                Optional.empty(), 0, 5000, 900 * 1024, "", List.of(ROWS));
        RunLog.Run failed = new RunLog.Run(12, "maintain", AT.minusSeconds(600), Optional.of(AT.minusSeconds(597)),
                RunLog.Outcome.FAILED, "pgpart", "db1", "pgpart", "abc", 1, 0, 1, 0,
                Optional.of("lock_timeout on <public.events>\nsecond line"));
        RunLog.Run ok = new RunLog.Run(11, "maintain", AT.minusSeconds(30 * 3600), Optional.of(AT.minusSeconds(30 * 3600 - 2)),
                RunLog.Outcome.OK, "pgpart", "db1", "pgpart", "abc", 4, 0, 0, 120, Optional.empty());
        Job job = new Job(3, "convert", "public.\"big\\table\"", Job.State.RUNNING, "copy", 250, OptionalLong.of(1000), "rows",
                Map.of(), Map.of(), "db1 pid 7", 7, AT.minusSeconds(90), AT.minusSeconds(3600), Optional.empty(), Optional.empty());
        Job done = new Job(2, "archive", "public.events", Job.State.DONE, "upload", 10, OptionalLong.of(10), "files",
                Map.of(), Map.of(), "db1 pid 6", 6, AT.minusSeconds(7200), AT.minusSeconds(9000), Optional.of(AT.minusSeconds(7200)),
                Optional.empty());
        return new Health(AT, List.of(events, hostile, regions), List.of(GAP, ROWS, STALE), true, List.of(failed, ok),
                Optional.of(ok), List.of(job, done));
    }

    /** Nothing recorded: no state schema, no runs, no jobs, one plain table. */
    static Health unrecorded() {
        TableStatus events = new TableStatus(EVENTS, "RANGE", "id", 2, false, Optional.of("0"), Optional.of("2000"),
                Optional.empty(), 0, 0, 16384, "", List.of(), Optional.empty(), List.of());
        return new Health(AT, List.of(events), List.of(STALE), false, List.of(), Optional.empty(), List.of());
    }

    private HealthSamples() {
    }
}
