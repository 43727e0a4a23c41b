package dev.pgpart.archive;

import dev.pgpart.sql.QualifiedName;
import dev.pgpart.state.StateSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The SQL of the state schema's {@code archive} table (created by state schema version 2). */
public final class ArchiveLog {
    private static final String COLUMNS = "id, parent, partition, bound, location, state, rows, bytes, parts, checksum,"
            + " manifest::text, job_id, detached_at, exported_at, verified_at, dropped_at, restored_at, updated_at";
    private final StateSchema schema;
    private final String table;

    public ArchiveLog(StateSchema schema) {
        this.schema = schema;
        this.table = schema.table("archive");
    }

    /** Records (or, on a resumed job, re-records) a partition as detached and on its way to {@code location}. */
    void detached(Connection c, QualifiedName parent, QualifiedName partition, String bound, String location, long jobId)
            throws SQLException {
        update(c, "INSERT INTO " + table + " (parent, partition, bound, location, state, job_id) VALUES (?, ?, ?, ?, 'detached', ?)"
                + " ON CONFLICT (partition) WHERE state <> 'restored' DO UPDATE SET parent = EXCLUDED.parent,"
                + " bound = EXCLUDED.bound, location = EXCLUDED.location, state = 'detached', job_id = EXCLUDED.job_id,"
                + " rows = NULL, bytes = NULL, parts = NULL, checksum = NULL, manifest = NULL, exported_at = NULL,"
                + " verified_at = NULL, dropped_at = NULL, updated_at = now()",
                parent.toString(), partition.toString(), bound, location, jobId);
    }

    void exported(Connection c, QualifiedName partition, String manifest, long rows, long bytes, int parts, String checksum)
            throws SQLException {
        update(c, "UPDATE " + table + " SET state = 'exported', manifest = ?::jsonb, rows = ?, bytes = ?, parts = ?, checksum = ?,"
                + " exported_at = now(), verified_at = NULL, updated_at = now() WHERE partition = ? AND state <> 'restored'",
                manifest, rows, bytes, parts, checksum, partition.toString());
    }

    void state(Connection c, QualifiedName partition, ArchiveEntry.State state) throws SQLException {
        String at = switch (state) {
            case VERIFIED -> "verified_at";
            case DROPPED -> "dropped_at";
            case RESTORED -> "restored_at";
            case DETACHED -> "detached_at";
            case EXPORTED -> "exported_at";
        };
        update(c, "UPDATE " + table + " SET state = ?, " + at + " = now(), updated_at = now() WHERE partition = ?"
                + " AND state <> 'restored'", state.sql(), partition.toString());
    }

    /** The live archive of {@code partition} (not a restored one), if any. */
    public Optional<ArchiveEntry> find(Connection c, QualifiedName partition) throws SQLException {
        if (schema.version(c) < 2) {
            return Optional.empty();
        }
        List<ArchiveEntry> found = query(c, "SELECT " + COLUMNS + " FROM " + table + " WHERE partition = ?"
                + " ORDER BY state = 'restored', id DESC LIMIT 1", partition.toString());
        return found.stream().findFirst();
    }

    /** Every archive of the given parents (all when empty), oldest bound first; nothing when the state schema does not exist. */
    public List<ArchiveEntry> list(Connection c, List<QualifiedName> parents) throws SQLException {
        if (schema.version(c) < 2) {
            return List.of();
        }
        return query(c, "SELECT " + COLUMNS + " FROM " + table + " WHERE cardinality(?::text[]) = 0 OR parent = ANY (?::text[])"
                + " ORDER BY parent, partition, id", parents.stream().map(QualifiedName::toString).toArray(String[]::new),
                parents.stream().map(QualifiedName::toString).toArray(String[]::new));
    }

    private static void update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, params);
            ps.executeUpdate();
        }
    }

    private static void bind(Connection c, PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof String[] a) {
                ps.setArray(i + 1, c.createArrayOf("text", a));
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }

    private static List<ArchiveEntry> query(Connection c, String sql, Object... params) throws SQLException {
        List<ArchiveEntry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(entry(rs));
                }
            }
        }
        return out;
    }

    private static ArchiveEntry entry(ResultSet rs) throws SQLException {
        return new ArchiveEntry(rs.getLong(1), QualifiedName.parse(rs.getString(2)), QualifiedName.parse(rs.getString(3)),
                rs.getString(4), rs.getString(5), ArchiveEntry.State.of(rs.getString(6)), optLong(rs, 7), optLong(rs, 8),
                optLong(rs, 9), Optional.ofNullable(rs.getString(10)), Optional.ofNullable(rs.getString(11)), optLong(rs, 12),
                instant(rs, 13).orElseThrow(), instant(rs, 14), instant(rs, 15), instant(rs, 16), instant(rs, 17),
                instant(rs, 18).orElseThrow());
    }

    private static OptionalLong optLong(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(v);
    }

    private static Optional<Instant> instant(ResultSet rs, int i) throws SQLException {
        return Optional.ofNullable(rs.getObject(i, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

}
