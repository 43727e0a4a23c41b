package dev.pgpart.testkit;

import java.util.Arrays;
import javax.sql.DataSource;

/** Entry point: {@code assertThatQuery(dataSource, "SELECT ... WHERE k = ?", 42).scansAtMostPartitions(1)}. */
public final class PartitionAssertions {
    private PartitionAssertions() {
    }

    /**
     * @param params one value per {@code ?} (or {@code $n}), bound as the application would bind
     *               them; none for a statement without parameters (or for a generic plan on PostgreSQL 16+)
     */
    public static QueryPruningAssert assertThatQuery(DataSource dataSource, String sql, Object... params) {
        return new QueryPruningAssert(dataSource, sql, Arrays.asList(params));
    }
}
