package dev.pgpart.cli.render;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.pgpart.api.Bound;
import dev.pgpart.api.ActionResult;
import dev.pgpart.plan.Action;
import dev.pgpart.plan.CreatePartition;
import dev.pgpart.plan.DetachPartition;
import dev.pgpart.plan.DropPartition;
import dev.pgpart.plan.Finding;
import dev.pgpart.plan.SkippedTable;
import dev.pgpart.plan.TableStatus;
import dev.pgpart.spec.ConfigProblem;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The {@code --json} schema (documented in docs/cli.md). Separate from the core's records on
 * purpose: the core may grow fields; these change only with a new {@code schema} number.
 */
public final class JsonViews {
    public static final int SCHEMA = 1;

    private JsonViews() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BoundJson(String kind, String from, String to, List<String> values, Integer modulus,
                            Integer remainder, String sql) {
        static BoundJson of(Bound b) {
            if (b instanceof Bound.Range r) {
                return new BoundJson("range", r.from().orElse(null), r.to().orElse(null), null, null, null, Text.bound(b));
            }
            if (b instanceof Bound.In in) {
                List<String> values = in.values().stream().map(v -> v.orElse(null)).toList();
                return new BoundJson("list", null, null, values, null, null, Text.bound(b));
            }
            if (b instanceof Bound.Hash h) {
                return new BoundJson("hash", null, null, null, h.modulus(), h.remainder(), Text.bound(b));
            }
            if (b instanceof Bound.Default) {
                return new BoundJson("default", null, null, null, null, null, "DEFAULT");
            }
            return new BoundJson("unparsed", null, null, null, null, null, Text.bound(b));
        }
    }

    /** A leaf of a sub-partitioned new partition, as the plan named it. */
    public record LeafJson(String partition, BoundJson bound) {
        static List<LeafJson> all(CreatePartition c) {
            return c.subpartitions().map(s -> s.leaves().stream()
                    .map(l -> new LeafJson(l.name().toString(), BoundJson.of(l.bound()))).toList()).orElse(null);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ActionJson(String type, String table, String partition, BoundJson bound, boolean requiresConsent,
                             Long rowsFromDefault, List<LeafJson> leaves, Boolean concurrently, String reason,
                             String description) {
        static ActionJson of(Action a) {
            Long rows = null;
            List<LeafJson> leaves = null;
            Boolean concurrently = null;
            String reason = null;
            if (a instanceof CreatePartition c) {
                // JSON keeps its documented form: the count, -1 when some may move but the count is unknown
                rows = c.defaultExists() ? c.rowsFromDefault().known().orElse(-1L) : 0L;
                leaves = LeafJson.all(c);
            } else if (a instanceof DetachPartition d) {
                concurrently = d.concurrently();
                reason = d.reason();
            } else if (a instanceof DropPartition d) {
                concurrently = d.concurrently();
                reason = d.reason();
            } else if (a instanceof dev.pgpart.plan.ArchivePartition ar) {
                concurrently = ar.concurrently();
                reason = ar.reason();
            }
            return new ActionJson(Text.type(a), a.parent().toString(), a.partition().toString(),
                    Text.bound(a).map(BoundJson::of).orElse(null), a.requiresConsent(), rows, leaves, concurrently, reason,
                    a.describe());
        }
    }

    public record FindingJson(String table, String kind, String severity, String message) {
        static FindingJson of(Finding f) {
            return new FindingJson(f.table().toString(), f.kind().name().toLowerCase(Locale.ROOT),
                    f.severity().name().toLowerCase(Locale.ROOT), f.message());
        }

        static List<FindingJson> all(List<Finding> fs) {
            return fs.stream().map(FindingJson::of).toList();
        }
    }

    public record TablePlanJson(String table, List<ActionJson> actions, List<FindingJson> findings) {
    }

    /** A configured table left out of the plan; {@code reason} is {@code config} or {@code locked}. */
    public record SkippedJson(String table, String reason, String message) {
        static List<SkippedJson> all(List<SkippedTable> skipped) {
            return skipped.stream().map(s -> new SkippedJson(s.table().toString(),
                    s.reason().name().toLowerCase(Locale.ROOT), s.message())).toList();
        }
    }

    @JsonPropertyOrder({"schema", "command", "at", "tables", "skipped"})
    public record PlanJson(int schema, String command, Instant at, List<TablePlanJson> tables, List<SkippedJson> skipped) {
    }

    public record ResultJson(String outcome, ActionJson action, String detail, long rowsMoved, int attempts, long elapsedMs) {
        static ResultJson of(ActionResult r) {
            return new ResultJson(Text.outcome(r.outcome()), ActionJson.of(r.action()), r.detail(), r.rowsMoved(),
                    r.attempts(), r.elapsed().toMillis());
        }
    }

    public record SummaryJson(long applied, long skipped, long failed, long pendingConsent, long rowsMoved) {
    }

    public record MaintainJson(int schema, String command, Instant at, SummaryJson summary, List<ResultJson> results,
                               List<FindingJson> findings, List<SkippedJson> skipped) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record StatusTableJson(String table, String method, String key, int partitions, boolean hasDefault,
                                  String firstBound, String lastBound, String coveredUntil, int ahead, long rowsInDefault,
                                  long totalBytes, String timeline, DistributionJson distribution,
                                  List<FindingJson> findings) {
        static StatusTableJson of(TableStatus t) {
            return new StatusTableJson(t.table().toString(), t.method().toLowerCase(Locale.ROOT), t.key(), t.partitions(),
                    t.hasDefault(), t.firstBound().orElse(null), t.lastBound().orElse(null), t.coveredUntil().orElse(null),
                    t.aheadCount(), t.rowsInDefault(), t.totalBytes(), t.timeline(),
                    t.distribution().map(DistributionJson::of).orElse(null), FindingJson.all(t.findings()));
        }
    }

    /** How Citus distributes a table; {@code column} is null for a reference table. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record DistributionJson(String column, int shardCount, int colocationId) {
        static DistributionJson of(dev.pgpart.plan.Distributed d) {
            return new DistributionJson(d.column().orElse(null), d.shardCount(), d.colocationId());
        }
    }

    @JsonPropertyOrder({"schema", "command", "at", "tables"})
    public record StatusJson(int schema, String command, Instant at, List<StatusTableJson> tables) {
    }

    @JsonPropertyOrder({"schema", "command", "at", "healthy", "problems", "findings"})
    public record CheckJson(int schema, String command, Instant at, boolean healthy, long problems, List<FindingJson> findings) {
    }

    public record SingleJson(int schema, String command, ResultJson result) {
    }

    /** {@code table} is left out for problems of the whole file (syntax, top-level settings). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProblemJson(String where, String table, String problem, String fix) {
        static ProblemJson of(ConfigProblem p) {
            return new ProblemJson(p.where(), p.table().map(Object::toString).orElse(null), p.problem(), p.fix());
        }
    }

    public record ValidateJson(int schema, String command, boolean valid, int tables, List<ProblemJson> problems) {
    }
}
