package io.saasql.core;

import io.saasql.backlog.BacklogTables;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.TimestampString;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pushdown function on plain inputs: which request each predicate shape becomes and which
 * filters Calcite no longer needs to check.
 */
class FilterTranslatorTest {
  private final RelDataTypeFactory types = new JavaTypeFactoryImpl();
  private final RexBuilder rex = new RexBuilder(types);
  private final RestTableDef issues = BacklogTables.ISSUES;

  private RexNode col(RestTableDef table, String name) {
    int i = table.columnIndex(name);
    RelDataType t = types.createTypeWithNullability(
        types.createSqlType(table.columns().get(i).type()), true);
    return rex.makeInputRef(t, i);
  }

  private RexNode col(String name) {
    return col(issues, name);
  }

  private RexNode integer(long v) {
    return rex.makeExactLiteral(BigDecimal.valueOf(v), types.createSqlType(SqlTypeName.INTEGER));
  }

  private static String query(RequestPlan plan) {
    return plan.params().stream().map(p -> p.name() + "=" + p.value())
        .collect(Collectors.joining("&"));
  }

  private FilterTranslator.Translation translate(RexNode... filters) {
    return FilterTranslator.translate(issues, List.of(filters), null, null, true);
  }

  @Test void idEqualsBecomesOneLookup() {
    RexNode f = rex.makeCall(SqlStdOperatorTable.EQUALS, col("Id"), integer(1));
    var t = translate(f);
    assertThat(t.plan().kind()).isEqualTo(RequestPlan.Kind.LOOKUP);
    assertThat(t.plan().paths()).containsExactly("/issues/1");
    assertThat(t.handled()).containsExactly(f);
  }

  @Test void inListBecomesRepeatedBracketParameter() {
    RexNode f = rex.makeIn(col("StatusId"), List.of(integer(1), integer(2)));
    var t = translate(f);
    assertThat(t.plan().kind()).isEqualTo(RequestPlan.Kind.LIST);
    assertThat(query(t.plan())).isEqualTo("statusId[]=1&statusId[]=2");
    assertThat(t.handled()).containsExactly(f);
  }

  @Test void mixedConjunctionPushesWhatItCanAndKeepsTheEntry() {
    RexNode f = rex.makeCall(SqlStdOperatorTable.AND,
        rex.makeCall(SqlStdOperatorTable.EQUALS, col("ProjectId"), integer(2)),
        rex.makeCall(SqlStdOperatorTable.EQUALS, col("Summary"), rex.makeLiteral("x")));
    var t = translate(f);
    assertThat(query(t.plan())).isEqualTo("projectId[]=2");
    assertThat(t.handled()).isEmpty();
  }

  @Test void timestampRangeIsDayGranularSupersetAndStaysForCalcite() {
    RexNode lo = rex.makeCall(SqlStdOperatorTable.GREATER_THAN_OR_EQUAL, col("Created"),
        rex.makeTimestampLiteral(new TimestampString("2024-03-01 10:00:00"), 0));
    RexNode hi = rex.makeCall(SqlStdOperatorTable.LESS_THAN, col("Created"),
        rex.makeTimestampLiteral(new TimestampString("2024-03-05 00:00:00"), 0));
    var t = translate(lo, hi);
    // The last accepted instant is 2024-03-04 23:59:59.999; until is sent one day later.
    assertThat(query(t.plan())).isEqualTo("createdSince=2024-03-01&createdUntil=2024-03-05");
    assertThat(t.handled()).isEmpty();
  }

  @Test void nullChecksUseTheirParameters() {
    RexNode due = rex.makeCall(SqlStdOperatorTable.IS_NOT_NULL, col("DueDate"));
    RexNode parent = rex.makeCall(SqlStdOperatorTable.IS_NULL, col("ParentIssueId"));
    var t = translate(due, parent);
    assertThat(query(t.plan())).isEqualTo("hasDueDate=true&parentChild=1");
    assertThat(t.handled()).containsExactly(due, parent);
  }

  @Test void contradictionMakesNoRequest() {
    RexNode a = rex.makeCall(SqlStdOperatorTable.EQUALS, col("Id"), integer(1));
    RexNode b = rex.makeCall(SqlStdOperatorTable.EQUALS, col("Id"), integer(2));
    var t = translate(a, b);
    assertThat(t.plan().kind()).isEqualTo(RequestPlan.Kind.NONE);
  }

