package dev.pgpart.jpa;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One LIST partition of a {@link Partitioned} entity ({@code list: {suffix: [values]}} in pgpart.yml):
 * its child is {@code <table>_<suffix>}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(ListPartition.List.class)
public @interface ListPartition {
    String suffix();

    /** The key values, as text (PostgreSQL reads them as the key's type). */
    String[] values() default {};

    /** The partition also holds rows whose key is SQL NULL. */
    boolean includesNull() default false;

    /** The container of repeated {@link ListPartition}s. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface List {
        ListPartition[] value();
    }
}
