package io.saasql.core.write;

import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rex.RexNode;

import java.util.List;

/**
 * An INSERT into a REST table, before planning (UPDATE and DELETE read the table first, so its
 * scan brings the rules; an INSERT of VALUES has no scan). Meeting it, the planner gets the write
 * rules ({@link WriteRules}); {@link RestTableModifyRule} turns it into {@link RestTableModify}.
 * It is in a convention of its own, so that no other adapter's rule for logical table
 * modifications (Calcite's JDBC one, say) takes it for one of its own.
 */
public final class RestLogicalModify extends TableModify {
  /** The convention of INSERTs into REST tables, before planning. */
  public static final Convention CONVENTION =
      new Convention.Impl("REST_INSERT", RestLogicalModify.class);

  public RestLogicalModify(RelOptCluster cluster, RelTraitSet traits, RelOptTable table,
      Prepare.CatalogReader catalogReader, RelNode input, Operation operation,
      List<String> updateColumnList, List<RexNode> sourceExpressionList, boolean flattened) {
    super(cluster, traits, table, catalogReader, input, operation, updateColumnList,
        sourceExpressionList, flattened);
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new RestLogicalModify(getCluster(), traitSet, getTable(), getCatalogReader(),
        sole(inputs), getOperation(), getUpdateColumnList(), getSourceExpressionList(),
        isFlattened());
  }

  @Override public void register(RelOptPlanner planner) {
    WriteRules.register(planner);
  }
}
