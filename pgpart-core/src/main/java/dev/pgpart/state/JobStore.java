package dev.pgpart.state;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** The SQL of the job table. Maps of strings are stored as jsonb objects without a JSON library. */
final class JobStore {
    private final StateSchema schema;
    private final String columns;

    JobStore(StateSchema schema) {
        this.schema = schema;
        this.columns = "id, kind, target, state, phase, done_units, total_units, unit,"
                + " ARRAY(SELECT key FROM jsonb_each_text(params) ORDER BY key),"
                + " ARRAY(SELECT value FROM jsonb_each_text(params) ORDER BY key),"
                + " ARRAY(SELECT key FROM jsonb_each_text(checkpoint) ORDER BY key),"
                + " ARRAY(SELECT value FROM jsonb_each_text(checkpoint) ORDER BY key),"
                + " owner, owner_pid, heartbeat_at, created_at, finished_at, error";
    }

    Optional<Job> unfinished(Connection c, String target) throws SQLException {
        return one(c, "SELECT " + columns + " FROM " + schema.table("job") + " WHERE target = ? AND state IN ('running', 'failed')",
                ps -> ps.setString(1, target));
    }

    Job insert(Connection c, String kind, String target, String phase, Map<String, String> params, String owner)
            throws SQLException {
        return one(c, "INSERT INTO " + schema.table("job") + " (kind, target, state, phase, params, owner, owner_pid)"
                + " VALUES (?, ?, 'running', ?, jsonb_object(?::text[], ?::text[]), ?, pg_backend_pid()) RETURNING " + columns, ps -> {
                    ps.setString(1, kind);
                    ps.setString(2, target);
                    ps.setString(3, phase);
                    ps.setArray(4, keys(c, params));
                    ps.setArray(5, values(c, params));
                    ps.setString(6, owner);
                }).orElseThrow();
    }

    /** Makes this session the job's owner and marks it running again. */
    Job take(Connection c, long id, String owner) throws SQLException {
        return update(c, id, "state = 'running', error = NULL, owner = ?, owner_pid = pg_backend_pid()", 1,
                ps -> ps.setString(1, owner));
    }

    /** The newest job of {@code kind} on {@code target}, whatever its state. */
    Optional<Job> latest(Connection c, String kind, String target) throws SQLException {
        return one(c, "SELECT " + columns + " FROM " + schema.table("job") + " WHERE kind = ? AND target = ? ORDER BY id DESC"
                + " LIMIT 1", ps -> {
                    ps.setString(1, kind);
                    ps.setString(2, target);
                });
    }

    /** A finished job running again: no finish time, no error. */
    Job reopen(Connection c, long id) throws SQLException {
        return update(c, id, "state = 'running', error = NULL, finished_at = NULL", 0, ps -> {
        });
    }

    Job progress(Connection c, long id, long done, Map<String, String> checkpoint) throws SQLException {
        return update(c, id, "done_units = done_units + ?, checkpoint = checkpoint || jsonb_object(?::text[], ?::text[])", 3, ps -> {
            ps.setLong(1, done);
            ps.setArray(2, keys(c, checkpoint));
            ps.setArray(3, values(c, checkpoint));
        });
    }

    Job total(Connection c, long id, long total, String unit) throws SQLException {
        return update(c, id, "total_units = ?, unit = ?", 2, ps -> {
            ps.setLong(1, total);
            ps.setString(2, unit);
        });
    }

    Job phase(Connection c, long id, String phase) throws SQLException {
        return update(c, id, "phase = ?", 1, ps -> ps.setString(1, phase));
    }

    Job finish(Connection c, long id, Job.State state, Optional<String> error) throws SQLException {
        return update(c, id, "state = ?, error = ?, finished_at = CASE WHEN ? THEN now() END", 3, ps -> {
            ps.setString(1, state.sql());
            ps.setString(2, error.orElse(null));
            ps.setBoolean(3, state != Job.State.FAILED);
        });
    }

    /** Jobs not finished, and the newest finished ones, newest first. */
    List<Job> recent(Connection c, int limit) throws SQLException {
        List<Job> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + columns + " FROM " + schema.table("job")
                + " ORDER BY state IN ('running', 'failed') DESC, id DESC LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(job(rs));
                }
            }
        }
        return out;
    }

    /** @param params how many bind parameters {@code set} has; the id comes after them */
    private Job update(Connection c, long id, String set, int params, Binder binder) throws SQLException {
        return one(c, "UPDATE " + schema.table("job") + " SET " + set + ", heartbeat_at = now(), updated_at = now()"
                + " WHERE id = ? RETURNING " + columns, ps -> {
                    binder.bind(ps);
                    ps.setLong(params + 1, id);
                }).orElseThrow(() -> new SQLException("job " + id + " has disappeared from " + schema.table("job")));
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private Optional<Job> one(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(job(rs)) : Optional.empty();
            }
        }
    }

    private static Job job(ResultSet rs) throws SQLException {
        long total = rs.getLong(7);
        OptionalLong t = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(total);
        return new Job(rs.getLong(1), rs.getString(2), rs.getString(3), Job.State.of(rs.getString(4)), rs.getString(5),
                rs.getLong(6), t, rs.getString(8), map(rs.getArray(9), rs.getArray(10)), map(rs.getArray(11), rs.getArray(12)),
                rs.getString(13), rs.getInt(14), rs.getObject(15, OffsetDateTime.class).toInstant(),
                rs.getObject(16, OffsetDateTime.class).toInstant(),
                Optional.ofNullable(rs.getObject(17, OffsetDateTime.class)).map(OffsetDateTime::toInstant),
                Optional.ofNullable(rs.getString(18)));
    }

    private static Map<String, String> map(Array keys, Array values) throws SQLException {
        String[] k = (String[]) keys.getArray();
        String[] v = (String[]) values.getArray();
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < k.length; i++) {
            out.put(k[i], v[i]);
        }
        return out;
    }

    private static Array keys(Connection c, Map<String, String> m) throws SQLException {
        return c.createArrayOf("text", m.keySet().toArray());
    }

    private static Array values(Connection c, Map<String, String> m) throws SQLException {
        return c.createArrayOf("text", m.keySet().stream().map(m::get).toArray());
    }
}
