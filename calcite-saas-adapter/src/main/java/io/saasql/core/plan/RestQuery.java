package io.saasql.core.plan;

import io.saasql.core.declare.ColumnDef;
import io.saasql.core.declare.Grouping;
import io.saasql.core.declare.Pushdown;
import io.saasql.core.declare.RestTableDef;
import io.saasql.core.declare.Sorting;
import io.saasql.core.declare.SqlValues;
import io.saasql.core.http.CallLog;
import io.saasql.core.pushdown.FilterTranslator;
import io.saasql.core.pushdown.RequestPlan;

import com.google.common.collect.ImmutableList;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.function.Function1;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexExecutable;
import org.apache.calcite.rex.RexExecutorImpl;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.sql.type.SqlTypeName;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

/**
 * What a chain of {@link RestRel}s asks of one REST table: the WHERE conjuncts offered to the API
 * (on the table's full row), the columns read, an order, a LIMIT/OFFSET, or aggregates. It is
 * translated into a {@link RequestPlan} while planning, with stand-in values for {@code ?}
 * parameters, for the planner's estimates and for EXPLAIN; and on every execution, with the
 * bound values (and a bind join's keys), to make the requests.
 *
 * <p>The rows are checked here against the conjuncts the request does not answer exactly (a
 * predicate the API cannot express, a {@code NULL} bound to {@code Id = ?}, a pattern with
 * wildcards) before they leave, with the columns those checks read asked of the API too: a
 * query's rows are right whatever part of its filters the API takes.
 */
public final class RestQuery {
  /**
   * Stand-in values for {@code ?} parameters while planning: 900000001 for the first (as a number,
   * or as text, which a number column reads as that number, as it reads bound text).
   */
  private static final long SAMPLE_NUMBER = 900_000_001L;

  private final RestTable table;
  private final RelDataType tableRowType;
  private final ImmutableList<RexNode> filters;
  private final int[] projects;
  /** The order asked of the API, on the table's columns (empty: none). */
  private final ImmutableList<RelFieldCollation> order;
  private final long offset;
  private final Long fetch;
  /** COUNT(*) of the rows instead of the rows. */
  private final boolean count;
  /** GROUP BY these table columns (empty: no grouping) … */
  private final ImmutableList<Integer> groupBy;
  /** … with these aggregates. */
  private final ImmutableList<Grouping.Call> calls;
  /** The types of the grouped query's output columns. */
  private final ImmutableList<SqlTypeName> outputTypes;

  private RestQuery(Builder b) {
    this.table = b.table;
    this.tableRowType = b.tableRowType;
    this.filters = ImmutableList.copyOf(b.filters);
    this.projects = b.projects;
    this.order = ImmutableList.copyOf(b.order);
    this.offset = b.offset;
    this.fetch = b.fetch;
    this.count = b.count;
    this.groupBy = ImmutableList.copyOf(b.groupBy);
    this.calls = ImmutableList.copyOf(b.calls);
    this.outputTypes = ImmutableList.copyOf(b.outputTypes);
  }

  /** Starts a query over a table (the scan calls this). */
  public static Builder builder(RestTable table, RelDataType rowType) {
    return new Builder(table, rowType);
  }

  public RestTable table() {
    return table;
  }

  /** The columns read (null: all of them). */
  int[] projects() {
    return projects;
  }

  /** The request plan for these parameter values. */
  FilterTranslator.Translation translate(IntFunction<Object> parameters) {
    return translate(filters, parameters);
  }

  /** The request plan for these conjuncts (the query's, and join keys) and parameter values. */
  FilterTranslator.Translation translate(List<RexNode> conjuncts,
      IntFunction<Object> parameters) {
    FilterTranslator.Translation t = translate(conjuncts, parameters, projects);
    if (projects != null && !t.handled().containsAll(filters)) {
      // The rows are checked here against what the API does not answer: it returns those
      // columns too.
      java.util.TreeSet<Integer> columns = new java.util.TreeSet<>();
      java.util.Arrays.stream(projects).forEach(columns::add);
      filters.stream().filter(f -> !t.handled().contains(f))
          .forEach(f -> RelOptUtil.InputFinder.bits(f).forEach(columns::add));
      return translate(conjuncts, parameters,
          columns.stream().mapToInt(Integer::intValue).toArray());
    }
    return t;
  }

