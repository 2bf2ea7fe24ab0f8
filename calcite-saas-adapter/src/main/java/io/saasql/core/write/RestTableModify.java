package io.saasql.core.write;

import io.saasql.core.plan.RestTable;

import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rex.RexNode;

import java.util.List;

/**
 * INSERT, UPDATE or DELETE on a REST table, executed by {@link RestWriter} as the API's create,
 * update and delete calls. Its input is the rows to write (for UPDATE and DELETE: the rows found
 * by the same pushdown as a SELECT, followed by the new values); its output is the update count.
 */
public class RestTableModify extends TableModify implements EnumerableRel {
  /** Why the API cannot carry out this statement (it fails before any call), or null. */
  private final String problem;
  /** Whether the input is the keys of the WHERE, not records read from the API. */
  private final boolean keyed;

  public RestTableModify(RelOptCluster cluster, RelTraitSet traits, RelOptTable table,
      Prepare.CatalogReader catalogReader, RelNode input, Operation operation,
      List<String> updateColumnList, List<RexNode> sourceExpressionList, boolean flattened,
      String problem, boolean keyed) {
    super(cluster, traits, table, catalogReader, input, operation, updateColumnList,
        sourceExpressionList, flattened);
    this.problem = problem;
    this.keyed = keyed;
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new RestTableModify(getCluster(), traitSet, getTable(), getCatalogReader(),
        sole(inputs), getOperation(), getUpdateColumnList(), getSourceExpressionList(),
        isFlattened(), problem, keyed);
  }

  @Override public org.apache.calcite.rel.RelWriter explainTerms(
      org.apache.calcite.rel.RelWriter pw) {
    return super.explainTerms(pw).itemIf("keyed", true, keyed);
  }

  @Override public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    BlockBuilder builder = new BlockBuilder();
    Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
    Expression source = builder.append("source", input.block);
    Expression rows = input.physType.getFormat() == JavaRowFormat.ARRAY
        ? source : builder.append("rows", input.physType.convertTo(source, JavaRowFormat.ARRAY));
    RestTable table = getTable().unwrap(RestTable.class);
    RestWriter.Target target = new RestWriter.Target(table, getOperation(),
        RestWriter.updateIndexes(table.def(), getUpdateColumnList()), problem, keyed);
    Expression count = builder.append("count", Expressions.call(RestWriter.class, "modify",
        implementor.getRootExpression(), implementor.stash(target, RestWriter.Target.class),
        rows));
    builder.add(Expressions.return_(null,
        Expressions.call(Linq4j.class, "singletonEnumerable", Expressions.box(count))));
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
        JavaRowFormat.SCALAR);
    return implementor.result(physType, builder.toBlock());
  }
}
