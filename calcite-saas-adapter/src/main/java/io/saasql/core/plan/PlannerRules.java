package io.saasql.core.plan;

import io.saasql.core.write.JdbcInsertRule;
import io.saasql.core.write.RestTableModifyRule;

import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.runtime.Hook;

import java.util.function.Consumer;

/**
 * The planner rules this product adds to every Calcite planner (through {@link Hook#PLANNER}):
 * LIMIT hints for REST scans, writes to REST tables, and inserts of computed rows into JDBC
 * tables. Installed once per JVM, by the first schema of ours that is created.
 */
public final class PlannerRules {
  private static boolean installed;

  private PlannerRules() {}

  public static synchronized void install() {
    if (installed) {
      return;
    }
    installed = true;
    Hook.PLANNER.add((Consumer<RelOptPlanner>) planner -> {
      planner.addRule(RestLimitRule.INSTANCE);
      planner.addRule(RestTableModifyRule.INSTANCE);
      planner.addRule(JdbcInsertRule.INSTANCE);
      planner.removeRule(EnumerableRules.ENUMERABLE_TABLE_MODIFICATION_RULE);
      planner.addRule(JdbcInsertRule.NON_JDBC_ENUMERABLE_MODIFY);
    });
  }
}
