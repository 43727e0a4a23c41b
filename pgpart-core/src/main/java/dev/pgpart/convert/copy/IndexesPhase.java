package dev.pgpart.convert.copy;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.state.JobContext;
import dev.pgpart.state.JobPhase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code copy.indexes}: the new parent's non-unique indexes, after the backfill (see
 * {@link SecondaryIndexes}). The original is not touched; on the new table, {@code CREATE INDEX
 * CONCURRENTLY} takes SHARE UPDATE EXCLUSIVE per partition, which the sync trigger's writes do not
 * conflict with, so the application is never blocked. The parent's own index and each attach are
 * catalog-only moments under lock_timeout, retried.
 */
final class IndexesPhase implements JobPhase {
    static final String NAME = "copy.indexes";
    private static final Logger LOG = LoggerFactory.getLogger(IndexesPhase.class);
    private final CopySettings s;

    IndexesPhase(CopySettings s) {
        this.s = s;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(JobContext ctx) throws SQLException {
        QualifiedName parent = s.names().newParent();
        Source[] src = new Source[1];
        ctx.outsideTransaction(c -> {
            src[0] = SourceReader.read(c, s.table()).orElseThrow(() -> new PgpartException(ErrorCode.UNSAFE,
                    s.table() + " does not exist any more; the conversion cannot go on. Undo it"));
            return JobContext.Progress.of(0);
        });
        List<Source.Index> deferred = SecondaryIndexes.deferred(src[0]);
        for (int n = 0; n < deferred.size(); n++) {
            build(ctx, parent, deferred.get(n), n);
        }
    }

    private void build(JobContext ctx, QualifiedName parent, Source.Index index, int n) throws SQLException {
        QualifiedName parentIndex = SecondaryIndexes.parentIndex(parent, index);
        Tx.retrying(s.table(), "creating " + parentIndex, () -> ctx.step(c -> {
            Tx.setLocalLockTimeout(c, s.lockTimeout());
            if (SecondaryIndexes.valid(c, parentIndex).isEmpty()) {
                Tx.exec(c, SecondaryIndexes.createOnParent(parent, index));
            }
            return JobContext.Progress.of(0);
        }));
        List<QualifiedName> missing = read(ctx, c -> SecondaryIndexes.missing(c, parent, parentIndex));
        for (QualifiedName partition : missing) {
            ctx.outsideTransaction(c -> {
                QualifiedName pi = SecondaryIndexes.partitionIndex(partition, n);
                Optional<Boolean> valid = SecondaryIndexes.valid(c, pi);
                if (valid.isPresent() && !valid.get()) {
                    // a killed CONCURRENTLY build leaves an invalid index: start that partition over
                    Tx.exec(c, "DROP INDEX CONCURRENTLY " + pi.sql());
                }
                if (valid.isEmpty() || !valid.get()) {
                    LOG.info("{}: building {} concurrently", s.table(), pi);
                    Tx.exec(c, SecondaryIndexes.createOnPartition(partition, n, index));
                }
                return JobContext.Progress.of(0);
            });
            Tx.retrying(s.table(), "attaching an index of " + partition, () -> ctx.step(c -> {
                Tx.setLocalLockTimeout(c, s.lockTimeout());
                Tx.exec(c, SecondaryIndexes.attach(parent, index, partition, n));
                return JobContext.Progress.of(0);
            }));
        }
    }

    @FunctionalInterface
    private interface Read<T> {
        T read(Connection c) throws SQLException;
    }

    private static <T> T read(JobContext ctx, Read<T> read) throws SQLException {
        Object[] out = new Object[1];
        ctx.outsideTransaction(c -> {
            out[0] = read.read(c);
            return JobContext.Progress.of(0);
        });
        @SuppressWarnings("unchecked")
        T t = (T) out[0];
        return t;
    }
}
