package io.saasql.core.declare;

import java.util.List;
import java.util.Objects;

/**
 * A list route that takes its filter in a query language: the dialect, the filterable fields,
 * and how the filter (and the selected columns) become request parameters, e.g. {@code q=…} for
 * BBQL, {@code filter=…} for SCIM, {@code q=SELECT … FROM … WHERE …} for SOQL.
 *
 * @param dialect  how predicates are written
 * @param fields   the filterable columns and what the API accepts on each
 * @param renderer builds the request parameters
 * @param maxFilterLength the longest filter the API accepts (SOQL: 4,000 characters); a longer
 *                 one is not sent at all and saasql checks every predicate itself. Whatever the
 *                 language, a filter also travels in a URL: it is sent only while its URL-encoded
 *                 form fits {@value #MAX_ENCODED_FILTER_LENGTH} characters (see {@link #fits})
 */
public record QueryLanguage(FilterDialect dialect, List<QueryField> fields, Renderer renderer,
    int maxFilterLength) {
  /** Builds the request parameters of a listing from the filter and the needed columns. */
  @FunctionalInterface
  public interface Renderer {
    /**
     * @param filter  the combined filter, or null when nothing is pushed
     * @param columns the SQL columns the query needs, in table order
     * @param order   the order the query asks of the API ({@link Sorting} without a renderer),
     *                empty for none
     * @param limit   at most how many rows the query needs (the API may be told), or null
     */
    List<Pushdown.Param> params(String filter, List<ColumnDef> columns, List<Sorting.Key> order,
        Long limit);
  }

  public QueryLanguage {
    Objects.requireNonNull(dialect);
    fields = List.copyOf(fields);
    Objects.requireNonNull(renderer);
  }

  /** The longest filter sent to a language without a documented limit (URLs still bound it). */
  public static final int DEFAULT_MAX_FILTER_LENGTH = 8000;

  /**
   * The longest URL-encoded filter sent: many servers and proxies refuse request lines over
   * 8 KB (8,190 bytes in Apache and nginx: 414 URI Too Long); the route and the other parameters
   * fit in what is left.
   */
  public static final int MAX_ENCODED_FILTER_LENGTH = 8000;

  /**
   * Whether the API takes this filter: at most {@link #maxFilterLength} characters, and at most
   * {@value #MAX_ENCODED_FILTER_LENGTH} once URL-encoded (counted as a query parameter value is
   * encoded: every byte of its UTF-8 form but letters, digits and {@code -._~} as three).
   */
  public boolean fits(String filter) {
    if (filter.length() > maxFilterLength) {
      return false;
    }
    long encoded = 0;
    for (byte b : filter.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      boolean plain = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
          || b == '-' || b == '.' || b == '_' || b == '~';
      encoded += plain ? 1 : 3;
    }
    return encoded <= MAX_ENCODED_FILTER_LENGTH;
  }

  /** A query language without a documented length limit. */
  public QueryLanguage(FilterDialect dialect, List<QueryField> fields, Renderer renderer) {
    this(dialect, fields, renderer, DEFAULT_MAX_FILTER_LENGTH);
  }

  /** A renderer that puts the filter, when there is one, in one parameter. */
  public static Renderer filterParam(String name) {
    return (filter, columns, order, limit) ->
        filter == null ? List.of() : List.of(new Pushdown.Param(name, filter));
  }

  /** The field for a SQL column, or null when the column cannot be filtered on. */
  public QueryField field(String column) {
    for (QueryField f : fields) {
      if (f.column().equals(column)) {
        return f;
      }
    }
    return null;
  }
}
