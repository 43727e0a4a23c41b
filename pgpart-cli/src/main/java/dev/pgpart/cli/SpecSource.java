package dev.pgpart.cli;

import dev.pgpart.spec.Spec;
import dev.pgpart.spec.SpecLoader;
import java.nio.file.Path;

/** Reads pgpart.yml into a validated {@link Spec}; a seam so tests can hand in a spec directly. */
@FunctionalInterface
public interface SpecSource {
    /** @throws dev.pgpart.spec.ConfigException listing every problem of the file */
    Spec load(Path file);

    static SpecSource yaml() {
        return SpecLoader::load;
    }
}
