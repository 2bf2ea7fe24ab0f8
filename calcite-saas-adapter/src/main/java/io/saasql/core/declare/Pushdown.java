package io.saasql.core.declare;

import io.saasql.core.pushdown.FilterTranslator;
import io.saasql.core.pushdown.ValueSet;

import com.google.common.collect.Range;
import org.apache.calcite.avatica.util.DateTimeUtils;
import org.apache.calcite.sql.type.SqlTypeName;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * How a predicate on one column can travel to the API. A table declares a list of these; the
 * {@link FilterTranslator} picks the ones that fit the query. Each one says whether what it sends
 * is exact (the API returns exactly the matching rows, so Calcite need not check again) or a
 * superset (Calcite re-checks).
 */
public sealed interface Pushdown {
  /** The SQL column this pushdown is for. */
  String column();

  /**
   * Renders the column's accepted values as query parameters, or returns null when this pushdown
   * cannot express them. Route-changing pushdowns ({@link KeyLookup}, {@link PathVariable}) are
   * chosen by the translator and return null here.
   */
  default Rendered renderParams(ColumnDef col, ValueSet values) {
    return null;
  }

  /** What a parameter pushdown adds to a request. */
  record Rendered(List<Param> params, boolean exact) {}

  /** One query parameter. */
  record Param(String name, String value) {}

  /**
   * Equality on a key: one GET per value on {@code pathTemplate}, where {@code {}} stands for the
   * URL-encoded value. A 404 means no row. Used when the column is restricted to at most
   * {@code maxKeys} values and the GETs cost no more requests than a listing (see
   * {@link FilterTranslator}). A text key is re-checked by Calcite: an API may answer a key in
   * another case, or a route may take other identifiers too (Backlog's {@code /issues/{idOrKey}}
   * answers {@code /issues/13} with the issue whose id is 13). Numeric keys are exact.
   */
  record KeyLookup(String column, String pathTemplate, int maxKeys) implements Pushdown {}

  /**
   * The list route's path holds the column's value ({@code /projects/{ProjectId}/statuses}): one
   * listing per value when the query restricts the column to values; otherwise one listing per
   * row of {@code parentTable}, taking the value from its column {@code parentColumn} — or, when
   * {@code fixedValues} is not empty, one per fixed value (a schema narrowed to one repository).
   *
   * <p>A column whose JSON path is {@code @} shows the value the rows were listed under. When
   * {@code echo} is set, that value is read from each row instead, at the JSON path {@code echo}
   * (its text after the last {@code /}: Bitbucket's {@code repository.full_name},
   * {@code acme/api}), so that a row never carries a value the API did not return for it: an API
   * may accept other spellings of the value in the path (another case, a UUID for a slug). A
   * value on a text column is therefore never taken as exact; Calcite re-checks the predicate.
   *
   * @param expectedValues how many values the variable usually takes (the parent table's usual
   *                       size), for estimating what a listing costs
   * @param echo           the JSON path in each row that states the value, or null
   * @param parentFlag     a boolean column of {@code parentTable} that is FALSE for parents with
   *                       nothing listed under them (Bitbucket's {@code HasIssues}): those are not
   *                       asked; null when every parent is
   */
  record PathVariable(String column, String parentTable, String parentColumn,
      List<String> fixedValues, double expectedValues, String echo, String parentFlag)
      implements Pushdown {
    public PathVariable {
      fixedValues = List.copyOf(fixedValues);
      if (!(expectedValues >= 1)) {
        throw new IllegalArgumentException(column + ": expected values must be at least 1");
      }
    }

    /** A variable without an echo, taking about ten values. */
    public PathVariable(String column, String parentTable, String parentColumn,
        List<String> fixedValues) {
      this(column, parentTable, parentColumn, fixedValues,
          fixedValues.isEmpty() ? 10 : fixedValues.size(), null, null);
    }

    /** This variable, skipping the parents whose {@code flag} column is FALSE. */
    public PathVariable onlyWhere(String flag) {
      return new PathVariable(column, parentTable, parentColumn, fixedValues, expectedValues,
          echo, flag);
    }
  }

