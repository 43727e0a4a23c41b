package dev.pgpart.exec;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.sql.QualifiedName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends one {@link Step}. */
final class StepRunner {
    private static final Logger LOG = LoggerFactory.getLogger(StepRunner.class);

    private StepRunner() {
    }

    /** @return rows moved (MOVE_ROWS steps), else 0 */
    static long run(Connection c, Step step, QualifiedName table) throws SQLException {
        LOG.debug("{}: {}", table, step.sql());
        if (step.kind() == Step.Kind.EXPECT_DETACHED) {
            expectDetached(c, step, table);
            return 0;
        }
        try (Statement s = c.createStatement()) {
            if (step.kind() == Step.Kind.MOVE_ROWS) {
                return s.executeLargeUpdate(step.sql());
            }
            s.execute(step.sql());
            return 0;
        }
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void expectDetached(Connection c, Step step, QualifiedName table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(step.sql())) {
            for (int i = 0; i < step.params().size(); i++) {
                ps.setString(i + 1, step.params().get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                String rel = step.params().get(0) + "." + step.params().get(1);
                if (!rs.next()) {
                    throw new PgpartException(ErrorCode.UNSAFE, "table " + rel + " of " + table
                            + " disappeared after DETACH; nothing was dropped");
                }
                if (rs.getBoolean(1)) {
                    throw new PgpartException(ErrorCode.UNSAFE, rel + " is still a partition of " + table
                            + " after DETACH; refusing to DROP an attached partition");
                }
            }
        }
    }
}
