package dev.pgpart.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.test.Db;
import dev.pgpart.test.TestPostgres;
import dev.pgpart.testkit.AllowFullScans;
import dev.pgpart.testkit.PartitionGuard;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The partition guard of pgpart-test on a Spring Data repository: the application's DataSource is
 * wrapped, and after each test every statement the repository ran is explained; one that reads more
 * than one month of orders fails the test, unless the test says the full scan is deliberate.
 */
@Timeout(180)
class OrderRepositoryGuardIT {
    @RegisterExtension
    static final PartitionGuard guard = PartitionGuard.maxPartitions(1);

    static ConfigurableApplicationContext app;
    static OrderRepository orders;
    static Instant thisMonth;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(System.getProperty("pgpart.test.pg", "18").equals("18"), "runs on the default PostgreSQL major");
        Db db = Db.create("springguard");
        String url = TestPostgres.jdbcUrl(((PGSimpleDataSource) db.dataSource()).getDatabaseName());
        SpringApplication application = new SpringApplication(OrdersApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        // every statement of the application goes through the guard's recording DataSource
        application.addInitializers(ctx -> ctx.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof DataSource ds ? guard.wrap(ds) : bean;
            }
        }));
        app = application.run("--spring.datasource.url=" + url, "--spring.datasource.username=postgres");
        orders = app.getBean(OrderRepository.class);
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        thisMonth = now.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        orders.save(new Order(1, thisMonth.plusSeconds(3600), "ada", new BigDecimal("10.00")));
        orders.save(new Order(2, now.plusMonths(1).atDay(2).atStartOfDay().toInstant(ZoneOffset.UTC), "ada", new BigDecimal("20.00")));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void ordersOfAMonthAreReadFromOnePartition() {
        Instant next = thisMonth.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
        assertThat(orders.findByCreatedAtGreaterThanEqualAndCreatedAtLessThan(thisMonth, next))
                .extracting(Order::getId).containsExactly(1L);
        // after the test, the guard explains the SELECT Spring Data ran: one partition, it passes
    }

    @Test
    @AllowFullScans("the customer report reads every month on purpose")
    void ordersOfACustomerAreReadFromEveryMonth() {
        assertThat(orders.findByCustomer("ada")).hasSize(2);
    }
}