  private FilterTranslator.Translation translate(List<RexNode> conjuncts,
      IntFunction<Object> parameters, int[] columns) {
    Long rows = fetch == null || count ? null : fetch + offset;
    FilterTranslator.Translation t = FilterTranslator.translate(table.def(), conjuncts, columns,
        parameters, table.schema().pushdownEnabled(), rows, orderKeys());
    if (rows != null && !orderedByTheApi(t.plan())) {
      // saasql sorts these rows itself, so it reads them all: in full pages.
      t = FilterTranslator.translate(table.def(), conjuncts, columns, parameters,
          table.schema().pushdownEnabled(), null, orderKeys());
    }
    return t;
  }

  /** The conjuncts offered to the API (on the table's row). */
  ImmutableList<RexNode> filters() {
    return filters;
  }

  /** The type of the table's row, which the conjuncts read. */
  RelDataType tableRowType() {
    return tableRowType;
  }

  /**
   * Whether the rows can be narrowed to join keys by more conjuncts: nothing but filters and
   * columns (no LIMIT, which keys would change, no grouping or count).
   */
  boolean narrowable() {
    return fetch == null && offset == 0 && !count && groupBy.isEmpty();
  }

  /** The order as the API names it. */
  private List<Sorting.Key> orderKeys() {
    RestTableDef def = table.def();
    List<Sorting.Key> keys = new ArrayList<>();
    for (RelFieldCollation c : order) {
      ColumnDef column = def.columns().get(c.getFieldIndex());
      keys.add(new Sorting.Key(column, def.sorting().field(column.name()),
          c.getDirection().isDescending(), nullsFirst(c)));
    }
    return keys;
  }

  private static boolean nullsFirst(RelFieldCollation c) {
    RelFieldCollation.NullDirection d =
        c.nullDirection == RelFieldCollation.NullDirection.UNSPECIFIED
            ? c.getDirection().defaultNullDirection() : c.nullDirection;
    return d == RelFieldCollation.NullDirection.FIRST;
  }

  /**
   * Whether the API returns the rows in the query's order: a single paged listing asked for it.
   * GETs by key, and listings under several paths, are sorted here.
   */
  private boolean orderedByTheApi(RequestPlan plan) {
    return order.isEmpty() || (table.schema().pushdownEnabled()
        && plan.kind() == RequestPlan.Kind.LIST && plan.targets().size() == 1
        && plan.pathSource() == null);
  }

  /** The requests as EXPLAIN shows them: {@code ?} parameters appear as {@code ?}. */
  String explain() {
    FilterTranslator.Translation t = translate(samples(filters));
    RequestPlan plan = t.plan();
    if (!groupBy.isEmpty()) {
      return grouped(t).toString();
    }
    FilterTranslator.CountRequest counted = count ? FilterTranslator.count(table.def(), t) : null;
    String text = counted != null ? "COUNT GET " + counted.path() + query(counted.params())
        + " (1 request)" : (count ? "COUNT of the rows of " : "") + plan;
    if (counted == null && plan.kind() == RequestPlan.Kind.LIST && plan.pathSource() == null
        && !plan.targets().isEmpty()) {
      var first = table.def().paging().first(plan.targets().get(0).path(), plan.params(),
          plan.fetch());
      text += ", first page " + first.pathOrUrl() + query(first.params());
    }
    if (fetch != null) {
      text += ", rows " + (offset > 0 ? offset + " to " + (offset + fetch) : "up to " + fetch);
    }
    return hideSamples(text, parameterCount(filters));
  }

  /** Stand-in values shown as {@code ?}: the first {@code n} of them. */
  private static String hideSamples(String text, int n) {
    for (int i = n - 1; i >= 0; i--) {
      String sample = Long.toString(SAMPLE_NUMBER + i);
      text = text.replace("'" + sample + "'", "?").replace("\"" + sample + "\"", "?")
          .replace(sample, "?");
    }
    return text;
  }

