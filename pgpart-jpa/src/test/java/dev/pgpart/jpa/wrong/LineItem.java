package dev.pgpart.jpa.wrong;

import dev.pgpart.jpa.fx.Order;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** Wrong: references a partitioned entity by the id column alone, leaving out its partition key. */
@Entity
@Table(name = "line_items")
public class LineItem {
    @Id
    public Long id;
    @ManyToOne
    @JoinColumn(name = "order_id", referencedColumnName = "id")
    public Order order;
}
