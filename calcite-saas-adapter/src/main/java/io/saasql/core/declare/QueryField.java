package io.saasql.core.declare;

import java.util.EnumSet;
import java.util.Set;

/**
 * A column that a source's query language can filter on: its name in that language
 * ({@code assignee.uuid}, {@code name.family}, {@code CreatedDate}) and the operations the API
 * accepts on it. Declared per table, from the API's documentation.
 *
 * @param column   the SQL column
 * @param apiField the field's name in the query language
 * @param ops      what the API accepts on the field
 */
public record QueryField(String column, String apiField, Set<Op> ops) {
  /** Operations a query language may accept on a field. */
  public enum Op {
    /** {@code =}. */
    EQ,
    /** {@code !=} / {@code <>}. */
    NE,
    /** {@code < <= > >=}. */
    RANGE,
    /** {@code IN (…)}, natively or as an OR of equalities. */
    IN,
    /** {@code NOT IN (…)}. */
    NOT_IN,
    /** {@code IS NULL} / {@code IS NOT NULL}. */
    NULL,
    /** {@code LIKE 'x%'}. */
    STARTS_WITH,
    /** {@code LIKE '%x'}. */
    ENDS_WITH,
    /** {@code LIKE '%x%'}. */
    CONTAINS,
    /** Any LIKE pattern with {@code %} and {@code _}. */
    LIKE
  }

  public QueryField {
    ops = Set.copyOf(ops);
  }

  public static QueryField of(String column, String apiField, Op first, Op... rest) {
    return new QueryField(column, apiField, EnumSet.of(first, rest));
  }

  public boolean allows(Op op) {
    return ops.contains(op);
  }
}
