package dev.pgpart.jpa.wrong;

import dev.pgpart.jpa.fx.Shipment;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** Wrong: references an entity whose @PartitionKey joined its id, by the id alone. */
@Entity
@Table(name = "shipment_notes")
public class ShipmentNote {
    @Id
    public Long id;
    @ManyToOne
    @JoinColumn(name = "shipment_id")
    public Shipment shipment;
}
