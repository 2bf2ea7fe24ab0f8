package io.saasql.core.plan;

import io.saasql.core.pushdown.RequestPlan;

import com.google.common.collect.ImmutableList;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.rex.RexNode;

import java.util.List;

/**
 * WHERE conjuncts answered with a REST table's request: all of {@code offered} shape the request
 * (parameters, query-language text, GETs by key); the API answers {@code exact} exactly, and may
 * return rows that fail the others (never omit rows that pass them), so the REST query checks
 * the rows against those itself ({@link RestQuery}). A chain of REST expressions thus answers
 * its filters completely, whichever part the API takes.
 */
public final class RestFilter extends SingleRel implements RestRel {
  private final ImmutableList<RexNode> offered;
  private final ImmutableList<RexNode> exact;
  /** The request plan as the planner sees it (stand-ins for {@code ?}), for the row estimate. */
  private final RequestPlan planned;

  RestFilter(RelOptCluster cluster, RelTraitSet traits, RelNode input,
      List<RexNode> offered, List<RexNode> exact, RequestPlan planned) {
    super(cluster, traits, input);
    this.offered = ImmutableList.copyOf(offered);
    this.exact = ImmutableList.copyOf(exact);
    this.planned = planned;
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new RestFilter(getCluster(), traitSet, sole(inputs), offered, exact,
        planned);
  }

  /**
   * Rows: the keys of GETs by key; else the input's, cut by the selectivity of what the request
   * carries (the rows the API returns, some of which Calcite may still drop).
   */
  @Override public double estimateRowCount(RelMetadataQuery mq) {
    if (planned.kind() == RequestPlan.Kind.NONE) {
      return 1;
    }
    if (planned.kind() == RequestPlan.Kind.LOOKUP) {
      return Math.max(1, planned.targets().size());
    }
    // With ? values the request is known only when they are bound (a stand-in value may not be
    // one the API takes, a Salesforce Id say): count on them being sent.
    boolean narrows = !planned.pushed().isEmpty() || RestQuery.parameterCount(offered) > 0;
    double selectivity = !narrows ? 1 : RelMdUtil.guessSelectivity(
        RexUtil.composeConjunction(getCluster().getRexBuilder(), offered));
    return Math.max(1, mq.getRowCount(getInput()) * selectivity);
  }

  /** The requests are costed by the scan; taking fewer rows from it costs next to nothing. */
  @Override public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return RestRules.passOn(planner, mq.getRowCount(this));
  }

  @Override public double requests(RelMetadataQuery mq) {
    return planned.cost().requests();
  }

  /** Whether the API answers every offered conjunct exactly (as planned). */
  boolean exactly() {
    return exact.size() == offered.size();
  }

  @Override public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("pushed", offered)
        .itemIf("exact", exact, !exact.equals(offered));
  }

  @Override public void implement(RestQuery.Builder query) {
    query.filter(offered);
  }
}
