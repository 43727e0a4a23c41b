package dev.pgpart.jpa.fx;

import java.io.Serializable;
import java.time.OffsetDateTime;

/** The composite id of {@link Order}: id plus the partition key. */
public record OrderKey(Long id, OffsetDateTime createdAt) implements Serializable {
    public OrderKey() {
        this(null, null);
    }
}
