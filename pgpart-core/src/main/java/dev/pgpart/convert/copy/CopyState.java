package dev.pgpart.convert.copy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/** Where a copy conversion stands, read from the catalog (the truth, whatever the job row says). */
public enum CopyState {
    /** Nothing of pgpart's is there: not started, undone, or finalized. */
    NONE,
    /** The new table (or the sync trigger) exists beside the original, which still has the name. */
    COPYING,
    /** The new table has the name; the original is kept as {@code <table>_pgpart_old}, synced back. */
    SWAPPED;

    static CopyState of(Connection c, CopySettings s) throws SQLException {
        Optional<Long> kept = SourceReader.oid(c, s.names().oldKept());
        if (kept.isPresent() && CopyChecks.marked(c, kept.get())) {
            return SWAPPED;
        }
        Optional<Long> fresh = SourceReader.oid(c, s.names().newParent());
        if (fresh.isPresent() && CopyChecks.marked(c, fresh.get())) {
            return COPYING;
        }
        Optional<Long> table = SourceReader.oid(c, s.table());
        if (table.isPresent() && CopyChecks.hasTrigger(c, table.get(), CopyNames.TRIGGER)) {
            return COPYING;
        }
        return NONE;
    }
}
