package dev.pgpart.plan;

import dev.pgpart.api.Bound;
import dev.pgpart.internal.catalog.DefaultContents;
import dev.pgpart.internal.catalog.KeyColumn;
import dev.pgpart.internal.catalog.Partition;
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.spec.Interval;
import dev.pgpart.spec.ConfigProblem;
import dev.pgpart.spec.RangePolicy;
import dev.pgpart.spec.Start;
import dev.pgpart.spec.TableRules;
import dev.pgpart.spec.TableSpec;
import dev.pgpart.sql.QualifiedName;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything about one RANGE table that planning, checking and status share, computed once:
 * the slot arithmetic, existing partitions as ordinals, the current point, start and cutoff.
 *
 * @param current   the ordinal "now" stands for: the time now, or for numeric keys the greatest key seen
 *                  (a default key the plan does not follow, see {@link DefaultReach}, does not count)
 * @param reach     how far rows waiting in the default stretch the plan, and the outliers it does not follow
 * @param startFloor first slot allowed by {@code start}
 * @param cutoff    retention cutoff ordinal: a partition expires when its upper bound is at or below it
 */
public record RangeContext(
        TableSpec spec,
        RangePolicy policy,
        TableInfo table,
        RangeDomain domain,
        List<Span> spans,
        DefaultContents defaults,
        Optional<BigDecimal> defaultMin,
        Optional<BigDecimal> defaultMax,
        DefaultReach reach,
        BigDecimal current,
        Optional<Long> startFloor,
        Optional<BigDecimal> cutoff) {

    public RangeContext {
        spans = List.copyOf(spans);
    }

    /** A context, or none when the table cannot be planned, plus what was noticed either way. */
    public record Result(Optional<RangeContext> context, List<Finding> findings) {
        public Result {
            findings = List.copyOf(findings);
        }
    }

    public static Result build(TableSpec spec, TableInfo table, Instant now) {
        return build(spec, table, now, now);
    }

    /** @param removalsAt the instant retention is evaluated at (never later than the real clock when applying) */
    public static Result build(TableSpec spec, TableInfo table, Instant now, Instant removalsAt) {
        RangePolicy policy = (RangePolicy) spec.policy();
        QualifiedName name = spec.table();
        List<Finding> findings = new ArrayList<>();
        // the validator's rule, so plan and validate agree on which keys fit
        Optional<ConfigProblem> unfit = TableRules.rangeKey(spec, table);
        if (unfit.isPresent()) {
            findings.add(Findings.drift(name, unfit.get().message()));
            return new Result(Optional.empty(), findings);
        }
        KeyColumn key = table.singleKeyColumn().orElseThrow();
        RangeDomain domain = RangeDomains.of(policy, key);
        List<Span> spans = spans(name, table, domain, findings);
        DefaultContents dc = table.defaultContents().orElse(DefaultContents.empty());
        Optional<BigDecimal> dMin = parse(name, "the default partition's lowest key", dc.minKey(), domain, findings);
        Optional<BigDecimal> dMax = parse(name, "the default partition's highest key", dc.maxKey(), domain, findings);
        Optional<BigDecimal> highest = parse(name, "the highest key", table.highestKey(), domain, findings);
        Optional<BigDecimal> start = startOrdinal(policy, domain);
        Optional<Long> floor = start.map(domain::firstSlotAtOrAbove);
        BigDecimal anchor = anchor(domain, now, highest, dMin, floor);
        DefaultReach reach = DefaultReach.of(domain, dc, dMin, dMax, anchor, policy.premake(),
                spec.maxPartitionsPerRun());
        BigDecimal current = current(domain, anchor, highest, reach.followedMax());
        Optional<TableRules.Reason> overflow = TableRules.reach(name, key, policy, current,
                highest.isPresent() || reach.followedMax().isPresent() ? "the highest key " + domain.literal(current)
                        : "key " + domain.literal(current));
        if (overflow.isPresent()) {
            // creating these would fail with 22003 on every run: say so once and create nothing
            findings.add(Findings.drift(name, overflow.get().problem() + "; no partitions are created ("
                    + overflow.get().fix() + ")"));
            return new Result(Optional.empty(), findings);
        }
        Optional<BigDecimal> cutoff = Optional.empty();
        if (policy.retention().isPresent()) {
            Interval retention = policy.retention().get();
            if ((domain instanceof CalendarDomain) != (retention instanceof Interval.Calendar)) {
                findings.add(Findings.drift(name, "retention " + retention + " does not fit interval "
                        + policy.interval() + "; use the same kind of interval (calendar or numeric) for both"));
                return new Result(Optional.empty(), findings);
            }
            cutoff = cutoff(domain, retention, removalsAt, highest.or(reach::followedMax));
            if (removalsAt.isBefore(now) && domain instanceof CalendarDomain) {
                findings.add(Findings.note(name, Finding.Kind.RETENTION_DEFERRED, "the plan is for " + now
                        + ", later than now (" + removalsAt + "): partitions are created as of then, but retention "
                        + retention + " removes only what has expired by now, so no partition still in use is dropped"));
            }
        }
        return new Result(Optional.of(new RangeContext(spec, policy, table, domain, spans, dc, dMin, dMax,
                reach, current, floor, cutoff)), findings);
    }

    public QualifiedName name() {
        return spec.table();
    }

    /** The slot containing {@link #current}. */
    public long currentSlot() {
        return domain.slotOf(current);
    }

    public boolean hasDefault() {
        return table.defaultPartition().isPresent();
    }

    /** The existing partition holding {@code point}, if any. */
    public Optional<Span> spanContaining(BigDecimal point) {
        return spans.stream().filter(s -> s.contains(point)).findFirst();
    }

    /** Now; for numeric keys the highest key in the partitions, else the default's lowest, else start (or 0). */
    private static BigDecimal anchor(RangeDomain domain, Instant now, Optional<BigDecimal> highest,
                                     Optional<BigDecimal> dMin, Optional<Long> floor) {
        if (domain instanceof CalendarDomain cal) {
            return cal.ordinalAt(now);
        }
        return highest.or(() -> dMin).orElseGet(() -> domain.lower(floor.orElse(0L)));
    }

    private static BigDecimal current(RangeDomain domain, BigDecimal anchor, Optional<BigDecimal> highest,
                                      Optional<BigDecimal> followedMax) {
        if (domain instanceof CalendarDomain || followedMax.isEmpty()) {
            return anchor;
        }
        return highest.map(h -> h.max(followedMax.get())).orElse(followedMax.get());
    }

    private static List<Span> spans(QualifiedName name, TableInfo table, RangeDomain domain, List<Finding> out) {
        List<Span> spans = new ArrayList<>();
        for (Partition p : table.partitions()) {
            if (p.bound() instanceof Bound.Range r) {
                try {
                    spans.add(new Span(p, side(r.from(), domain), side(r.to(), domain)));
                } catch (RuntimeException e) {
                    out.add(Findings.drift(name, "partition " + p.name() + " has bound " + BoundText.of(p.bound())
                            + " that is not a " + domain.keyType() + " value pgpart can read; it is left alone,"
                            + " check its bounds by hand"));
                }
            } else {
                String text = p.bound() instanceof Bound.Unparsed u ? u.text() : BoundText.of(p.bound());
                out.add(Findings.drift(name, "partition " + p.name() + " has bound " + text
                        + " that pgpart does not interpret; it is left alone and its range is not checked"));
            }
        }
        spans.sort(Span.BY_LOWER);
        return spans;
    }

    private static Optional<BigDecimal> side(Optional<String> literal, RangeDomain domain) {
        // 'infinity' bounds behave like MINVALUE/MAXVALUE for planning.
        if (literal.isEmpty() || literal.get().strip().endsWith("infinity")) {
            return Optional.empty();
        }
        return Optional.of(domain.ordinal(literal.get()));
    }

    private static Optional<BigDecimal> parse(QualifiedName name, String what, Optional<String> literal,
                                              RangeDomain domain, List<Finding> out) {
        try {
            return side(literal, domain);
        } catch (RuntimeException e) {
            out.add(Findings.drift(name, what + " '" + literal.orElse("") + "' is not a " + domain.keyType()
                    + " value pgpart can read; it is ignored"));
            return Optional.empty();
        }
    }

    /** RangePolicy guarantees a time start for calendar intervals and a number for numeric ones. */
    private static Optional<BigDecimal> startOrdinal(RangePolicy policy, RangeDomain domain) {
        return policy.start().map(s -> s instanceof Start.AtTime t
                ? ((CalendarDomain) domain).ordinalOfStart(t.localTime()) : ((Start.AtValue) s).value());
    }

    private static Optional<BigDecimal> cutoff(RangeDomain domain, Interval retention, Instant now,
                                               Optional<BigDecimal> highest) {
        if (domain instanceof CalendarDomain cal) {
            return Optional.of(cal.cutoff(now, (Interval.Calendar) retention));
        }
        BigDecimal step = ((Interval.Numeric) retention).step();
        return highest.map(h -> h.subtract(step));
    }

    static String keyText(TableInfo table) {
        return table.key().isEmpty() ? "(none)" : String.join(", ", table.key().stream()
                .map(k -> k.expression().orElse(k.name())).toList());
    }
}
