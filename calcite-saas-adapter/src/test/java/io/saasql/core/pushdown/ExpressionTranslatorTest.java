package io.saasql.core.pushdown;

import io.saasql.core.declare.FilterDialect;
import io.saasql.core.declare.Paging;
import io.saasql.core.declare.Pushdown;
import io.saasql.core.declare.QueryField;
import io.saasql.core.declare.QueryLanguage;
import io.saasql.core.declare.QuotedDialects;
import io.saasql.core.declare.RestTableDef;

import io.saasql.bitbucket.BbqlDialect;
import io.saasql.pingone.ScimFilterDialect;
import io.saasql.salesforce.SoqlDialect;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
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

import static io.saasql.core.declare.QueryField.Op.CONTAINS;
import static io.saasql.core.declare.QueryField.Op.ENDS_WITH;
import static io.saasql.core.declare.QueryField.Op.EQ;
import static io.saasql.core.declare.QueryField.Op.IN;
import static io.saasql.core.declare.QueryField.Op.LIKE;
import static io.saasql.core.declare.QueryField.Op.NE;
import static io.saasql.core.declare.QueryField.Op.NOT_IN;
import static io.saasql.core.declare.QueryField.Op.NULL;
import static io.saasql.core.declare.QueryField.Op.RANGE;
import static io.saasql.core.declare.QueryField.Op.STARTS_WITH;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Query-language pushdown on plain inputs, for each dialect: what clause a predicate becomes,
 * when it is exact, and what must stay for Calcite.
 */
class ExpressionTranslatorTest {
  private final RelDataTypeFactory types = new JavaTypeFactoryImpl();
  private final RexBuilder rex = new RexBuilder(types);

  private RestTableDef table(FilterDialect dialect, List<QueryField> fields) {
    RestTableDef.Builder b = RestTableDef.builder("T")
        .list("/t", "", new Paging.Unpaged())
        .query(dialect, QueryLanguage.filterParam("q"));
    for (String[] c : new String[][] {{"Name", "VARCHAR"}, {"Amount", "INTEGER"},
        {"Created", "TIMESTAMP"}, {"Active", "BOOLEAN"}, {"Notes", "VARCHAR"}}) {
      b.column(c[0], SqlTypeName.valueOf(c[1]), c[0].toLowerCase(java.util.Locale.ROOT), c[0]);
      for (QueryField f : fields) {
        if (f.column().equals(c[0])) {
          QueryField.Op[] ops = f.ops().toArray(new QueryField.Op[0]);
          b.filterAs(f.apiField(), ops[0], java.util.Arrays.copyOfRange(ops, 1, ops.length));
        }
      }
    }
    return b.build();
  }

  private RestTableDef soql() {
    return table(SoqlDialect.INSTANCE, List.of(
        QueryField.of("Name", "Name", EQ, NE, IN, NOT_IN, NULL, LIKE, STARTS_WITH, ENDS_WITH, CONTAINS),
        QueryField.of("Amount", "Amount__c", EQ, NE, RANGE, IN, NOT_IN, NULL),
        QueryField.of("Created", "CreatedDate", EQ, RANGE, NULL),
        QueryField.of("Active", "IsActive__c", EQ, NULL)));
  }

  private RexNode col(RestTableDef t, String name) {
    int i = t.columnIndex(name);
    return rex.makeInputRef(types.createTypeWithNullability(
        types.createSqlType(t.columns().get(i).type()), true), i);
  }

  private RexNode integer(long v) {
    return rex.makeExactLiteral(BigDecimal.valueOf(v), types.createSqlType(SqlTypeName.INTEGER));
  }

  private RexNode eq(RexNode a, RexNode b) {
    return rex.makeCall(SqlStdOperatorTable.EQUALS, a, b);
  }

  private static String q(FilterTranslator.Translation t) {
    return t.plan().params().stream().filter(p -> p.name().equals("q")).map(Pushdown.Param::value)
        .findFirst().orElse(null);
  }

  private FilterTranslator.Translation translate(RestTableDef t, RexNode... filters) {
    return FilterTranslator.translate(t, List.of(filters), null, null, true);
  }

