package dev.pgpart.internal.exec;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.sql.QualifiedName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
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
        if (step.kind() == Step.Kind.EXPECT_NO_ROWS) {
            expectNoRows(c, step, table);
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

    /**
     * Joins runs of consecutive DDL steps into one multi-statement step, sent in a single round
     * trip: creating thousands of partitions is otherwise dominated by network latency. Inside a
     * transaction the statements still succeed or fail together with the action's savepoint.
     */
    static List<Step> batched(List<Step> steps) {
        List<Step> out = new ArrayList<>();
        StringBuilder ddl = new StringBuilder();
        for (Step s : steps) {
            if (s.kind() == Step.Kind.DDL) {
                ddl.append(ddl.length() == 0 ? "" : ";\n").append(s.sql());
                continue;
            }
            if (ddl.length() > 0) {
                out.add(Step.ddl(ddl.toString()));
                ddl.setLength(0);
            }
            out.add(s);
        }
        if (ddl.length() > 0) {
            out.add(Step.ddl(ddl.toString()));
        }
        return out;
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void expectNoRows(Connection c, Step step, QualifiedName table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(step.sql())) {
            if (rs.next() && rs.getBoolean(1)) {
                throw new PgpartException(ErrorCode.UNSAFE, step.refusal());
            }
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