  /**
   * The requests of a batch of join keys on {@code keyColumns} as EXPLAIN shows them: two keys,
   * each shown as {@code ?}.
   */
  String explainBound(int[] keyColumns) {
    RexBuilder rexBuilder = new RexBuilder(new JavaTypeFactoryImpl());
    List<RexNode> conjuncts = new ArrayList<>(filters);
    List<List<Object>> keys = BindJoin.standIns(tableRowType, keyColumns, 2);
    conjuncts.addAll(BindJoin.keyConjuncts(rexBuilder, tableRowType, keyColumns, keys));
    String text = translate(conjuncts, samples(filters)).plan().toString();
    for (List<Object> key : keys) {
      for (Object v : key) {
        if (v instanceof String s) {
          text = text.replace("'" + s + "'", "?").replace("\"" + s + "\"", "?").replace(s, "?");
        }
      }
    }
    return "per batch of keys: " + hideSamples(text,
        Math.max(parameterCount(filters), keys.size()));
  }

  /**
   * The one request of a grouped query: the listing's route with the query language's aggregate
   * query (grouping is planned only over exact filters without {@code ?}, on tables whose
   * listing is one path).
   */
  private RequestPlan grouped(FilterTranslator.Translation t) {
    RestTableDef def = table.def();
    List<ColumnDef> keys = groupBy.stream().map(i -> def.columns().get(i)).toList();
    List<Pushdown.Param> params = def.grouping().renderer().params(t.queryFilter(), keys, calls);
    List<String> pushed = new ArrayList<>(t.plan().pushed());
    pushed.add("GROUP BY " + String.join(", ", keys.stream().map(ColumnDef::name).toList()));
    return RequestPlan.list(List.of(new RequestPlan.Target(def.listPath(), null)), params, null,
        pushed, RequestPlan.Cost.exact(1));
  }

  /** The answer of a grouped query as a table: the grouped columns, then the aggregates. */
  private RestTableDef groupedAnswer() {
    RestTableDef def = table.def();
    RestTableDef.Builder b = RestTableDef.builder(def.name())
        .list(def.listPath(), def.rowsPointer(), def.paging());
    for (int i = 0; i < groupBy.size(); i++) {
      ColumnDef c = def.columns().get(groupBy.get(i));
      b.column(c.name(), c.type(), c.jsonPath(), c.description());
    }
    for (int i = 0; i < calls.size(); i++) {
      Grouping.Call call = calls.get(i);
      b.column(call.name(), outputTypes.get(groupBy.size() + i), call.name(),
          call.function().name());
    }
    return b.build();
  }

  private static String query(List<Pushdown.Param> params) {
    return params.isEmpty() ? "" : "?" + String.join("&",
        params.stream().map(p -> p.name() + "=" + p.value()).toList());
  }

  /** Runs the query: the requests are made page by page, as the rows are read. */
  public Enumerable<Object[]> run(DataContext root) {
    return run(root, filters, "", table.schema().maxConcurrentRequests());
  }

  /** The {@code ?} values of an execution, by index. */
  static IntFunction<Object> parameters(DataContext root) {
    return i -> root.get("?" + i);
  }

