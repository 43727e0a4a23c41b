package dev.pgpart.guard.jdbc;

import java.util.List;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.Select;

/**
 * Whether a condition constrains a key column of one table reference the way the planner can prune
 * on: {@code key = value}, {@code <}, {@code <=}, {@code >}, {@code >=}, {@code IN}, {@code = ANY},
 * {@code BETWEEN}, {@code IS NULL}, and row values compared by {@code =} or {@code IN} with the key
 * in one position ({@code (id, key) IN ((?, ?))}, as Hibernate loads a composite identifier), where "value" is a literal, a parameter, a cast of one, a
 * subquery or a column of another table (a join, pruned at run time). Only conjuncts count; an OR
 * counts when each branch does. The column itself must be bare: a function or a cast on it hides it
 * from pruning ({@code date_trunc('day', day) = ?}, {@code day::text = ?}).
 */
final class KeyPredicates {
    private KeyPredicates() {
    }

    /** @param ref how the statement names the table here: its alias, else its name (normalized) */
    static boolean constrains(Expression e, String ref, String column) {
        if (e instanceof AndExpression and) {
            return constrains(and.getLeftExpression(), ref, column) || constrains(and.getRightExpression(), ref, column);
        }
        if (e instanceof OrExpression or) {
            return constrains(or.getLeftExpression(), ref, column) && constrains(or.getRightExpression(), ref, column);
        }
        if (e instanceof Parenthesis p) {
            return constrains(p.getExpression(), ref, column);
        }
        if (e instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
            return constrains(list.get(0), ref, column);
        }
        if (e instanceof NotEqualsTo) {
            return false;
        }
        if (e instanceof EqualsTo eq && (isRow(eq.getLeftExpression()) || isRow(eq.getRightExpression()))) {
            return rowsConstrain(eq.getLeftExpression(), eq.getRightExpression(), ref, column)
                    || rowsConstrain(eq.getRightExpression(), eq.getLeftExpression(), ref, column);
        }
        if (e instanceof InExpression in && isRow(in.getLeftExpression())) {
            return !in.isNot() && rowInConstrains((ExpressionList<?>) in.getLeftExpression(), in.getRightExpression(), ref, column);
        }
        if (e instanceof ComparisonOperator cmp) {
            Expression l = cmp.getLeftExpression();
            Expression r = cmp.getRightExpression();
            return isKey(l, ref, column) && isValue(r, ref) || isKey(r, ref, column) && isValue(l, ref);
        }
        if (e instanceof InExpression in) {
            return !in.isNot() && isKey(in.getLeftExpression(), ref, column) && isValue(in.getRightExpression(), ref);
        }
        if (e instanceof Between b) {
            return !b.isNot() && isKey(b.getLeftExpression(), ref, column);
        }
        if (e instanceof IsNullExpression n) {
            return !n.isNot() && isKey(n.getLeftExpression(), ref, column);
        }
        return false;
    }

    /*
     * Row values, as Hibernate writes a composite identifier: PostgreSQL expands (a, b) = (x, y) into
     * a = x AND b = y and (a, b) IN ((x, y), ...) into an OR of those, so the planner prunes on them.
     * An ordering comparison of rows stays a row comparison, which it does not prune on.
     */
    private static boolean isRow(Expression e) {
        return e instanceof ExpressionList<?> list && list.size() > 1;
    }

    private static boolean rowsConstrain(Expression keys, Expression values, String ref, String column) {
        if (!(keys instanceof ExpressionList<?> k) || !(values instanceof ExpressionList<?> v) || k.size() != v.size()) {
            return false;
        }
        for (int i = 0; i < k.size(); i++) {
            if (isKey(k.get(i), ref, column) && isValue(v.get(i), ref)) {
                return true;
            }
        }
        return false;
    }

    /** Each row on the right must give the key's position a value; a subquery counts as a value, as for a single column. */
    private static boolean rowInConstrains(ExpressionList<?> keys, Expression right, String ref, String column) {
        if (!(right instanceof ExpressionList<?> rows)) {
            return keys.stream().anyMatch(k -> isKey(k, ref, column)) && right instanceof Select && isValue(right, ref);
        }
        return !rows.isEmpty() && rows.stream().allMatch(row -> rowsConstrain(keys, row, ref, column));
    }

    static boolean constrainsAny(List<Expression> conditions, String ref, String column) {
        return conditions.stream().anyMatch(c -> constrains(c, ref, column));
    }

    private static boolean isKey(Expression e, String ref, String column) {
        if (!(e instanceof Column c) || !Names.normal(c.getColumnName()).equals(column)) {
            return false;
        }
        // unqualified: PostgreSQL would refuse an ambiguous column, so it is this table's when it has it
        return c.getTable() == null || c.getTable().getName() == null || Names.normal(c.getTable().getName()).equals(ref);
    }

    /** No column of the table itself (that would compare the key with its own row), no unqualified column. */
    private static boolean isValue(Expression e, String ref) {
        boolean[] own = {false};
        e.accept(new ExpressionVisitorAdapter<Void>() {
            @Override
            public <S> Void visit(Column c, S context) {
                boolean unqualified = c.getTable() == null || c.getTable().getName() == null;
                if (unqualified ? !isKeyword(c) : Names.normal(c.getTable().getName()).equals(ref)) {
                    own[0] = true;
                }
                return null;
            }
        }, null);
        return !own[0];
    }

    /** JSqlParser reads CURRENT_DATE, true and the like as columns. */
    private static boolean isKeyword(Column c) {
        return switch (Names.normal(c.getColumnName())) {
            case "current_date", "current_timestamp", "localtimestamp", "localtime", "current_time", "true", "false",
                 "null" -> true;
            default -> false;
        };
    }
}
