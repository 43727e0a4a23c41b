package dev.pgpart.jpa;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The entity's table is partitioned, and pgpart maintains it: the same settings as a table of
 * {@code pgpart.yml} (docs/config.md), validated by the same rules. An empty text means "not set"
 * (the config's default applies). LIST partitions are given with {@link ListPartition}, the HASH
 * modulus with {@link HashPartitions}, sub-partitions with {@link SubPartitioned}.
 *
 * <pre>{@code
 * @Entity @Table(name = "orders")
 * @IdClass(Order.Key.class)
 * @Partitioned(method = Method.RANGE, key = "created_at", interval = "1 month", premake = 3,
 *              retention = "12 months", defaultPartition = true)
 * public class Order { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Partitioned {
    Method method();

    /** The partition key: a column name (or the name of the attribute mapped to it). */
    String key();

    /** {@code interval:} of a RANGE table, e.g. {@code 1 month} or {@code 1000000}. */
    String interval() default "";

    /** {@code premake:} of a RANGE table. */
    int premake() default 4;

    /** {@code start:}, a date/time or a number. */
    String start() default "";

    /** {@code retention:}, an interval of the same kind as {@link #interval()}. */
    String retention() default "";

    /** {@code on_expiry:}. */
    OnExpiry onExpiry() default OnExpiry.DETACH;

    /** {@code default_partition:} (not for HASH). */
    boolean defaultPartition() default false;

    /** {@code time_zone:} in which calendar bounds are computed (UTC when empty). */
    String timeZone() default "";

    /** {@code id_encoding:} for time-sortable ids ({@code uuidv7}). */
    String idEncoding() default "";

    /** {@code name_format:} of the children. */
    String nameFormat() default "";

    enum Method { RANGE, LIST, HASH }

    enum OnExpiry { DETACH, DROP, ARCHIVE }
}
