package io.saasql.core.declare;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The declaration of one REST table: its columns, the list route and where the rows sit in its
 * response, how it pages, which predicates travel to the API and how, and a row-count estimate for
 * the planner. A new table is one of these, not a new class.
 *
 * @param name         SQL table name ({@code Issues})
 * @param columns      the columns, in order
 * @param listPath     list route relative to the source's base URL; may hold one
 *                     {@code {Column}} path variable declared by a {@link Pushdown.PathVariable}
 * @param rowsPointer  JSON pointer to the array of rows in a list response ("" when the response
 *                     is the array itself)
 * @param paging       how the list route pages
 * @param pushdowns    the predicates the API can take, in order of preference per column
 * @param rowCount     estimated number of rows (under every value of the path variable
 *                     together), for join planning and for estimating what a listing costs
 * @param keyColumn    a column whose values are unique, or null
 * @param query        the query language the list route takes its filter in, or null
 * @param writes       how INSERT, UPDATE and DELETE reach the API, or null for a read-only table
 * @param count        a route that counts the rows a listing with the same parameters would
 *                     return, or null; lets a scan learn, for one request, whether per-key GETs
 *                     or the listing cost fewer requests, and answers COUNT(*)
 * @param sorting      how the list route orders rows, or null when it cannot be asked to
 * @param grouping     how the list route's query language groups and aggregates, or null
 */
