package io.saasql.core.plan;

import io.saasql.core.declare.Grouping;

import com.google.common.collect.ImmutableList;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.util.ImmutableBitSet;

import java.util.List;

/**
 * Aggregates the API computes over what it answers exactly: {@code COUNT(*)} alone (Backlog's
 * {@code GET /issues/count}, SOQL's {@code SELECT COUNT()}: one request, one row), or GROUP BY
 * with COUNT, SUM, AVG, MIN and MAX in a query language (SOQL's aggregate queries: one request,
 * a row per group).
 */
public final class RestAggregate extends SingleRel implements RestRel {
  private final ImmutableBitSet groupSet;
  private final ImmutableList<AggregateCall> calls;
  /** The query language's function for each call (GROUP BY only; empty for COUNT(*) alone). */
  private final ImmutableList<Grouping.Function> functions;
  /** At most how many groups there can be (from the grouped columns' values). */
  private final double groups;

  RestAggregate(RelOptCluster cluster, RelTraitSet traits, RelNode input,
      ImmutableBitSet groupSet, List<AggregateCall> calls, List<Grouping.Function> functions,
      RelDataType rowType, double groups) {
    super(cluster, traits, input);
    this.groupSet = groupSet;
    this.calls = ImmutableList.copyOf(calls);
    this.functions = ImmutableList.copyOf(functions);
    this.rowType = rowType;
    this.groups = groups;
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new RestAggregate(getCluster(), traitSet, sole(inputs), groupSet, calls, functions,
        rowType, groups);
  }

  @Override public double estimateRowCount(RelMetadataQuery mq) {
    return groupSet.isEmpty() ? 1 : Math.min(groups, mq.getRowCount(getInput()));
  }

  /** One request instead of the listing's pages: the scan's cost is what is saved. */
  @Override public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return RestRules.passOn(planner, estimateRowCount(mq));
  }

  /** One request: the count route, or the query language's aggregate query. */
  @Override public double requests(RelMetadataQuery mq) {
    return 1;
  }

  @Override public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).itemIf("group", groupSet, !groupSet.isEmpty())
        .item("calls", calls);
  }

  @Override public void implement(RestQuery.Builder query) {
    if (groupSet.isEmpty()) {
      query.count();
    } else {
      query.aggregate(groupSet, calls, functions, rowType);
    }
  }
}
