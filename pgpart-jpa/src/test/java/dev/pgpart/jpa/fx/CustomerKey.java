package dev.pgpart.jpa.fx;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.io.Serializable;

/** The embedded id of {@link Customer}. */
@Embeddable
public record CustomerKey(@Column(name = "tenant_id") Long tenantId, @Column(name = "customer_id") Long customerId)
        implements Serializable {
    public CustomerKey() {
        this(null, null);
    }
}
