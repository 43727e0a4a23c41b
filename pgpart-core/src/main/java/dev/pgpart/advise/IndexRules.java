package dev.pgpart.advise;

import dev.pgpart.sql.QualifiedName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Partitions that lack an index their siblings have, and indexes that are not valid. */
final class IndexRules {
    private IndexRules() {
    }

    static List<Advice> missing(List<LeafIndexes> leaves) {
        Map<QualifiedName, List<LeafIndexes>> byParent = new LinkedHashMap<>();
        leaves.forEach(l -> byParent.computeIfAbsent(l.parent(), k -> new ArrayList<>()).add(l));
        List<Advice> out = new ArrayList<>();
        byParent.forEach((parent, siblings) -> {
            TreeSet<String> signatures = new TreeSet<>();
            siblings.forEach(s -> signatures.addAll(s.bySignature().keySet()));
            for (String signature : signatures) {
                List<LeafIndexes> without = siblings.stream().filter(s -> !s.bySignature().containsKey(signature)).toList();
                if (!without.isEmpty()) {
                    out.add(missing(parent, signature, siblings, without));
                }
            }
        });
        return out;
    }

    private static Advice missing(QualifiedName parent, String signature, List<LeafIndexes> siblings,
                                  List<LeafIndexes> without) {
        QualifiedName example = siblings.stream().filter(s -> s.bySignature().containsKey(signature))
                .map(s -> s.bySignature().get(signature)).findFirst().orElseThrow();
        List<String> names = without.stream().map(w -> w.partition().toString()).sorted().toList();
        String shown = names.size() <= 5 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 5)) + " and " + (names.size() - 5) + " more";
        boolean unique = signature.startsWith("UNIQUE ");
        String how = (unique ? "UNIQUE " : "") + "INDEX CONCURRENTLY ON <partition> USING "
                + (unique ? signature.substring("UNIQUE ".length()) : signature);
        return new Advice(Severity.MEDIUM, AdviceKind.PARTITION_MISSING_INDEX, parent,
                "index " + signature + " (e.g. " + example + ") exists on " + (siblings.size() - without.size())
                        + " of " + siblings.size() + " partitions; missing on " + shown,
                "create it on each of them (CREATE " + how + "), then make it one partitioned index so new partitions"
                        + " get it: CREATE INDEX ON ONLY " + parent.sql() + " ..., and ALTER INDEX ... ATTACH PARTITION"
                        + " for each partition's index",
                without.size());
    }

    static List<Advice> invalid(List<InvalidIndex> indexes) {
        return indexes.stream().map(i -> new Advice(Severity.MEDIUM, AdviceKind.INVALID_INDEX, i.table(),
                "index " + i.index() + " on " + i.table() + " is not valid: the planner does not use it"
                        + (i.onPartitionedTable() ? " (a partitioned index missing on some partition)" : ""),
                i.onPartitionedTable()
                        ? "create the index on each partition that lacks it and ALTER INDEX " + i.index().sql()
                        + " ATTACH PARTITION <partition's index>; it becomes valid when every partition has one"
                        : "a CREATE INDEX CONCURRENTLY or REINDEX failed: DROP INDEX CONCURRENTLY " + i.index().sql()
                        + " and create it again (or REINDEX INDEX CONCURRENTLY " + i.index().sql() + ")",
                0)).toList();
    }
}