  @Test void andDropsWhatItCannotSayAndKeepsTheEntry() {
    RestTableDef t = soql();
    RexNode f = rex.makeCall(SqlStdOperatorTable.AND,
        eq(col(t, "Amount"), integer(5)),
        eq(col(t, "Notes"), rex.makeLiteral("x")));
    var r = translate(t, f);
    assertThat(q(r)).isEqualTo("Amount__c = 5");
    assertThat(r.handled()).isEmpty();
  }

  @Test void exactClausesAreHandled() {
    RestTableDef t = soql();
    RexNode a = eq(col(t, "Amount"), integer(5));
    RexNode b = rex.makeCall(SqlStdOperatorTable.IS_NULL, col(t, "Created"));
    var r = translate(t, a, b);
    assertThat(q(r)).isEqualTo("Amount__c = 5 AND CreatedDate = null");
    assertThat(r.handled()).containsExactly(a, b);
  }

  @Test void orNeedsEveryBranch() {
    RestTableDef t = soql();
    RexNode ok = rex.makeCall(SqlStdOperatorTable.OR,
        eq(col(t, "Amount"), integer(5)),
        rex.makeCall(SqlStdOperatorTable.AND,
            rex.makeCall(SqlStdOperatorTable.GREATER_THAN, col(t, "Amount"), integer(10)),
            eq(col(t, "Active"), rex.makeLiteral(true))));
    assertThat(q(translate(t, ok))).isEqualTo("Amount__c = 5 OR (Amount__c > 10 AND IsActive__c = TRUE)");
    RexNode bad = rex.makeCall(SqlStdOperatorTable.OR,
        eq(col(t, "Amount"), integer(5)), eq(col(t, "Notes"), rex.makeLiteral("x")));
    var r = translate(t, bad);
    assertThat(q(r)).isNull();
    assertThat(r.handled()).isEmpty();
  }

  @Test void notNeedsAnExactOperandAndIsReChecked() {
    RestTableDef t = soql();
    RexNode notNumber = rex.makeCall(SqlStdOperatorTable.NOT, eq(col(t, "Amount"), integer(5)));
    var r = translate(t, notNumber);
    assertThat(q(r)).isIn("NOT (Amount__c = 5)", "Amount__c != 5");
    assertThat(r.handled()).isEmpty();
    RexNode notText = rex.makeCall(SqlStdOperatorTable.NOT,
        rex.makeCall(SqlStdOperatorTable.LIKE, col(t, "Name"), rex.makeLiteral("a%")));
    assertThat(q(translate(t, notText))).isNull();
  }

  @Test void searchBecomesInRangesAndNulls() {
    RestTableDef t = soql();
    RexNode in = rex.makeIn(col(t, "Amount"), List.of(integer(1), integer(2), integer(3)));
    var r = translate(t, in);
    assertThat(q(r)).isEqualTo("Amount__c IN (1, 2, 3)");
    assertThat(r.handled()).containsExactly(in);
    RexNode between = rex.makeBetween(col(t, "Amount"), integer(10), integer(20));
    assertThat(q(translate(t, between))).isEqualTo("Amount__c >= 10 AND Amount__c <= 20");
    RexNode textIn = rex.makeIn(col(t, "Name"), List.of(rex.makeLiteral("a"), rex.makeLiteral("b")));
    var text = translate(t, textIn);
    assertThat(q(text)).isEqualTo("Name IN ('a', 'b')");
    assertThat(text.handled()).as("SOQL compares text case-insensitively").isEmpty();
  }

  @Test void timestampsAndEscapes() {
    RestTableDef t = soql();
    RexNode ts = rex.makeCall(SqlStdOperatorTable.GREATER_THAN_OR_EQUAL, col(t, "Created"),
        rex.makeTimestampLiteral(new TimestampString("2024-01-01 00:00:00"), 0));
    assertThat(q(translate(t, ts))).isEqualTo("CreatedDate >= 2024-01-01T00:00:00Z");
    RexNode quote = eq(col(t, "Name"), rex.makeLiteral("O'Brien \\ \"x\""));
    assertThat(q(translate(t, quote))).isEqualTo("Name = 'O\\'Brien \\\\ \\\"x\\\"'");
  }

