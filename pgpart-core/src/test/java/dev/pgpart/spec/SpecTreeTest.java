package dev.pgpart.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecTreeTest {
    private static final String YAML = """
            lock_timeout: 3s
            tables:
              public.orders:
                interval: 1 month
                premake: 3
                retention: 12 months
              public.events:
                list: {eu: [EU, UK], na: [NA]}
                default_partition: true
            """;

    private static Map<String, Object> tree() {
        Map<String, Object> orders = new LinkedHashMap<>();
        orders.put("interval", "1 month");
        orders.put("premake", "3"); // a properties file has text only: typed as YAML would type it
        orders.put("retention", "12 months");
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("eu", List.of("EU", "UK"));
        list.put("na", List.of("NA"));
        Map<String, Object> events = new LinkedHashMap<>();
        events.put("list", list);
        events.put("default_partition", true);
        Map<String, Object> tables = new LinkedHashMap<>();
        tables.put("public.orders", orders);
        tables.put("public.events", events);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("lock_timeout", "3s");
        root.put("tables", tables);
        return root;
    }

    @Test
    void aTreeReadsToTheSameSpecAsTheSameYaml() {
        assertThat(SpecTree.read(tree(), "application.properties", List.of("pgpart")))
                .isEqualTo(SpecLoader.parse(YAML, "pgpart.yml"));
    }

    @Test
    void aProblemInATreeHasTheYamlMessageAndNamesThePropertyWithItsPrefixAndLine() {
        String yaml = "tables:\n  public.orders:\n    interval: fortnight\n";
        ConfigProblem fromYaml = catchThrowableOfType(ConfigException.class, () -> SpecLoader.parse(yaml, "pgpart.yml"))
                .problems().get(0);
        Map<String, Object> tree = Map.of("tables", Map.of("public.orders",
                Map.of("interval", new SpecTree.Located("fortnight", "application.yml", 7))));

        ConfigProblem fromTree = catchThrowableOfType(ConfigException.class,
                () -> SpecTree.read(tree, "application.yml", List.of("pgpart"))).problems().get(0);

        assertThat(fromTree.problem()).isEqualTo(fromYaml.problem());
        assertThat(fromTree.fix()).isEqualTo(fromYaml.fix());
        assertThat(fromTree.where()).isEqualTo("application.yml:7 pgpart.tables.\"public.orders\".interval");
    }

    @Test
    void aBooleanWrittenAsTextInAPropertiesFileIsABooleanAsInYaml() {
        Map<String, Object> tree = Map.of("tables", Map.of("public.events",
                Map.of("list", Map.of("eu", List.of("EU")), "default_partition", "true")));

        assertThat(SpecTree.read(tree, "application.properties", List.of()))
                .isEqualTo(SpecLoader.parse("tables: {public.events: {list: {eu: [EU]}, default_partition: true}}", "x"));
    }
}
