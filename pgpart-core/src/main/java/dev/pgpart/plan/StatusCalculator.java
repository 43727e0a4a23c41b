package dev.pgpart.plan;

import dev.pgpart.catalog.Catalog;
import dev.pgpart.catalog.Partition;
import dev.pgpart.catalog.TableInfo;
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
            out.add(status(t, catalog, now, checker.forTable(t, catalog, now, plan.tables().get(i))));
        }
        return out;
    }

    private static TableStatus status(TableSpec spec, Catalog catalog, Instant now, List<Finding> findings) {
        Optional<TableInfo> info = catalog.table(spec.table());
        if (info.isEmpty() || !info.get().isPartitioned()) {
            String method = info.isEmpty() ? "missing"
                    : "not partitioned (" + info.get().kind().name().toLowerCase(Locale.ROOT) + ")";
            return new TableStatus(spec.table(), method, "", 0, false, Optional.empty(), Optional.empty(),
                    Optional.empty(), 0, 0, 0, "", findings);
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
        }
        return new TableStatus(spec.table(), method, RangeContext.keyText(t), t.partitions().size(),
                t.defaultPartition().isPresent(), first, last, until, ahead, DefaultRules.rows(t), bytes, timeline,
                findings);
    }
}
