package io.saasql.core.declare;


import org.apache.calcite.sql.SqlKind;

import java.util.List;

/**
 * How one query language (SOQL WHERE, BBQL {@code q}, SCIM {@code filter}) writes predicates:
 * quoting and escaping of values, operators, connectives. Each method returns the clause and
 * whether the API evaluates it exactly as SQL would; a clause the API answers with extra rows
 * (case-insensitive matching, contains for LIKE) is marked inexact and Calcite re-checks it.
 * Methods return null for what the language cannot say. The {@code ExpressionTranslator} only
 * asks for operations the {@link QueryField} allows.
 */
public interface FilterDialect {
  /** A clause and whether the API evaluates it exactly like SQL. */
  record Clause(String text, boolean exact) {}

  /** The language's name as its API documents it ({@code SOQL}, {@code BBQL}, …). */
  String name();

  /**
   * Whether the API compares text exactly as SQL does (case and all). When it does not (SOQL
   * ignores case; BBQL and SCIM do not document case-exact matching), an equality, IN or LIKE on
   * text is still a superset that Calcite re-checks, but a negation ({@code <>}, {@code NOT IN},
   * {@code NOT}) or a range on text would be a subset or an unrelated set, which no re-check can
   * repair: the {@code ExpressionTranslator} then keeps those predicates in Calcite.
   */
  boolean textCaseExact();

  /**
   * {@code field op value} for {@code op} one of EQUALS, NOT_EQUALS, LESS_THAN,
   * LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL; the value is canonical for the
   * column's type (see {@link SqlValues}).
   */
  Clause comparison(QueryField field, ColumnDef column, SqlKind op, Comparable<?> value);

  /** {@code field IN (values)}; by default an OR of equalities. */
  default Clause in(QueryField field, ColumnDef column, List<Comparable<?>> values) {
    if (values.size() == 1) {
      return comparison(field, column, SqlKind.EQUALS, values.get(0));
    }
    List<String> parts = new java.util.ArrayList<>();
    boolean exact = true;
    for (Comparable<?> v : values) {
      Clause c = comparison(field, column, SqlKind.EQUALS, v);
      if (c == null) {
        return null;
      }
      parts.add(c.text());
      exact &= c.exact();
    }
    return new Clause(or(parts), exact);
  }

  /** {@code field NOT IN (values)}, or null (the default) when the language has no such form. */
  default Clause notIn(QueryField field, ColumnDef column, List<Comparable<?>> values) {
    return null;
  }

  /** {@code field IS NULL} ({@code isNull}) or {@code IS NOT NULL}. */
  Clause isNull(QueryField field, ColumnDef column, boolean isNull);

  /**
   * A LIKE: {@code kind} says which shape ({@link QueryField.Op#STARTS_WITH} with the prefix,
   * ENDS_WITH with the suffix, CONTAINS with the infix, or LIKE with the whole SQL pattern, whose
   * only special characters are {@code %} and {@code _}, escaped with {@code escape} when not
   * null).
   */
  Clause like(QueryField field, ColumnDef column, QueryField.Op kind, String text,
      Character escape);

  /** Conjunction of at least two clauses, parenthesised as the language needs. */
  String and(List<String> parts);

  /** Disjunction of at least two clauses, parenthesised as the language needs. */
  String or(List<String> parts);

  /** Negation, or null when the language has none. */
  String not(String part);
}