  @Test void likeShapesPerDialect() {
    RestTableDef s = soql();
    RexNode pct = rex.makeCall(SqlStdOperatorTable.LIKE, col(s, "Name"), rex.makeLiteral("100\\%_x%"));
    assertThat(q(translate(s, pct))).isEqualTo("Name LIKE '100\\\\%_x%'");
    RestTableDef scim = table(ScimFilterDialect.INSTANCE, List.of(
        QueryField.of("Name", "name.family", EQ, STARTS_WITH, ENDS_WITH),
        QueryField.of("Notes", "title", EQ, STARTS_WITH)));
    RexNode prefix = rex.makeCall(SqlStdOperatorTable.LIKE, col(scim, "Name"), rex.makeLiteral("Sm%"));
    RexNode suffix = rex.makeCall(SqlStdOperatorTable.LIKE, col(scim, "Notes"), rex.makeLiteral("%er"));
    var r = translate(scim, prefix, suffix);
    assertThat(q(r)).isEqualTo("name.family sw \"Sm\"");
    // SCIM compares strings without case (RFC 7644): a superset, re-checked by Calcite.
    assertThat(r.handled()).isEmpty();
    RestTableDef bbql = table(BbqlDialect.INSTANCE, List.of(
        QueryField.of("Name", "title", EQ, NE, IN, NULL, CONTAINS)));
    RexNode contains = rex.makeCall(SqlStdOperatorTable.LIKE, col(bbql, "Name"), rex.makeLiteral("%fix%"));
    var b = translate(bbql, contains);
    assertThat(q(b)).isEqualTo("title ~ \"fix\"");
    assertThat(b.handled()).isEmpty();
  }

  @Test void inAsOrOfEqualitiesInScimAndBbql() {
    RestTableDef scim = table(ScimFilterDialect.INSTANCE, List.of(
        QueryField.of("Name", "population.id", EQ, IN)));
    RexNode in = rex.makeIn(col(scim, "Name"), List.of(rex.makeLiteral("a"), rex.makeLiteral("b")));
    assertThat(q(translate(scim, in))).isEqualTo("(population.id eq \"a\") or (population.id eq \"b\")");
    RestTableDef bbql = table(BbqlDialect.INSTANCE, List.of(QueryField.of("Name", "state", EQ, IN)));
    RexNode in2 = rex.makeIn(col(bbql, "Name"), List.of(rex.makeLiteral("new"), rex.makeLiteral("open")));
    assertThat(q(translate(bbql, in2))).isEqualTo("state = \"new\" OR state = \"open\"");
  }

  @Test void scimParenthesisesAnOrInsideAnAnd() {
    RestTableDef scim = table(ScimFilterDialect.INSTANCE, List.of(
        QueryField.of("Name", "name.family", EQ, IN), QueryField.of("Notes", "email", ENDS_WITH)));
    RexNode f = rex.makeCall(SqlStdOperatorTable.AND,
        rex.makeCall(SqlStdOperatorTable.LIKE, col(scim, "Notes"), rex.makeLiteral("%@x.com")),
        rex.makeIn(col(scim, "Name"), List.of(rex.makeLiteral("Jones"), rex.makeLiteral("Smith"))));
    assertThat(q(translate(scim, f))).isEqualTo(
        "(email ew \"@x.com\") and ((name.family eq \"Jones\") or (name.family eq \"Smith\"))");
    assertThat(QuotedDialects.parenthesized("(a) or (b)")).isFalse();
    assertThat(QuotedDialects.parenthesized("((a) or (b))")).isTrue();
    assertThat(QuotedDialects.parenthesized("(a eq \")\")")).isTrue();
  }

  @Test void dynamicParameterValueIsRendered() {
    RestTableDef t = soql();
    RexNode f = eq(col(t, "Name"), rex.makeDynamicParam(types.createSqlType(SqlTypeName.VARCHAR), 0));
    var r = FilterTranslator.translate(t, List.of(f), null, Map.of(0, "it's")::get, true);
    assertThat(q(r)).isEqualTo("Name = 'it\\'s'");
  }
}
