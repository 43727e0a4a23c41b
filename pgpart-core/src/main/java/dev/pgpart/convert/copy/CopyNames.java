package dev.pgpart.convert.copy;

import dev.pgpart.sql.QualifiedName;

/**
 * Names of everything the copy strategy creates for {@code table}, derived from its name and cut
 * to 63 bytes without splitting a character (PostgreSQL would truncate silently, and two helpers
 * of one long name could then clash).
 */
record CopyNames(QualifiedName table) {
    static final String TRIGGER = "pgpart_sync";
    static final String TRUNCATE_TRIGGER = "pgpart_sync_truncate";
    /** Prefix of the comment on every object the copy strategy made: undo and finalize drop only those. */
    static final String MARKER = "pgpart:convert copy";

    /** The new partitioned parent until the swap; afterwards it has the table's name. */
    QualifiedName newParent() {
        return table.sibling(suffixed(table.name(), "_pgpart_new"));
    }

    /** The original table after the swap, kept current by the reverse trigger until finalize. */
    QualifiedName oldKept() {
        return table.sibling(suffixed(table.name(), "_pgpart_old"));
    }

    /** Mirrors writes on the original table into the new parent (before the swap). */
    QualifiedName forwardFunction() {
        return table.sibling(prefixed("pgpart_sync_", table.name()));
    }

    /** Mirrors writes on the new table back into the kept original (after the swap, for undo). */
    QualifiedName reverseFunction() {
        return table.sibling(prefixed("pgpart_rsync_", table.name()));
    }

    String marker(String role) {
        return MARKER + " of " + table + ": " + role;
    }

    static String suffixed(String name, String suffix) {
        return truncate(name, QualifiedName.MAX_IDENTIFIER_BYTES - QualifiedName.byteLength(suffix)) + suffix;
    }

    static String prefixed(String prefix, String name) {
        return prefix + truncate(name, QualifiedName.MAX_IDENTIFIER_BYTES - QualifiedName.byteLength(prefix));
    }

    static String truncate(String s, int maxBytes) {
        return QualifiedName.truncateToBytes(s, maxBytes);
    }
}
