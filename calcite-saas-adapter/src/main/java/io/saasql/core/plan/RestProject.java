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
import org.apache.calcite.rel.type.RelDataTypeField;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The columns a query reads from a REST table (a query language selects just those fields; the
 * rows carry just those values).
 */
public final class RestProject extends SingleRel implements RestRel {
  private final int[] columns;

  RestProject(RelOptCluster cluster, RelTraitSet traits, RelNode input,
      int[] columns) {
    super(cluster, traits, input);
    this.columns = columns.clone();
  }

  @Override protected RelDataType deriveRowType() {
    List<RelDataTypeField> fields = getInput().getRowType().getFieldList();
    List<RelDataTypeField> kept = new ArrayList<>();
    for (int c : columns) {
      kept.add(fields.get(c));
    }
    return getCluster().getTypeFactory().createStructType(kept);
  }

  /** The input's columns this projection keeps, in order. */
  int[] columns() {
    return columns.clone();
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new RestProject(getCluster(), traitSet, sole(inputs), columns);
  }

  @Override public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return RestRules.passOn(planner, mq.getRowCount(this));
  }

  @Override public double requests(RelMetadataQuery mq) {
    return RestRules.requests(getInput(), mq);
  }

  @Override public RelWriter explainTerms(RelWriter pw) {
    List<String> names = new ArrayList<>();
    List<String> inputNames = getInput().getRowType().getFieldNames();
    Arrays.stream(columns).forEach(c -> names.add(inputNames.get(c)));
    return super.explainTerms(pw).item("columns", names);
  }

  @Override public void implement(RestQuery.Builder query) {
    query.project(columns);
  }
}
