package dev.pgpart.convert;

import dev.pgpart.spec.TableSpec;
import dev.pgpart.sql.QualifiedName;

/** Names of what a conversion creates: derived from the table's name, cut to 63 bytes without splitting a character. */
public record Names(QualifiedName table, String old, String pkeyIndex, String rangeCheck, String notNullCheck) {
    /** Comment prefix of every object a conversion creates, so undo and finalize drop only those. */
    public static final String MARKER = "pgpart:convert";
    /** The routing trigger of {@code attach} (one per table, so one name). */
    public static final String ROUTE_TRIGGER = "pgpart_route";
    /** Suffix of the routing stage's inheritance child. */
    public static final String ABOVE_SUFFIX = "_pgpart_above";

    public static Names of(TableSpec spec) {
        QualifiedName t = spec.table();
        return new Names(t, spec.convert().oldName().orElse(derived(t.name(), "_pgpart_old")),
                derived(t.name(), "_pgpart_pkey"), derived(t.name(), "_pgpart_range"), derived(t.name(), "_pgpart_nn"));
    }

    public QualifiedName oldTable() {
        return table.sibling(old);
    }

    /** The inheritance child holding the rows at or above the boundary until the swap (attach). */
    public QualifiedName above() {
        return table.sibling(derived(table.name(), ABOVE_SUFFIX));
    }

    /** The function of the trigger routing writes at or above the boundary into {@link #above()}. */
    public QualifiedName routeFunction() {
        return table.sibling(derived(table.name(), "_pgpart_route"));
    }

    /** The routing trigger on the table. */
    public String routeTrigger() {
        return ROUTE_TRIGGER;
    }

    /** {@code base + suffix}, with {@code base} shortened so the whole fits 63 UTF-8 bytes. */
    public static String derived(String base, String suffix) {
        return QualifiedName.truncateToBytes(base, QualifiedName.MAX_IDENTIFIER_BYTES - QualifiedName.byteLength(suffix)) + suffix;
    }
}
