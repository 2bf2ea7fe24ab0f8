package io.saasql.core.pushdown;

import io.saasql.core.declare.ColumnDef;
import io.saasql.core.declare.FilterDialect;
import io.saasql.core.declare.QueryField;
import io.saasql.core.declare.QueryLanguage;
import io.saasql.core.declare.SqlValues;

import com.google.common.collect.BoundType;
import com.google.common.collect.Range;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUnknownAs;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.Sarg;

import java.util.ArrayList;
import java.util.List;

/**
 * Translates one WHERE conjunct into a clause of a source's query language (through its
 * {@link FilterDialect}), keeping SQL's meaning: the clause the API gets must accept every row
 * the SQL predicate accepts (it may accept more, then it is marked inexact and Calcite re-checks).
 *
 * <p>So: an AND may drop the parts the language cannot say (the rest is a superset); an OR needs
 * every branch; a NOT needs an exact operand (the negation of a superset would be a subset) and is
 * itself marked inexact, because the API may treat NULLs differently. For the same reason
 * {@code <>}, {@code NOT IN} and ranges on text are sent only to APIs that compare text
 * case-exactly ({@link FilterDialect#textCaseExact()}). Pure: no HTTP.
 */
final class ExpressionTranslator {
  private final QueryLanguage language;
  private final RexOperands operands;

  ExpressionTranslator(QueryLanguage language, RexOperands operands) {
    this.language = language;
    this.operands = operands;
  }

  /** The clause for a node, or null when the language cannot carry any part of it safely. */
  FilterDialect.Clause translate(RexNode node) {
    FilterDialect dialect = language.dialect();
    switch (node.getKind()) {
    case AND: {
      List<String> parts = new ArrayList<>();
      boolean exact = true;
      for (RexNode operand : ((RexCall) node).getOperands()) {
        FilterDialect.Clause c = translate(operand);
        if (c == null) {
          exact = false;
        } else {
          parts.add(c.text());
          exact &= c.exact();
        }
      }
      return combine(parts, exact, true);
    }
    case OR: {
      List<String> parts = new ArrayList<>();
      boolean exact = true;
      for (RexNode operand : ((RexCall) node).getOperands()) {
        FilterDialect.Clause c = translate(operand);
        if (c == null) {
          return null;
        }
        parts.add(c.text());
        exact &= c.exact();
      }
      return combine(parts, exact, false);
    }
    case NOT: {
      RexNode operand = ((RexCall) node).getOperands().get(0);
      Target b = operand.getKind() == SqlKind.INPUT_REF ? target(operand) : null;
      if (b != null && b.column.type() == SqlTypeName.BOOLEAN
          && b.field.allows(QueryField.Op.EQ)) {
        // NOT b holds where b is FALSE (not where it is NULL): b = FALSE, exactly.
        return dialect.comparison(b.field, b.column, SqlKind.EQUALS, Boolean.FALSE);
      }
      FilterDialect.Clause c = translate(operand);
      if (c == null || !c.exact()) {
        return null;
      }
      String text = dialect.not(c.text());
      return text == null ? null : new FilterDialect.Clause(text, false);
    }
    case EQUALS:
    case NOT_EQUALS:
    case LESS_THAN:
    case LESS_THAN_OR_EQUAL:
    case GREATER_THAN:
    case GREATER_THAN_OR_EQUAL:
      return comparison((RexCall) node);
    case IS_NULL:
    case IS_NOT_NULL: {
      Target t = target(((RexCall) node).getOperands().get(0));
      if (t == null || !t.field.allows(QueryField.Op.NULL)) {
        return null;
      }
      return dialect.isNull(t.field, t.column, node.getKind() == SqlKind.IS_NULL);
    }
    case INPUT_REF:
    case IS_TRUE: {
      RexNode operand = node instanceof RexCall call ? call.getOperands().get(0) : node;
      Target t = target(operand);
      if (t == null || t.column.type() != SqlTypeName.BOOLEAN
          || !t.field.allows(QueryField.Op.EQ)) {
        return null;
      }
      return dialect.comparison(t.field, t.column, SqlKind.EQUALS, Boolean.TRUE);
    }
    case IS_FALSE: {
      Target t = target(((RexCall) node).getOperands().get(0));
      if (t == null || t.column.type() != SqlTypeName.BOOLEAN
          || !t.field.allows(QueryField.Op.EQ)) {
        return null;
      }
      return dialect.comparison(t.field, t.column, SqlKind.EQUALS, Boolean.FALSE);
    }
    case SEARCH:
      return search((RexCall) node);
    case LIKE:
      return like((RexCall) node);
    default:
      return null;
    }
  }

