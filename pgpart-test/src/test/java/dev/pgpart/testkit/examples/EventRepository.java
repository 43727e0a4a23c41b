package dev.pgpart.testkit.examples;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** A plain JDBC repository over {@code events}, partitioned by RANGE (day): the code under test of the guide. */
public final class EventRepository {
    private final DataSource dataSource;

    public EventRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Prunes: the partition key is compared as is. */
    public List<Long> idsOn(LocalDate day) throws SQLException {
        return ids("SELECT id FROM events WHERE day = ? ORDER BY id", day);
    }

    /** Does not prune: the key is behind a cast, so every partition is read. */
    public List<Long> idsOnText(String day) throws SQLException {
        return ids("SELECT id FROM events WHERE day::text = ? ORDER BY id", day);
    }

    /** Does not prune: no key at all. */
    public List<Long> idsOfKind(String kind) throws SQLException {
        return ids("SELECT id FROM events WHERE kind = ? ORDER BY id", kind);
    }

    private List<Long> ids(String sql, Object value) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, value);
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        }
    }
}
