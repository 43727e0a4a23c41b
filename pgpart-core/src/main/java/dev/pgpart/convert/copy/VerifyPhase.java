package dev.pgpart.convert.copy;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.state.JobContext;
import dev.pgpart.state.JobPhase;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * {@code copy.verify}: ANALYZE the new table (so plans are sane from the swap on), then compare
 * it with the original, range by range, in one snapshot. A difference stops the job before the
 * swap and names the first range that differs; both tables stay as they are, still synced.
 */
final class VerifyPhase implements JobPhase {
    static final String NAME = "copy.verify";
    private final CopySettings s;

    VerifyPhase(CopySettings s) {
        this.s = s;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(JobContext ctx) throws SQLException {
        ctx.outsideTransaction(c -> {
            Tx.exec(c, "ANALYZE " + s.names().newParent().sql());
            return JobContext.Progress.of(0);
        });
        ctx.step(c -> {
            Tx.exec(c, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            Source src = SourceReader.read(c, s.table()).orElseThrow();
            Optional<Verification.Difference> diff = Verification.firstDifference(c, s.table(), s.names().newParent(),
                    s.key(), src.type(s.key()), src.columns().stream().map(Source.Col::name).toList());
            if (diff.isPresent()) {
                throw new PgpartException(ErrorCode.UNSAFE, s.table() + ": the new table " + s.names().newParent()
                        + " differs from the original in " + diff.get().describe() + ". Nothing was swapped; both tables"
                        + " are in place and the sync trigger is still on. Look for writes that bypass triggers"
                        + " (session_replication_role, disabled triggers), then undo the conversion and start again");
            }
            return new JobContext.Progress(0, Map.of("verified", "true"));
        });
    }
}
