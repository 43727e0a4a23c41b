package dev.pgpart.jpa.wrong;

import dev.pgpart.jpa.Partitioned;
import dev.pgpart.jpa.SubPartitioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;

/** Wrong: each month is split by tenant_id, but the id leaves tenant_id out. */
@Entity
@Table(name = "samples")
@IdClass(SubKeyMissing.Key.class)
@Partitioned(method = Partitioned.Method.RANGE, key = "taken_at", interval = "1 month")
@SubPartitioned(key = "tenantId", modulus = 4)
public class SubKeyMissing {
    @Id
    public Long id;
    @Id
    @Column(name = "taken_at")
    public OffsetDateTime takenAt;
    @Column(name = "tenant_id", nullable = false)
    public long tenantId;

    public record Key(Long id, OffsetDateTime takenAt) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
