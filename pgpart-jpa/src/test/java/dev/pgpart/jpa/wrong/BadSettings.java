package dev.pgpart.jpa.wrong;

import dev.pgpart.jpa.Partitioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** Wrong values: a misspelt interval and a default partition on HASH is not here; retention on LIST is elsewhere. */
@Entity
@Table(name = "metrics")
@IdClass(BadSettings.Key.class)
@Partitioned(method = Partitioned.Method.RANGE, key = "taken_at", interval = "1 mnth", premake = 5000)
public class BadSettings {
    @Id
    public Long id;
    @Id
    @Column(name = "taken_at")
    public OffsetDateTime takenAt;

    public record Key(Long id, OffsetDateTime takenAt) implements java.io.Serializable {
        public Key() {
            this(null, null);
        }
    }
}
