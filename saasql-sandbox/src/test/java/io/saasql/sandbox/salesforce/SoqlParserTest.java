package io.saasql.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.saasql.sandbox.salesforce.SoqlQuery.And;
import io.saasql.sandbox.salesforce.SoqlQuery.Comparison;
import io.saasql.sandbox.salesforce.SoqlQuery.In;
import io.saasql.sandbox.salesforce.SoqlQuery.LiteralKind;
import io.saasql.sandbox.salesforce.SoqlQuery.Not;
import io.saasql.sandbox.salesforce.SoqlQuery.Or;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The SOQL parser's tree and literal decoding, without HTTP. */
class SoqlParserTest {

  @Test
  void parsesTheWholeGrammar() {
    SoqlQuery q = SoqlParser.parse(
        "select Id, Account.Name from Contact where (LastName = 'O\\'Brien' or LastName like 'Mc%')"
            + " and not Email = null and Birthdate IN (1990-01-01, 1991-02-03) order by LastName desc"
            + " nulls last, Id limit 10 offset 20");
    assertThat(q.count()).isFalse();
    assertThat(q.select()).extracting(i -> i.expr().text()).containsExactly("Id", "Account.Name");
    assertThat(q.aggregate()).isFalse();
    assertThat(q.object()).isEqualTo("Contact");
    And and = (And) q.where();
    assertThat(and.operands()).hasSize(3);
    Or or = (Or) and.operands().get(0);
    Comparison eq = (Comparison) or.operands().get(0);
    assertThat(eq.value().text()).isEqualTo("O'Brien");
    assertThat(((SoqlQuery.Like) or.operands().get(1)).pattern().raw()).isEqualTo("Mc%");
    Comparison isNull = (Comparison) ((Not) and.operands().get(1)).operand();
    assertThat(isNull.value().kind()).isEqualTo(LiteralKind.NULL);
    In in = (In) and.operands().get(2);
    assertThat(in.values()).extracting(SoqlQuery.Literal::value)
        .containsExactly(LocalDate.of(1990, 1, 1), LocalDate.of(1991, 2, 3));
    assertThat(q.orderBy()).hasSize(2);
    assertThat(q.orderBy().get(0).descending()).isTrue();
    assertThat(q.orderBy().get(0).nullsFirst()).isFalse();
    assertThat(q.orderBy().get(1).nullsFirst()).isTrue();
    assertThat(q.limit()).isEqualTo(10);
    assertThat(q.offset()).isEqualTo(20);
  }

