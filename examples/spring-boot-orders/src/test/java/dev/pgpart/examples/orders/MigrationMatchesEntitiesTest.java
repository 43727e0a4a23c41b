package dev.pgpart.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.api.TableDdl;
import dev.pgpart.jpa.DdlGenerator;
import dev.pgpart.jpa.Migration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed Flyway migrations are what {@code pgpart ddl} makes of the entities today: change an
 * entity without regenerating, and this fails. Regenerate (from examples/spring-boot-orders, after
 * {@code mvn compile}) with:
 * <pre>
 * pgpart ddl --classpath target/classes --package dev.pgpart.examples.orders \
 *     --flyway src/main/resources/db/migration --no-initial-partitions
 * </pre>
 * (delete the old create_partitioned files first: an existing one is kept, never renumbered).
 */
class MigrationMatchesEntitiesTest {
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

    @Test
    void theCommittedMigrationsAreExactlyWhatPgpartDdlGeneratesFromTheEntities() throws IOException {
        // no initial partitions, so the instant plays no part: the first maintain (at startup) creates them
        List<Migration> generated = DdlGenerator.generate(List.of(Customer.class, Order.class), Map.of(),
                TableDdl.Initial.NONE, Instant.EPOCH);
        List<Path> files;
        try (Stream<Path> s = Files.list(MIGRATIONS)) {
            files = s.filter(p -> p.getFileName().toString().contains("__create_partitioned_")).sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("V1__create_partitioned_customers.sql", "V2__create_partitioned_orders.sql");
        for (int i = 0; i < generated.size(); i++) {
            assertThat(Files.readString(files.get(i), StandardCharsets.UTF_8))
                    .as("%s differs from what pgpart ddl generates from %s: regenerate it (see this test's javadoc)",
                            files.get(i), generated.get(i).entity().getName())
                    .isEqualTo(generated.get(i).sql());
        }
    }
}
