package io.saasql.core.write;

import io.saasql.core.plan.RestTable;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableTableModifyRule;
import org.apache.calcite.adapter.jdbc.JdbcTable;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.logical.LogicalTableModify;

/**
 * Plans {@code INSERT INTO <jdbc table> SELECT … FROM <anything>} as {@link JdbcInsertModify}, so
 * that rows from SaaS tables can be copied into Postgres (Calcite's generic table-modify cannot
 * write to a JDBC table; its JDBC adapter writes only rows the same database computes).
 */
public final class JdbcInsertRule extends ConverterRule {
  static final JdbcInsertRule INSTANCE = new JdbcInsertRule(Config.INSTANCE
      .withConversion(LogicalTableModify.class,
          (LogicalTableModify m) -> m.getOperation() == TableModify.Operation.INSERT
              && m.getTable().unwrap(JdbcTable.class) != null,
          Convention.NONE, EnumerableConvention.INSTANCE, "JdbcInsertRule")
      .withRuleFactory(JdbcInsertRule::new));

  /**
   * Calcite's enumerable table-modify rule for every table but JDBC and REST ones, for which it
   * would fail at run time (they have no in-memory collection).
   */
  static final RelOptRule OTHER_TABLES_ENUMERABLE_MODIFY = EnumerableTableModifyRule
      .DEFAULT_CONFIG
      .withConversion(LogicalTableModify.class,
          (LogicalTableModify m) -> m.getTable().unwrap(JdbcTable.class) == null
              && m.getTable().unwrap(RestTable.class) == null,
          Convention.NONE, EnumerableConvention.INSTANCE,
          "EnumerableTableModificationRule for tables other than JDBC and REST ones")
      .toRule();

  private JdbcInsertRule(Config config) {
    super(config);
  }

  @Override public RelNode convert(RelNode rel) {
    TableModify modify = (TableModify) rel;
    RelTraitSet traits = modify.getTraitSet().replace(EnumerableConvention.INSTANCE);
    return new JdbcInsertModify(modify.getCluster(), traits, modify.getTable(),
        modify.getCatalogReader(), convert(modify.getInput(), traits), modify.isFlattened());
  }
}
