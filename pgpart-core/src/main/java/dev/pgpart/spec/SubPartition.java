package dev.pgpart.spec;

/**
 * Each new range partition is itself partitioned by {@code column} with this LIST or HASH layout;
 * its children are named {@code <partition>_<suffix>} (list) or {@code <partition>_p<remainder>} (hash).
 */
public record SubPartition(String column, Policy policy) {
    public SubPartition {
        if (policy instanceof RangePolicy) {
            throw new IllegalArgumentException("sub-partitions are LIST or HASH");
        }
    }
}
