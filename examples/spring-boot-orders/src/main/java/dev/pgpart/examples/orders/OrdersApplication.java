package dev.pgpart.examples.orders;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Orders in monthly partitions, customers in LIST partitions by region; pgpart keeps them maintained.
 * The tables and their settings come from the {@code @Partitioned} entities of this package: the
 * starter reads them, no pgpart.tables needed.
 */
@SpringBootApplication
public class OrdersApplication {
    public static void main(String[] args) {
        SpringApplication.run(OrdersApplication.class, args);
    }
}
