package io.saasql.core.plan;

import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;

import java.util.List;

/**
 * {@code COUNT(*)} of what the API answers exactly, counted by the API (Backlog's
 * {@code GET /issues/count}, SOQL's {@code SELECT COUNT()}): one request, one row.
 */
public final class RestAggregate extends SingleRel implements RestRel {
  RestAggregate(RelOptCluster cluster, RelTraitSet traits, RelNode input, RelDataType rowType) {
    super(cluster, traits, input);
    this.rowType = rowType;
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new RestAggregate(getCluster(), traitSet, sole(inputs), rowType);
  }

  @Override public double estimateRowCount(RelMetadataQuery mq) {
    return 1;
  }

  /** One request instead of the listing's pages: the scan's cost is what is saved. */
  @Override public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return RestRules.passOn(planner, 1);
  }

  @Override public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("count", "*");
  }

  @Override public void implement(RestQuery.Builder query) {
    query.count();
  }
}