  @Test void orAcrossColumnsAndNotEqualsStayInCalcite() {
    RexNode or = rex.makeCall(SqlStdOperatorTable.OR,
        rex.makeCall(SqlStdOperatorTable.EQUALS, col("StatusId"), integer(1)),
        rex.makeCall(SqlStdOperatorTable.EQUALS, col("PriorityId"), integer(2)));
    RexNode ne = rex.makeCall(SqlStdOperatorTable.NOT_EQUALS, col("StatusId"), integer(3));
    var t = translate(or, ne);
    assertThat(t.plan().params()).isEmpty();
    assertThat(t.plan().paths()).containsExactly("/issues");
    assertThat(t.handled()).isEmpty();
  }

  @Test void orOnOneColumnIsAnInList() {
    RexNode or = rex.makeCall(SqlStdOperatorTable.OR,
        rex.makeCall(SqlStdOperatorTable.EQUALS, col("AssigneeId"), integer(4)),
        rex.makeCall(SqlStdOperatorTable.EQUALS, col("AssigneeId"), integer(5)));
    var t = translate(or);
    assertThat(query(t.plan())).isEqualTo("assigneeId[]=4&assigneeId[]=5");
    assertThat(t.handled()).containsExactly(or);
  }

  @Test void dynamicParameterUsesTheBoundValue() {
    RexNode f = rex.makeCall(SqlStdOperatorTable.EQUALS, col("Id"),
        rex.makeDynamicParam(types.createSqlType(SqlTypeName.INTEGER), 0));
    Map<Integer, Object> bound = Map.of(0, 7);
    var t = FilterTranslator.translate(issues, List.of(f), null, bound::get, true);
    assertThat(t.plan().paths()).containsExactly("/issues/7");
    var unbound = FilterTranslator.translate(issues, List.of(f), null, i -> null, true);
    assertThat(unbound.plan().kind()).isEqualTo(RequestPlan.Kind.LIST);
    assertThat(unbound.handled()).isEmpty();
  }

  @Test void castOfTheColumnToAWiderTypeIsSeenThrough() {
    RexNode cast = rex.makeCast(types.createSqlType(SqlTypeName.BIGINT), col("ProjectId"));
    RexNode f = rex.makeCall(SqlStdOperatorTable.EQUALS, cast,
        rex.makeExactLiteral(BigDecimal.valueOf(3), types.createSqlType(SqlTypeName.BIGINT)));
    var t = translate(f);
    assertThat(query(t.plan())).isEqualTo("projectId[]=3");
  }

  @Test void issueKeyLookupEncodesTheValue() {
    RexNode f = rex.makeCall(SqlStdOperatorTable.EQUALS, col("IssueKey"),
        rex.makeLiteral("SALES-1"));
    var t = translate(f);
    assertThat(t.plan().paths()).containsExactly("/issues/SALES-1");
    RexNode odd = rex.makeCall(SqlStdOperatorTable.EQUALS, col("IssueKey"), rex.makeLiteral(".."));
    assertThat(translate(odd).plan().kind()).isEqualTo(RequestPlan.Kind.LIST);
  }

  @Test void pushdownOffFetchesEverything() {
    RexNode f = rex.makeCall(SqlStdOperatorTable.EQUALS, col("Id"), integer(1));
    var t = FilterTranslator.translate(issues, List.of(f), null, null, false);
    assertThat(t.plan().kind()).isEqualTo(RequestPlan.Kind.LIST);
    assertThat(t.plan().params()).isEmpty();
    assertThat(t.handled()).isEmpty();
  }

  @Test void pathVariableIsSubstitutedOrFannedOut() {
    RestTableDef statuses = BacklogTables.STATUSES;
    RexNode f = rex.makeIn(col(statuses, "ProjectId"), List.of(integer(1), integer(3)));
    var t = FilterTranslator.translate(statuses, List.of(f), null, null, true);
    assertThat(t.plan().paths()).containsExactly("/projects/1/statuses", "/projects/3/statuses");
    assertThat(t.handled()).containsExactly(f);
    var all = FilterTranslator.translate(statuses, List.of(), null, null, true);
    assertThat(all.plan().pathSource()).isNotNull();
    assertThat(all.plan().pathSource().parentTable()).isEqualTo("Projects");
  }
}