public record RestTableDef(String name, ImmutableList<ColumnDef> columns, String listPath,
    String rowsPointer, Paging paging, ImmutableList<Pushdown> pushdowns, double rowCount,
    String keyColumn, QueryLanguage query, WriteSpec writes, CountRoute count,
    Sorting sorting, Grouping grouping) {

  /**
   * {@code GET path} with a listing's filter parameters (no paging) answers how many rows the
   * listing holds, as the number at the JSON pointer {@code countPointer} (Backlog's
   * {@code GET /issues/count} → {@code {"count": N}}).
   */
  public record CountRoute(String path, String countPointer, QueryCount query) {
    public CountRoute {
      Objects.requireNonNull(path);
      Objects.requireNonNull(countPointer);
    }

    /** A count route that takes the listing's own filter parameters. */
    public CountRoute(String path, String countPointer) {
      this(path, countPointer, null);
    }
  }

  /**
   * The parameters of a count in a query language, from the listing's filter (null: none):
   * SOQL's {@code q=SELECT COUNT() FROM X WHERE …}.
   */
  @FunctionalInterface
  public interface QueryCount {
    List<Pushdown.Param> params(String filter);
  }

  public RestTableDef {
    Objects.requireNonNull(name);
    for (Pushdown p : pushdowns) {
      if (indexOf(columns, p.column()) < 0) {
        throw new IllegalArgumentException(name + ": pushdown on unknown column " + p.column());
      }
    }
    if (count != null && pushdowns.stream().anyMatch(p -> p instanceof Pushdown.PathVariable)) {
      throw new IllegalArgumentException(name + ": a count route needs a list route without a"
          + " path variable");
    }
    if (sorting != null) {
      for (String column : sorting.fields().keySet()) {
        if (indexOf(columns, column) < 0) {
          throw new IllegalArgumentException(name + ": sortable unknown column " + column);
        }
        SqlValues.Family family = SqlValues.family(columns.get(indexOf(columns, column)).type());
        if (family == SqlValues.Family.TEXT || family == SqlValues.Family.BOOLEAN) {
          throw new IllegalArgumentException(name + "." + column + ": APIs do not order text or"
              + " booleans as SQL does; it cannot be declared sortable");
        }
      }
    }
    if (query != null) {
      for (QueryField f : query.fields()) {
        if (indexOf(columns, f.column()) < 0) {
          throw new IllegalArgumentException(name + ": query field on unknown column "
              + f.column());
        }
      }
    }
  }

  /**
   * The columns that identify a row, in order: the route's path variable, if any (an issue's
   * number is unique in its repository only), then the key; empty when there is no key.
   */
  public List<String> keyColumns() {
    if (keyColumn == null) {
      return List.of();
    }
    List<String> key = new ArrayList<>();
    for (Pushdown p : pushdowns) {
      if (p instanceof Pushdown.PathVariable v && !v.column().equals(keyColumn)) {
        key.add(v.column());
      }
    }
    key.add(keyColumn);
    return List.copyOf(key);
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The position of a column, or -1. */
  public int columnIndex(String column) {
    return indexOf(columns, column);
  }

  public ColumnDef column(String column) {
    int i = columnIndex(column);
    if (i < 0) {
      throw new IllegalArgumentException(name + " has no column " + column);
    }
    return columns.get(i);
  }

  /** The pushdowns declared for a column, in order of preference. */
  public List<Pushdown> pushdownsFor(String column) {
    List<Pushdown> out = new ArrayList<>();
    for (Pushdown p : pushdowns) {
      if (p.column().equals(column)) {
        out.add(p);
      }
    }
    return out;
  }

  private static int indexOf(List<ColumnDef> columns, String column) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(column)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Fluent construction of a {@link RestTableDef}, one column at a time: each
   * {@link #column(String, SqlTypeName, String, String)} is followed by what the API can do with
   * that column — how it is filtered ({@link #filter}, {@link #lookup}, {@link #param} …) and
   * whether a write may set it ({@link #insertable()}, {@link #updatable()}). Filter and write
   * names default to the column's JSON path.
   */
  public static final class Builder {
    private final String name;
    private final ImmutableList.Builder<ColumnDef> columns = ImmutableList.builder();
    private final ImmutableList.Builder<Pushdown> pushdowns = ImmutableList.builder();
    /** Path-variable columns whose parents are skipped where a flag is FALSE. */
    private final Map<String, String> parentFlags = new java.util.HashMap<>();
    private final List<QueryField> fields = new ArrayList<>();
    private final Map<String, String> insertable = new LinkedHashMap<>();
    private final Set<String> required = new LinkedHashSet<>();
    private final Map<String, String> updatable = new LinkedHashMap<>();
    private ColumnDef current;
    private String listPath;
    private String rowsPointer = "";
    private Paging paging = new Paging.Unpaged();
    private double rowCount = 100;
    private String keyColumn;
    private FilterDialect dialect;
    private QueryLanguage.Renderer renderer;
    private int maxFilterLength = QueryLanguage.DEFAULT_MAX_FILTER_LENGTH;
    private WriteSpec.Builder writes;
    private CountRoute count;
    private final ImmutableMap.Builder<String, String> sortFields = ImmutableMap.builder();
    private Sorting sorting;
    private final ImmutableMap.Builder<String, Integer> groupable = ImmutableMap.builder();
    private final ImmutableSet.Builder<String> aggregatable = ImmutableSet.builder();
    private Grouping grouping;

    private Builder(String name) {
      this.name = name;
    }

    /**
     * Declares the next column: its SQL name and type, the dotted JSON path of its value, and a
     * one-line description. The column methods that follow apply to it.
     */
    public Builder column(String name, SqlTypeName type, String jsonPath, String description) {
      current = new ColumnDef(name, type, jsonPath, description);
      columns.add(current);
      return this;
    }

    private ColumnDef current() {
      if (current == null) {
        throw new IllegalStateException(name + ": declare a column first");
      }
      return current;
    }

    // ---- how the current column is filtered ----

    /** The query language filters on this column with these operations, under its JSON path. */
    public Builder filter(QueryField.Op first, QueryField.Op... rest) {
      return filterAs(current().jsonPath(), first, rest);
    }

    /** The query language filters on this column with these operations, as {@code apiField}. */
    public Builder filterAs(String apiField, QueryField.Op first, QueryField.Op... rest) {
      fields.add(new QueryField(current().name(), apiField, EnumSet.of(first, rest)));
      return this;
    }

    /** The query language filters on this column with these operations (none: not at all). */
    public Builder filter(Set<QueryField.Op> ops) {
      if (!ops.isEmpty()) {
        fields.add(new QueryField(current().name(), current().jsonPath(), ops));
      }
      return this;
    }

    /**
     * {@code column = v} (or IN, up to {@code maxKeys} values) becomes {@code GET pathTemplate}
     * with {@code {}} replaced by v.
     */
    public Builder lookup(String pathTemplate, int maxKeys) {
      pushdowns.add(new Pushdown.KeyLookup(current().name(), pathTemplate, maxKeys));
      return this;
    }

    /** {@code =} and {@code IN} become the repeatable parameter {@code param} (≤ maxValues). */
    public Builder param(String param, int maxValues) {
      pushdowns.add(new Pushdown.MultiValueParam(current().name(), param, maxValues, true,
          List.of()));
      return this;
    }

    /**
     * A repeatable parameter that the API matches loosely ({@code exact} false: Calcite re-checks)
     * or that must carry {@code defaults} when the query does not restrict the column.
     */
    public Builder param(String param, int maxValues, boolean exact, List<String> defaults) {
      pushdowns.add(new Pushdown.MultiValueParam(current().name(), param, maxValues, exact,
          defaults));
      return this;
    }

    /** {@code = v} becomes the single parameter {@code param=v}. */
    public Builder singleParam(String param) {
      pushdowns.add(new Pushdown.SingleValueParam(current().name(), param));
      return this;
    }

    /** Ranges become day-granular since / until parameters. */
    public Builder dayRange(String sinceParam, String untilParam) {
      pushdowns.add(new Pushdown.DayRangeParams(current().name(), sinceParam, untilParam));
      return this;
    }

    /** {@code IS NOT NULL} / {@code IS NULL} become {@code param=whenNotNull|whenNull}. */
    public Builder nullness(String param, String whenNotNull, String whenNull) {
      pushdowns.add(new Pushdown.NullnessParam(current().name(), param, whenNotNull, whenNull));
      return this;
    }

    /**
     * The column is the list route's {@code {Column}} path variable, whose values come from
     * {@code parentColumn} of {@code parentTable} (usually about {@code expectedValues} of them)
     * or, when {@code fixedValues} is not empty, only ever those; each row states it at the JSON
     * path {@code echo} (null when rows do not say it). See {@link Pushdown.PathVariable}.
     */
    public Builder pathVariable(String parentTable, String parentColumn, List<String> fixedValues,
        double expectedValues, String echo) {
      pushdowns.add(fixedValues.isEmpty()
          ? new Pushdown.PathVariable(current().name(), parentTable, parentColumn, List.of(),
              expectedValues, echo, null)
          : new Pushdown.PathVariable(current().name(), null, null, fixedValues, expectedValues,
              echo, null));
      return this;
    }

    /** A path variable whose values come from {@code parentColumn} of {@code parentTable}. */
    public Builder pathVariable(String parentTable, String parentColumn, double expectedValues) {
      return pathVariable(parentTable, parentColumn, List.of(), expectedValues, null);
    }

    /** A path variable that only ever takes the given values. */
    public Builder pathVariable(List<String> fixedValues) {
      return pathVariable(null, null, fixedValues, fixedValues.size(), null);
    }

    /**
     * The current column's path variable skips the parents whose boolean column {@code flag} is
     * FALSE (they have nothing to list: Bitbucket's repositories without an issue tracker).
     */
    private ImmutableList<Pushdown> flagged(ImmutableList<Pushdown> all) {
      return ImmutableList.copyOf(all.stream().map(p -> p instanceof Pushdown.PathVariable v
          && parentFlags.containsKey(v.column()) ? v.onlyWhere(parentFlags.get(v.column())) : p)
          .toList());
    }

    public Builder onlyWhereParent(String flag) {
      parentFlags.put(current().name(), flag);
      return this;
    }

    // ---- whether writes may set the current column ----

    /** INSERT may set this column, sent under its JSON path. */
    public Builder insertable() {
      return insertable(current().jsonPath());
    }

    /** INSERT may set this column, sent as the API field {@code field}. */
    public Builder insertable(String field) {
      insertable.put(current().name(), field);
      return this;
    }

    /** An INSERT must give this column (which is insertable under its JSON path). */
    public Builder required() {
      insertable.putIfAbsent(current().name(), current().jsonPath());
      required.add(current().name());
      return this;
    }

    /** UPDATE may set this column, sent under its JSON path. */
    public Builder updatable() {
      return updatable(current().jsonPath());
    }

    /** UPDATE may set this column, sent as the API field {@code field}. */
    public Builder updatable(String field) {
      updatable.put(current().name(), field);
      return this;
    }

    /**
     * The API sorts by this column exactly as SQL does, under the column's JSON path (see
     * {@link Sorting}: not text, and never NULL unless the request states where NULLs go).
     */
    public Builder sortable() {
      return sortable(current().jsonPath());
    }

    /** As {@link #sortable()}, under the API's name {@code field}. */
    public Builder sortable(String field) {
      sortFields.put(current().name(), field);
      return this;
    }

    /**
     * The query language groups by this column exactly, and it holds at most {@code values}
     * distinct values besides NULL (see {@link Grouping}).
     */
    public Builder groupable(int values) {
      groupable.put(current().name(), values);
      return this;
    }

    /** The query language's SUM, AVG, MIN and MAX take this column (see {@link Grouping}). */
    public Builder aggregatable() {
      aggregatable.add(current().name());
      return this;
    }

    /** INSERT and UPDATE may set this column, under its JSON path. */
    public Builder writable() {
      return insertable().updatable();
    }

    // ---- the table ----

    public Builder list(String path, String rowsPointer, Paging paging) {
      this.listPath = path;
      this.rowsPointer = rowsPointer;
      this.paging = paging;
      return this;
    }

    /** The route that counts what a listing would return; see {@link CountRoute}. */
    public Builder count(String path, String countPointer) {
      this.count = new CountRoute(path, countPointer);
      return this;
    }

    /** A count in the table's query language, at {@code path}; see {@link QueryCount}. */
    public Builder count(String path, String countPointer, QueryCount query) {
      this.count = new CountRoute(path, countPointer, Objects.requireNonNull(query));
      return this;
    }

    /**
     * The list route orders rows by up to {@code maxKeys} of the columns declared
     * {@link #sortable}, sent by {@code renderer} (null: in the query language's text).
     */
    public Builder sorting(int maxKeys, boolean statesNulls, Sorting.Renderer renderer) {
      this.sorting = new Sorting(ImmutableMap.of(), maxKeys, statesNulls, renderer);
      return this;
    }

    /**
     * The query language groups and aggregates ({@link #groupable}, {@link #aggregatable}), at
     * most {@code maxGroups} groups per answer, written by {@code renderer}.
     */
    public Builder grouping(int maxGroups, Grouping.Renderer renderer) {
      this.grouping = new Grouping(ImmutableMap.of(), ImmutableSet.of(), maxGroups, renderer);
      return this;
    }

    public Builder rowCount(double rowCount) {
      this.rowCount = rowCount;
      return this;
    }

    /**
     * The list route takes its filter in a query language: written in {@code dialect}, put into
     * request parameters by {@code renderer}; the fields are the columns declared with
     * {@link #filter}.
     */
    public Builder query(FilterDialect dialect, QueryLanguage.Renderer renderer) {
      this.dialect = Objects.requireNonNull(dialect);
      this.renderer = Objects.requireNonNull(renderer);
      return this;
    }

    /** As {@link #query(FilterDialect, QueryLanguage.Renderer)}, with the longest filter sent. */
    public Builder query(FilterDialect dialect, QueryLanguage.Renderer renderer,
        int maxFilterLength) {
      this.maxFilterLength = maxFilterLength;
      return query(dialect, renderer);
    }

    /** How the table is written: its routes; the columns come from the column declarations. */
    public Builder writes(WriteSpec.Builder writes) {
      this.writes = writes;
      return this;
    }

    public Builder key(String column) {
      this.keyColumn = column;
      return this;
    }

    public RestTableDef build() {
      QueryLanguage query = null;
      if (dialect != null) {
        query = new QueryLanguage(dialect, fields, renderer, maxFilterLength);
      } else if (!fields.isEmpty()) {
        throw new IllegalArgumentException(name + ": filter fields " + fields
            + " without a query language");
      }
      WriteSpec spec = null;
      if (writes != null) {
        insertable.forEach(writes::insertable);
        required.forEach(writes::required);
        updatable.forEach(writes::updatable);
        spec = writes.build();
      } else if (!insertable.isEmpty() || !updatable.isEmpty()) {
        throw new IllegalArgumentException(name + ": writable columns without write routes");
      }
      ImmutableMap<String, String> sortable = sortFields.build();
      if (!sortable.isEmpty() && sorting == null) {
        throw new IllegalArgumentException(name + ": sortable columns " + sortable.keySet()
            + " without a sorting (how the order is sent)");
      }
      Sorting sort = sorting == null || sortable.isEmpty() ? null
          : new Sorting(sortable, sorting.maxKeys(), sorting.statesNulls(), sorting.renderer());
      Grouping group = grouping == null ? null : new Grouping(groupable.build(),
          aggregatable.build(), grouping.maxGroups(), grouping.renderer());
      return new RestTableDef(name, columns.build(), Objects.requireNonNull(listPath, "list route"),
          rowsPointer, paging, flagged(pushdowns.build()), rowCount, keyColumn, query, spec, count,
          sort, group);
    }
  }
}
