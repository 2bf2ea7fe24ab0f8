package io.saasql.sandbox.bitbucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.saasql.sandbox.bitbucket.BbqlTokenizer.Kind;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The BBQL tokenizer, parser and evaluator without HTTP. */
class BbqlParserTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode json(String s) {
    try {
      return MAPPER.readTree(s.replace('\'', '"'));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static boolean matches(String q, String issueJson) {
    return BbqlFilter.compile(q, FieldCatalog.ISSUE).test(json(issueJson));
  }

  @Test
  void tokenizesEveryKindWithPositions() {
    List<BbqlTokenizer.Token> tokens =
        BbqlTokenizer.tokenize(
            "(a.b!=\"x\\\"y\\\\z\" and c>=-1.5)OR d<2024-01-01T00:00:00+00:00 or e = null AND f=TRUE");
    assertThat(tokens)
        .extracting(BbqlTokenizer.Token::kind)
        .containsExactly(
            Kind.LEFT_PAREN, Kind.PATH, Kind.OPERATOR, Kind.STRING, Kind.AND, Kind.PATH,
            Kind.OPERATOR, Kind.NUMBER, Kind.RIGHT_PAREN, Kind.OR, Kind.PATH, Kind.OPERATOR,
            Kind.DATETIME, Kind.OR, Kind.PATH, Kind.OPERATOR, Kind.NULL, Kind.AND, Kind.PATH,
            Kind.OPERATOR, Kind.TRUE, Kind.END);
    assertThat(tokens.get(3).value()).isEqualTo("x\"y\\z");
    assertThat(tokens.get(3).position()).isEqualTo(6);
    assertThat(tokens.get(7).value()).isEqualTo(new BigDecimal("-1.5"));
    assertThat(tokens.get(12).value()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(tokens.get(2).text()).isEqualTo("!=");
    assertThat(tokens.get(6).text()).isEqualTo(">=");
  }

  @ParameterizedTest
  @CsvSource({
    "2024-01-01T00:00:00+00:00, 2024-01-01T00:00:00Z",
    "2024-01-01T00:00:00Z, 2024-01-01T00:00:00Z",
    "2024-01-01, 2024-01-01T00:00:00Z",
    "2024-01-01T10:30:00, 2024-01-01T10:30:00Z",
    "2024-01-01T10:30, 2024-01-01T10:30:00Z",
    "2024-01-01T02:00:00+02:00, 2024-01-01T00:00:00Z",
    "2023-12-31T19:00:00-05:00, 2024-01-01T00:00:00Z",
    "2024-03-05T06:10:15.123456+00:00, 2024-03-05T06:10:15.123456Z",
  })
  void dateTimeLiterals(String literal, String instant) {
    BbqlExpression.Comparison c = (BbqlExpression.Comparison) BbqlParser.parse("created_on > " + literal);
    assertThat(c.valueKind()).isEqualTo(Kind.DATETIME);
    assertThat(c.value()).isEqualTo(Instant.parse(instant));
  }

  @Test
  void andBindsTighterThanOrAndParenthesesGroup() {
    assertThat(BbqlParser.parse("a = 1 OR b = 2 AND c = 3").toString())
        .isEqualTo("(a = 1 OR (b = 2 AND c = 3))");
    assertThat(BbqlParser.parse("(a = 1 OR b = 2) AND c = 3").toString())
        .isEqualTo("((a = 1 OR b = 2) AND c = 3)");
    assertThat(BbqlParser.parse("a = 1 and b = 2 and c = 3 or d = 4 Or e = 5").toString())
        .isEqualTo("((a = 1 AND b = 2 AND c = 3) OR d = 4 OR e = 5)");
    assertThat(BbqlParser.parse("((a = 1))").toString()).isEqualTo("a = 1");

    String open = "{'state':'open','kind':'bug','votes':0}";
    assertThat(matches("state = \"closed\" OR state = \"open\" AND kind = \"task\"", open)).isFalse();
    assertThat(matches("(state = \"closed\" OR state = \"open\") AND kind = \"bug\"", open)).isTrue();
    assertThat(matches("state = \"open\" OR state = \"x\" AND kind = \"task\"", open)).isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''                         | Expected a field name but found end of query at position 0",
        "state                      | Expected an operator but found end of query at position 5",
        "state =                    | Expected a value but found end of query at position 7",
        "state = open               | Expected a value but found 'open' at position 8",
        "state == \"open\"          | Expected a value but found '=' at position 7",
        "(state = \"open\"          | Expected ')' but found end of query at position 15",
        "state = \"open\")          | Expected AND, OR or end of query but found ')' at position 14",
        "state = \"open\" kind = 1  | Expected AND, OR or end of query but found 'kind' at position 15",
        "state = \"open             | Unterminated string at position 8",
        "title = \"a\\nb\"          | Invalid escape sequence '\\n' at position 10",
        "state ! \"open\"           | Unexpected character '!' at position 6",
        "votes = 12abc              | Invalid value '12abc' at position 8",
        "created_on > 2024-13-01    | Invalid value '2024-13-01' at position 13",
        "state = 'open'             | Unexpected character ''' at position 8",
        "AND state = \"open\"       | Expected a field name but found 'AND' at position 0",
        "a.b. = 1                   | Invalid field name 'a.b.' at position 0",
      })
  void syntaxErrorsNameThePosition(String query, String message) {
    assertThatThrownBy(() -> BbqlParser.parse(query))
        .isInstanceOf(BbqlException.class)
        .hasMessage("Invalid query: " + message);
  }

  @Test
  void everyOperatorOnStrings() {
    String issue = "{'title':'Fix Login page','state':'open'}";
    assertThat(matches("title = \"Fix Login page\"", issue)).isTrue();
    assertThat(matches("title = \"fix login page\"", issue)).isFalse(); // = is case-sensitive
    assertThat(matches("title != \"Fix Login page\"", issue)).isFalse();
    assertThat(matches("title != \"other\"", issue)).isTrue();
    assertThat(matches("title ~ \"LOGIN\"", issue)).isTrue(); // ~ is case-insensitive
    assertThat(matches("title ~ \"logout\"", issue)).isFalse();
    assertThat(matches("title !~ \"login\"", issue)).isFalse();
    assertThat(matches("title !~ \"logout\"", issue)).isTrue();
    assertThat(matches("state > \"new\"", issue)).isTrue();
    assertThat(matches("state >= \"open\"", issue)).isTrue();
    assertThat(matches("state < \"open\"", issue)).isFalse();
    assertThat(matches("state <= \"open\"", issue)).isTrue();
  }

  @Test
  void numbersDateTimesAndBooleans() {
    String issue = "{'id':7,'votes':3,'created_on':'2024-03-05T06:10:15.123456+00:00'}";
    assertThat(matches("votes = 3", issue)).isTrue();
    assertThat(matches("votes = 3.0", issue)).isTrue();
    assertThat(matches("votes != 3", issue)).isFalse();
    assertThat(matches("votes > 2.5 AND votes < 4 AND votes >= 3 AND votes <= 3", issue)).isTrue();
    assertThat(matches("id > -1", issue)).isTrue();
    assertThat(matches("created_on > 2024-03-05T06:10:15+00:00", issue)).isTrue();
    assertThat(matches("created_on >= 2024-03-05T06:10:15.123456Z", issue)).isTrue();
    assertThat(matches("created_on <= 2024-03-05T06:10:15.123456+00:00", issue)).isTrue();
    assertThat(matches("created_on < 2024-03-05", issue)).isFalse();
    assertThat(matches("created_on >= 2024-03-05 AND created_on < 2024-03-06", issue)).isTrue();
    assertThat(matches("created_on = 2024-03-05T07:10:15.123456+01:00", issue)).isTrue();

    Predicate<JsonNode> draft = BbqlFilter.compile("draft = true", FieldCatalog.PULL_REQUEST);
    assertThat(draft.test(json("{'draft':true}"))).isTrue();
    assertThat(draft.test(json("{'draft':false}"))).isFalse();
    Predicate<JsonNode> notDraft = BbqlFilter.compile("draft != true", FieldCatalog.PULL_REQUEST);
    assertThat(notDraft.test(json("{'draft':false}"))).isTrue();
  }

  @Test
  void nullComparisons() {
    String unassigned = "{'assignee':null,'milestone':null,'edited_on':null}";
    String assigned =
        "{'assignee':{'uuid':'{u1}','display_name':'Ann'},'milestone':{'name':'M1'},"
            + "'edited_on':'2024-01-01T00:00:00.000000+00:00'}";
    assertThat(matches("assignee = null", unassigned)).isTrue();
    assertThat(matches("assignee = null", assigned)).isFalse();
    assertThat(matches("assignee != null", assigned)).isTrue();
    assertThat(matches("assignee.uuid = null", unassigned)).isTrue();
    assertThat(matches("assignee.uuid != null", assigned)).isTrue();
    assertThat(matches("milestone.name = null", assigned)).isFalse();
    assertThat(matches("edited_on = null", unassigned)).isTrue();
    assertThat(matches("edited_on != NULL", assigned)).isTrue();
    assertThat(matches("{}".isEmpty() ? "" : "assignee = null", "{}")).isTrue(); // absent = null
    // a null field matches the negated operators, never the others
    assertThat(matches("assignee.uuid != \"{u1}\"", unassigned)).isTrue();
    assertThat(matches("assignee.uuid !~ \"u\"", unassigned)).isTrue();
    assertThat(matches("assignee.uuid = \"{u1}\"", unassigned)).isFalse();
    assertThat(matches("assignee.uuid ~ \"u\"", unassigned)).isFalse();
    assertThat(matches("edited_on > 2000-01-01", unassigned)).isFalse();
    assertThat(matches("edited_on < 2100-01-01", unassigned)).isFalse();
  }

  @Test
  void pathsThroughArraysMatchAnyElement() {
    Predicate<JsonNode> reviewer =
        BbqlFilter.compile("reviewers.uuid = \"{b}\"", FieldCatalog.PULL_REQUEST);
    Predicate<JsonNode> notReviewer =
        BbqlFilter.compile("reviewers.uuid != \"{b}\"", FieldCatalog.PULL_REQUEST);
    Predicate<JsonNode> none = BbqlFilter.compile("reviewers.uuid = null", FieldCatalog.PULL_REQUEST);
    JsonNode two = json("{'reviewers':[{'uuid':'{a}'},{'uuid':'{b}'}]}");
    JsonNode empty = json("{'reviewers':[]}");
    assertThat(reviewer.test(two)).isTrue();
    assertThat(notReviewer.test(two)).isFalse();
    assertThat(reviewer.test(empty)).isFalse();
    assertThat(notReviewer.test(empty)).isTrue();
    assertThat(none.test(empty)).isTrue();
    assertThat(none.test(two)).isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "content.html ~ \"p\"        | Field \"content.html\" does not support filtering",
        "links = null                | Field \"links\" does not support filtering",
        "xyz = 1                     | Field \"xyz\" does not support filtering",
        "Title = \"x\"               | Field \"Title\" does not support filtering",
        "votes = \"3\"               | Invalid query: field \"votes\" expects a number but found \"3\" at position 0",
        "created_on > \"2024-01-01\" | Invalid query: field \"created_on\" expects a date-time but found \"2024-01-01\" at position 0",
        "title = 3                   | Invalid query: field \"title\" expects a string but found 3 at position 0",
        "assignee = \"{u1}\"         | Invalid query: field \"assignee\" expects null but found \"{u1}\" at position 0",
        "votes ~ 3                   | Invalid query: operator ~ is not supported by field \"votes\" at position 0",
        "votes > null                | Invalid query: null can only be compared with = or != at position 0",
        "state = \"open\" AND kind ~ true | Invalid query: field \"kind\" expects a string but found true at position 19",
      })
  void bindingErrors(String query, String message) {
    assertThatThrownBy(() -> BbqlFilter.compile(query, FieldCatalog.ISSUE))
        .isInstanceOf(BbqlException.class)
        .hasMessage(message);
  }

