package dev.pgpart.plan;

import dev.pgpart.api.Bound;
import dev.pgpart.internal.catalog.Catalog;
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.spec.TableSpec;
import java.time.Instant;
import java.util.List;

/** Short ways to run the planner and read its output in assertions. */
final class P {
    private P() {
    }

    static TablePlan plan(TableSpec spec, TableInfo table, Instant now) {
        return plan(spec, Fx.catalog(table), now);
    }

    static TablePlan plan(TableSpec spec, Catalog catalog, Instant now) {
        return new Planner().plan(Fx.specOf(spec), catalog, now).tables().get(0);
    }

    /** Each create as {@code name [from, to)}, {@code name IN (...)} or {@code name %m=r}. */
    static List<String> creates(TablePlan tp) {
        return tp.actions().stream().filter(a -> a instanceof CreatePartition).map(a -> (CreatePartition) a)
                .map(c -> c.partition().name() + " " + text(c.bound())).toList();
    }

    static String text(Bound b) {
        if (b instanceof Bound.Range r) {
            return "[" + r.from().orElse("MINVALUE") + ", " + r.to().orElse("MAXVALUE") + ")";
        }
        if (b instanceof Bound.Hash h) {
            return "%" + h.modulus() + "=" + h.remainder();
        }
        return BoundText.of(b);
    }

    static List<Finding> findings(TablePlan tp, Finding.Kind kind) {
        return tp.findings().stream().filter(f -> f.kind() == kind).toList();
    }

    static List<String> kinds(TablePlan tp) {
        return tp.findings().stream().map(f -> f.kind() + "/" + f.severity()).toList();
    }
}
