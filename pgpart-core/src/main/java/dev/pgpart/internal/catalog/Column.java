package dev.pgpart.internal.catalog;

/**
 * A column of the parent.
 *
 * @param generated        a GENERATED ... STORED column (cannot be inserted into)
 * @param statisticsTarget {@code attstattarget}, -1 when default
 */
public record Column(String name, boolean generated, int statisticsTarget) {
}
