package dev.pgpart.catalog;

import java.util.Optional;

/**
 * What the DEFAULT partition holds. For RANGE tables {@code minKey}/{@code maxKey} are the
 * smallest and greatest key values in it (literal text), so the planner can see which new
 * partitions will receive rows and how far ahead rows already arrived.
 */
public record DefaultContents(long rows, Optional<String> minKey, Optional<String> maxKey) {
    public static DefaultContents empty() {
        return new DefaultContents(0, Optional.empty(), Optional.empty());
    }
}
