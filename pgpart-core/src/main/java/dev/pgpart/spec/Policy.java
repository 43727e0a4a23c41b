package dev.pgpart.spec;

/** How a table's children are laid out: the part of the config that depends on the method. */
public sealed interface Policy permits RangePolicy, ListPolicy, HashPolicy {
    /** The method this policy needs the parent to be partitioned by. */
    Method method();

    enum Method { RANGE, LIST, HASH }
}
