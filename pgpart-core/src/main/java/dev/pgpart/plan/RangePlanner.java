package dev.pgpart.plan;

import dev.pgpart.api.Bound;
import dev.pgpart.sql.QualifiedName;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Plans one RANGE table: wanted slots matched by bounds against what exists, then retention. */
final class RangePlanner {
    private RangePlanner() {
    }

    /** A missing partition {@code [a, b)} of slot {@code slot} (a bridge covers only the slot's top part). */
    record Wanted(long slot, BigDecimal a, BigDecimal b) {
    }

    static TablePlan plan(RangeContext ctx, NameBook names, int majorVersion, List<Finding> noticed) {
        List<Finding> findings = new ArrayList<>(noticed);
        SlotRange wanted = SlotRange.of(ctx);
        if (wanted.clamped()) {
            findings.add(Findings.drift(ctx.name(), "the partitions wanted from start (or the lowest existing"
                    + " partition) up to " + ctx.domain().literal(ctx.domain().upper(wanted.high())) + " are more than "
                    + SlotRange.MAX_SLOTS + "; this run looks only at the " + SlotRange.MAX_SLOTS + " nearest ones, from "
                    + ctx.domain().literal(ctx.domain().lower(wanted.low())) + ": check start and interval"));
        }
        List<Wanted> all = matchSlots(ctx, wanted, names, findings);
        RunCap.Cut cut = RunCap.apply(ctx, all);
        cut.finding().ifPresent(findings::add);
        PartitionNamer namer = PartitionNamer.of(ctx.spec());
        List<CreatePartition> creates = cut.kept().stream().map(w -> create(ctx, names, namer, w)).toList();
        Retention.Outcome retention = Retention.plan(ctx, majorVersion, !creates.isEmpty());
        findings.addAll(retention.findings());
        findings.addAll(Gaps.find(ctx, creates, retention.removed(), wanted, cut.deferred()));
        findings.addAll(RowsInDefault.range(ctx, creates, wanted, !cut.deferred().isEmpty()));
        findings.addAll(DefaultRules.drift(ctx.spec(), ctx.table()));
        List<Action> actions = new ArrayList<>(creates);
        DefaultRules.create(ctx.spec(), ctx.table(), names).ifPresent(actions::add);
        actions.addAll(retention.finalizes());
        actions.addAll(retention.removals());
        return new TablePlan(ctx.name(), actions, findings);
    }

    /** Every wanted partition missing from the catalog, ascending; names are claimed later, for those kept. */
    private static List<Wanted> matchSlots(RangeContext ctx, SlotRange wanted, NameBook names, List<Finding> findings) {
        RangeDomain d = ctx.domain();
        PartitionNamer namer = PartitionNamer.of(ctx.spec());
        List<Span> spans = ctx.spans();
        List<Wanted> out = new ArrayList<>();
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
            Optional<BigDecimal> bridgeFrom = bridgeFrom(ctx, a, b, overlapping);
            if (overlapping.isEmpty()) {
                out.add(new Wanted(k, a, b));
            } else if (bridgeFrom.isPresent()) {
                out.add(new Wanted(k, bridgeFrom.get(), b));
                findings.add(bridged(ctx, overlapping.get(overlapping.size() - 1), bridgeFrom.get(), b));
            } else if (!coveredTogether(overlapping, a, b)) {
                findings.add(conflict(ctx, names, namer, k, a, b, overlapping));
            }
        }
        return out;
    }

    /**
     * Existing partitions that between them hold all of {@code [a, b)} (the old monthly ones inside
     * a new quarter, the UTC months around a month in another zone): nothing to create, no hole.
     */
    private static boolean coveredTogether(List<Span> overlapping, BigDecimal a, BigDecimal b) {
        Optional<BigDecimal> point = Optional.of(a);
        for (Span s : overlapping) {
            if (point.isEmpty() || !s.contains(point.get())) {
                return false;
            }
            point = s.hi();
        }
        return point.map(p -> p.compareTo(b) >= 0).orElse(true);
    }

    /**
     * Where a bridge starts: the highest existing partition ends inside this slot, off the grid (the
     * interval or time_zone changed since it was made). Creating {@code [its upper bound, b)} joins
     * the old partitions to the new grid without a hole, where a plain conflict would leave one.
     */
    private static Optional<BigDecimal> bridgeFrom(RangeContext ctx, BigDecimal a, BigDecimal b, List<Span> overlapping) {
        if (overlapping.isEmpty()) {
            return Optional.empty();
        }
        Span last = ctx.spans().get(ctx.spans().size() - 1);
        Span top = overlapping.get(overlapping.size() - 1);
        return top == last ? top.hi().filter(u -> u.compareTo(a) > 0 && u.compareTo(b) < 0) : Optional.empty();
    }

    private static CreatePartition create(RangeContext ctx, NameBook names, PartitionNamer namer, Wanted w) {
        NameBook.Claimed name = names.claimNumbered(ctx.name(), namer.range(ctx.domain(), w.slot()));
        return new CreatePartition(ctx.name(), name.name(), bound(ctx.domain(), w.a(), w.b()), ctx.hasDefault(),
                RowsInDefault.forSlot(ctx, w.a(), w.b()), SubPartitions.name(name, ctx.spec().subpartition(), names));
    }

    private static Finding bridged(RangeContext ctx, Span last, BigDecimal from, BigDecimal to) {
        return Findings.note(ctx.name(), Finding.Kind.GAP, "partition " + last.partition().name() + " ends at "
                + ctx.domain().literal(from) + ", which is not a boundary of interval " + ctx.policy().interval()
                + " in time_zone " + ctx.policy().timeZone().getId() + " (they changed since it was made); this plan"
                + " bridges " + BoundText.of(bound(ctx.domain(), from, to)) + " so no hole is left, and continues on"
                + " the new boundaries from " + ctx.domain().literal(to));
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
