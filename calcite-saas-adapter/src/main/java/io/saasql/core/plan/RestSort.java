package io.saasql.core.plan;

import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

import java.util.List;

/**
 * An ORDER BY the API sorts by (its sort parameters, the query language's ORDER BY), and a
 * LIMIT (and OFFSET) the request answers: pages no larger than needed, the query language's own
 * LIMIT, and no page read past the last row wanted.
 */
public final class RestSort extends SingleRel implements RestRel {
  private final RelCollation collation;
  private final long offset;
  private final Long fetch;

  RestSort(RelOptCluster cluster, RelTraitSet traits, RelNode input, RelCollation collation,
      long offset, Long fetch) {
    super(cluster, traits, input);
    this.collation = collation;
    this.offset = offset;
    this.fetch = fetch;
  }

  /** The rows skipped. */
  long offset() {
    return offset;
  }

  /** At most how many rows (null: all). */
  Long fetch() {
    return fetch;
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new RestSort(getCluster(), traitSet, sole(inputs), collation, offset, fetch);
  }

  @Override public double estimateRowCount(RelMetadataQuery mq) {
    double rows = Math.max(0, mq.getRowCount(getInput()) - offset);
    return fetch == null ? rows : Math.min(rows, fetch);
  }

  @Override public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return RestRules.passOn(planner, mq.getRowCount(this));
  }

  /** A LIMIT reads no page past the last row wanted. */
  @Override public double requests(RelMetadataQuery mq) {
    double input = RestRules.requests(getInput(), mq);
    if (fetch == null) {
      return input;
    }
    RestTableScan scan = RestRules.scanOf(getInput());
    return scan == null ? input
        : Math.min(input, scan.restTable().def().paging().requests(offset + fetch));
  }

  @Override public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw)
        .itemIf("order", collation, !collation.getFieldCollations().isEmpty())
        .itemIf("offset", offset, offset > 0)
        .itemIf("fetch", fetch, fetch != null);
  }

  @Override public void implement(RestQuery.Builder query) {
    query.sort(collation).limit(offset, fetch);
  }
}
