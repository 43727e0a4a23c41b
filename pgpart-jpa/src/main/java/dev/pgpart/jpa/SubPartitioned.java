package dev.pgpart.jpa;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Each RANGE partition of a {@link Partitioned} entity is itself partitioned ({@code subpartition:} in
 * pgpart.yml) by {@link #key()}, with LIST partitions {@link #list()} or a HASH {@link #modulus()}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SubPartitioned {
    /** The sub-partition column (or the attribute mapped to it). */
    String key();

    /** LIST sub-partitions; leave empty for HASH. */
    ListPartition[] list() default {};

    /** HASH sub-partitions: the modulus; leave 0 for LIST. */
    int modulus() default 0;
}
