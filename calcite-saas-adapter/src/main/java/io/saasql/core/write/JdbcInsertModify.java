package io.saasql.core.write;

import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.adapter.jdbc.JdbcTable;
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

import java.util.List;

/** INSERT into a JDBC table of rows Calcite computes, run by {@link JdbcInserter}. */
public class JdbcInsertModify extends TableModify implements EnumerableRel {
  public JdbcInsertModify(RelOptCluster cluster, RelTraitSet traits, RelOptTable table,
      Prepare.CatalogReader catalogReader, RelNode input, boolean flattened) {
    super(cluster, traits, table, catalogReader, input, Operation.INSERT, null, null, flattened);
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new JdbcInsertModify(getCluster(), traitSet, getTable(), getCatalogReader(),
        sole(inputs), isFlattened());
  }

  @Override public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    BlockBuilder builder = new BlockBuilder();
    Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
    Expression source = builder.append("source", input.block);
    Expression rows = input.physType.getFormat() == JavaRowFormat.ARRAY
        ? source : builder.append("rows", input.physType.convertTo(source, JavaRowFormat.ARRAY));
    JdbcTable table = getTable().unwrap(JdbcTable.class);
    Expression count = builder.append("count", Expressions.call(JdbcInserter.class, "insert",
        implementor.stash(table, JdbcTable.class), rows));
    builder.add(Expressions.return_(null,
        Expressions.call(Linq4j.class, "singletonEnumerable", Expressions.box(count))));
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
        JavaRowFormat.SCALAR);
    return implementor.result(physType, builder.toBlock());
  }
}
