package dev.pgpart.jpa.fx;

import dev.pgpart.jpa.ListPartition;
import dev.pgpart.jpa.Partitioned;
import dev.pgpart.jpa.SubPartitioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;

/** RANGE by month, each month LIST by region: the id holds both keys. */
@Entity
@Table(name = "readings")
@IdClass(Reading.Key.class)
@Partitioned(method = Partitioned.Method.RANGE, key = "taken_at", interval = "1 month", premake = 0)
@SubPartitioned(key = "region", list = {@ListPartition(suffix = "eu", values = "EU"), @ListPartition(suffix = "us", values = "US")})
public class Reading {
    @Id
    public Long id;
    @Id
    @Column(name = "taken_at")
    public OffsetDateTime takenAt;
    @Id
    @Column(length = 2)
    public String region;

    public record Key(Long id, OffsetDateTime takenAt, String region) implements Serializable {
        public Key() {
            this(null, null, null);
        }
    }
}
