package dev.pgpart.spec;

import dev.pgpart.spec.ConfigNode.Mapping;
import dev.pgpart.spec.ConfigNode.Scalar;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code id_encoding: uuidv7} or {@code id_encoding: {snowflake: {epoch: 2015-01-01, shift: 22}}}. */
final class IdEncodingReader {
    private static final String HELP = "write uuidv7, or {snowflake: {epoch: 2015-01-01, shift: 22}} with your id generator's"
            + " epoch and the number of bits below the timestamp (22 for Twitter/Discord-style ids)";

    private IdEncodingReader() {
    }

    static Optional<IdEncoding> read(ConfigNode node, ConfigPath path, Problems problems) {
        if (node instanceof Scalar && ((Scalar) node).text().strip().equals("uuidv7")) {
            return Optional.of(new IdEncoding.UuidV7());
        }
        if (node instanceof Scalar) {
            String t = ((Scalar) node).text();
            problems.add(node, path, "id_encoding is " + ConfigNode.describe(node),
                    Suggest.didYouMean(t, List.of("uuidv7", "snowflake")) + HELP);
            return Optional.empty();
        }
        if (!(node instanceof Mapping)) {
            problems.add(node, path, "id_encoding is " + ConfigNode.describe(node), HELP);
            return Optional.empty();
        }
        MapReader m = new MapReader((Mapping) node, path, problems, List.of("snowflake"));
        Optional<ConfigNode> inner = m.get("snowflake");
        if (inner.isEmpty() || !(inner.get() instanceof Mapping)) {
            problems.add(inner.orElse(node), m.path("snowflake"), "snowflake settings are "
                    + inner.map(ConfigNode::describe).orElse("missing"), HELP);
            return Optional.empty();
        }
        return snowflake(new MapReader((Mapping) inner.get(), m.path("snowflake"), problems, List.of("epoch", "shift")));
    }

    private static Optional<IdEncoding> snowflake(MapReader m) {
        for (String key : List.of("epoch", "shift")) {
            if (!m.has(key)) {
                m.problems().add(m.node(), m.path(key), "snowflake needs " + key + " (no default: a wrong guess would file rows"
                        + " under the wrong dates)", HELP);
            }
        }
        Optional<Instant> epoch = m.scalar("epoch", "a date or instant such as 2015-01-01")
                .flatMap(s -> TimeGrammar.epoch(s, m.path("epoch"), m.problems()));
        Optional<Integer> shift = m.integer("shift", 0, 62, " (bits below the millisecond timestamp in a bigint)");
        if (epoch.isEmpty() || shift.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new IdEncoding.Snowflake(epoch.get(), shift.get()));
    }
}
