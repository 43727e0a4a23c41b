package dev.pgpart.spec;

import dev.pgpart.spec.ConfigNode.Entry;
import dev.pgpart.spec.ConfigNode.Origin;
import dev.pgpart.spec.ConfigNode.Scalar;
import dev.pgpart.spec.ConfigNode.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A mapping under construction by the Java builders. Builders only record what was called, as
 * the tree YAML would have produced; {@link SpecReader} then validates it, so the rules exist once.
 */
final class BuilderNodes {
    static final Origin ORIGIN = new Origin("SpecBuilder", 0);
    private final List<Entry> entries = new ArrayList<>();

    void put(String key, ConfigNode value) {
        // Replacing keeps "last call wins" for setters; tables use add() so repeats are reported.
        entries.removeIf(e -> e.key().text().equals(key));
        add(key, value);
    }

    void add(String key, ConfigNode value) {
        entries.add(new Entry(text(key), Objects.requireNonNull(value)));
    }

    ConfigNode.Mapping toNode() {
        return new ConfigNode.Mapping(entries, ORIGIN);
    }

    static Scalar text(String value) {
        return new Scalar(Objects.requireNonNull(value), Type.TEXT, ORIGIN);
    }

    static Scalar number(long value) {
        return new Scalar(Long.toString(value), Type.INTEGER, ORIGIN);
    }

    static Scalar bool(boolean value) {
        return new Scalar(Boolean.toString(value), Type.BOOLEAN, ORIGIN);
    }

    static Scalar nullValue() {
        return new Scalar("null", Type.NULL, ORIGIN);
    }

    /** In the duration grammar's own syntax, to the microsecond (PostgreSQL's resolution for timeouts is 1ms). */
    static Scalar duration(Duration d) {
        long micros = d.toNanos() / 1000;
        return text(micros % 1000 == 0 ? micros / 1000 + "ms" : micros + "us");
    }

    static ConfigNode.Mapping mapping(String key, ConfigNode value) {
        return new ConfigNode.Mapping(List.of(new Entry(text(key), value)), ORIGIN);
    }
}
