package io.saasql.core.plan;

import io.saasql.core.declare.ColumnDef;
import io.saasql.core.declare.RestSchema;
import io.saasql.core.declare.RestTableDef;
import io.saasql.core.http.CallLog;
import io.saasql.core.pushdown.FilterTranslator;
import io.saasql.core.pushdown.RequestPlan;

import com.google.common.base.Suppliers;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ProjectableFilterableTable;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.impl.AbstractTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * A Calcite table over a REST list route, built from a {@link RestTableDef}. Calcite offers it
 * the WHERE conjuncts and the needed columns; it translates them into a {@link RequestPlan} (with
 * the bound values of {@code ?} parameters, on every execution), removes the filters the API
 * answers exactly, and returns rows page by page.
 */
public class RestTable extends AbstractTable implements ProjectableFilterableTable {
  private static final Logger LOG = LoggerFactory.getLogger(RestTable.class);

  private final Supplier<RestTableDef> declaration;
  private final RestSchema schema;
  /** At most how many rows a query reads from this scan (set by {@link RestLimitRule}), or null. */
  private final Long fetchHint;

  public RestTable(RestTableDef def, RestSchema schema) {
    this(() -> def, schema);
  }

  /**
   * A table whose declaration is made on first use (Salesforce describes an object only when a
   * query needs it); the supplier is called at most once.
   */
  public RestTable(Supplier<RestTableDef> declaration, RestSchema schema) {
    this(Suppliers.memoize(declaration::get), schema, null);
  }

  private RestTable(com.google.common.base.Supplier<RestTableDef> declaration, RestSchema schema,
      Long fetchHint) {
    this.declaration = declaration;
    this.schema = schema;
    this.fetchHint = fetchHint;
  }

  /** This table as seen by a scan that feeds {@code LIMIT fetch} directly. */
  RestTable withFetchHint(long fetch) {
    return new RestTable((com.google.common.base.Supplier<RestTableDef>) declaration::get, schema,
        fetch);
  }

  Long fetchHint() {
    return fetchHint;
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
   * The row-count estimate, for join planning. No key is declared: Calcite's column-uniqueness
   * check of a projected, filtered Bindable scan applies the table's key positions to the scan's
   * projected columns, and a join could then be turned into a semi-join with wrong counts.
   */
  @Override public Statistic getStatistic() {
    RestTableDef def = def();
    double rows = fetchHint == null ? def.rowCount() : Math.min(def.rowCount(), fetchHint);
    return Statistics.of(rows, List.of());
  }

  @Override public Enumerable<Object[]> scan(DataContext root, List<RexNode> filters,
      int[] projects) {
    RestTableDef def = def();
    IntFunction<Object> parameters = i -> root == null ? null : root.get("?" + i);
    FilterTranslator.Translation t =
        FilterTranslator.translate(def, filters, projects, parameters, schema.pushdownEnabled(),
            fetchHint);
    filters.removeAll(t.handled());
    CallLog.CALLS.info("{}.{}: {}{}", schema.name(), def.name(), t.plan(),
        filters.isEmpty() ? "" : "; Calcite checks " + filters);
    AtomicBoolean cancel = root == null ? null : DataContext.Variable.CANCEL_FLAG.get(root);
    RequestPlan plan = t.plan();
    return new AbstractEnumerable<>() {
      @Override public Enumerator<Object[]> enumerator() {
        return new RestEnumerator(def, plan, schema.client(), projects, cancel,
            flag -> schema.parentValues(plan.pathSource(), flag));
      }
    };
  }

  /** Every value of one column, by a full listing (used to fan out over a parent table). */
  public List<Object> columnValues(String column, AtomicBoolean cancelFlag) {
    RestTableDef def = def();
    int index = def.columnIndex(column);
    RequestPlan plan = FilterTranslator.translate(def, List.of(), new int[] {index}, null, false)
        .plan();
    List<Object> values = new ArrayList<>();
    try (RestEnumerator e = new RestEnumerator(def, plan, schema.client(), new int[] {index},
        cancelFlag, flag -> schema.parentValues(plan.pathSource(), flag))) {
      while (e.moveNext()) {
        values.add(e.current()[0]);
      }
    }
    LOG.debug("{} values of {}.{}", values.size(), def.name(), column);
    return values;
  }
}
