package dev.pgpart.spring.entities;

import dev.pgpart.jpa.Partitioned;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** A partitioned entity found by the starter's scan; {@code takenAt} becomes taken_at by Boot's naming. */
@Entity
@Table(name = "readings")
@IdClass(Reading.Key.class)
@Partitioned(method = Partitioned.Method.RANGE, key = "taken_at", interval = "1 day", premake = 2)
public class Reading {
    @Id
    private Long id;

    @Id
    private Instant takenAt;

    private double value;

    public record Key(Long id, Instant takenAt) implements Serializable {
    }
}
