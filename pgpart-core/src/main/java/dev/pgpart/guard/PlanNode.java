package dev.pgpart.guard;

import dev.pgpart.sql.QualifiedName;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One node of an {@code EXPLAIN (FORMAT JSON, VERBOSE)} plan, with what pruning analysis needs.
 *
 * @param relation         the scanned relation ("Schema" + "Relation Name"), for scans and ModifyTable
 * @param parent           "Parent Relationship": Member (of an Append), Outer, Inner, InitPlan, SubPlan ...
 * @param conditions       Index Cond, Filter, Recheck Cond ..., as the server prints them
 * @param subplansRemoved  "Subplans Removed": Append members pruned when the executor started
 * @param actualLoops      "Actual Loops", present with ANALYZE only; 0 means never executed
 */
public record PlanNode(String nodeType, Optional<QualifiedName> relation, Optional<String> alias, String parent,
                       List<String> conditions, int subplansRemoved, Optional<Long> actualLoops,
                       List<PlanNode> children) {
    private static final List<String> CONDITION_KEYS = List.of("Index Cond", "Recheck Cond", "Filter", "TID Cond",
            "One-Time Filter", "Hash Cond", "Join Filter");

    public PlanNode {
        conditions = List.copyOf(conditions);
        children = List.copyOf(children);
    }

    /** Parses the whole output of {@code EXPLAIN (FORMAT JSON)}: the top node of its one statement. */
    public static PlanNode parseExplain(String json) {
        Object root = JsonText.parse(json);
        if (root instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> top
                && top.get("Plan") instanceof Map<?, ?> plan) {
            return of(plan);
        }
        throw new IllegalArgumentException("EXPLAIN JSON without a \"Plan\": " + abbreviate(json));
    }

    static PlanNode of(Map<?, ?> m) {
        Optional<QualifiedName> relation = text(m, "Relation Name")
                .map(name -> QualifiedName.of(text(m, "Schema").orElse("public"), name));
        List<String> conditions = new ArrayList<>();
        for (String key : CONDITION_KEYS) {
            text(m, key).ifPresent(v -> conditions.add(key + ": " + v));
        }
        List<PlanNode> children = new ArrayList<>();
        if (m.get("Plans") instanceof List<?> plans) {
            plans.stream().filter(Map.class::isInstance).forEach(p -> children.add(of((Map<?, ?>) p)));
        }
        return new PlanNode(text(m, "Node Type").orElse("?"), relation, text(m, "Alias"),
                text(m, "Parent Relationship").orElse(""), conditions,
                number(m, "Subplans Removed").map(BigDecimal::intValue).orElse(0),
                number(m, "Actual Loops").map(BigDecimal::longValue), children);
    }

    /** A plan node that reads a relation's rows (as opposed to joining, sorting or appending). */
    public boolean isScan() {
        return relation.isPresent() && !nodeType.equals("ModifyTable");
    }

    /** Append or MergeAppend: the nodes whose members are partitions. */
    public boolean isAppend() {
        return nodeType.equals("Append") || nodeType.equals("MergeAppend");
    }

    public boolean neverExecuted() {
        return actualLoops.map(l -> l == 0).orElse(false);
    }

    private static Optional<String> text(Map<?, ?> m, String key) {
        return m.get(key) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    private static Optional<BigDecimal> number(Map<?, ?> m, String key) {
        return m.get(key) instanceof BigDecimal b ? Optional.of(b) : Optional.empty();
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
