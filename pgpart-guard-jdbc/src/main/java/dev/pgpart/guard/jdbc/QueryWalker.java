package dev.pgpart.guard.jdbc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.Update;

/**
 * Walks one parsed statement scope by scope (each SELECT, the UPDATE or DELETE itself) and records,
 * for every reference to a partitioned table, whether the conditions of its scope (WHERE, the ON of
 * every join, USING columns) constrain its key. A derived table or a CTE that reads a partitioned
 * table without its key is still fine when the outer query constrains the key through it and the
 * planner pushes that down (no LIMIT/OFFSET; a CTE only when referenced once and not MATERIALIZED).
 */
final class QueryWalker {
    /** The outer conditions of a derived table or CTE, under the name the outer query gives it. */
    private record Outer(List<Expression> conditions, String ref, List<String> usingColumns) {
    }

    private record Cte(WithItem<?> item, List<Optional<Outer>> references) {
    }

    private final KeyCatalog catalog;
    private final Map<String, Verdict.Offence> offences = new LinkedHashMap<>();
    private final LinkedHashMap<String, Cte> ctes = new LinkedHashMap<>();
    private final List<String> unjudged = new ArrayList<>();

    QueryWalker(KeyCatalog catalog) {
        this.catalog = catalog;
    }

    List<Verdict.Offence> offences() {
        return List.copyOf(offences.values());
    }

    List<String> unjudged() {
        return List.copyOf(unjudged);
    }

    void select(Select s) {
        select(s, Optional.empty());
        finishCtes();
    }

    void update(Update u) {
        withItems(u.getWithItemsList());
        List<FromItem> items = new ArrayList<>();
        items.add(u.getTable());
        if (u.getFromItem() != null) {
            items.add(u.getFromItem());
        }
        scope(items, joins(u.getStartJoins(), u.getJoins()), u.getWhere(), List.of(), Optional.empty());
        u.getUpdateSets().forEach(set -> set.getValues().forEach(this::subqueries));
        finishCtes();
    }

    void delete(Delete d) {
        withItems(d.getWithItemsList());
        List<FromItem> items = new ArrayList<>();
        items.add(d.getTable());
        if (d.getUsingList() != null) {
            items.addAll(d.getUsingList());
        }
        scope(items, joins(d.getJoins(), null), d.getWhere(), List.of(), Optional.empty());
        finishCtes();
    }

    void insert(Insert i) {
        withItems(i.getWithItemsList());
        if (i.getSelect() != null) {
            select(i.getSelect(), Optional.empty());
        }
        finishCtes();
    }

    private void select(Select s, Optional<Outer> outer) {
        withItems(s.getWithItemsList());
        if (s instanceof PlainSelect ps) {
            plain(ps, outer);
        } else if (s instanceof SetOperationList set) {
            // a qual pushed into a UNION reaches every branch
            set.getSelects().forEach(b -> select(b, outer));
        } else if (s instanceof ParenthesedSelect p) {
            select(p.getSelect(), outer);
        }
    }

    private void plain(PlainSelect ps, Optional<Outer> outer) {
        List<FromItem> items = new ArrayList<>();
        if (ps.getFromItem() != null) {
            items.add(ps.getFromItem());
        }
        boolean pushable = ps.getLimit() == null && ps.getOffset() == null && ps.getFetch() == null;
        Optional<Outer> through = pushable ? outer : Optional.empty();
        scope(items, joins(ps.getJoins(), null), ps.getWhere(), ps.getSelectItems(), through);
        if (ps.getHaving() != null) {
            subqueries(ps.getHaving());
        }
    }

    private void scope(List<FromItem> items, List<Join> joins, Expression where, List<SelectItem<?>> selectItems,
                       Optional<Outer> outer) {
        List<Expression> conditions = new ArrayList<>();
        List<String> using = new ArrayList<>();
        if (where != null) {
            conditions.add(where);
        }
        List<FromItem> all = new ArrayList<>(items);
        collectJoins(joins, all, conditions, using);
        for (FromItem item : List.copyOf(all)) {
            if (item instanceof ParenthesedFromItem nested) {
                all.add(nested.getFromItem());
                collectJoins(joins(nested.getJoins(), null), all, conditions, using);
            }
        }
        Scope scope = new Scope(conditions, using, selectItems, outer);
        all.forEach(item -> fromItem(item, scope));
        conditions.forEach(this::subqueries);
        selectItems.forEach(i -> subqueries(i.getExpression()));
    }

    private record Scope(List<Expression> conditions, List<String> using, List<SelectItem<?>> selectItems,
                         Optional<Outer> outer) {
    }

