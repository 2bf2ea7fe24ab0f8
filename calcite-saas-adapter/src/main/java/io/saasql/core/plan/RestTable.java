package io.saasql.core.plan;

import io.saasql.core.declare.ColumnDef;
import io.saasql.core.declare.Pushdown;
import io.saasql.core.declare.RestSchema;
import io.saasql.core.declare.RestTableDef;
import io.saasql.core.pushdown.FilterTranslator;
import io.saasql.core.pushdown.RequestPlan;
import io.saasql.core.write.RestLogicalModify;

import com.google.common.base.Suppliers;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.Queryable;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ModifiableTable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Schemas;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.util.ImmutableBitSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A Calcite table over a REST list route, built from a {@link RestTableDef}. The planner turns it
 * into a {@link RestTableScan}, pushes what the API answers into REST expressions above it
 * ({@link RestRules}), and {@link RestToEnumerableConverter} runs the resulting {@link RestQuery}:
 * translated into a {@link RequestPlan} with the bound values of {@code ?} parameters on every
 * execution, and read page by page. Writes go through the API's write routes
 * ({@link RestLogicalModify}).
 */
public class RestTable extends AbstractTable implements TranslatableTable, ModifiableTable {
  private static final Logger LOG = LoggerFactory.getLogger(RestTable.class);

  private final Supplier<RestTableDef> declaration;
  private final RestSchema schema;
  private final Map<List<Integer>, Integer> capacities = new ConcurrentHashMap<>();
  private final Map<List<Object>, Double> batchRequests = new ConcurrentHashMap<>();

  public RestTable(RestTableDef def, RestSchema schema) {
    this(() -> def, schema);
  }

  /**
   * A table whose declaration is made on first use (Salesforce describes an object only when a
   * query needs it); the supplier is called at most once.
   */
  public RestTable(Supplier<RestTableDef> declaration, RestSchema schema) {
    this.declaration = Suppliers.memoize(declaration::get)::get;
    this.schema = schema;
  }

  public RestSchema schema() {
    return schema;
  }

  public RestTableDef def() {
    return declaration.get();
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder b = typeFactory.builder();
    for (ColumnDef c : def().columns()) {
      b.add(c.name(), c.type()).nullable(true);
    }
    return b.build();
  }

  /**
   * The row-count estimate, and the key: the planner may rely on it being unique. A key under a
   * path variable (an issue's number in its repository) is unique with that variable only.
   */
  @Override public Statistic getStatistic() {
    RestTableDef def = def();
    List<String> key = def.keyColumns();
    return Statistics.of(def.rowCount(), key.isEmpty() ? List.of()
        : List.of(ImmutableBitSet.of(key.stream().mapToInt(def::columnIndex).toArray())));
  }

  @Override public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    RelOptCluster cluster = context.getCluster();
    return new RestTableScan(cluster, cluster.traitSetOf(RestRel.CONVENTION), relOptTable,
        this);
  }

  @Override public TableModify toModificationRel(RelOptCluster cluster, RelOptTable table,
      Prepare.CatalogReader catalogReader, RelNode child, TableModify.Operation operation,
      List<String> updateColumnList, List<RexNode> sourceExpressionList, boolean flattened) {
    return new RestLogicalModify(cluster, cluster.traitSetOf(RestLogicalModify.CONVENTION),
        table, catalogReader, child, operation, updateColumnList, sourceExpressionList, flattened);
  }

  /** None: rows are written through the API ({@link RestLogicalModify}). */
  @Override public Collection<Object[]> getModifiableCollection() {
    return null;
  }

  @Override public <T> Queryable<T> asQueryable(QueryProvider queryProvider, SchemaPlus schema,
      String tableName) {
    throw new UnsupportedOperationException("a REST table is read through its API requests");
  }

  @Override public Type getElementType() {
    return Object[].class;
  }

  /** Where the table is in the schema (as for any table; its rows are not read through it). */
  @Override public Expression getExpression(SchemaPlus schema, String tableName,
      @SuppressWarnings("rawtypes") Class clazz) {
    return Schemas.tableExpression(schema, getElementType(), tableName, clazz);
  }

  /**
   * How many requests a bind join into this table makes for {@code keys} distinct keys on these
   * columns (in batches of the most keys one request plan carries), as the planner estimates
   * them; null when no request carries a key on them. Worked out once per columns and count.
   */
  Double bindRequests(int[] keyColumns, RelDataType rowType, RexBuilder rexBuilder,
      int keys) {
    List<Integer> columns = Arrays.stream(keyColumns).boxed().toList();
    int capacity = capacities.computeIfAbsent(columns,
        k -> BindJoin.capacity(def(), rowType, keyColumns, rexBuilder));
    if (capacity == 0) {
      return null;
    }
    java.util.function.IntToDoubleFunction batch = n -> batchRequests.computeIfAbsent(
        List.of(columns, n), k -> BindJoin.requests(def(), rowType, keyColumns, rexBuilder, n));
    int full = keys / capacity;
    int rest = keys % capacity;
    return full * batch.applyAsDouble(capacity) + (rest == 0 ? 0 : batch.applyAsDouble(rest));
  }

  /** How many keys on these columns one request plan carries (0: none). */
  int bindCapacity(int[] keyColumns, RelDataType rowType, RexBuilder rexBuilder) {
    return capacities.computeIfAbsent(Arrays.stream(keyColumns).boxed().toList(),
        k -> BindJoin.capacity(def(), rowType, keyColumns, rexBuilder));
  }

  /**
   * At most how many distinct values a key on these columns takes: the row count for the key,
   * the usual values of a path variable; infinite when unknown.
   */
  double keyValues(int[] keyColumns) {
    RestTableDef def = def();
    double values = Double.POSITIVE_INFINITY;
    for (int c : keyColumns) {
      String name = def.columns().get(c).name();
      if (name.equals(def.keyColumn())) {
        values = Math.min(values, def.rowCount());
      }
      for (Pushdown p : def.pushdowns()) {
        if (p instanceof Pushdown.PathVariable v && v.column().equals(name)) {
          values = Math.min(values, v.fixedValues().isEmpty() ? v.expectedValues()
              : v.fixedValues().size());
        }
      }
    }
    return values;
  }

  /** How many requests the unfiltered listing takes (as the planner estimates them). */
  public double fullListingRequests() {
    return FilterTranslator.translate(def(), List.of(), null, null, false).plan().cost()
        .requests();
  }

  /**
   * Every value of one column, by a full listing (used to fan out over a parent table), but for
   * the rows whose boolean column {@code flag} is FALSE (null: every row).
   */
  public List<Object> columnValues(String column, String flag, AtomicBoolean cancelFlag) {
    RestTableDef def = def();
    int index = def.columnIndex(column);
    int[] read = flag == null ? new int[] {index} : new int[] {index, def.columnIndex(flag)};
    RequestPlan plan = FilterTranslator.translate(def, List.of(), read, null, false).plan();
    List<Object> values = new ArrayList<>();
    try (RestEnumerator e = new RestEnumerator(def, plan, schema.client(), read,
        cancelFlag, f -> schema.parentValues(plan.pathSource(), f),
        schema.maxConcurrentRequests())) {
      while (e.moveNext()) {
        if (flag == null || !Boolean.FALSE.equals(e.current()[1])) {
          values.add(e.current()[0]);
        } else {
          LOG.debug("{}.{} {}: {} is false, nothing to list", def.name(), column,
              e.current()[0], flag);
        }
      }
    }
    LOG.debug("{} values of {}.{}", values.size(), def.name(), column);
    return values;
  }
}
