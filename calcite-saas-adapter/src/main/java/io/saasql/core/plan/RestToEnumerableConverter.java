package io.saasql.core.plan;

import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.convert.ConverterImpl;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Runs the requests of a chain of {@link RestRel}s and hands their rows to Calcite's enumerable
 * operators, page by page as they are read. EXPLAIN shows the requests it will make.
 */
public final class RestToEnumerableConverter extends ConverterImpl implements EnumerableRel {
  RestToEnumerableConverter(RelOptCluster cluster, RelTraitSet traits, RelNode input) {
    super(cluster, ConventionTraitDef.INSTANCE, traits, input);
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new RestToEnumerableConverter(getCluster(), traitSet, sole(inputs));
  }

  /**
   * The requests of the chain below ({@link RestRules#REQUEST_COST} each: the requests, not the
   * rows, are what an API bills and what takes time), and reading the rows out of the API's
   * JSON: a little per row and per column, so that a query that reads fewer of them (and asks a
   * query language for fewer fields) is cheaper.
   */
  @Override public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    double rows = mq.getRowCount(this);
    double requests = RestRules.requests(getInput(), mq);
    return planner.getCostFactory().makeCost(requests * RestRules.REQUEST_COST
        + RestRules.readCost(rows, getRowType().getFieldCount()), rows, requests);
  }

  /** The query of the chain below, once the planner has chosen it. */
  RestQuery query() {
    return query(getInput());
  }

  /** The query of a chain of REST expressions, once the planner has chosen it. */
  static RestQuery query(RelNode input) {
    Deque<RestRel> chain = new ArrayDeque<>();
    RelNode node = input;
    while (!(node instanceof RestTableScan)) {
      chain.push((RestRel) node);
      node = node.getInput(0);
    }
    RestTableScan scan = (RestTableScan) node;
    RestQuery.Builder builder = RestQuery.builder(scan.restTable(), scan.getRowType());
    while (!chain.isEmpty()) {
      chain.pop().implement(builder);
    }
    return builder.build();
  }

  @Override public RelWriter explainTerms(RelWriter pw) {
    RelWriter w = super.explainTerms(pw);
    // While the planner is still choosing, the input is a set of alternatives.
    return w.itemIf("requests", getInput() instanceof RestRel ? query().explain() : "",
        getInput() instanceof RestRel);
  }

  @Override public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    BlockBuilder builder = new BlockBuilder();
    Expression query = implementor.stash(query(), RestQuery.class);
    // Rows of one column are the values themselves, as Calcite's operators expect.
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
        JavaRowFormat.ARRAY);
    builder.add(Expressions.return_(null, Expressions.call(query,
        physType.getFormat() == JavaRowFormat.SCALAR ? "runScalar" : "run",
        implementor.getRootExpression())));
    return implementor.result(physType, builder.toBlock());
  }
}
