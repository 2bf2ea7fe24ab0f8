package io.saasql.core.pushdown;

import io.saasql.core.declare.ColumnDef;
import io.saasql.core.declare.FilterDialect;
import io.saasql.core.declare.Paging;
import io.saasql.core.declare.Pushdown;
import io.saasql.core.declare.RestTableDef;
import io.saasql.core.declare.SqlValues;
import io.saasql.core.declare.Sorting;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.Range;
import com.google.common.collect.RangeSet;
import com.google.common.collect.TreeRangeSet;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUnknownAs;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.Sarg;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * The pushdown function: {@code (table declaration, WHERE filters, parameter values) → request
 * plan + the filters the API answers exactly}. Pure: no HTTP and no Calcite runtime, so the same
 * function feeds execution, {@code --verbose} and unit tests.
 *
 * <p>Each filter entry is split into conjuncts; a conjunct is understood when it constrains one
 * column (comparisons with literals or {@code ?} parameters, IN lists and ranges as
 * {@code SEARCH}/Sarg, IS [NOT] NULL, NOT, and AND/OR on that one column, through casts that cannot
 * change the comparison). The constraints of each column are intersected and offered to the
 * column's declared {@link Pushdown}s. A filter entry is reported as handled only when every one
 * of its conjuncts landed on a column whose constraint the request carries exactly; everything
 * else stays for Calcite to check, which is what makes superset pushdown safe.
 *
 * <p>The request plan is chosen by the requests it takes, so that pushdown never costs more than
 * the unfiltered listing the naive adapter makes (give or take the one request that counts a
 * listing). Two plans compete: GETs by key ({@link Pushdown.KeyLookup}: one request per key and
 * per path value, exactly) and the listing with every parameter and query-language clause the
 * API takes (one request per page per path, plus the parent listing of a fan-out). A listing's
 * pages come from its rows: at most the number of values of a unique column it carries exactly
 * (a key filtered to three values is one page), else the declared row count; and from the
 * paging's page size ({@link Paging#requests}). The listing is the unfiltered listing with
 * filters, so it never costs more than that; the GETs are taken when they cost no more than the
 * listing — certainly when they cost at most one request more than the fewest the listing can
 * make (one per path). When only the listing's size can tell, and the table declares a route that
 * counts it ({@link RestTableDef.CountRoute}), the plan is a CHOOSE: count first, then the
 * cheaper of the two ({@link RequestPlan#chosen}); the filters handled are those both answer
 * exactly.
 */
public final class FilterTranslator {
  private FilterTranslator() {}

  /**
   * The result of translation.
   *
   * @param queryFilter the query-language filter the plan's listing carries, or null
   */
  public record Translation(RequestPlan plan, ImmutableList<RexNode> handled,
      String queryFilter) {
    Translation(RequestPlan plan, ImmutableList<RexNode> handled) {
      this(plan, handled, null);
    }
  }

  /** {@code GET path} with {@code params}; the count is the number at {@code pointer}. */
  public record CountRequest(String path, List<Pushdown.Param> params, String pointer) {}

  /**
   * The one request that counts the rows of a translated listing: the table's count route with
   * the listing's filter; null when the table has none or the plan is not one listing.
   */
  public static CountRequest count(RestTableDef table, Translation t) {
    RequestPlan plan = t.plan();
    RestTableDef.CountRoute route = table.count();
    if (route == null || plan.kind() != RequestPlan.Kind.LIST || plan.targets().size() != 1
        || plan.pathSource() != null) {
      return null;
    }
    List<Pushdown.Param> params = route.query() == null ? plan.params()
        : route.query().params(t.queryFilter());
    return new CountRequest(route.path(), params, route.countPointer());
  }

  /**
   * Translates filters for a table.
   *
   * @param table      the table declaration
   * @param filters    the filter entries Calcite offers (on the table's full row type)
   * @param projects   the columns the query needs (null: all), for languages that select fields
   * @param parameters values of {@code ?} parameters by index (null when there are none)
   * @param enabled    false to push nothing (every row fetched, Calcite evaluates everything)
   */
  public static Translation translate(RestTableDef table, List<RexNode> filters, int[] projects,
      IntFunction<Object> parameters, boolean enabled) {
    return translate(table, filters, projects, parameters, enabled, null);
  }

  /**
   * Translates filters for a scan whose rows feed a LIMIT directly: when the API answers every
   * filter exactly, the listing is told that {@code fetch} rows are enough (smaller pages, a
   * LIMIT in the query language); otherwise {@code fetch} is ignored.
   */
  public static Translation translate(RestTableDef table, List<RexNode> filters, int[] projects,
      IntFunction<Object> parameters, boolean enabled, Long fetch) {
    return translate(table, filters, projects, parameters, enabled, fetch, List.of());
  }

  /**
   * Translates filters for a scan whose rows the query wants in {@code order} (keys of columns
   * the table's {@link Sorting} declares): a listing asks the API for that order. Lookups by key
   * are not ordered; the caller sorts what is not a single listing.
   */
  public static Translation translate(RestTableDef table, List<RexNode> filters, int[] projects,
      IntFunction<Object> parameters, boolean enabled, Long fetch, List<Sorting.Key> order) {
    PathVariableRef pathVariable = pathVariable(table);
    if (!enabled) {
      return new Translation(listAll(table, pathVariable, projects), ImmutableList.of());
    }
    Map<Integer, ValueSet> constraints = new LinkedHashMap<>();
    List<List<Integer>> columnsPerEntry = new ArrayList<>();
    List<List<FilterDialect.Clause>> clausesPerEntry = new ArrayList<>();
    RexOperands operands = new RexOperands(table, parameters);
    ExpressionTranslator expressions =
        table.query() == null ? null : new ExpressionTranslator(table.query(), operands);
    for (RexNode entry : filters) {
      List<Integer> columns = new ArrayList<>();
      List<FilterDialect.Clause> clauses = new ArrayList<>();
      for (RexNode conjunct : RelOptUtil.conjunctions(entry)) {
        ColumnConstraint c = new Analyzer(table, operands).analyze(conjunct);
        if (c == null) {
          columns.add(null);
        } else {
          columns.add(c.column);
          constraints.merge(c.column, c.values, ValueSet::and);
        }
        clauses.add(expressions == null ? null : expressions.translate(conjunct));
      }
      columnsPerEntry.add(columns);
      clausesPerEntry.add(clauses);
    }

    for (Map.Entry<Integer, ValueSet> e : constraints.entrySet()) {
      if (e.getValue().isNone()) {
        // Contradictory predicates: no row can match, so no request is needed.
        return new Translation(
            RequestPlan.none(List.of(describe(table, e.getKey(), e.getValue()))),
            ImmutableList.copyOf(filters));
      }
    }

    Conjuncts conjuncts = new Conjuncts(columnsPerEntry, clausesPerEntry);
    Listing listing = listing(table, constraints, conjuncts, projects, pathVariable, order);
    Lookup lookup = cheapestLookup(table, constraints, pathVariable);

    // Per-key GETs or the listing, by the requests each takes. The listing never costs more than
    // the unfiltered listing (it is that listing with filters), so it is always safe; the GETs
    // are taken when they cost no more than it, and when that can only be known from the
    // listing's size, that size is counted first (one request) where the API can count.
    RequestPlan plan;
    Set<Integer> exact;
    boolean queryUsed;
    if (lookup == null || !cheaperOrEqual(lookup, listing)) {
      plan = listing.plan;
      exact = listing.exact;
      queryUsed = listing.queryUsed;
    } else if (lookup.plan.targets().size() <= listing.fewestRequests() + 1
        || table.count() == null || pathVariable != null) {
      // At most one request more than the listing can possibly make, or nothing to count with.
      plan = lookup.plan;
      exact = lookup.exact;
      queryUsed = false;
    } else {
      plan = RequestPlan.choose(table.count().path(), table.count().countPointer(), lookup.plan,
          listing.plan);
      ImmutableList<RexNode> byLookup = handled(filters, conjuncts, lookup.exact, false);
      ImmutableList<RexNode> byListing = handled(filters, conjuncts, listing.exact,
          listing.queryUsed);
      return new Translation(plan, ImmutableList.copyOf(
          byLookup.stream().filter(f -> byListing.stream().anyMatch(g -> g == f)).toList()));
    }

    ImmutableList<RexNode> done = handled(filters, conjuncts, exact, queryUsed);
    if (fetch != null && plan.kind() == RequestPlan.Kind.LIST && done.size() == filters.size()) {
      // Nothing for Calcite to filter: the first `fetch` rows of the listing are the answer.
      List<Pushdown.Param> params = new ArrayList<>(plan.params());
      if (listing.queryParamsAt >= 0) {
        params.subList(listing.queryParamsAt, listing.queryParamsAt + listing.queryParamsCount)
            .clear();
        params.addAll(listing.queryParamsAt,
            table.query().renderer().params(listing.queryFilter, needed(table, projects), order,
                fetch));
      }
      plan = plan.withFetch(fetch, params, table.paging());
    }
    return new Translation(plan, done, queryUsed ? listing.queryFilter : null);
  }

  /** The columns and query-language clauses of each conjunct of each filter entry. */
  private record Conjuncts(List<List<Integer>> columns, List<List<FilterDialect.Clause>> clauses) {
    /**
     * Whether a request carrying the columns in {@code exact} (and the query filter when
     * {@code queryUsed}) answers this conjunct exactly.
     */
    boolean carried(int entry, int conjunct, Set<Integer> exact, boolean queryUsed) {
      Integer col = columns.get(entry).get(conjunct);
      FilterDialect.Clause clause = clauses.get(entry).get(conjunct);
      return (col != null && exact.contains(col))
          || (queryUsed && clause != null && clause.exact());
    }

    /** Whether every conjunct on {@code column} (there is one at least) is carried exactly. */
    boolean carries(int column, Set<Integer> exact, boolean queryUsed) {
      boolean any = false;
      for (int i = 0; i < columns.size(); i++) {
        for (int j = 0; j < columns.get(i).size(); j++) {
          if (Integer.valueOf(column).equals(columns.get(i).get(j))) {
            any = true;
            if (!carried(i, j, exact, queryUsed)) {
              return false;
            }
          }
        }
      }
      return any;
    }
  }

  /** The filter entries whose every conjunct the request answers exactly. */
  private static ImmutableList<RexNode> handled(List<RexNode> filters, Conjuncts conjuncts,
      Set<Integer> exact, boolean queryUsed) {
    ImmutableList.Builder<RexNode> handled = ImmutableList.builder();
    for (int i = 0; i < filters.size(); i++) {
      boolean all = true;
      for (int j = 0; j < conjuncts.columns().get(i).size(); j++) {
        if (!conjuncts.carried(i, j, exact, queryUsed)) {
          all = false;
          break;
        }
      }
      if (all) {
        handled.add(filters.get(i));
      }
    }
    return handled.build();
  }

  /**
   * The listing of a query: every parameter and query-language clause the API takes, under the
   * paths the path variable allows.
   *
   * @param exact     the columns whose constraint the listing answers exactly
   * @param queryUsed whether the listing carries a query-language filter
   */
  private record Listing(RequestPlan plan, Set<Integer> exact, boolean queryUsed,
      String queryFilter, int queryParamsAt, int queryParamsCount) {
    /** The fewest requests the listing can make whatever the data: one per path at least. */
    long fewestRequests() {
      return plan.pathSource() != null ? 1 : plan.targets().size();
    }
  }

  private static Listing listing(RestTableDef table, Map<Integer, ValueSet> constraints,
      Conjuncts conjuncts, int[] projects, PathVariableRef pathVariable,
      List<Sorting.Key> order) {
    Set<Integer> exact = new HashSet<>();
    List<String> pushed = new ArrayList<>();
    List<Pushdown.Param> params = new ArrayList<>();
    for (Map.Entry<Integer, ValueSet> e : constraints.entrySet()) {
      ColumnDef col = table.columns().get(e.getKey());
      boolean anyRendered = false;
      for (Pushdown p : table.pushdownsFor(col.name())) {
        Pushdown.Rendered r = p.renderParams(col, e.getValue());
        if (r == null) {
          continue;
        }
        params.addAll(r.params());
        anyRendered = true;
        if (r.exact()) {
          exact.add(e.getKey());
          break;
        }
      }
      if (anyRendered) {
        pushed.add(describe(table, e.getKey(), e.getValue()));
      }
    }
    String queryFilter = null;
    int queryParamsAt = -1;
    int queryParamsCount = 0;
    if (table.query() != null) {
      List<String> parts = new ArrayList<>();
      for (List<FilterDialect.Clause> clauses : conjuncts.clauses()) {
        for (FilterDialect.Clause c : clauses) {
          if (c != null) {
            parts.add(c.text());
          }
        }
      }
      String filter = parts.isEmpty() ? null
          : parts.size() == 1 ? parts.get(0) : table.query().dialect().and(parts);
      if (filter != null && !table.query().fits(filter)) {
        filter = null; // too long for the API: every predicate is checked by saasql
      }
      List<Pushdown.Param> rendered =
          table.query().renderer().params(filter, needed(table, projects), order, null);
      queryFilter = filter;
      queryParamsAt = params.size();
      queryParamsCount = rendered.size();
      params.addAll(rendered);
      if (filter != null) {
        pushed.add(filter);
      }
    }
    if (!order.isEmpty() && table.sorting() != null && table.sorting().renderer() != null) {
      params.addAll(table.sorting().renderer().params(order));
    }
    // Parameters the API needs even when the query does not restrict their column.
    for (Pushdown p : table.pushdowns()) {
      if (p instanceof Pushdown.MultiValueParam m && !m.defaults().isEmpty()
          && params.stream().noneMatch(x -> x.name().equals(m.param()))) {
        m.defaults().forEach(v -> params.add(new Pushdown.Param(m.param(), v)));
      }
    }
    List<RequestPlan.Target> targets;
    Pushdown.PathVariable source = null;
    if (pathVariable == null) {
      targets = List.of(new RequestPlan.Target(table.listPath(), null));
    } else {
      int col = table.columnIndex(pathVariable.pushdown.column());
      targets = substitute(table, table.listPath(), pathVariable, constraints.get(col));
      List<String> fixed = pathVariable.pushdown.fixedValues();
      if (targets != null && !fixed.isEmpty()) {
        targets = targets.stream().filter(t -> fixed.contains(t.pathValue())).toList();
      }
      if (targets == null && !fixed.isEmpty()) {
        targets = fixed.stream()
            .map(v -> new RequestPlan.Target(
                fill(table.listPath(), pathVariable.pushdown.column(), v), v))
            .toList();
      } else if (targets == null) {
        targets = List.of(new RequestPlan.Target(table.listPath(), null));
        source = pathVariable.pushdown;
      } else {
        if (exactPathValue(table, pathVariable.pushdown)) {
          exact.add(col);
        }
        pushed.add(describe(table, col, constraints.get(col)));
      }
    }
    boolean queryUsed = queryFilter != null;
    RequestPlan.Cost cost = listingCost(table,
        keyBound(table, constraints, conjuncts, exact, queryUsed), targets, source);
    return new Listing(RequestPlan.list(targets, params, source, pushed, cost), exact, queryUsed,
        queryFilter, queryParamsAt, queryParamsCount);
  }

  /**
   * At most how many rows a listing returns per path because it carries exactly a unique column
   * (the table's key, or a column looked up by key) restricted to a few values; null when it
   * carries none.
   */
  private static Integer keyBound(RestTableDef table, Map<Integer, ValueSet> constraints,
      Conjuncts conjuncts, Set<Integer> exact, boolean queryUsed) {
    Set<String> unique = new java.util.LinkedHashSet<>();
    if (table.keyColumn() != null) {
      unique.add(table.keyColumn());
    }
    for (Pushdown p : table.pushdowns()) {
      if (p instanceof Pushdown.KeyLookup k) {
        unique.add(k.column());
      }
    }
    Integer bound = null;
    for (String name : unique) {
      int col = table.columnIndex(name);
      ValueSet values = constraints.get(col);
      List<?> points = values == null || values.acceptsNull() ? null : values.points();
      if (points != null && conjuncts.carries(col, exact, queryUsed)
          && (bound == null || points.size() < bound)) {
        bound = points.size();
      }
    }
    return bound;
  }

  /**
   * What a listing costs: per path, the pages of its rows — at most {@code bound} (see
   * {@link #keyBound}), else the declared row count shared among the path variable's usual
   * values — plus, for a fan-out, the parent listing.
   */
  private static RequestPlan.Cost listingCost(RestTableDef table, Integer bound,
      List<RequestPlan.Target> targets, Pushdown.PathVariable fanOut) {
    PathVariableRef variable = pathVariable(table);
    double paths = variable == null ? 1 : variable.pushdown.expectedValues();
    double rowsPerPath = bound != null ? bound : table.rowCount() / paths;
    long pages = table.paging().requests(rowsPerPath);
    if (fanOut != null) {
      return new RequestPlan.Cost(1 + (long) Math.ceil(paths) * pages,
          RequestPlan.Certainty.ESTIMATED);
    }
    return new RequestPlan.Cost(targets.size() * pages,
        bound != null ? RequestPlan.Certainty.AT_MOST : RequestPlan.Certainty.ESTIMATED);
  }

  /** GETs by key, with what they answer exactly. */
  private record Lookup(RequestPlan plan, Set<Integer> exact) {}

  /** The key lookup with the fewest GETs among those the query allows, or null. */
  private static Lookup cheapestLookup(RestTableDef table, Map<Integer, ValueSet> constraints,
      PathVariableRef pathVariable) {
    Lookup best = null;
    for (Pushdown p : table.pushdowns()) {
      if (p instanceof Pushdown.KeyLookup k) {
        List<RequestPlan.Target> targets =
            lookupTargets(table, k, constraints, pathVariable, k.maxKeys());
        if (targets != null && (best == null || targets.size() < best.plan.targets().size())) {
          Set<Integer> exact = new HashSet<>();
          best = new Lookup(lookupPlan(table, k, constraints, pathVariable, targets, exact), exact);
        }
      }
    }
    return best;
  }

  /** Whether the GETs take no more requests than the listing (at most, or as estimated). */
  private static boolean cheaperOrEqual(Lookup lookup, Listing listing) {
    return lookup.plan.targets().size() <= listing.plan.cost().requests();
  }

  /**
   * Whether a GET by key answers the predicate on the key exactly. A number does; a text key may
   * be matched in another case or as another identifier (Backlog's {@code /issues/13} answers the
   * issue whose id, not key, is 13), so Calcite re-checks the key the API returned.
   */
  private static boolean exactKey(RestTableDef table, int column) {
    return SqlValues.family(table.columns().get(column).type()) != SqlValues.Family.TEXT;
  }

  /**
   * Whether a path value from the query answers the predicate on its column exactly. A number
   * does. Text does when each row states the value it belongs to (an echo): the scan keeps only
   * rows that state exactly the value asked for ({@code /repositories/acme/API/issues} may well
   * list the issues of {@code api}, and so may {@code {its UUID}}). Without an echo the column
   * shows the value the query sent; Calcite's re-check then changes nothing, but nor is anything
   * claimed.
   */
  private static boolean exactPathValue(RestTableDef table, Pushdown.PathVariable variable) {
    return exactKey(table, table.columnIndex(variable.column())) || variable.echo() != null;
  }

  /** The plan that fetches every row: what the naive adapter does. */
  private static RequestPlan listAll(RestTableDef table, PathVariableRef pathVariable,
      int[] projects) {
    List<Pushdown.Param> params = table.query() == null ? List.of()
        : table.query().renderer().params(null, needed(table, projects), List.of(), null);
    List<Pushdown.Param> all = new ArrayList<>(params);
    for (Pushdown p : table.pushdowns()) {
      if (p instanceof Pushdown.MultiValueParam m) {
        m.defaults().forEach(v -> all.add(new Pushdown.Param(m.param(), v)));
      }
    }
    if (pathVariable != null && !pathVariable.pushdown.fixedValues().isEmpty()) {
      List<RequestPlan.Target> targets = pathVariable.pushdown.fixedValues().stream()
          .map(v -> new RequestPlan.Target(
              fill(table.listPath(), pathVariable.pushdown.column(), v), v))
          .toList();
      return RequestPlan.list(targets, all, null, List.of(),
          listingCost(table, null, targets, null));
    }
    List<RequestPlan.Target> targets = List.of(new RequestPlan.Target(table.listPath(), null));
    Pushdown.PathVariable source = pathVariable == null ? null : pathVariable.pushdown;
    return RequestPlan.list(targets, all, source, List.of(),
        listingCost(table, null, targets, source));
  }

  /** The columns a query needs, in table order. */
  private static List<ColumnDef> needed(RestTableDef table, int[] projects) {
    if (projects == null) {
      return table.columns();
    }
    int[] sorted = projects.clone();
    java.util.Arrays.sort(sorted);
    List<ColumnDef> out = new ArrayList<>();
    for (int i : sorted) {
      out.add(table.columns().get(i));
    }
    return out;
  }

  private record PathVariableRef(Pushdown.PathVariable pushdown) {}

  private static PathVariableRef pathVariable(RestTableDef table) {
    for (Pushdown p : table.pushdowns()) {
      if (p instanceof Pushdown.PathVariable v) {
        return new PathVariableRef(v);
      }
    }
    return null;
  }

  /**
   * The path for each value of the path variable, or null when the query does not restrict it to
   * a few values.
   */
  private static List<RequestPlan.Target> substitute(RestTableDef table, String template,
      PathVariableRef ref, ValueSet values) {
    List<String> segments = segments(table, ref.pushdown.column(), values, 50);
    if (segments == null) {
      return null;
    }
    List<RequestPlan.Target> targets = new ArrayList<>();
    for (String s : segments) {
      targets.add(new RequestPlan.Target(fill(template, ref.pushdown.column(), s), s, true));
    }
    return targets;
  }

  private static String fill(String template, String variable, String rawValue) {
    return template.replace("{" + variable + "}", encode(rawValue));
  }

  /** The list path with the path variable set to one value (used for parent fan-out). */
  public static RequestPlan.Target targetFor(RestTableDef table, Pushdown.PathVariable variable,
      Object value) {
    String raw = value.toString();
    return new RequestPlan.Target(fill(table.listPath(), variable.column(), raw), raw);
  }

  /**
   * One GET per key (and per path-variable value when the lookup route holds one), or null when
   * the query does not restrict the key (and the path variable) to at most {@code maxKeys} values.
   */
  private static List<RequestPlan.Target> lookupTargets(RestTableDef table, Pushdown.KeyLookup k,
      Map<Integer, ValueSet> constraints, PathVariableRef pathVariable, int maxKeys) {
    List<String> keys = segments(table, k.column(), constraints.get(table.columnIndex(k.column())),
        maxKeys);
    if (keys == null) {
      return null;
    }
    List<RequestPlan.Target> targets = new ArrayList<>();
    if (pathVariable != null
        && k.pathTemplate().contains("{" + pathVariable.pushdown.column() + "}")) {
      String variable = pathVariable.pushdown.column();
      List<String> values = segments(table, variable,
          constraints.get(table.columnIndex(variable)), maxKeys);
      boolean fromQuery = values != null;
      List<String> fixed = pathVariable.pushdown.fixedValues();
      if (!fixed.isEmpty()) {
        values = values == null ? fixed : values.stream().filter(fixed::contains).toList();
      }
      if (values == null || values.size() * keys.size() > maxKeys) {
        return null;
      }
      for (String v : values) {
        for (String key : keys) {
          targets.add(new RequestPlan.Target(
              fill(k.pathTemplate(), variable, v).replace("{}", encode(key)), v, fromQuery));
        }
      }
    } else {
      for (String key : keys) {
        targets.add(new RequestPlan.Target(k.pathTemplate().replace("{}", encode(key)), null));
      }
    }
    return targets;
  }

  private static RequestPlan lookupPlan(RestTableDef table, Pushdown.KeyLookup k,
      Map<Integer, ValueSet> constraints, PathVariableRef pathVariable,
      List<RequestPlan.Target> targets, Set<Integer> exact) {
    List<String> pushed = new ArrayList<>();
    int col = table.columnIndex(k.column());
    if (exactKey(table, col)) {
      exact.add(col);
    }
    pushed.add(describe(table, col, constraints.get(col)));
    if (pathVariable != null) {
      int pv = table.columnIndex(pathVariable.pushdown.column());
      ValueSet values = constraints.get(pv);
      if (values != null && !targets.isEmpty() && targets.get(0).fromQuery()) {
        if (exactPathValue(table, pathVariable.pushdown)) {
          exact.add(pv);
        }
        pushed.add(describe(table, pv, values));
      }
    }
    return RequestPlan.lookup(targets, pushed);
  }

  /** Raw path values for a column restricted to a few non-null points; null otherwise. */
  private static List<String> segments(RestTableDef table, String column, ValueSet values,
      int max) {
    if (values == null || values.acceptsNull()) {
      return null;
    }
    List<Comparable> points = values.points();
    if (points == null || points.isEmpty() || points.size() > max) {
      return null;
    }
    ColumnDef col = table.column(column);
    List<String> out = new ArrayList<>();
    for (Comparable<?> v : points) {
      String s = Pushdown.renderScalar(v, col.type());
      if (s == null || !usableInPath(s)) {
        return null;
      }
      out.add(s);
    }
    return out;
  }

  /**
   * Whether a value can go into a route as it is. Values with quotes, slashes, backslashes or
   * control characters (or {@code .}/{@code ..}) are not sent in paths: the query falls back to a
   * listing that Calcite filters, so no value can change the route or a filter built into it.
   */
  public static boolean usableInPath(String s) {
    if (s.isBlank() || s.equals(".") || s.equals("..")) {
      return false;
    }
    for (char c : s.toCharArray()) {
      if (c < 0x20 || c == '"' || c == '\\' || c == '/' || c == '?' || c == '#' || c == '%') {
        return false;
      }
    }
    return true;
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * A predicate for people to read: {@code StatusId IN (1, 2)},
   * {@code Created >= 2024-01-01T00:00:00Z}.
   */
  private static String describe(RestTableDef table, int column, ValueSet values) {
    ColumnDef col = table.columns().get(column);
    String name = col.name();
    if (values.isNone()) {
      return name + " matches nothing";
    }
    if (values.ranges().isEmpty()) {
      return name + " IS NULL";
    }
    String orNull = values.acceptsNull() ? " OR " + name + " IS NULL" : "";
    if (values.acceptsAllValues()) {
      return name + " IS NOT NULL" + orNull;
    }
    List<Comparable> points = values.points();
    if (points != null) {
      List<String> shown = new ArrayList<>();
      points.forEach(p -> shown.add(show(p, col)));
      return name + (shown.size() == 1 ? " = " + shown.get(0)
          : " IN (" + String.join(", ", shown) + ")") + orNull;
    }
    List<String> parts = new ArrayList<>();
    for (Range<Comparable> r : values.ranges().asRanges()) {
      List<String> bounds = new ArrayList<>();
      if (r.hasLowerBound()) {
        bounds.add(name + (r.lowerBoundType() == com.google.common.collect.BoundType.CLOSED
            ? " >= " : " > ") + show(r.lowerEndpoint(), col));
      }
      if (r.hasUpperBound()) {
        bounds.add(name + (r.upperBoundType() == com.google.common.collect.BoundType.CLOSED
            ? " <= " : " < ") + show(r.upperEndpoint(), col));
      }
      parts.add(String.join(" AND ", bounds));
    }
    return (parts.size() == 1 ? parts.get(0) : "(" + String.join(" OR ", parts) + ")") + orNull;
  }

  private static String show(Comparable<?> v, ColumnDef col) {
    return switch (SqlValues.family(col.type())) {
      case TEXT -> "'" + v.toString().replace("'", "''") + "'";
      case TIMESTAMP -> SqlValues.isoInstant((Long) v);
      case DATE -> java.time.LocalDate.ofEpochDay((Integer) v).toString();
      case NUMBER -> ((BigDecimal) v).toPlainString();
      case BOOLEAN -> v.toString().toUpperCase(java.util.Locale.ROOT);
    };
  }

  /** A constraint on one column. */
  private record ColumnConstraint(int column, ValueSet values) {}

  /** Turns one conjunct into a single-column constraint, or null when it is not one. */
  private static final class Analyzer {
    private final RestTableDef table;
    private final RexOperands operands;

    Analyzer(RestTableDef table, RexOperands operands) {
      this.table = table;
      this.operands = operands;
    }

    private Integer column(RexNode node) {
      return operands.column(node);
    }

    ColumnConstraint analyze(RexNode node) {
      switch (node.getKind()) {
      case AND:
      case OR: {
        ColumnConstraint acc = null;
        for (RexNode operand : ((RexCall) node).getOperands()) {
          ColumnConstraint c = analyze(operand);
          if (c == null || (acc != null && acc.column != c.column)) {
            return null;
          }
          acc = acc == null ? c : new ColumnConstraint(c.column,
              node.getKind() == SqlKind.AND ? acc.values.and(c.values) : acc.values.or(c.values));
        }
        return acc;
      }
      case NOT: {
        ColumnConstraint c = analyze(((RexCall) node).getOperands().get(0));
        return c == null ? null : new ColumnConstraint(c.column, c.values.negate());
      }
      case IS_NULL:
      case IS_NOT_NULL: {
        Integer col = column(((RexCall) node).getOperands().get(0));
        if (col == null) {
          return null;
        }
        return new ColumnConstraint(col,
            node.getKind() == SqlKind.IS_NULL ? ValueSet.isNull() : ValueSet.isNotNull());
      }
      case INPUT_REF:
      case IS_TRUE:
      case IS_NOT_TRUE:
      case IS_FALSE:
      case IS_NOT_FALSE:
        return booleanColumn(node);
      case EQUALS:
      case NOT_EQUALS:
      case LESS_THAN:
      case LESS_THAN_OR_EQUAL:
      case GREATER_THAN:
      case GREATER_THAN_OR_EQUAL:
        return comparison((RexCall) node);
      case SEARCH:
        return search((RexCall) node);
      default:
        return null;
      }
    }

    private ColumnConstraint booleanColumn(RexNode node) {
      RexNode operand = node instanceof RexCall call ? call.getOperands().get(0) : node;
      Integer col = column(operand);
      if (col == null || table.columns().get(col).type() != SqlTypeName.BOOLEAN) {
        return null;
      }
      ValueSet isTrue = ValueSet.point(Boolean.TRUE);
      ValueSet isFalse = ValueSet.point(Boolean.FALSE);
      ValueSet v = switch (node.getKind()) {
        case INPUT_REF, IS_TRUE -> ValueSet.of(isTrue.ranges(), RexUnknownAs.FALSE);
        case IS_FALSE -> ValueSet.of(isFalse.ranges(), RexUnknownAs.FALSE);
        case IS_NOT_TRUE -> ValueSet.of(isFalse.ranges(), RexUnknownAs.TRUE);
        case IS_NOT_FALSE -> ValueSet.of(isTrue.ranges(), RexUnknownAs.TRUE);
        default -> null;
      };
      return v == null ? null : new ColumnConstraint(col, v);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private ColumnConstraint comparison(RexCall call) {
      RexNode left = call.getOperands().get(0);
      RexNode right = call.getOperands().get(1);
      SqlKind kind = call.getKind();
      Integer col = column(left);
      RexNode valueNode = right;
      if (col == null) {
        col = column(right);
        valueNode = left;
        kind = kind.reverse();
      }
      if (col == null) {
        return null;
      }
      Comparable value = operands.value(valueNode, table.columns().get(col).type());
      if (value == null) {
        return null;
      }
      ValueSet v = switch (kind) {
        case EQUALS -> ValueSet.point(value);
        case NOT_EQUALS -> ValueSet.point(value).negate();
        case LESS_THAN -> ValueSet.range(Range.lessThan(value));
        case LESS_THAN_OR_EQUAL -> ValueSet.range(Range.atMost(value));
        case GREATER_THAN -> ValueSet.range(Range.greaterThan(value));
        case GREATER_THAN_OR_EQUAL -> ValueSet.range(Range.atLeast(value));
        default -> null;
      };
      return v == null ? null : new ColumnConstraint(col, v);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private ColumnConstraint search(RexCall call) {
      Integer col = column(call.getOperands().get(0));
      if (col == null || !(call.getOperands().get(1) instanceof RexLiteral literal)) {
        return null;
      }
      Sarg<?> sarg = literal.getValueAs(Sarg.class);
      if (sarg == null) {
        return null;
      }
      RangeSet<Comparable> converted = TreeRangeSet.create();
      for (Range<?> r : sarg.rangeSet.asRanges()) {
        Comparable lo = null;
        Comparable hi = null;
        if (r.hasLowerBound()) {
          lo = RexOperands.sargValue(r.lowerEndpoint());
          if (lo == null) {
            return null;
          }
        }
        if (r.hasUpperBound()) {
          hi = RexOperands.sargValue(r.upperEndpoint());
          if (hi == null) {
            return null;
          }
        }
        Range<Comparable> c;
        if (lo != null && hi != null) {
          c = Range.range(lo, r.lowerBoundType(), hi, r.upperBoundType());
        } else if (lo != null) {
          c = Range.downTo(lo, r.lowerBoundType());
        } else if (hi != null) {
          c = Range.upTo(hi, r.upperBoundType());
        } else {
          c = Range.all();
        }
        converted.add(c);
      }
      SqlValues.Family want = SqlValues.family(table.columns().get(col).type());
      for (Range<Comparable> r : converted.asRanges()) {
        Comparable any = r.hasLowerBound() ? r.lowerEndpoint()
            : r.hasUpperBound() ? r.upperEndpoint() : null;
        if (any != null && !RexOperands.fits(any, want)) {
          return null;
        }
      }
      return new ColumnConstraint(col, ValueSet.of(converted, sarg.nullAs));
    }
  }
}
