package dev.pgpart.convert.copy;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.state.JobContext;
import dev.pgpart.state.JobPhase;
import java.sql.SQLException;

/**
 * {@code copy.sync}: installs the mirror trigger on the original table, so from its commit on
 * every write reaches the new table in the same transaction (there is no lag to catch up).
 * {@code CREATE TRIGGER} takes SHARE ROW EXCLUSIVE on the original: it waits for writers in flight
 * (under lock_timeout, retried) and writers wait for it only for that moment. Because it waits for
 * them, every row committed before it is visible to the backfill, and every write after it fires it.
 */
final class SyncPhase implements JobPhase {
    static final String NAME = "copy.sync";
    private final CopySettings s;

    SyncPhase(CopySettings s) {
        this.s = s;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(JobContext ctx) throws SQLException {
        Tx.retrying(s.table(), "installing the sync trigger on " + s.table(), () -> ctx.step(c -> {
            Tx.setLocalLockTimeout(c, s.lockTimeout());
            Source source = SourceReader.read(c, s.table()).orElseThrow(() -> new PgpartException(ErrorCode.UNSAFE,
                    s.table() + " does not exist any more; the conversion cannot go on. Undo it"));
            if (!CopyChecks.hasTrigger(c, SourceReader.oid(c, s.table()).orElseThrow(), CopyNames.TRIGGER)) {
                for (String sql : SyncSql.install(s.names().forwardFunction(), s.table(), s.names().newParent(),
                        source.writable(), match(source), source.newPrimaryKey(s.key()),
                        s.names().marker("sync trigger function"))) {
                    Tx.exec(c, sql);
                }
            }
            return JobContext.Progress.of(0);
        }));
    }

    /** The new table's row is found by the original's primary key plus the key, which prunes to one partition. */
    private java.util.List<String> match(Source source) {
        return source.newPrimaryKey(s.key());
    }
}
