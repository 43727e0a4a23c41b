package dev.pgpart.spec;

import dev.pgpart.spec.ConfigNode.Mapping;
import dev.pgpart.sql.QualifiedName;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code convert: {strategy: attach, batch_size: 10000, max_rows_per_second: 50000, backfill_workers: 2, cutover: manual, names: {old: ..., new: ...}}}. */
final class ConvertReader {
    private static final List<String> KEYS = List.of("strategy", "batch_size", "max_rows_per_second", "cutover", "names",
            "backfill_workers");

    private ConvertReader() {
    }

    static Optional<ConvertSpec> read(ConfigNode node, ConfigPath path, Problems problems) {
        if (!(node instanceof Mapping)) {
            problems.add(node, path, "convert is " + ConfigNode.describe(node) + ", not a mapping",
                    "write e.g. convert: {strategy: attach, batch_size: 10000}");
            return Optional.empty();
        }
        MapReader m = new MapReader((Mapping) node, path, problems, KEYS);
        ConvertSpec d = ConvertSpec.DEFAULTS;
        ConvertSpec.Strategy strategy = choice(m, "strategy", ConvertSpec.Strategy.class, "attach or copy").orElse(d.strategy());
        int batch = m.integer("batch_size", 1, 1_000_000, " (rows per batch)").orElse(d.batchSize());
        Optional<Long> rate = m.integer("max_rows_per_second", 1, 100_000_000, " (rows per second, a throttle)").map(Integer::longValue);
        int workers = m.integer("backfill_workers", ConvertSpec.MIN_BACKFILL_WORKERS, ConvertSpec.MAX_BACKFILL_WORKERS,
                " (sessions copying at once in the copy strategy's backfill)").orElse(d.backfillWorkers());
        ConvertSpec.Cutover cutover = choice(m, "cutover", ConvertSpec.Cutover.class, "manual or auto").orElse(d.cutover());
        Optional<String> oldName = Optional.empty();
        Optional<String> newName = Optional.empty();
        if (m.get("names").isPresent()) {
            ConfigNode names = m.get("names").get();
            if (names instanceof Mapping nm) {
                MapReader n = new MapReader(nm, m.path("names"), problems, List.of("old", "new"));
                oldName = name(n, "old");
                newName = name(n, "new");
            } else {
                problems.add(names, m.path("names"), "names is " + ConfigNode.describe(names) + ", not a mapping",
                        "write e.g. names: {old: orders_history}");
            }
        }
        return Optional.of(new ConvertSpec(strategy, batch, rate, cutover, oldName, newName, workers));
    }

    private static <E extends Enum<E>> Optional<E> choice(MapReader m, String key, Class<E> type, String allowed) {
        Optional<String> text = m.text(key, allowed);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Enum.valueOf(type, text.get().strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            m.problems().add(m.get(key).orElseThrow(), m.path(key), key + " '" + text.get() + "' is not one of " + allowed,
                    "write " + allowed);
            return Optional.empty();
        }
    }

    /** A relation name in the table's schema: 1 to 63 bytes, written as the database will have it. */
    private static Optional<String> name(MapReader m, String key) {
        Optional<String> text = m.text(key, "a table name in the table's schema");
        if (text.isPresent() && (text.get().isEmpty() || QualifiedName.byteLength(text.get()) > QualifiedName.MAX_IDENTIFIER_BYTES)) {
            m.problems().add(m.get(key).orElseThrow(), m.path(key), "names." + key + " '" + text.get()
                    + "' is not a usable table name", "write a name of 1 to 63 bytes (kept exactly as written)");
            return Optional.empty();
        }
        return text;
    }

    /** The partition column: SQL syntax, unquoted folds to lower case. Shared with {@code subpartition.key}. */
    static Optional<String> column(MapReader m, String key) {
        Optional<String> text = m.text(key, "a column name such as created_at");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(QualifiedName.parse("\"x\"." + text.get()).name());
        } catch (dev.pgpart.PgpartException e) {
            m.problems().add(m.get(key).orElseThrow(), m.path(key), key + " '" + text.get() + "' is not a column name",
                    "write one column name; double-quote it if it has capitals, spaces or dots, e.g. '\"CreatedAt\"'");
            return Optional.empty();
        }
    }
}
