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
    assertThat(q.fields()).extracting(SoqlQuery.FieldRef::path).containsExactly("Id", "Account.Name");
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
