package dev.pgpart.jpa;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The HASH layout of a {@link Partitioned} entity: {@code hash: {modulus: N}}, children {@code <table>_p<remainder>}. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface HashPartitions {
    int modulus();
}
