package io.saasql.core.declare;

import com.google.common.collect.ImmutableMap;

import java.util.List;
import java.util.Objects;

/**
 * How a list route orders its rows, when a query asks for an order (ORDER BY, mostly with a
 * LIMIT): the columns the API sorts exactly as SQL would, and how the order is sent.
 *
 * <p>A column is sortable here only where the API's order is SQL's: never text (the APIs compare
 * text their own way: without case, by collation), and, unless the request states where NULLs go
 * ({@code statesNulls}), only columns that are never NULL. A listing that fans out over several
 * paths, or GETs by key, is sorted by saasql itself.
 *
 * @param fields      the sortable columns and the API's name for each
 * @param maxKeys     how many ORDER BY keys one request takes
 * @param statesNulls whether the request says where NULLs go (SOQL's NULLS FIRST/LAST)
 * @param renderer    the request parameters of an order; null when the query language carries
 *                    it (the {@link QueryLanguage.Renderer} is given the order)
 */
public record Sorting(ImmutableMap<String, String> fields, int maxKeys, boolean statesNulls,
    Renderer renderer) {

  public Sorting {
    Objects.requireNonNull(fields);
    if (maxKeys < 1) {
      throw new IllegalArgumentException("a sorting takes one key at least");
    }
  }

  /** One ORDER BY key, as the API names the field. */
  public record Key(ColumnDef column, String field, boolean descending, boolean nullsFirst) {}

  /** The request parameters of an order. */
  @FunctionalInterface
  public interface Renderer {
    List<Pushdown.Param> params(List<Key> keys);
  }

  /** The API's name of a sortable column, or null when it cannot be sorted on. */
  public String field(String column) {
    return fields.get(column);
  }

  /** {@code sort=field} ascending, {@code sort=-field} descending (one key): Bitbucket's style. */
  public static Renderer signedParam(String param) {
    return keys -> List.of(new Pushdown.Param(param,
        (keys.get(0).descending() ? "-" : "") + keys.get(0).field()));
  }

  /** {@code sort=field&order=asc|desc} (one key): Backlog's style. */
  public static Renderer fieldAndDirection(String sortParam, String orderParam) {
    return keys -> List.of(new Pushdown.Param(sortParam, keys.get(0).field()),
        new Pushdown.Param(orderParam, keys.get(0).descending() ? "desc" : "asc"));
  }
}
