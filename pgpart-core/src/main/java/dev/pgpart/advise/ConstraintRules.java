package dev.pgpart.advise;

import dev.pgpart.sql.QualifiedName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What stands in the way of converting a table, and what makes foreign keys on partitioned tables costly. */
final class ConstraintRules {
    private ConstraintRules() {
    }

    /** @param keys the conversion targets (plain tables with {@code key:} in pgpart.yml) and their key column */
    static List<Advice> uniques(List<KeyConstraint> constraints, Map<QualifiedName, String> keys) {
        List<Advice> out = new ArrayList<>();
        for (KeyConstraint k : constraints) {
            String key = keys.get(k.table());
            if (key == null || k.columns().contains(key)) {
                continue;
            }
            String what = k.primary() ? "primary key" : "unique constraint";
            List<String> with = new ArrayList<>(k.columns());
            with.add(key);
            out.add(new Advice(Severity.HIGH, AdviceKind.UNIQUE_LACKS_KEY, k.table(),
                    what + " " + k.name() + " (" + String.join(", ", k.columns()) + ") lacks the partition key " + key
                            + ": PostgreSQL cannot create it on the partitioned table",
                    "make it (" + String.join(", ", with) + ") before converting, or keep uniqueness of ("
                            + String.join(", ", k.columns()) + ") some other way (a separate plain table of keys);"
                            + " foreign keys that reference it must then carry " + key + " too",
                    0));
        }
        return out;
    }

    static List<Advice> foreignKeys(List<ForeignKey> fks, Map<QualifiedName, String> keys,
                                    List<DeleteStatement> deletes) {
        List<Advice> out = new ArrayList<>();
        for (ForeignKey fk : fks) {
            String key = keys.get(fk.referenced());
            if (key != null && !fk.referencedColumns().contains(key)) {
                out.add(lacksKey(fk, key));
            }
            if (fk.referencingPartitioned() && !fk.columns().containsAll(fk.referencingKey())) {
                out.add(checkScans(fk));
            }
            if (fk.noDeleteAction() && (fk.referencingPartitioned() || fk.referencedPartitioned())) {
                emulated(fk, deletes).ifPresent(out::add);
            }
        }
        return out;
    }

    private static Advice lacksKey(ForeignKey fk, String key) {
        return new Advice(Severity.HIGH, AdviceKind.FOREIGN_KEY_LACKS_KEY, fk.referenced(),
                "foreign key " + fk.name() + " of " + fk.referencing() + " (" + String.join(", ", fk.columns())
                        + ") references " + fk.referenced() + " (" + String.join(", ", fk.referencedColumns())
                        + ") without the partition key " + key + ": after conversion no unique constraint can back it",
                "add a column for " + key + " to " + fk.referencing() + ", fill it, and make the foreign key ("
                        + String.join(", ", fk.columns()) + ", <that column>) REFERENCES " + fk.referenced() + " ("
                        + String.join(", ", fk.referencedColumns()) + ", " + key + ") before converting",
                0);
    }

    private static Advice checkScans(ForeignKey fk) {
        return new Advice(Severity.MEDIUM, AdviceKind.FOREIGN_KEY_CHECK_SCANS_PARTITIONS, fk.referencing(),
                "foreign key " + fk.name() + " (" + String.join(", ", fk.columns()) + ") of partitioned "
                        + fk.referencing() + " lacks its partition key (" + String.join(", ", fk.referencingKey())
                        + "): every DELETE or key UPDATE on " + fk.referenced() + " looks into every partition",
                "index (" + String.join(", ", fk.columns()) + ") on " + fk.referencing() + " so each look is an index"
                        + " probe, or partition " + fk.referencing() + " by a column the foreign key carries",
                0);
    }

    private static Optional<Advice> emulated(ForeignKey fk, List<DeleteStatement> deletes) {
        return deletes.stream()
                .filter(d -> d.target().equals(fk.referencing()) && fk.columns().stream().anyMatch(d::filtersOn))
                .max(java.util.Comparator.comparingDouble(d -> d.stat().totalMillis()))
                .map(d -> new Advice(Severity.MEDIUM, AdviceKind.EMULATED_CASCADE, fk.referencing(),
                        "foreign key " + fk.name() + " to " + fk.referenced() + " has no ON DELETE action, and the"
                                + " application deletes the referencing rows itself: " + d.stat().calls() + " calls, "
                                + d.stat().rows() + " rows of: " + d.stat().query(),
                        "let the database cascade: ALTER TABLE " + fk.referencing().sql() + " DROP CONSTRAINT "
                                + dev.pgpart.sql.Sql.ident(fk.name()) + ", ADD FOREIGN KEY (...) REFERENCES "
                                + fk.referenced().sql() + " (...) ON DELETE CASCADE"
                                + (fk.referencedPartitioned() ? " (with the partition key in both column lists)" : "")
                                + ", then remove the application's deletes",
                        d.stat().totalMillis(), Optional.of(d.stat())));
    }
}