  /**
   * {@code column IN (…)} as a repeatable query parameter, {@code statusId[]=1&statusId[]=2}.
   * {@code exact} is false when the API matches values loosely (case-insensitively); then Calcite
   * re-checks. {@code defaults} are sent when the query does not restrict the column (Bitbucket
   * lists only OPEN pull requests unless asked for every state).
   */
  record MultiValueParam(String column, String param, int maxValues, boolean exact,
      List<String> defaults) implements Pushdown {
    public MultiValueParam {
      defaults = List.copyOf(defaults);
    }

    @Override public Rendered renderParams(ColumnDef col, ValueSet values) {
      List<Comparable> points = values.points();
      if (points == null || points.isEmpty() || values.acceptsNull()
          || points.size() > maxValues) {
        return null;
      }
      List<Param> params = new ArrayList<>();
      for (Comparable<?> v : points) {
        String s = renderScalar(v, col.type());
        if (s == null) {
          return null;
        }
        params.add(new Param(param, s));
      }
      return new Rendered(params, exact);
    }
  }

  /** {@code column = v} as one query parameter, {@code archived=true}. */
  record SingleValueParam(String column, String param) implements Pushdown {
    @Override public Rendered renderParams(ColumnDef col, ValueSet values) {
      List<Comparable> points = values.points();
      if (points == null || points.size() != 1 || values.acceptsNull()) {
        return null;
      }
      String s = renderScalar(points.get(0), col.type());
      return s == null ? null : new Rendered(List.of(new Param(param, s)), true);
    }
  }

  /**
   * A range on a TIMESTAMP or DATE column as day-granular {@code since}/{@code until} parameters
   * ({@code yyyy-MM-dd}). Always a superset that Calcite re-checks: the time of day is not sent,
   * and {@code until} is sent one day past the last accepted day because the API does not document
   * whether it is inclusive.
   */
  record DayRangeParams(String column, String sinceParam, String untilParam) implements Pushdown {
    @Override public Rendered renderParams(ColumnDef col, ValueSet values) {
      if (values.acceptsNull() || values.ranges().isEmpty()) {
        return null;
      }
      Range<Comparable> span = values.span();
      List<Param> params = new ArrayList<>();
      boolean timestamp = SqlValues.family(col.type()) == SqlValues.Family.TIMESTAMP;
      long unit = timestamp ? 1L : 0L; // smallest step of the canonical value
      if (span.hasLowerBound()) {
        long low = ((Number) span.lowerEndpoint()).longValue();
        if (span.lowerBoundType() == com.google.common.collect.BoundType.OPEN) {
          low += timestamp ? unit : 1;
        }
        params.add(new Param(sinceParam, day(low, timestamp).toString()));
      }
      if (span.hasUpperBound()) {
        long high = ((Number) span.upperEndpoint()).longValue();
        if (span.upperBoundType() == com.google.common.collect.BoundType.OPEN) {
          high -= timestamp ? unit : 1;
        }
        params.add(new Param(untilParam, day(high, timestamp).plusDays(1).toString()));
      }
      return params.isEmpty() ? null : new Rendered(params, false);
    }

    private static LocalDate day(long canonical, boolean timestamp) {
      return LocalDate.ofEpochDay(
          timestamp ? Math.floorDiv(canonical, DateTimeUtils.MILLIS_PER_DAY) : canonical);
    }
  }

  /**
   * {@code IS NOT NULL} / {@code IS NULL} as a parameter with a value for each
   * ({@code hasDueDate=true}, {@code parentChild=1}). Exact; used only for exactly those two
   * predicates.
   */
  record NullnessParam(String column, String param, String whenNotNull, String whenNull)
      implements Pushdown {
    @Override public Rendered renderParams(ColumnDef col, ValueSet values) {
      if (values.acceptsNull()) {
        return values.ranges().isEmpty()
            ? new Rendered(List.of(new Param(param, whenNull)), true) : null;
      }
      return values.acceptsAllValues()
          ? new Rendered(List.of(new Param(param, whenNotNull)), true) : null;
    }
  }

  /** A canonical value as parameter text for the column's type; null when it cannot be. */
  static String renderScalar(Comparable<?> v, SqlTypeName type) {
    switch (SqlValues.family(type)) {
    case NUMBER:
      return SqlValues.renderNumber(v, type);
    case TEXT:
      return (String) v;
    case BOOLEAN:
      return v.toString();
    default:
      return null;
    }
  }
}
