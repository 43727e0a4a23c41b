package dev.pgpart.plan;

import dev.pgpart.catalog.Bound;
import dev.pgpart.sql.QualifiedName;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Plans one RANGE table: wanted slots matched by bounds against what exists, then retention. */
final class RangePlanner {
    /** More slots than this in one run means bad data or config, not a backlog worth creating blindly. */
    static final long MAX_SLOTS = 100_000;

    private RangePlanner() {
    }

    static TablePlan plan(RangeContext ctx, NameBook names, int majorVersion, List<Finding> noticed) {
        List<Finding> findings = new ArrayList<>(noticed);
        List<CreatePartition> creates = new ArrayList<>();
        SlotRange wanted = SlotRange.of(ctx);
        if (wanted.size() > MAX_SLOTS) {
            findings.add(Findings.drift(ctx.name(), "the plan would create up to " + wanted.size() + " partitions from "
                    + ctx.domain().literal(ctx.domain().lower(wanted.low())) + " to "
                    + ctx.domain().literal(ctx.domain().upper(wanted.high())) + " (more than " + MAX_SLOTS
                    + "); no partitions are created: check start, interval and the highest key"));
        } else {
            matchSlots(ctx, wanted, names, creates, findings);
        }
        Retention.Outcome retention = Retention.plan(ctx, majorVersion);
        findings.addAll(retention.findings());
        findings.addAll(Gaps.find(ctx, creates, retention.removed()));
        findings.addAll(RowsInDefault.range(ctx, creates));
        findings.addAll(DefaultRules.drift(ctx.spec(), ctx.table()));
        List<Action> actions = new ArrayList<>(creates);
        DefaultRules.create(ctx.spec(), ctx.table(), names).ifPresent(actions::add);
        actions.addAll(retention.finalizes());
        actions.addAll(retention.removals());
        return new TablePlan(ctx.name(), actions, findings);
    }

    private static void matchSlots(RangeContext ctx, SlotRange wanted, NameBook names,
                                   List<CreatePartition> creates, List<Finding> findings) {
        RangeDomain d = ctx.domain();
        PartitionNamer namer = PartitionNamer.of(ctx.spec());
        List<Span> spans = ctx.spans();
        int first = 0;
        for (long k = wanted.low(); k <= wanted.high(); k++) {
            BigDecimal a = d.lower(k);
            BigDecimal b = d.upper(k);
            if (a.compareTo(b) >= 0) {
                continue;
            }
            // Spans are disjoint and sorted: those ending at or before this slot never matter again.
            while (first < spans.size() && spans.get(first).endsAtOrBefore(a)) {
                first++;
            }
            List<Span> overlapping = new ArrayList<>();
            for (int j = first; j < spans.size() && spans.get(j).overlaps(a, b); j++) {
                overlapping.add(spans.get(j));
            }
            if (overlapping.size() == 1 && overlapping.get(0).covers(a, b)) {
                continue;
            }
            if (overlapping.isEmpty()) {
                creates.add(create(ctx, names, namer, k, a, b));
            } else {
                findings.add(conflict(ctx, names, namer, k, a, b, overlapping));
            }
        }
    }

    private static CreatePartition create(RangeContext ctx, NameBook names, PartitionNamer namer, long k,
                                          BigDecimal a, BigDecimal b) {
        QualifiedName name = names.claim(ctx.name(), namer.range(ctx.domain(), k));
        return new CreatePartition(ctx.name(), name, bound(ctx.domain(), a, b), ctx.hasDefault(),
                RowsInDefault.forSlot(ctx, a, b), ctx.spec().subpartition());
    }

    private static Finding conflict(RangeContext ctx, NameBook names, PartitionNamer namer, long k, BigDecimal a,
                                    BigDecimal b, List<Span> overlapping) {
        Set<QualifiedName> theirs = overlapping.stream().map(s -> s.partition().name()).collect(Collectors.toSet());
        QualifiedName wantedName = names.peek(ctx.name(), namer.range(ctx.domain(), k), theirs);
        String existing = overlapping.stream().map(s -> s.partition().name() + " " + BoundText.of(s.partition().bound()))
                .collect(Collectors.joining(", "));
        return Findings.problem(ctx.name(), Finding.Kind.CONFLICT, "pgpart wants " + wantedName + " "
                + BoundText.of(bound(ctx.domain(), a, b)) + " but it overlaps existing " + existing
                + "; that partition is not created. Re-create the existing partition(s) with bounds on the "
                + ctx.policy().interval() + " grid, or change the interval to match them");
    }

    static Bound.Range bound(RangeDomain d, BigDecimal a, BigDecimal b) {
        return new Bound.Range(Optional.of(d.literal(a)), Optional.of(d.literal(b)));
    }
}
