package dev.pgpart.spec;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of one read, so a user sees all of them in one run. One instance per read. */
final class Problems {
    private final List<ConfigProblem> problems = new ArrayList<>();

    void add(ConfigNode at, ConfigPath path, String problem, String fix) {
        add(at.origin(), path, problem, fix);
    }

    void add(ConfigNode.Origin origin, ConfigPath path, String problem, String fix) {
        String where = path.segments().isEmpty() ? origin.render() : origin.render() + " " + path;
        problems.add(new ConfigProblem(where, path.table(), problem, fix));
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    int size() {
        return problems.size();
    }

    List<ConfigProblem> list() {
        return List.copyOf(problems);
    }
}
