package dev.pgpart.guard.jdbc;

import java.util.List;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;

/**
 * Whether a condition constrains a key column of one table reference the way the planner can prune
 * on: {@code key = value}, {@code <}, {@code <=}, {@code >}, {@code >=}, {@code IN}, {@code = ANY},
 * {@code BETWEEN}, {@code IS NULL}, where "value" is a literal, a parameter, a cast of one, a
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