  /**
   * Runs the query with {@code conjuncts} offered to the API (the query's filters, and perhaps
   * join keys); {@code label} tells the call log which part of a statement this is, and at most
   * {@code concurrency} of its paths are read at the same time.
   */
  Enumerable<Object[]> run(DataContext root, List<RexNode> conjuncts, String label,
      int concurrency) {
    IntFunction<Object> parameters = parameters(root);
    AtomicBoolean cancel = DataContext.Variable.CANCEL_FLAG.get(root);
    FilterTranslator.Translation t = translate(conjuncts, parameters);
    List<RexNode> unchecked = new ArrayList<>(filters);
    unchecked.removeAll(t.handled());
    RestTableDef def = table.def();
    RequestPlan plan = t.plan();
    if (!groupBy.isEmpty()) {
      RequestPlan grouped = grouped(t);
      CallLog.CALLS.info("{}.{}: {}", table.schema().name(), def.name(), grouped);
      RestTableDef answer = groupedAnswer();
      return new AbstractEnumerable<>() {
        @Override public Enumerator<Object[]> enumerator() {
          return new RestEnumerator(answer, grouped, table.schema().client(), null, cancel,
              flag -> List.of(), 1);
        }
      };
    }
    if (count) {
      FilterTranslator.CountRequest counted = unchecked.isEmpty() && fetch == null && offset == 0
          ? FilterTranslator.count(def, t) : null;
      if (counted != null || plan.kind() == RequestPlan.Kind.NONE) {
        CallLog.CALLS.info("{}.{}: COUNT {}", table.schema().name(), def.name(),
            counted == null ? "0: " + plan : "GET " + counted.path() + query(counted.params()));
        long n = counted == null ? 0 : table.schema().client().count(counted.path(),
            counted.params(), counted.pointer(), cancel);
        return Linq4j.singletonEnumerable(new Object[] {n});
      }
    }
    boolean sortHere = !orderedByTheApi(plan);
    CallLog.CALLS.info("{}.{}: {}{}{}{}", table.schema().name(), def.name(), label, plan,
        unchecked.isEmpty() ? "" : "; saasql checks " + unchecked,
        sortHere ? "; saasql sorts the rows" : "");
    // Rows are read whole when saasql itself checks or sorts them, and projected after.
    boolean whole = !unchecked.isEmpty() || sortHere;
    int[] read = whole ? null : projects;
    // A LIMIT the API cannot be told (saasql checks or sorts the rows first) may need no more than
    // the first page or path: nothing is read ahead of the rows asked for.
    int ahead = fetch == null ? concurrency : 1;
    Enumerable<Object[]> rows = new AbstractEnumerable<>() {
      @Override public Enumerator<Object[]> enumerator() {
        return new RestEnumerator(def, plan, table.schema().client(), read, cancel,
            flag -> table.schema().parentValues(plan.pathSource(), flag), ahead);
      }
    };
    if (!unchecked.isEmpty()) {
      rows = rows.where(predicate(unchecked, root));
    }
    if (sortHere) {
      rows = rows.orderBy(row -> row, comparator());
    }
    if (whole && projects != null) {
      int[] columns = projects;
      rows = rows.select(row -> {
        Object[] projected = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
          projected[i] = row[columns[i]];
        }
        return projected;
      });
    }
    if (offset > 0) {
      rows = rows.skip((int) offset);
    }
    if (fetch != null) {
      rows = rows.take(fetch.intValue());
    }
    if (count) {
      // The API cannot count this request's rows (GETs by key, several paths): count them here.
      Enumerable<Object[]> counted = rows;
      return Linq4j.singletonEnumerable(new Object[] {(long) counted.count()});
    }
    return rows;
  }

  /**
   * Runs the query for the key tuples of a join only ({@link BindJoin}): in batches, each read
   * with its keys offered to the API as {@code IN} lists and kept to rows of its keys; keys no
   * request carries are read with the query's own filters, once.
   *
   * @param keyColumns the key columns in the table's row
   * @param keyFields  the same columns in this query's rows
   * @param keys       distinct tuples of canonical values ({@link SqlValues}), none NULL
   */
  Enumerable<Object[]> runBound(DataContext root, int[] keyColumns, int[] keyFields,
      java.util.Collection<List<Object>> keys) {
    String name = table.schema().name() + "." + table.def().name();
    if (keys.isEmpty()) {
      CallLog.CALLS.info("{}: bind join without keys: no request", name);
      return Linq4j.emptyEnumerable();
    }
    RexBuilder rexBuilder = new RexBuilder(root.getTypeFactory());
    BindJoin.Batches b = BindJoin.batches(this, rexBuilder, keyColumns, new ArrayList<>(keys),
        parameters(root));
    BindJoin.log(this, keys.size(), b);
    SqlTypeName[] types = BindJoin.types(this, keyColumns);
    List<Enumerable<Object[]>> parts = new ArrayList<>();
    int n = b.batches().size();
    int concurrency = table.schema().maxConcurrentRequests();
    // The plan counted on fewer keys: when their batches would take more requests than reading
    // the side whole, or some keys cannot be sent and the side must be read whole for them
    // anyway, it is read whole, once (a bind join never costs more than not binding).
    double whole = translate(filters, parameters(root)).plan().cost().requests();
    if (n > whole || !b.unsent().isEmpty()) {
      CallLog.CALLS.info("{}: {} keys would take {} requests ({} no request carries), reading it"
          + " whole about {}: read whole", name, keys.size(), n, b.unsent().size(),
          (long) Math.ceil(whole));
      return BindJoin.only(run(root, filters, "keys (" + keys.size() + ", read whole): ",
          concurrency), keyFields, types, new ArrayList<>(keys));
    }
    // Batches run at the same time, each its paths in turn; one batch reads its paths at once.
    int perPart = n > 1 ? 1 : concurrency;
    for (int i = 0; i < n; i++) {
      List<List<Object>> batch = b.batches().get(i);
      List<RexNode> conjuncts = new ArrayList<>(filters);
      conjuncts.addAll(BindJoin.keyConjuncts(rexBuilder, tableRowType, keyColumns, batch));
      String label = "keys " + (i + 1) + "/" + n + " (" + batch.size() + "): ";
      parts.add(BindJoin.only(run(root, conjuncts, label, perPart), keyFields, types, batch));
    }
    return BindJoin.all(parts, concurrency, name);
  }

  /** As {@link #run}, for a query of one column: its values. */
  public Enumerable<Object> runScalar(DataContext root) {
    return run(root).select(row -> row[0]);
  }

  /** Whether a whole row satisfies {@code conjuncts} (compiled once per execution). */
  private org.apache.calcite.linq4j.function.Predicate1<Object[]> predicate(
      List<RexNode> conjuncts, DataContext root) {
    return predicate(conjuncts, tableRowType, root);
  }

  /**
   * Whether a row of {@code rowType} satisfies {@code conjuncts}: compiled once (per execution),
   * with the statement's {@code ?} values.
   */
  static org.apache.calcite.linq4j.function.Predicate1<Object[]> predicate(
      List<RexNode> conjuncts, RelDataType rowType, DataContext root) {
    RexBuilder rexBuilder = new RexBuilder(root.getTypeFactory());
    RexNode condition = RexUtil.composeConjunction(rexBuilder, conjuncts);
    RexExecutable executable = RexExecutorImpl.getExecutable(rexBuilder, List.of(condition),
        rowType);
    Function1<DataContext, Object[]> function = executable.getFunction();
    return row -> {
      Object[] result = function.apply(new RowContext(root, row));
      return result != null && Boolean.TRUE.equals(result[0]);
    };
  }

  /** The query's order over whole rows, NULLs where each key puts them. */
  private Comparator<Object[]> comparator() {
    Comparator<Object[]> all = (a, b) -> 0;
    for (RelFieldCollation c : order) {
      int i = c.getFieldIndex();
      @SuppressWarnings({"unchecked", "rawtypes"})
      Comparator<Object> values = (Comparator) Comparator.naturalOrder();
      if (c.getDirection().isDescending()) {
        values = values.reversed();
      }
      values = nullsFirst(c) ? Comparator.nullsFirst(values) : Comparator.nullsLast(values);
      Comparator<Object> key = values;
      all = all.thenComparing(row -> row[i], key);
    }
    return all;
  }

  /** The query's context with one row as {@code inputRecord}, for generated predicates. */
  private record RowContext(DataContext root, Object[] row) implements DataContext {
    @Override public SchemaPlus getRootSchema() {
      return root.getRootSchema();
    }

    @Override public JavaTypeFactory getTypeFactory() {
      return root.getTypeFactory();
    }

    @Override public QueryProvider getQueryProvider() {
      return root.getQueryProvider();
    }

    @Override public Object get(String name) {
      return "inputRecord".equals(name) ? row : root.get(name);
    }
  }

  /** Stand-in values for the {@code ?} parameters of {@code filters}, by type. */
  static IntFunction<Object> samples(List<RexNode> filters) {
    Map<Integer, SqlTypeName> types = parameterTypes(filters);
    return i -> {
      SqlTypeName type = types.get(i);
      if (type == null) {
        return null;
      }
      return switch (SqlValues.family(type)) {
        case NUMBER -> BigDecimal.valueOf(SAMPLE_NUMBER + i);
        case TEXT -> Long.toString(SAMPLE_NUMBER + i);
        case BOOLEAN -> Boolean.TRUE;
        case TIMESTAMP -> new java.sql.Timestamp(SAMPLE_NUMBER * 1000L + i);
        case DATE -> new java.sql.Date(SAMPLE_NUMBER * 1000L + i * 86_400_000L);
      };
    };
  }

  /** How many {@code ?} parameters (by highest index) expressions hold. */
  static int parameterCount(List<RexNode> filters) {
    TreeMap<Integer, SqlTypeName> types = parameterTypes(filters);
    return types.isEmpty() ? 0 : types.lastKey() + 1;
  }

  /** The {@code ?} parameters of expressions, by index, with their types. */
  private static TreeMap<Integer, SqlTypeName> parameterTypes(List<RexNode> filters) {
    TreeMap<Integer, SqlTypeName> types = new TreeMap<>();
    for (RexNode f : filters) {
      f.accept(new RexVisitorImpl<Void>(true) {
        @Override public Void visitDynamicParam(RexDynamicParam p) {
          types.put(p.getIndex(), p.getType().getSqlTypeName());
          return null;
        }
      });
    }
    return types;
  }

  /** Collects a query while the chain of {@link RestRel}s is visited, scan first. */
  public static final class Builder {
    private final RestTable table;
    private final RelDataType tableRowType;
    private final List<RexNode> filters = new ArrayList<>();
    private final List<RelFieldCollation> order = new ArrayList<>();
    private int[] projects;
    private long offset;
    private Long fetch;
    private boolean count;
    private final List<Integer> groupBy = new ArrayList<>();
    private final List<Grouping.Call> calls = new ArrayList<>();
    private final List<SqlTypeName> outputTypes = new ArrayList<>();

    private Builder(RestTable table, RelDataType tableRowType) {
      this.table = table;
      this.tableRowType = tableRowType;
    }

    /**
     * Offers conjuncts (on the table's row) to the API; the rows are checked here against those
     * the API does not answer exactly when it runs.
     */
    public Builder filter(List<RexNode> offered) {
      filters.addAll(offered);
      return this;
    }

    /** Reads only these columns of the table (positions in the table's row). */
    public Builder project(int[] columns) {
      int[] base = projects;
      int[] mapped = new int[columns.length];
      for (int i = 0; i < columns.length; i++) {
        mapped[i] = base == null ? columns[i] : base[columns[i]];
      }
      projects = mapped;
      return this;
    }

    /** Orders the rows by these keys (positions in the rows as they are now). */
    public Builder sort(RelCollation collation) {
      for (RelFieldCollation c : collation.getFieldCollations()) {
        int column = projects == null ? c.getFieldIndex() : projects[c.getFieldIndex()];
        order.add(c.withFieldIndex(column));
      }
      return this;
    }

    /**
     * GROUP BY these columns (positions in the rows as they are now) with these aggregates, each
     * as the query language's function the planner chose for it ({@link Grouping}).
     */
    public Builder aggregate(ImmutableBitSet groupSet, List<AggregateCall> aggregates,
        List<Grouping.Function> functions, RelDataType rowType) {
      RestTableDef def = table.def();
      for (int key : groupSet) {
        groupBy.add(projects == null ? key : projects[key]);
      }
      for (int i = 0; i < aggregates.size(); i++) {
        AggregateCall call = aggregates.get(i);
        Grouping.Function function = functions.get(i);
        ColumnDef column = call.getArgList().isEmpty() ? null : def.columns().get(
            projects == null ? call.getArgList().get(0) : projects[call.getArgList().get(0)]);
        calls.add(new Grouping.Call(function, column, "agg" + calls.size()));
      }
      rowType.getFieldList().forEach(f -> outputTypes.add(f.getType().getSqlTypeName()));
      return this;
    }

    /** COUNT(*) of the rows instead of the rows. */
    public Builder count() {
      this.count = true;
      return this;
    }

    /** Skips {@code offset} rows and returns at most {@code fetch} (null: all). */
    public Builder limit(long offset, Long fetch) {
      this.offset += offset;
      this.fetch = fetch;
      return this;
    }

    public RestQuery build() {
      return new RestQuery(this);
    }
  }
}