    private static void collectJoins(List<Join> joins, List<FromItem> items, List<Expression> conditions, List<String> using) {
        for (Join j : joins) {
            items.add(j.getRightItem());
            if (j.getOnExpressions() != null) {
                conditions.addAll(j.getOnExpressions());
            }
            if (j.getUsingColumns() != null) {
                j.getUsingColumns().forEach(c -> using.add(Names.normal(c.getColumnName())));
            }
        }
    }

    private void fromItem(FromItem item, Scope scope) {
        String ref = item.getAlias() != null ? Names.normal(item.getAlias().getName()) : "";
        if (item instanceof Table t) {
            table(t, ref.isEmpty() ? Names.normal(t.getName()) : ref, scope);
        } else if (item instanceof ParenthesedSelect p) {
            select(p.getSelect(), Optional.of(new Outer(scope.conditions(), ref, scope.using())));
        }
    }

    private void table(Table t, String ref, Scope scope) {
        String name = Names.normal(t.getName());
        if (t.getSchemaName() == null && ctes.containsKey(name)) {
            ctes.get(name).references().add(Optional.of(new Outer(scope.conditions(), ref, scope.using())));
            return;
        }
        Optional<String> schema = Optional.ofNullable(t.getSchemaName()).map(Names::normal);
        catalog.resolve(schema, name).ifPresent(keyed -> judge(keyed, ref, scope));
    }

    private void judge(KeyedTable keyed, String ref, Scope scope) {
        if (!keyed.checkableFromText()) {
            unjudged.add(keyed.table() + " is partitioned by an expression (" + keyed.keyText() + ")");
            return;
        }
        List<String> missing = keyed.requiredColumns().stream().filter(c -> !covered(c, ref, scope)).toList();
        if (!missing.isEmpty()) {
            offences.putIfAbsent(keyed.table().toString(), new Verdict.Offence(keyed.table(), keyed.keyText(),
                    "no predicate on " + String.join(", ", missing)));
        }
    }

    private static boolean covered(String column, String ref, Scope scope) {
        if (scope.using().contains(column) || KeyPredicates.constrainsAny(scope.conditions(), ref, column)) {
            return true;
        }
        return scope.outer().filter(o -> exposed(scope.selectItems(), column))
                .map(o -> o.usingColumns().contains(column) || KeyPredicates.constrainsAny(o.conditions(), o.ref(), column))
                .orElse(false);
    }

    /** The column leaves the derived table under its own name: through {@code *} or listed as itself. */
    private static boolean exposed(List<SelectItem<?>> items, String column) {
        for (SelectItem<?> i : items) {
            if (i.getExpression() instanceof AllColumns) {
                return true;
            }
            if (i.getExpression() instanceof Column c && Names.normal(c.getColumnName()).equals(column)
                    && (i.getAlias() == null || Names.normal(i.getAlias().getName()).equals(column))) {
                return true;
            }
        }
        return false;
    }

    /** Subqueries inside an expression (IN, EXISTS, scalar) are scopes of their own. */
    private void subqueries(Expression e) {
        if (e == null) {
            return;
        }
        List<Select> found = new ArrayList<>();
        e.accept(new ExpressionVisitorAdapter<Void>() {
            @Override
            public <S> Void visit(ParenthesedSelect s, S context) {
                found.add(s);
                return null;
            }

            @Override
            public <S> Void visit(Select s, S context) {
                found.add(s);
                return null;
            }
        }, null);
        found.forEach(s -> select(s, Optional.empty()));
    }

    private void withItems(List<WithItem<?>> items) {
        if (items == null) {
            return;
        }
        for (WithItem<?> w : items) {
            ctes.putIfAbsent(Names.normal(w.getAliasName()), new Cte(w, new ArrayList<>()));
        }
    }

    /**
     * Each CTE once all references are known: the outer conditions count only for a CTE PostgreSQL
     * inlines (12+: referenced once, not MATERIALIZED, not recursive, a plain SELECT).
     */
    private void finishCtes() {
        // the last one first: a CTE may read the ones defined before it, which adds their references
        while (!ctes.isEmpty()) {
            String name = List.copyOf(ctes.keySet()).get(ctes.size() - 1);
            Cte cte = ctes.remove(name);
            WithItem<?> w = cte.item();
            boolean inlined = cte.references().size() == 1 && !w.isMaterialized() && !w.isRecursive();
            Optional<Outer> outer = inlined ? cte.references().get(0) : Optional.empty();
            if (w.getSelect() != null) {
                select(w.getSelect(), outer);
            } else {
                unjudged.add("a data-modifying CTE (" + w.getAliasName() + ")");
            }
        }
    }

    private static List<Join> joins(List<Join> a, List<Join> b) {
        List<Join> out = new ArrayList<>();
        if (a != null) {
            out.addAll(a);
        }
        if (b != null) {
            out.addAll(b);
        }
        return out;
    }
}
