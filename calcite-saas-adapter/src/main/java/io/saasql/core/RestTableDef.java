package io.saasql.core;

import com.google.common.collect.ImmutableList;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
 *                     or the listing cost fewer requests
 */
public record RestTableDef(String name, ImmutableList<ColumnDef> columns, String listPath,
    String rowsPointer, Paging paging, ImmutableList<Pushdown> pushdowns, double rowCount,
    String keyColumn, QueryLanguage query, WriteSpec writes, CountRoute count) {

  /**
   * {@code GET path} with a listing's filter parameters (no paging) answers how many rows the
   * listing holds, as the number at the JSON pointer {@code countPointer} (Backlog's
   * {@code GET /issues/count} → {@code {"count": N}}).
   */
  public record CountRoute(String path, String countPointer) {
    public CountRoute {
      Objects.requireNonNull(path);
      Objects.requireNonNull(countPointer);
    }
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
    if (query != null) {
      for (QueryField f : query.fields()) {
        if (indexOf(columns, f.column()) < 0) {
          throw new IllegalArgumentException(name + ": query field on unknown column "
              + f.column());
        }
      }
    }
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

  /** Fluent construction of a {@link RestTableDef}. */
  public static final class Builder {
    private final String name;
    private final ImmutableList.Builder<ColumnDef> columns = ImmutableList.builder();
    private final ImmutableList.Builder<Pushdown> pushdowns = ImmutableList.builder();
    private String listPath;
    private String rowsPointer = "";
    private Paging paging = new Paging.Unpaged();
    private double rowCount = 100;
    private String keyColumn;
    private QueryLanguage query;
    private WriteSpec writes;
    private CountRoute count;

    private Builder(String name) {
      this.name = name;
    }

    public Builder column(String name, SqlTypeName type, String jsonPath) {
      columns.add(ColumnDef.of(name, type, jsonPath));
      return this;
    }

    public Builder list(String path, String rowsPointer, Paging paging) {
      this.listPath = path;
      this.rowsPointer = rowsPointer;
      this.paging = paging;
      return this;
    }

    /** {@code column = v} becomes {@code GET pathTemplate} with {@code {}} replaced by v. */
    public Builder lookup(String column, String pathTemplate, int maxKeys) {
      pushdowns.add(new Pushdown.KeyLookup(column, pathTemplate, maxKeys));
      return this;
    }

    public Builder pathVariable(String column, String parentTable, String parentColumn) {
      pushdowns.add(new Pushdown.PathVariable(column, parentTable, parentColumn, List.of()));
      return this;
    }

    /**
     * A path variable whose values come from {@code parentTable}, usually about
     * {@code expectedValues} of them, and which each row states at the JSON path {@code echo}
     * (null when rows do not say it); see {@link Pushdown.PathVariable}.
     */
    public Builder pathVariable(String column, String parentTable, String parentColumn,
        double expectedValues, String echo) {
      pushdowns.add(new Pushdown.PathVariable(column, parentTable, parentColumn, List.of(),
          expectedValues, echo));
      return this;
    }

    /** A path variable that only ever takes the given values. */
    public Builder pathVariable(String column, List<String> fixedValues) {
      pushdowns.add(new Pushdown.PathVariable(column, null, null, fixedValues));
      return this;
    }

    /**
     * A path variable that only ever takes the given values, for a table usually read under
     * about {@code expectedValues} values (which sizes its row count), stated by each row at
     * {@code echo} (or null).
     */
    public Builder pathVariable(String column, List<String> fixedValues, double expectedValues,
        String echo) {
      pushdowns.add(new Pushdown.PathVariable(column, null, null, fixedValues, expectedValues,
          echo));
      return this;
    }

    /** The route that counts what a listing would return; see {@link CountRoute}. */
    public Builder count(String path, String countPointer) {
      this.count = new CountRoute(path, countPointer);
      return this;
    }

    public Builder multiValue(String column, String param, int maxValues) {
      pushdowns.add(new Pushdown.MultiValueParam(column, param, maxValues, true, List.of()));
      return this;
    }

    /**
     * A repeatable parameter that the API matches loosely ({@code exact} false: Calcite re-checks)
     * or that must carry {@code defaults} when the query does not restrict the column.
     */
    public Builder multiValue(String column, String param, int maxValues, boolean exact,
        List<String> defaults) {
      pushdowns.add(new Pushdown.MultiValueParam(column, param, maxValues, exact, defaults));
      return this;
    }

    public Builder singleValue(String column, String param) {
      pushdowns.add(new Pushdown.SingleValueParam(column, param));
      return this;
    }

    public Builder dayRange(String column, String sinceParam, String untilParam) {
      pushdowns.add(new Pushdown.DayRangeParams(column, sinceParam, untilParam));
      return this;
    }

    public Builder nullness(String column, String param, String whenNotNull, String whenNull) {
      pushdowns.add(new Pushdown.NullnessParam(column, param, whenNotNull, whenNull));
      return this;
    }

    public Builder rowCount(double rowCount) {
      this.rowCount = rowCount;
      return this;
    }

    /** The list route takes its filter in this query language. */
    public Builder query(QueryLanguage query) {
      this.query = query;
      return this;
    }

    /** How the table is written. */
    public Builder writes(WriteSpec writes) {
      this.writes = writes;
      return this;
    }

    public Builder key(String column) {
      this.keyColumn = column;
      return this;
    }

    public RestTableDef build() {
      return new RestTableDef(name, columns.build(), Objects.requireNonNull(listPath, "list route"),
          rowsPointer, paging, pushdowns.build(), rowCount, keyColumn, query, writes, count);
    }
  }
}
