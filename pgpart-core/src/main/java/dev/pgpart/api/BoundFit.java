package dev.pgpart.api;

import dev.pgpart.internal.catalog.TableInfo;

/**
 * Which kinds of bound a partitioned table takes. A bound of the wrong kind would only fail at
 * ATTACH with an SQL error; the callers say it up front, each in its own words (CLI options for
 * {@code partition add}, method names for the migration helpers).
 */
final class BoundFit {
    private BoundFit() {
    }

    static boolean fits(TableInfo.Strategy strategy, Bound bound) {
        return switch (strategy) {
            case RANGE -> bound instanceof Bound.Range || bound instanceof Bound.Default;
            case LIST -> bound instanceof Bound.In || bound instanceof Bound.Default;
            case HASH -> bound instanceof Bound.Hash;
        };
    }
}
