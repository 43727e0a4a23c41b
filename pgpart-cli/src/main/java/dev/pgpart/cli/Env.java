package dev.pgpart.cli;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The process environment the CLI reads ({@code PGPART_URL}, {@code PGPART_USER},
 * {@code PGPART_PASSWORD}), injectable so tests do not depend on the real one.
 */
public record Env(Function<String, String> lookup) {
    public static final String URL = "PGPART_URL";
    public static final String USER = "PGPART_USER";
    public static final String PASSWORD = "PGPART_PASSWORD";

    public static Env system() {
        return new Env(System::getenv);
    }

    public static Env of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return new Env(copy::get);
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(lookup.apply(name)).filter(v -> !v.isBlank());
    }
}
