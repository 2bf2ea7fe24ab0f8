package io.saasql.core.plan;

import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

import java.util.List;

/**
 * A REST table, read whole: the paged listing of its list route (under every value of its path
 * variable). When the planner meets the first one of a query it adds the rules that push filters,
 * columns, limits and aggregates into it ({@link RestRules}); no other query sees them.
 */
public final class RestTableScan extends TableScan implements RestRel {
  private final RestTable restTable;

  RestTableScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table,
      RestTable restTable) {
    super(cluster, traits, List.of(), table);
    this.restTable = restTable;
  }

  public RestTable restTable() {
    return restTable;
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new RestTableScan(getCluster(), traitSet, getTable(), restTable);
  }

  @Override public void register(RelOptPlanner planner) {
    RestRules.register(planner);
  }

  /** Next to nothing: the requests and the rows are costed where the chain runs. */
  @Override public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return RestRules.passOn(planner, mq.getRowCount(this));
  }

  /** The unfiltered listing's requests. */
  @Override public double requests(RelMetadataQuery mq) {
    return restTable.fullListingRequests();
  }

  @Override public void implement(RestQuery.Builder query) {
    // The query starts at the scan (RestQuery.builder); a whole table adds nothing.
  }
}
