package dev.pgpart.jpa.wrong;

import dev.pgpart.jpa.Partitioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** Wrong: the id is only {@code id}, the table is partitioned by {@code created_at}. */
@Entity
@Table(name = "events")
@Partitioned(method = Partitioned.Method.RANGE, key = "createdAt", interval = "1 day")
public class IdWithoutKey {
    @Id
    public Long id;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
