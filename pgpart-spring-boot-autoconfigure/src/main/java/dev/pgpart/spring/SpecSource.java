package dev.pgpart.spring;

import dev.pgpart.spec.ConfigException;
import dev.pgpart.spec.ConfigProblem;
import dev.pgpart.spec.Spec;
import dev.pgpart.spec.SpecLoader;
import dev.pgpart.spec.SpecTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;

/** Where the tables come from: {@code pgpart.config} (a pgpart.yml) or {@code pgpart.tables}, never both. */
final class SpecSource {
    static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("pgpart");
    static final ConfigurationPropertyName TABLES = ConfigurationPropertyName.of("pgpart.tables");
    /**
     * pgpart.yml's top-level keys under pgpart.* (pgpart.tables, pgpart.lock_timeout, ...). Other pgpart.*
     * names are the integration's own settings, or someone else's (a -Dpgpart.x system property): not read here.
     */
    private static final List<ConfigurationPropertyName> DOCUMENT = SpecTree.topLevelKeys().stream()
            .map(k -> ConfigurationPropertyName.adapt("pgpart." + k, '.')).toList();

    private SpecSource() {
    }

    static Spec read(Environment env, PgpartProperties props) {
        Map<String, Object> tree = PropertyTree.of(env, ROOT, n -> !document(n));
        Resource config = props.getConfig();
        if (config == null) {
            return SpecTree.read(tree, "application properties", List.of("pgpart"));
        }
        if (!tree.isEmpty()) {
            throw new ConfigException(List.of(new ConfigProblem("pgpart.config", "both pgpart.config (" + config.getDescription()
                    + ") and pgpart.* table settings (" + String.join(", ", tree.keySet()) + ") are set",
                    "keep one: the tables in pgpart.tables, or in the file pgpart.config names")));
        }
        return SpecLoader.parse(text(config), name(config));
    }

    static boolean hasTables(Environment env) {
        return !PropertyTree.of(env, TABLES, n -> false).isEmpty();
    }

    private static boolean document(ConfigurationPropertyName name) {
        return DOCUMENT.stream().anyMatch(k -> k.equals(name) || k.isAncestorOf(name));
    }

    private static String text(Resource r) {
        try {
            return r.getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigProblem("pgpart.config", "cannot read " + r.getDescription() + ": "
                    + e.getClass().getSimpleName() + " " + e.getMessage(),
                    "check the location (classpath:pgpart.yml, file:/path/pgpart.yml) and that it is readable UTF-8")));
        }
    }

    private static String name(Resource r) {
        return r.getFilename() == null ? r.getDescription() : r.getFilename();
    }
}
