package io.saasql.core.plan;

import org.apache.calcite.adapter.enumerable.EnumerableInterpreter;
import org.apache.calcite.adapter.enumerable.EnumerableLimit;
import org.apache.calcite.interpreter.Bindables;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.prepare.RelOptTableImpl;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.tools.RelBuilderFactory;

import java.math.BigDecimal;
import java.util.List;

/**
 * Tells a REST scan the LIMIT (plus OFFSET) of the query when the limit reads the scan's rows
 * directly ({@code EnumerableLimit → EnumerableInterpreter → BindableTableScan}): the scan then
 * asks for pages no larger than the limit and, where the query language has one, sends the limit
 * (SOQL {@code LIMIT}). The limit stays in the plan; the hint only shrinks what is fetched, and the
 * scan ignores it when Calcite still has predicates to check on the rows.
 */
public final class RestLimitRule extends RelRule<RestLimitRule.Config> {
  public static final RestLimitRule INSTANCE = Config.DEFAULT.toRule();

  private RestLimitRule(Config config) {
    super(config);
  }

  @Override public void onMatch(RelOptRuleCall call) {
    EnumerableLimit limit = call.rel(0);
    EnumerableInterpreter interpreter = call.rel(1);
    Bindables.BindableTableScan scan = call.rel(2);
    RestTable table = scan.getTable().unwrap(RestTable.class);
    Long fetch = constant(limit.fetch);
    Long offset = limit.offset == null ? Long.valueOf(0) : constant(limit.offset);
    if (table == null || table.fetchHint() != null || fetch == null || offset == null) {
      return;
    }
    RestTable hinted = table.withFetchHint(fetch + offset);
    RelOptTable original = scan.getTable();
    // The name carries the hint, so that the planner does not take the new scan for the old one
    // (and EXPLAIN shows it: "Issues (fetch 5)").
    List<String> names = new java.util.ArrayList<>(original.getQualifiedName());
    names.set(names.size() - 1, names.get(names.size() - 1) + " (fetch " + (fetch + offset) + ")");
    RelOptTable relOptTable = RelOptTableImpl.create(original.getRelOptSchema(),
        original.getRowType(), names, hinted,
        clazz -> {
          throw new UnsupportedOperationException("a REST table is scanned, not compiled");
        });
    Bindables.BindableTableScan hintedScan = Bindables.BindableTableScan.create(
        scan.getCluster(), relOptTable, scan.filters, scan.projects);
    call.transformTo(limit.copy(limit.getTraitSet(),
        List.of(interpreter.copy(interpreter.getTraitSet(), List.of(hintedScan)))));
  }

  private static Long constant(RexNode node) {
    if (node instanceof RexLiteral literal) {
      BigDecimal v = literal.getValueAs(BigDecimal.class);
      return v == null ? null : v.longValue();
    }
    return null;
  }

  /** Rule configuration. */
  public record Config(RelBuilderFactory relBuilderFactory, String description,
      OperandTransform operandSupplier) implements RelRule.Config {
    public static final Config DEFAULT = new Config(RelFactories.LOGICAL_BUILDER,
        "RestLimitRule", b0 -> b0.operand(EnumerableLimit.class).oneInput(b1 ->
            b1.operand(EnumerableInterpreter.class).oneInput(b2 ->
                b2.operand(Bindables.BindableTableScan.class)
                    .predicate(s -> s.getTable().unwrap(RestTable.class) != null).noInputs())));

    @Override public RestLimitRule toRule() {
      return new RestLimitRule(this);
    }

    @Override public Config withRelBuilderFactory(RelBuilderFactory factory) {
      return new Config(factory, description, operandSupplier);
    }

    @Override public Config withDescription(String description) {
      return new Config(relBuilderFactory, description, operandSupplier);
    }

    @Override public Config withOperandSupplier(OperandTransform transform) {
      return new Config(relBuilderFactory, description, transform);
    }
  }
}
