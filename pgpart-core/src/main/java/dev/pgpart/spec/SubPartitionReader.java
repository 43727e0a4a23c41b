package dev.pgpart.spec;

import dev.pgpart.PgpartException;
import dev.pgpart.spec.ConfigNode.Mapping;
import dev.pgpart.sql.QualifiedName;
import java.util.List;
import java.util.Optional;

/** {@code subpartition: {hash: {modulus: 4}, key: customer_id}} or {@code {list: {...}, key: region}}. */
final class SubPartitionReader {
    private static final String HELP = "write subpartition: {key: <column>, hash: {modulus: 4}} or"
            + " {key: <column>, list: {eu: [EU]}}; key is the column each range partition is split on";

    private SubPartitionReader() {
    }

    static Optional<SubPartition> read(ConfigNode node, ConfigPath path, Problems problems) {
        if (!(node instanceof Mapping)) {
            problems.add(node, path, "subpartition is " + ConfigNode.describe(node) + ", not a mapping", HELP);
            return Optional.empty();
        }
        MapReader m = new MapReader((Mapping) node, path, problems, List.of("key", "list", "hash"));
        if (!m.has("key")) {
            problems.add(node, m.path("key"), "subpartition has no key column", "add key: <column>, e.g. key: customer_id. " + HELP);
        }
        Optional<String> column = m.text("key", "a column name such as customer_id").flatMap(k -> column(k, m));
        List<String> methods = List.of("list", "hash").stream().filter(m::has).toList();
        if (methods.size() != 1) {
            problems.add(node, path, methods.isEmpty() ? "subpartition has neither list nor hash"
                    : "subpartition has both list and hash", HELP);
        }
        Optional<Policy> list = m.get("list").flatMap(n -> ListReader.read(n, m.path("list"), problems)).map(Policy.class::cast);
        Optional<Policy> hash = m.get("hash").flatMap(n -> HashReader.read(n, m.path("hash"), problems)).map(Policy.class::cast);
        if (methods.size() != 1 || column.isEmpty()) {
            return Optional.empty();
        }
        return list.or(() -> hash).map(p -> new SubPartition(column.get(), p));
    }

    /**
     * A column name in SQL syntax: unquoted folds to lower case, "Quoted" keeps its case. Parsed as
     * the table part of a qualified name so the rules are exactly those of table names.
     */
    private static Optional<String> column(String text, MapReader m) {
        try {
            return Optional.of(QualifiedName.parse("\"x\"." + text).name());
        } catch (PgpartException e) {
            m.problems().add(m.get("key").orElseThrow(), m.path("key"), "key '" + text + "' is not a column name",
                    "write one column name; double-quote it if it has capitals, spaces or dots, e.g. '\"Region\"'");
            return Optional.empty();
        }
    }
}
