package dev.pgpart.plan;

import dev.pgpart.internal.catalog.Catalog;
import dev.pgpart.internal.catalog.Partition;
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.spec.RangePolicy;
import dev.pgpart.spec.Spec;
import dev.pgpart.spec.TableSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What {@code status} shows per table, computed from the same slot arithmetic as the planner. */
public final class StatusCalculator {
    private final Planner planner = new Planner();
    private final Checker checker = new Checker();

    public List<TableStatus> status(Spec spec, Catalog catalog, Instant now) {
        Plan plan = planner.plan(spec, catalog, now);
        List<TableStatus> out = new ArrayList<>();
        for (int i = 0; i < spec.tables().size(); i++) {
            TableSpec t = spec.tables().get(i);
            out.add(status(t, catalog, now, checker.forTable(t, catalog, now, plan.tables().get(i),
                    spec.operations().coverageWarning())));
        }
        return out;
    }

    /** Partitions and the holes between them, each placed against now and the retention cutoff. */
    private static List<PartitionStatus> ranges(RangeContext c) {
        List<PartitionStatus> out = new ArrayList<>();
        Span previous = null;
        for (Span s : c.spans()) {
            // a hole retention made (entirely before the cutoff) is history, not a gap rows could fall into
            boolean retired = c.cutoff().isPresent() && s.lo().isPresent() && s.lo().get().compareTo(c.cutoff().get()) <= 0;
            if (previous != null && previous.hi().isPresent() && s.lo().isPresent()
                    && previous.hi().get().compareTo(s.lo().get()) < 0 && !retired) {
                out.add(new PartitionStatus(PartitionStatus.Kind.GAP, Optional.empty(),
                        previous.hi().map(c.domain()::literal), s.lo().map(c.domain()::literal), 0,
                        java.util.OptionalLong.empty(), false));
            }
            PartitionStatus.Kind kind = s.contains(c.current()) ? PartitionStatus.Kind.CURRENT
                    : c.cutoff().isPresent() && s.endsAtOrBefore(c.cutoff().get()) ? PartitionStatus.Kind.EXPIRED
                    : s.endsAtOrBefore(c.current()) ? PartitionStatus.Kind.PAST : PartitionStatus.Kind.AHEAD;
            Partition p = s.partition();
            out.add(new PartitionStatus(kind, Optional.of(p.name()), s.lo().map(c.domain()::literal),
                    s.hi().map(c.domain()::literal), p.totalBytes(),
                    p.estimatedRows() >= 0 ? java.util.OptionalLong.of(p.estimatedRows()) : java.util.OptionalLong.empty(),
                    p.managed()));
            previous = s;
        }
        return out;
    }

    private static TableStatus status(TableSpec spec, Catalog catalog, Instant now, List<Finding> findings) {
        Optional<TableInfo> info = catalog.table(spec.table());
        if (info.isEmpty() || !info.get().isPartitioned()) {
            String method = info.isEmpty() ? "missing"
                    : "not partitioned (" + info.get().kind().name().toLowerCase(Locale.ROOT) + ")";
            return new TableStatus(spec.table(), method, "", 0, false, Optional.empty(), Optional.empty(),
                    Optional.empty(), 0, 0, 0, "", findings, Optional.empty(), List.of());
        }
        TableInfo t = info.get();
        long bytes = t.partitions().stream().mapToLong(Partition::totalBytes).sum()
                + t.defaultPartition().map(Partition::totalBytes).orElse(0L);
        String method = t.strategy().map(Enum::name).orElse("?");
        Optional<RangeContext> ctx = spec.policy() instanceof RangePolicy
                ? RangeContext.build(spec, t, now).context() : Optional.empty();
        Optional<String> first = Optional.empty();
        Optional<String> last = Optional.empty();
        Optional<String> until = Optional.empty();
        int ahead = 0;
        String timeline = "";
        Optional<java.time.Instant> ends = Optional.empty();
        List<PartitionStatus> ranges = List.of();
        if (ctx.isPresent() && !ctx.get().spans().isEmpty()) {
            RangeContext c = ctx.get();
            List<Span> spans = c.spans();
            first = Optional.of(spans.get(0).lo().map(c.domain()::literal).orElse("MINVALUE"));
            last = Optional.of(spans.get(spans.size() - 1).hi().map(c.domain()::literal).orElse("MAXVALUE"));
            Coverage cov = Coverage.of(c);
            until = cov.covered() ? Optional.of(cov.coveredUntil().map(c.domain()::literal).orElse("MAXVALUE"))
                    : Optional.empty();
            ahead = cov.ahead();
            timeline = Timeline.of(spans, c.current());
            ends = cov.covered() && c.domain() instanceof CalendarDomain cal
                    ? cov.coveredUntil().flatMap(cal::instantAt) : Optional.empty();
            ranges = ranges(c);
        }
        return new TableStatus(spec.table(), method, RangeContext.keyText(t), t.partitions().size(),
                t.defaultPartition().isPresent(), first, last, until, ahead, DefaultRules.rows(t), bytes, timeline,
                findings, ends, ranges, t.distribution().map(d -> new Distributed(d.column(), d.shardCount(), d.colocationId())));
    }
}
