package dev.pgpart.cli;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.spec.Spec;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;

/** Reads pgpart.yml into a validated {@link Spec}; a seam so tests can hand in a spec directly. */
@FunctionalInterface
public interface SpecSource {
    /** @throws dev.pgpart.spec.ConfigException listing every problem of the file */
    Spec load(Path file);

    /**
     * {@code dev.pgpart.spec.SpecLoader.load(Path)}. Called reflectively until the loader lands
     * on main, so this module compiles against the core as it is today.
     */
    static SpecSource yaml() {
        return file -> {
            Method load;
            try {
                load = Class.forName("dev.pgpart.spec.SpecLoader").getMethod("load", Path.class);
            } catch (ReflectiveOperationException e) {
                throw new PgpartException(ErrorCode.INTERNAL, "this build of pgpart has no configuration loader yet (dev.pgpart.spec.SpecLoader)", e);
            }
            try {
                return (Spec) load.invoke(null, file);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new PgpartException(ErrorCode.INTERNAL, "loading " + file + " failed: " + e.getCause(), e.getCause());
            } catch (IllegalAccessException e) {
                throw new PgpartException(ErrorCode.INTERNAL, "cannot call SpecLoader.load", e);
            }
        };
    }
}
