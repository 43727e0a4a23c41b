package dev.pgpart.examples.orders;

import java.time.Instant;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface OrderRepository extends JpaRepository<Order, Order.Key> {
    /** Carries the partition key: PostgreSQL reads only the months in the range. */
    List<Order> findByCreatedAtGreaterThanEqualAndCreatedAtLessThan(Instant from, Instant to);

    /** No partition key: reads every month (a report, on purpose). */
    List<Order> findByCustomer(String customer);
}
