package io.saasql.core.write;

import io.saasql.core.declare.RestTableDef;
import io.saasql.core.declare.WriteSpec;
import io.saasql.core.plan.RestTable;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalValues;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;


/**
 * Plans INSERT, UPDATE and DELETE on REST tables as {@link RestTableModify}. Statements the API
 * cannot carry out — a table without writes, an operation it has no route for, a column it does
 * not let you set — are recognised here, while planning, and fail when the statement starts,
 * before any call is made (an exception thrown from a rule would reach the user buried in
 * Calcite's "Error while applying rule"). An UPDATE or DELETE whose WHERE names exactly the
 * record ({@code WHERE Id = ?}) is one call, without reading the record first
 * ({@link KeyedWrite}).
 */
public final class RestTableModifyRule extends ConverterRule {
  /** UPDATE and DELETE (Calcite's logical table modifications). */
  static final RestTableModifyRule INSTANCE = new RestTableModifyRule(Config.INSTANCE
      .withConversion(TableModify.class,
          (TableModify m) -> m.getTable().unwrap(RestTable.class) != null,
          Convention.NONE, EnumerableConvention.INSTANCE, "RestTableModifyRule")
      .withRuleFactory(RestTableModifyRule::new));

  /** INSERT ({@link RestLogicalModify}). */
  static final RestTableModifyRule INSERT = new RestTableModifyRule(Config.INSTANCE
      .withConversion(RestLogicalModify.class, RestLogicalModify.CONVENTION,
          EnumerableConvention.INSTANCE, "RestInsertRule")
      .withRuleFactory(RestTableModifyRule::new));

  private RestTableModifyRule(Config config) {
    super(config);
  }

  @Override public RelNode convert(RelNode rel) {
    TableModify modify = (TableModify) rel;
    RestTable table = modify.getTable().unwrap(RestTable.class);
    String problem;
    try {
      check(table.def(), modify);
      problem = null;
    } catch (IllegalArgumentException e) {
      problem = e.getMessage();
    }
    RelTraitSet traits = modify.getTraitSet().replace(EnumerableConvention.INSTANCE);
    RelNode keys = problem == null ? KeyedWrite.rows(table, modify) : null;
    return new RestTableModify(modify.getCluster(), traits, modify.getTable(),
        modify.getCatalogReader(), convert(keys != null ? keys : modify.getInput(), traits),
        modify.getOperation(), modify.getUpdateColumnList(), modify.getSourceExpressionList(),
        modify.isFlattened(), problem, keys != null);
  }

  /** Refuses, with a message that says what is allowed, what the API cannot do. */
  static void check(RestTableDef def, TableModify modify) {
    WriteSpec w = def.writes();
    String name = def.name();
    if (w == null) {
      throw new IllegalArgumentException("Table " + name + " is read-only: its API has no writes");
    }
    switch (modify.getOperation()) {
    case INSERT:
      if (w.createPath() == null) {
        throw new IllegalArgumentException("Table " + name + " cannot be inserted into: the API "
            + "has no create route");
      }
      checkInsertColumns(def, modify.getInput());
      break;
    case UPDATE:
      if (w.updatePath() == null) {
        throw new IllegalArgumentException("Table " + name + " cannot be updated: the API has no"
            + " update route");
      }
      for (int i = 0; i < modify.getUpdateColumnList().size(); i++) {
        String column = modify.getUpdateColumnList().get(i);
        if (!w.updatable().containsKey(column)
            && setsAValue(modify.getInput(), modify.getSourceExpressionList().get(i))) {
          throw new IllegalArgumentException(RestWriter.notUpdatableMessage(def, column));
        }
      }
      break;
    case DELETE:
      if (w.deletePath() == null) {
        throw new IllegalArgumentException("Table " + name + " cannot be deleted from: the API "
            + "has no delete route");
      }
      break;
    default:
      throw new IllegalArgumentException("Table " + name + " does not support "
          + modify.getOperation());
    }
  }

  /**
   * An INSERT's VALUES (or projection of constants) that sets a column the API does not let a
   * create set to a value fails now; NULL and DEFAULT are left out of the call, and values known
   * only at run time ({@code ?} parameters, rows of a query) are checked by {@link RestWriter}
   * before their call.
   */
  private static void checkInsertColumns(RestTableDef def, RelNode input) {
    for (int i = 0; i < def.columns().size(); i++) {
      String column = def.columns().get(i).name();
      if (def.writes().insertable().containsKey(column)
          || RestWriter.isPathVariable(def.writes().createPath(), column)) {
        continue;
      }
      if (fieldSetsAValue(input, i)) {
        throw new IllegalArgumentException(RestWriter.readOnlyMessage(def, column));
      }
    }
  }

  /**
   * Whether field {@code field} of {@code input} is known, while planning, to hold a value other
   * than NULL in some row: a constant of VALUES or of a projection. Parameters ({@code ?}) and
   * rows of a query are known only when the statement runs.
   */
  private static boolean fieldSetsAValue(RelNode input, int field) {
    if (input instanceof org.apache.calcite.plan.volcano.RelSubset subset) {
      input = subset.getOriginal();
    }
    if (input instanceof LogicalValues values) {
      return values.getTuples().stream().anyMatch(tuple -> !tuple.get(field).isNull());
    }
    if (input instanceof LogicalProject project) {
      return setsAValue(project.getInput(), project.getProjects().get(field));
    }
    return false;
  }

  /** Whether an expression over {@code input} is known to hold a value other than NULL. */
  private static boolean setsAValue(RelNode input, RexNode e) {
    while (e.isA(org.apache.calcite.sql.SqlKind.CAST)) {
      e = ((org.apache.calcite.rex.RexCall) e).getOperands().get(0);
    }
    if (e instanceof RexLiteral literal) {
      return !literal.isNull();
    }
    if (e.isA(org.apache.calcite.sql.SqlKind.DEFAULT)) {
      return false; // DEFAULT of a SaaS column is NULL
    }
    if (e instanceof org.apache.calcite.rex.RexInputRef ref) {
      return fieldSetsAValue(input, ref.getIndex());
    }
    return !containsParameter(e) && !org.apache.calcite.rex.RexUtil.containsInputRef(e);
  }

  private static boolean containsParameter(RexNode e) {
    try {
      e.accept(new org.apache.calcite.rex.RexVisitorImpl<Void>(true) {
        @Override public Void visitDynamicParam(org.apache.calcite.rex.RexDynamicParam p) {
          throw org.apache.calcite.util.Util.FoundOne.NULL;
        }
      });
      return false;
    } catch (org.apache.calcite.util.Util.FoundOne found) {
      return true;
    }
  }
}
