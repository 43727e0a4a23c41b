package dev.pgpart.internal.exec;

import dev.pgpart.sql.QualifiedName;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Who holds locks on the relations a table's actions need: the evidence in a lock-timeout message. */
public final class Blockers {
    private static final Logger LOG = LoggerFactory.getLogger(Blockers.class);
    // One query; names are bind parameters resolved by to_regclass (a missing one is just ignored).
    // With descendants, the relations' whole partition trees count (read from pg_inherits, which
    // takes no lock on them).
    private static final String RELATIONS = "SELECT to_regclass(n) FROM unnest(?::text[]) AS n";
    private static final String TREES = "WITH RECURSIVE tree(oid) AS (SELECT to_regclass(n)::oid FROM unnest(?::text[]) AS n"
            + " UNION SELECT i.inhrelid FROM pg_catalog.pg_inherits i JOIN tree t ON i.inhparent = t.oid) SELECT oid FROM tree";
    static final String SQL = sql(RELATIONS);

    private static String sql(String relations) {
        return "SELECT a.pid, a.usename, a.application_name, a.state,"
            + " COALESCE(EXTRACT(EPOCH FROM now() - a.xact_start)::bigint, -1) AS xact_seconds,"
            + " l.mode, l.relation::regclass::text AS rel, left(regexp_replace(a.query, '\\s+', ' ', 'g'), 100) AS query"
            + " FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid"
            + " WHERE l.granted AND l.locktype = 'relation' AND l.pid <> pg_backend_pid()"
            + " AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())"
            + " AND l.relation IN (" + relations + ")"
            + " ORDER BY a.xact_start NULLS LAST, a.pid, rel";
    }

    public record Holder(int pid, String user, String application, String state, long xactSeconds, String mode,
                  String relation, String query) {
        public String line() {
            return "-> pid " + pid + ", user " + user + ", application '" + application + "', state " + state
                    + (xactSeconds >= 0 ? ", transaction open " + human(Duration.ofSeconds(xactSeconds)) : "")
                    + ", holds " + mode + " on " + relation + ", query: " + query;
        }
    }

    private Blockers() {
    }

    /**
     * Who holds locks, or why that could not be found out: an empty list must mean "nobody", never
     * "the query failed", or the message would send the DBA looking for a blocker that has gone.
     */
    public record Found(List<Holder> holders, Optional<String> error) {
        public Found {
            holders = List.copyOf(holders);
        }

        /** The evidence lines, or the reason there are none; empty when nobody holds a lock. */
        public String lines() {
            return error.map(e -> "-> the sessions holding locks could not be listed: " + e)
                    .orElseGet(() -> holders.stream().map(Holder::line).collect(Collectors.joining("\n")));
        }

        public boolean none() {
            return holders.isEmpty() && error.isEmpty();
        }
    }

    /** Holders of granted locks on {@code relations}, other than this session. */
    public static Found find(Connection c, Collection<QualifiedName> relations, QualifiedName table) {
        return find(c, SQL, relations, table);
    }

    /**
     * Holders of granted locks on {@code tables} or any of their partitions: for a failed catalog
     * read, which may have waited on any partition (a default partition's count, say).
     */
    public static Found findInTrees(Connection c, Collection<QualifiedName> tables, QualifiedName table) {
        return find(c, sql(TREES), tables, table);
    }

    /**
     * Holders of granted locks on the shards of {@code relations} (Citus), on any node: a session on a
     * worker that holds a shard is invisible in the coordinator's pg_locks. The relation is named
     * with its worker, and the pid is the worker's.
     */
    static final String SHARDS_SQL = "SELECT l.pid, coalesce(a.usename, '?'), coalesce(a.application_name, ''),"
            + " coalesce(a.state, '?'), COALESCE(EXTRACT(EPOCH FROM now() - a.xact_start)::bigint, -1), l.mode,"
            + " l.relation_name || ' (a shard, on worker ' || n.nodename || ':' || n.nodeport"
            + " || ': end it there with SELECT pg_terminate_backend(' || l.pid || '))',"
            + " left(regexp_replace(coalesce(a.query, ''), '\\s+', ' ', 'g'), 100)"
            + " FROM pg_catalog.citus_locks l JOIN pg_catalog.pg_dist_node n ON n.nodeid = l.nodeid"
            + " LEFT JOIN pg_catalog.citus_stat_activity a ON a.global_pid = l.global_pid AND a.nodeid = l.nodeid AND a.pid = l.pid"
            + " WHERE l.granted AND l.locktype = 'relation' AND l.global_pid <> pg_catalog.citus_backend_gpid()"
            + " AND l.relation_name IN (SELECT pg_catalog.shard_name(s.logicalrelid, s.shardid) FROM pg_catalog.pg_dist_shard s"
            + " WHERE s.logicalrelid IN (" + RELATIONS + "))"
            + " ORDER BY a.xact_start NULLS LAST, l.pid";

    /** {@link #find} plus the holders of the relations' shards on the workers (Citus). */
    public static Found findDistributed(Connection c, Collection<QualifiedName> relations, QualifiedName table) {
        Found local = find(c, SQL, relations, table);
        Found shards = find(c, SHARDS_SQL, relations, table);
        List<Holder> all = new ArrayList<>(local.holders());
        all.addAll(shards.holders());
        return new Found(all, local.error().or(shards::error));
    }

    private static Found find(Connection c, String sql, Collection<QualifiedName> relations, QualifiedName table) {
        List<Holder> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Array names = c.createArrayOf("text", relations.stream().map(QualifiedName::sql).toArray());
            ps.setArray(1, names);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Holder(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                            rs.getString(6), rs.getString(7), rs.getString(8)));
                }
            }
            return new Found(out, Optional.empty());
        } catch (SQLException e) {
            LOG.warn("{}: could not list the sessions holding locks: {}", table, Failures.sql(e));
            return new Found(out, Optional.of(Failures.sql(e)));
        }
    }

    /** The failure message: evidence, the state the table was left in, and what to do. */
    static String message(QualifiedName table, int attempts, Duration lockTimeout, String error, Found found,
                          String leftState) {
        StringBuilder m = new StringBuilder();
        m.append("could not get the locks for ").append(table).append(" within lock_timeout ")
                .append(lockTimeout.toMillis()).append(" ms in ").append(attempts).append(" attempt(s) (last error: ")
                .append(error).append(").");
        if (found.none()) {
            m.append(" No other session holds a lock on these relations now: the blocker has finished.");
        } else {
            m.append(" Sessions holding locks on the relations involved:\n").append(found.lines());
        }
        m.append('\n').append(leftState);
        m.append("\nWait for these sessions to finish and run maintain again");
        m.append(found.holders().stream().map(Holder::pid).distinct().findFirst()
                .map(pid -> ", or end a blocker with SELECT pg_terminate_backend(" + pid + ");").orElse("."));
        return m.toString();
    }

    /** Scoped to the transaction: a table's concurrent detaches run outside it and say for themselves. */
    static String nothingChanged(QualifiedName table) {
        return "The transaction for " + table + " was rolled back: none of its actions was applied.";
    }

    static String human(Duration d) {
        long s = d.getSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + (s % 60) + "s";
        }
        return (s / 3600) + "h" + (s % 3600 / 60) + "m";
    }
}
