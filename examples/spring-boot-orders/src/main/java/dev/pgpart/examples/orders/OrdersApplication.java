package dev.pgpart.examples.orders;

import dev.pgpart.jpa.PartitionedEntities;
import dev.pgpart.spec.Spec;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** Orders in monthly partitions, customers in LIST partitions by region; pgpart keeps them maintained. */
@SpringBootApplication
public class OrdersApplication {
    /** The partitioned tables and their settings, as the entities declare them (no pgpart.tables needed). */
    @Bean
    Spec pgpartSpec() {
        return PartitionedEntities.spec(List.of(Order.class, Customer.class));
    }

    public static void main(String[] args) {
        SpringApplication.run(OrdersApplication.class, args);
    }
}