  private FilterDialect.Clause combine(List<String> parts, boolean exact, boolean and) {
    if (parts.isEmpty()) {
      return null;
    }
    if (parts.size() == 1) {
      return new FilterDialect.Clause(parts.get(0), exact);
    }
    FilterDialect d = language.dialect();
    return new FilterDialect.Clause(and ? d.and(parts) : d.or(parts), exact);
  }

  /** A filterable column and its field. */
  private record Target(ColumnDef column, QueryField field) {}

  private Target target(RexNode node) {
    Integer col = operands.column(node);
    if (col == null) {
      return null;
    }
    ColumnDef column = operands.table().columns().get(col);
    QueryField field = language.field(column.name());
    return field == null ? null : new Target(column, field);
  }

  /**
   * Whether the API compares the target's values as SQL does: always for non-text columns; for
   * text only when the dialect says its comparisons are case-exact. Negations and ranges need it.
   */
  private boolean caseExact(Target t) {
    return SqlValues.family(t.column.type()) != SqlValues.Family.TEXT
        || language.dialect().textCaseExact();
  }

  private FilterDialect.Clause comparison(RexCall call) {
    SqlKind kind = call.getKind();
    Target t = target(call.getOperands().get(0));
    RexNode valueNode = call.getOperands().get(1);
    if (t == null) {
      t = target(call.getOperands().get(1));
      valueNode = call.getOperands().get(0);
      kind = kind.reverse();
    }
    if (t == null) {
      return null;
    }
    QueryField.Op op = switch (kind) {
      case EQUALS -> QueryField.Op.EQ;
      case NOT_EQUALS -> QueryField.Op.NE;
      default -> QueryField.Op.RANGE;
    };
    if (!t.field.allows(op) || (op != QueryField.Op.EQ && !caseExact(t))) {
      return null;
    }
    Comparable<?> value = operands.value(valueNode, t.column.type());
    return value == null ? null : language.dialect().comparison(t.field, t.column, kind, value);
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private FilterDialect.Clause search(RexCall call) {
    Target t = target(call.getOperands().get(0));
    if (t == null || !(call.getOperands().get(1) instanceof RexLiteral literal)) {
      return null;
    }
    Sarg<?> sarg = literal.getValueAs(Sarg.class);
    if (sarg == null) {
      return null;
    }
    FilterDialect d = language.dialect();
    List<String> parts = new ArrayList<>();
    boolean exact = true;
    if (sarg.isPoints() || sarg.isComplementedPoints()) {
      boolean negated = sarg.isComplementedPoints();
      Iterable<? extends Range<?>> ranges =
          negated ? ((Sarg) sarg.negate()).rangeSet.asRanges() : sarg.rangeSet.asRanges();
      List<Comparable<?>> values = new ArrayList<>();
      for (Range<?> r : ranges) {
        Comparable<?> v = RexOperands.sargValue(r.lowerEndpoint());
        if (v == null || !RexOperands.fits(v, SqlValues.family(t.column.type()))) {
          return null;
        }
        values.add(v);
      }
      FilterDialect.Clause c;
      if (negated) {
        // NOT IN also rejects NULL in SQL; the API may keep NULLs, so it is a superset at best.
        c = t.field.allows(QueryField.Op.NOT_IN) && caseExact(t)
            ? d.notIn(t.field, t.column, values) : null;
        if (c == null) {
          return null;
        }
        c = new FilterDialect.Clause(c.text(), false);
      } else {
        if (!t.field.allows(values.size() == 1 ? QueryField.Op.EQ : QueryField.Op.IN)) {
          return null;
        }
        c = d.in(t.field, t.column, values);
        if (c == null) {
          return null;
        }
      }
      parts.add(c.text());
      exact = c.exact();
    } else {
      if (!t.field.allows(QueryField.Op.RANGE) || !caseExact(t)) {
        return null;
      }
      for (Range<?> r : sarg.rangeSet.asRanges()) {
        List<String> bounds = new ArrayList<>();
        if (r.hasLowerBound()) {
          FilterDialect.Clause c = bound(t, r.lowerEndpoint(),
              r.lowerBoundType() == BoundType.CLOSED ? SqlKind.GREATER_THAN_OR_EQUAL
                  : SqlKind.GREATER_THAN);
          if (c == null) {
            return null;
          }
          bounds.add(c.text());
          exact &= c.exact();
        }
        if (r.hasUpperBound()) {
          FilterDialect.Clause c = bound(t, r.upperEndpoint(),
              r.upperBoundType() == BoundType.CLOSED ? SqlKind.LESS_THAN_OR_EQUAL
                  : SqlKind.LESS_THAN);
          if (c == null) {
            return null;
          }
          bounds.add(c.text());
          exact &= c.exact();
        }
        if (bounds.isEmpty()) {
          return null;
        }
        parts.add(bounds.size() == 1 ? bounds.get(0) : d.and(bounds));
      }
    }
    if (sarg.nullAs == RexUnknownAs.TRUE) {
      if (!t.field.allows(QueryField.Op.NULL)) {
        return null;
      }
      FilterDialect.Clause c = d.isNull(t.field, t.column, true);
      if (c == null) {
        return null;
      }
      parts.add(c.text());
      exact &= c.exact();
    }
    return combine(parts, exact, false);
  }

  private FilterDialect.Clause bound(Target t, Object endpoint, SqlKind kind) {
    Comparable<?> v = RexOperands.sargValue(endpoint);
    if (v == null || !RexOperands.fits(v, SqlValues.family(t.column.type()))) {
      return null;
    }
    return language.dialect().comparison(t.field, t.column, kind, v);
  }

  private FilterDialect.Clause like(RexCall call) {
    List<RexNode> ops = call.getOperands();
    Target t = target(ops.get(0));
    if (t == null || SqlValues.family(t.column.type()) != SqlValues.Family.TEXT) {
      return null;
    }
    Comparable<?> p = operands.value(ops.get(1), t.column.type());
    if (!(p instanceof String pattern)) {
      return null;
    }
    Character escape = null;
    if (ops.size() > 2) {
      Comparable<?> e = operands.value(ops.get(2), t.column.type());
      if (!(e instanceof String s) || s.length() != 1) {
        return null;
      }
      escape = s.charAt(0);
    }
    FilterDialect d = language.dialect();
    if (escape == null && pattern.indexOf('_') < 0) {
      // Shapes without single-character wildcards: prefix, suffix, infix, or a plain string.
      String inner = pattern;
      boolean leading = inner.startsWith("%");
      boolean trailing = inner.length() > (leading ? 1 : 0) && inner.endsWith("%");
      inner = inner.substring(leading ? 1 : 0, inner.length() - (trailing ? 1 : 0));
      if (inner.indexOf('%') < 0) {
        QueryField.Op shape = leading && trailing ? QueryField.Op.CONTAINS
            : leading ? QueryField.Op.ENDS_WITH : trailing ? QueryField.Op.STARTS_WITH : null;
        if (shape == null && t.field.allows(QueryField.Op.EQ)) {
          return d.comparison(t.field, t.column, SqlKind.EQUALS, inner);
        }
        if (shape != null && !inner.isEmpty() && t.field.allows(shape)) {
          return d.like(t.field, t.column, shape, inner, null);
        }
      }
    }
    return t.field.allows(QueryField.Op.LIKE)
        ? d.like(t.field, t.column, QueryField.Op.LIKE, pattern, escape) : null;
  }
}
