package dev.pgpart.convert.copy;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.state.JobContext;
import dev.pgpart.state.JobPhase;
import java.sql.SQLException;
import java.util.Map;

/**
 * {@code copy.cutover}: the swap, in one short transaction committed together with the job's
 * progress, retried on lock timeouts. Writers wait at most lock_timeout for it (plus the
 * catalog work itself); a writer queued behind it resolves the name again after the commit and
 * writes into the new table. Resumable: a swap already committed is not repeated.
 */
final class CutoverPhase implements JobPhase {
    static final String NAME = "copy.cutover";
    private final CopySettings s;

    CutoverPhase(CopySettings s) {
        this.s = s;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(JobContext ctx) throws SQLException {
        Tx.retrying(s.table(), "the swap", () -> ctx.step(c -> {
            Tx.setLocalLockTimeout(c, s.lockTimeout());
            CopyState state = CopyState.of(c, s);
            if (state == CopyState.COPYING) {
                Swap.forward(c, s);
            } else if (state != CopyState.SWAPPED) {
                throw new PgpartException(ErrorCode.UNSAFE, s.table() + ": there is no new table to swap in ("
                        + s.names().newParent() + " is missing); nothing was changed. Start the conversion again");
            }
            return new JobContext.Progress(0, Map.of("swapped", "true"));
        }));
        // outside the swap: the scan of each referencing table must not hold the swap's locks
        Tx.retrying(s.table(), "VALIDATE of the re-created foreign keys", () -> ctx.step(c -> {
            Tx.setLocalLockTimeout(c, s.lockTimeout());
            for (String sql : dev.pgpart.convert.IncomingFks.validations(c, s.table())) {
                try {
                    Tx.exec(c, sql);
                } catch (SQLException e) {
                    if (!"23503".equals(e.getSQLState())) {
                        throw e;
                    }
                    throw new PgpartException(ErrorCode.UNSAFE, s.table() + " is swapped, but " + sql + " failed: " + e.getMessage()
                            + ". The foreign key stays NOT VALID (new rows are checked, existing ones are not). Make the"
                            + " referencing rows' key values equal the referenced rows', then run the conversion again to"
                            + " validate; or undo it", e);
                }
            }
            return JobContext.Progress.of(0);
        }));
    }
}
