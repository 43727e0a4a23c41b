package dev.pgpart.internal.catalog;

import java.util.Optional;

/**
 * What the DEFAULT partition holds. For RANGE tables {@code minKey}/{@code maxKey} are the
 * smallest and greatest key values in it (literal text), so the planner can see which new
 * partitions will receive rows and how far ahead rows already arrived.
 *
 * @param rows     every row in the default, whatever its key
 * @param nullKeys the rows among {@code rows} whose (single-column RANGE) key is NULL: no range
 *                 partition can ever hold them, so they stay in the default
 */
public record DefaultContents(long rows, long nullKeys, Optional<String> minKey, Optional<String> maxKey) {
    public static DefaultContents empty() {
        return new DefaultContents(0, 0, Optional.empty(), Optional.empty());
    }

    /** Rows with a key value, the ones a range partition can take. */
    public long keyedRows() {
        return rows - nullKeys;
    }
}
