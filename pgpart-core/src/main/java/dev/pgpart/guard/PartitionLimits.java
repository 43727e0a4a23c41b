package dev.pgpart.guard;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.sql.QualifiedName;
import java.util.HashMap;
import java.util.Map;

/**
 * How many partitions a statement may scan per partitioned table: one default and exceptions by
 * table (the partition root, e.g. {@code public.events}).
 */
public record PartitionLimits(int defaultLimit, Map<QualifiedName, Integer> perTable) {
    public PartitionLimits {
        check(defaultLimit, "the default");
        perTable.forEach((t, n) -> check(n, t.toString()));
        perTable = Map.copyOf(perTable);
    }

    public static PartitionLimits of(int defaultLimit) {
        return new PartitionLimits(defaultLimit, Map.of());
    }

    public PartitionLimits with(QualifiedName table, int limit) {
        Map<QualifiedName, Integer> m = new HashMap<>(perTable);
        m.put(table, limit);
        return new PartitionLimits(defaultLimit, m);
    }

    public int limitFor(QualifiedName table) {
        return perTable.getOrDefault(table, defaultLimit);
    }

    private static void check(int limit, String what) {
        if (limit < 0) {
            throw new PgpartException(ErrorCode.CONFIG, "the partition limit for " + what + " is " + limit
                    + ": it must be 0 or more");
        }
    }
}
