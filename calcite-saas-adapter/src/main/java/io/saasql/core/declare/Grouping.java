package io.saasql.core.declare;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;

import java.util.List;
import java.util.Objects;

/**
 * GROUP BY in a list route's query language (SOQL's aggregate queries): which columns group
 * exactly as SQL does, which aggregate exactly, how many groups one answer may hold, and how the
 * query is written.
 *
 * <p>A column groups exactly when the API cannot merge values SQL keeps apart (text compared
 * without case would): picklists and booleans, whose values are a known list. A query is pushed
 * only when its groups surely fit one answer: the product of the grouped columns' value counts
 * (each plus one for NULL) is at most {@code maxGroups}.
 *
 * @param groupable    groupable columns and how many values each can hold (NULL not counted)
 * @param aggregatable columns SUM, AVG, MIN and MAX take (numbers; AVG of doubles only; MIN and
 *                     MAX of dates and times too)
 * @param maxGroups    the most groups one answer holds (SOQL: 2,000, and no next page)
 * @param renderer     the request parameters of an aggregate query
 */
public record Grouping(ImmutableMap<String, Integer> groupable, ImmutableSet<String> aggregatable,
    int maxGroups, Renderer renderer) {

  public Grouping {
    Objects.requireNonNull(groupable);
    Objects.requireNonNull(aggregatable);
    Objects.requireNonNull(renderer);
  }

  /** The aggregate functions a query language may be asked for. */
  public enum Function { COUNT, COUNT_DISTINCT, SUM, AVG, MIN, MAX }

  /**
   * One aggregate of the query: {@code function(column)}, {@code COUNT(*)} with a null column.
   * Its value is read from the answer under {@code name}.
   */
  public record Call(Function function, ColumnDef column, String name) {}

  /** Writes the request parameters of an aggregate query. */
  @FunctionalInterface
  public interface Renderer {
    /**
     * @param filter  the query-language filter of the WHERE, or null
     * @param groupBy the grouped columns, in order
     * @param calls   the aggregates, in order
     */
    List<Pushdown.Param> params(String filter, List<ColumnDef> groupBy, List<Call> calls);
  }
}
