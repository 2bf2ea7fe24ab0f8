package io.saasql.core.write;

import io.saasql.core.declare.RestTableDef;
import io.saasql.core.plan.RestTable;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalValues;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An UPDATE or DELETE whose WHERE is exactly the values of its route's path variables
 * ({@code WHERE Id = 42}, {@code WHERE Id = ?}; Bitbucket's {@code RepoSlug = 'api' AND Id = 7})
 * needs no read: the record is addressed by those values, so the statement is one PATCH or
 * DELETE instead of a GET followed by it. Its input becomes one row holding the key values
 * (NULL for the other columns) and, for UPDATE, the new values; a record the API does not have
 * (404) is no row written, as the GET would have found none. Any other WHERE, a SET that reads
 * the old row, or a schema with pushdown off, reads the records first as before.
 */
final class KeyedWrite {
  private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

  private KeyedWrite() {}

  /** The keyed input for {@code modify}, or null when the statement must read its rows. */
  static RelNode rows(RestTable table, TableModify modify) {
    RestTableDef def = table.def();
    if (def.writes() == null || !table.schema().pushdownEnabled()) {
      return null;
    }
    String route = switch (modify.getOperation()) {
      case UPDATE -> def.writes().updatePath();
      case DELETE -> def.writes().deletePath();
      default -> null;
    };
    if (route == null) {
      return null;
    }
    List<Integer> variables = new ArrayList<>();
    Matcher m = VARIABLE.matcher(route);
    while (m.find()) {
      int index = def.columnIndex(m.group(1));
      if (index < 0) {
        return null;
      }
      variables.add(index);
    }
    if (variables.isEmpty()) {
      return null;
    }
    int columns = def.columns().size();
    // UPDATE: Project(the row, new values) over Filter over the scan; DELETE: the same without
    // new values, or the Filter alone.
    RelNode input = original(modify.getInput());
    List<RexNode> newValues = List.of();
    if (input instanceof Project project) {
      List<RexNode> exprs = project.getProjects();
      for (int i = 0; i < columns; i++) {
        if (!(exprs.get(i) instanceof RexInputRef ref) || ref.getIndex() != i) {
          return null;
        }
      }
      newValues = exprs.subList(columns, exprs.size());
      for (RexNode value : newValues) {
        if (RexUtil.containsInputRef(value)) {
          return null; // SET reads the old row
        }
      }
      input = original(project.getInput());
    }
    if (!(input instanceof Filter filter)
        || !(original(filter.getInput()) instanceof TableScan scan)
        || !scan.getTable().getQualifiedName().equals(modify.getTable().getQualifiedName())
        || scan.getRowType().getFieldCount() != columns) {
      return null;
    }
    Map<Integer, RexNode> keys = new HashMap<>();
    for (RexNode conjunct : RelOptUtil.conjunctions(filter.getCondition())) {
      if (!conjunct.isA(SqlKind.EQUALS)) {
        return null;
      }
      List<RexNode> operands = ((RexCall) conjunct).getOperands();
      RexNode column = stripCast(operands.get(0));
      RexNode value = operands.get(1);
      if (!(column instanceof RexInputRef)) {
        column = stripCast(operands.get(1));
        value = operands.get(0);
      }
      RexNode bare = stripCast(value);
      if (!(column instanceof RexInputRef ref) || !variables.contains(ref.getIndex())
          || !(bare instanceof RexDynamicParam
              || bare instanceof RexLiteral literal && !literal.isNull())
          || keys.put(ref.getIndex(), value) != null) {
        return null;
      }
    }
    if (!keys.keySet().containsAll(variables)) {
      return null;
    }
    RexBuilder rex = modify.getCluster().getRexBuilder();
    List<RelDataTypeField> fields = modify.getInput().getRowType().getFieldList();
    List<RexNode> row = new ArrayList<>();
    for (int i = 0; i < columns; i++) {
      RexNode key = keys.get(i);
      row.add(key == null ? rex.makeNullLiteral(fields.get(i).getType())
          : rex.ensureType(fields.get(i).getType(), key, true));
    }
    for (int i = 0; i < newValues.size(); i++) {
      row.add(rex.ensureType(fields.get(columns + i).getType(), newValues.get(i), true));
    }
    return LogicalProject.create(LogicalValues.createOneRow(modify.getCluster()),
        ImmutableList.of(), row, modify.getInput().getRowType().getFieldNames(),
        ImmutableSet.of());
  }

  private static RelNode original(RelNode rel) {
    return rel instanceof RelSubset subset && subset.getOriginal() != null
        ? subset.getOriginal() : rel;
  }

  private static RexNode stripCast(RexNode e) {
    return e.isA(SqlKind.CAST) ? ((RexCall) e).getOperands().get(0) : e;
  }
}