  @Test
  void sortOrders() {
    List<JsonNode> issues =
        List.of(
            json("{'id':1,'votes':2,'milestone':null}"),
            json("{'id':2,'votes':1,'milestone':{'name':'B'}}"),
            json("{'id':3,'votes':2,'milestone':{'name':'A'}}"));
    assertThat(issues.stream().sorted(FieldCatalog.ISSUE.order("votes")).map(i -> i.get("id").asInt()))
        .containsExactly(2, 1, 3);
    assertThat(issues.stream().sorted(FieldCatalog.ISSUE.order("-votes")).map(i -> i.get("id").asInt()))
        .containsExactly(3, 1, 2);
    assertThat(issues.stream().sorted(FieldCatalog.ISSUE.order("milestone.name")).map(i -> i.get("id").asInt()))
        .containsExactly(3, 2, 1);
    assertThat(issues.stream().sorted(FieldCatalog.ISSUE.order("-milestone.name")).map(i -> i.get("id").asInt()))
        .containsExactly(1, 2, 3);
    assertThatThrownBy(() -> FieldCatalog.ISSUE.order("links"))
        .hasMessage("Field \"links\" does not support sorting");
    assertThatThrownBy(() -> FieldCatalog.ISSUE.order("assignee"))
        .hasMessage("Field \"assignee\" does not support sorting");
    assertThatThrownBy(() -> FieldCatalog.ISSUE.order("votes,id"))
        .hasMessage("Field \"votes,id\" does not support sorting");
  }
}