  @Test
  void parsesAggregateQueries() {
    SoqlQuery q = SoqlParser.parse(
        "SELECT Industry, Account.Name n, count(Id), SUM(AnnualRevenue) total, COUNT_DISTINCT(Type)"
            + " FROM Account WHERE Name != null GROUP BY Industry, Account.Name"
            + " HAVING COUNT(Id) > 2 AND (MAX(AnnualRevenue) >= 1000 OR Industry = 'Banking')"
            + " ORDER BY COUNT(Id) DESC NULLS LAST, Industry LIMIT 5 OFFSET 1");
    assertThat(q.aggregate()).isTrue();
    assertThat(q.count()).isFalse();
    assertThat(q.select()).extracting(i -> i.expr().text())
        .containsExactly("Industry", "Account.Name", "count(Id)", "SUM(AnnualRevenue)",
            "COUNT_DISTINCT(Type)");
    assertThat(q.select()).extracting(SoqlQuery.SelectItem::alias)
        .containsExactly(null, "n", null, "total", null);
    SoqlQuery.Aggregate count = (SoqlQuery.Aggregate) q.select().get(2).expr();
    assertThat(count.function()).isEqualTo(SoqlQuery.Function.COUNT);
    assertThat(count.field().path()).isEqualTo("Id");
    assertThat(((SoqlQuery.Aggregate) q.select().get(4).expr()).function())
        .isEqualTo(SoqlQuery.Function.COUNT_DISTINCT);
    assertThat(q.groupBy()).extracting(SoqlQuery.FieldRef::path).containsExactly("Industry", "Account.Name");
    And having = (And) q.having();
    Comparison more = (Comparison) having.operands().get(0);
    assertThat(more.field()).isInstanceOf(SoqlQuery.Aggregate.class);
    assertThat(more.value().number()).isEqualByComparingTo("2");
    Or or = (Or) having.operands().get(1);
    assertThat(((Comparison) or.operands().get(0)).field().text()).isEqualTo("MAX(AnnualRevenue)");
    assertThat(((Comparison) or.operands().get(1)).field()).isInstanceOf(SoqlQuery.FieldRef.class);
    assertThat(q.orderBy()).extracting(o -> o.expr().text()).containsExactly("COUNT(Id)", "Industry");
    assertThat(q.orderBy().get(0).descending()).isTrue();
    assertThat(q.orderBy().get(0).nullsFirst()).isFalse();
    assertThat(q.limit()).isEqualTo(5);
    assertThat(q.offset()).isEqualTo(1);

    // Aggregates without GROUP BY, and COUNT() alone.
    assertThat(SoqlParser.parse("SELECT MAX(CreatedDate) FROM Account").aggregate()).isTrue();
    SoqlQuery countOnly = SoqlParser.parse("SELECT COUNT() FROM Account WHERE Name = 'x' LIMIT 3");
    assertThat(countOnly.count()).isTrue();
    assertThat(countOnly.aggregate()).isFalse();
    assertThat(countOnly.select()).isEmpty();
    // An aggregate in ORDER BY alone makes the query an aggregate one.
    assertThat(SoqlParser.parse("SELECT Industry FROM Account GROUP BY Industry ORDER BY SUM(AnnualRevenue)")
        .orderBy().get(0).expr()).isInstanceOf(SoqlQuery.Aggregate.class);
  }

  @Test
  void refusesMisshapenAggregateQueries() {
    assertMalformed("SELECT COUNT() FROM Account GROUP BY Industry", "Industry",
        "COUNT() can not be used with GROUP BY or HAVING: use COUNT(fieldName) instead");
    assertMalformed("SELECT COUNT() FROM Account ORDER BY Name", "Name",
        "COUNT() can not be used with ORDER BY: use COUNT(fieldName) instead");
    assertMalformed("SELECT Name, COUNT() FROM Account", ") FROM", "unexpected token: ')'");
    assertMalformed("SELECT COUNT(Id) FROM Account HAVING COUNT(Id) > 1", "HAVING",
        "HAVING can only be used with GROUP BY");
    assertMalformed("SELECT MAX(CreatedDate) FROM Account LIMIT 1", "LIMIT",
        "Non-grouped query that uses overall aggregate functions cannot also use LIMIT");
    assertMalformed("SELECT COUNT(Id) FROM Account OFFSET 1", "OFFSET",
        "Non-grouped query that uses overall aggregate functions cannot also use OFFSET");
    assertMalformed("SELECT Name n FROM Account", "n FROM", "only aggregate expressions use field aliasing");
    assertMalformed("SELECT Id FROM Account WHERE COUNT(Id) > 1", "COUNT(Id) >",
        "Aggregate functions are not allowed in WHERE: filter groups with HAVING");
    assertMalformed("SELECT Industry FROM Account GROUP BY ROLLUP(Industry)", "ROLLUP",
        "GROUP BY ROLLUP is not supported by the sandbox");
    assertMalformed("SELECT CALENDAR_YEAR(CloseDate) FROM Opportunity", "CALENDAR_YEAR",
        "The function CALENDAR_YEAR() in SELECT is not supported by the sandbox");
    assertMalformed("SELECT Industry FROM Account GROUP BY CALENDAR_YEAR(CreatedDate)", "CALENDAR_YEAR",
        "The function CALENDAR_YEAR() in GROUP BY is not supported by the sandbox");
    assertMalformed("SELECT SUM(convertCurrency(AnnualRevenue)) FROM Account", "convertCurrency",
        "The function CONVERTCURRENCY() inside SUM() is not supported by the sandbox");
    assertMalformed("SELECT Industry FROM Account ORDER BY Name GROUP BY Industry", "GROUP",
        "unexpected token: 'GROUP'");
    assertMalformed("SELECT Industry, COUNT(Id) FROM Account GROUP BY", "", "unexpected token: <EOF>");
  }

