package dev.pgpart.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** On a test method or class: the {@link PartitionGuard} records but does not judge; say why in {@link #value()}. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface AllowFullScans {
    /** Why scanning many partitions is right here, e.g. "monthly report reads the whole year". */
    String value();
}
