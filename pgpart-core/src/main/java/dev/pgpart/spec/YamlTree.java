package dev.pgpart.spec;

import dev.pgpart.spec.ConfigNode.Entry;
import dev.pgpart.spec.ConfigNode.Origin;
import dev.pgpart.spec.ConfigNode.Scalar;
import dev.pgpart.spec.ConfigNode.Type;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * YAML text to a {@link ConfigNode} tree with line numbers. Uses snakeyaml-engine's compose API
 * (nodes, not Java objects) with the YAML 1.2 core schema, so {@code NO}, {@code on} and
 * {@code 2024-01-01} stay text and every value keeps its line.
 */
final class YamlTree {
    private final String source;
    private final Map<Node, Boolean> inProgress = new IdentityHashMap<>();

    private YamlTree(String source) {
        this.source = source;
    }

    /** The document's root (empty for an empty file); a syntax error becomes a ConfigException with its line. */
    static Optional<ConfigNode> parse(String yaml, String source) {
        LoadSettings settings = LoadSettings.builder().setLabel(source).setSchema(new CoreSchema())
                .setMaxAliasesForCollections(50).build();
        try {
            Iterator<Node> documents = new Compose(settings).composeAllFromString(yaml).iterator();
            if (!documents.hasNext()) {
                return Optional.empty();
            }
            Node root = documents.next();
            if (documents.hasNext()) {
                Node second = documents.next();
                throw problem(line(second.getStartMark()), source, "the file holds more than one YAML document (---)",
                        "keep one document: remove the second '---' and what follows, or merge it into the first");
            }
            return Optional.of(new YamlTree(source).convert(root));
        } catch (MarkedYamlEngineException e) {
            int line = line(e.getProblemMark().or(e::getContextMark));
            int started = line(e.getContextMark());
            // An unclosed quote or bracket fails at the end of the file; the line where it opened is the useful one.
            String context = e.getContext() == null ? "" : " (" + e.getContext()
                    + (started > 0 && started != line ? " that started at line " + started : "") + ")";
            throw problem(line, source, "YAML syntax error: " + e.getProblem() + context, syntaxFix(e.getProblem()));
        } catch (YamlEngineException e) {
            throw problem(0, source, "YAML error: " + e.getMessage(), "fix the YAML structure");
        }
    }

    private static String syntaxFix(String problem) {
        if (problem != null && problem.contains("\\t")) {
            return "indent with spaces: YAML does not allow tabs for indentation";
        }
        return "fix the YAML near this line: indent nested keys with spaces, put a space after ':',"
                + " and quote values that contain ': ', '#', '{' or start with '\"' or '*'";
    }

    private static ConfigException problem(int line, String source, String problem, String fix) {
        return new ConfigException(List.of(new ConfigProblem(new Origin(source, line).render(), problem, fix)));
    }

    private static int line(Optional<Mark> mark) {
        return mark.map(m -> m.getLine() + 1).orElse(0);
    }

    private ConfigNode convert(Node node) {
        Origin origin = new Origin(source, line(node.getStartMark()));
        if (inProgress.containsKey(node)) {
            // An alias to an enclosing node (&a [*a]) would recurse forever; no setting needs it.
            throw problem(origin.line(), source, "a YAML alias refers to a node that contains it", "remove the recursive alias");
        }
        inProgress.put(node, Boolean.TRUE);
        try {
            if (node instanceof MappingNode) {
                List<Entry> entries = new ArrayList<>();
                for (NodeTuple t : ((MappingNode) node).getValue()) {
                    entries.add(new Entry(key(t.getKeyNode()), convert(t.getValueNode())));
                }
                return new ConfigNode.Mapping(entries, origin);
            }
            if (node instanceof SequenceNode) {
                return new ConfigNode.Sequence(((SequenceNode) node).getValue().stream().map(this::convert).toList(), origin);
            }
            ScalarNode s = (ScalarNode) node;
            return new Scalar(s.getValue(), type(s.getTag()), origin);
        } finally {
            inProgress.remove(node);
        }
    }

    /** Keys are scalars in every pgpart setting; a complex key is reported as unknown text. */
    private Scalar key(Node node) {
        if (node instanceof ScalarNode) {
            return (Scalar) convert(node);
        }
        return new Scalar("<" + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ">", Type.TEXT,
                new Origin(source, line(node.getStartMark())));
    }

    /** The scalar type of a resolved tag (shared with SpecTree, so both type values alike). */
    static Type type(Tag tag) {
        if (tag.equals(Tag.INT)) {
            return Type.INTEGER;
        }
        if (tag.equals(Tag.FLOAT)) {
            return Type.FLOAT;
        }
        if (tag.equals(Tag.BOOL)) {
            return Type.BOOLEAN;
        }
        return tag.equals(Tag.NULL) ? Type.NULL : Type.TEXT;
    }
}