  private static void assertMalformed(String soql, String at, String message) {
    assertThatThrownBy(() -> SoqlParser.parse(soql)).as(soql)
        .isInstanceOfSatisfying(SoqlException.class, e -> {
          assertThat(e.errorCode()).isEqualTo("MALFORMED_QUERY");
          assertThat(e.getMessage()).isEqualTo(message);
          assertThat(e.position()).isEqualTo(at.isEmpty() ? soql.length() : soql.indexOf(at));
        });
  }

  @Test
  void literals() {
    Comparison c = (Comparison) SoqlParser.parse("SELECT Id FROM A WHERE X >= -12.50").where();
    assertThat(c.value().number()).isEqualByComparingTo(new BigDecimal("-12.5"));
    Comparison dt = (Comparison) SoqlParser.parse("SELECT Id FROM A WHERE X < 2024-03-05T06:10:15+01:00").where();
    assertThat(dt.value().dateTime()).isEqualTo(Instant.parse("2024-03-05T05:10:15Z"));
    Comparison z = (Comparison) SoqlParser.parse("SELECT Id FROM A WHERE X < 2024-03-05T06:10:15.250Z").where();
    assertThat(z.value().dateTime()).isEqualTo(Instant.parse("2024-03-05T06:10:15.250Z"));
    Comparison b = (Comparison) SoqlParser.parse("SELECT Id FROM A WHERE X = False").where();
    assertThat(b.value().value()).isEqualTo(Boolean.FALSE);
    Comparison s = (Comparison) SoqlParser.parse("SELECT Id FROM A WHERE X = 'a\\\\b\\n\\t\\\"c\\%\\_'").where();
    assertThat(s.value().text()).isEqualTo("a\\b\n\t\"c%_");
    assertThat(s.value().raw()).isEqualTo("a\\\\b\\n\\t\\\"c\\%\\_");
  }

  @Test
  void likePatterns() {
    assertThat(SoqlExecutor.likePattern("Ac%").matcher("ACME corp").matches()).isTrue();
    assertThat(SoqlExecutor.likePattern("a_c").matcher("abc").matches()).isTrue();
    assertThat(SoqlExecutor.likePattern("a_c").matcher("abbc").matches()).isFalse();
    assertThat(SoqlExecutor.likePattern("100\\%").matcher("100%").matches()).isTrue();
    assertThat(SoqlExecutor.likePattern("100\\%").matcher("1000").matches()).isFalse();
    assertThat(SoqlExecutor.likePattern("a.b*c").matcher("A.B*C").matches()).isTrue();
    assertThat(SoqlExecutor.likePattern("a.b").matcher("axb").matches()).isFalse();
  }

  @Test
  void errorsPointAtTheToken() {
    String soql = "SELECT Id FROM Account WHERE A = 1 AND B = 2 OR C = 3";
    assertThatThrownBy(() -> SoqlParser.parse(soql))
        .isInstanceOfSatisfying(SoqlException.class, e -> {
          assertThat(e.errorCode()).isEqualTo("MALFORMED_QUERY");
          assertThat(e.position()).isEqualTo(soql.indexOf("OR"));
          assertThat(e.describe(soql)).isEqualTo("\n" + soql + "\n" + " ".repeat(soql.indexOf("OR"))
              + "^\nERROR at Row:1:Column:" + (soql.indexOf("OR") + 1) + "\nunexpected token: 'OR'");
        });
    assertThatThrownBy(() -> SoqlParser.parse("SELECT Id FROM Account WHERE Name = \"x\""))
        .hasMessage("line 1:36 no viable alternative at character '\"'");
    assertThatThrownBy(() -> SoqlParser.parse("")).isInstanceOf(SoqlException.class);
  }
}
