package io.saasql.core.write;

import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.plan.RelOptPlanner;

/**
 * The write rules of a query that involves a REST table: writes to REST tables, and copies of
 * computed rows into JDBC tables. Added by the REST expressions the planner meets (a scan, an
 * INSERT), so a query over other tables keeps Calcite's own rules.
 */
public final class WriteRules {
  private WriteRules() {}

  public static void register(RelOptPlanner planner) {
    planner.addRule(RestTableModifyRule.INSTANCE);
    planner.addRule(RestTableModifyRule.INSERT);
    planner.addRule(JdbcInsertRule.INSTANCE);
    // Calcite's enumerable table-modify cannot write to a JDBC or a REST table (neither has an
    // in-memory collection): in this query it serves the other tables only.
    if (planner.removeRule(EnumerableRules.ENUMERABLE_TABLE_MODIFICATION_RULE)) {
      planner.addRule(JdbcInsertRule.OTHER_TABLES_ENUMERABLE_MODIFY);
    }
  }
}
