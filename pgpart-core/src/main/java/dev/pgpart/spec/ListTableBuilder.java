package dev.pgpart.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A LIST table: one {@link #partition} per child. */
public final class ListTableBuilder extends TableBuilder<ListTableBuilder> {
    private final BuilderNodes partitions = new BuilderNodes();

    ListTableBuilder() {
        nodes().put("list", partitions.toNode());
    }

    @Override
    ListTableBuilder self() {
        return this;
    }

    /** A child {@code <table>_<suffix>} holding these values. */
    public ListTableBuilder partition(String suffix, String... values) {
        return partition(suffix, Arrays.stream(values).map(Optional::of).toList());
    }

    /** As {@link #partition(String, String...)}; an empty Optional is SQL NULL. */
    public ListTableBuilder partition(String suffix, List<Optional<String>> values) {
        List<ConfigNode> items = values.stream().map(v -> (ConfigNode) v.map(BuilderNodes::text).orElseGet(BuilderNodes::nullValue)).toList();
        partitions.add(suffix, new ConfigNode.Sequence(items, BuilderNodes.ORIGIN));
        nodes().put("list", partitions.toNode());
        return this;
    }

}
