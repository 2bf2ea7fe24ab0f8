package io.saasql.sandbox.pingone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.saasql.sandbox.pingone.ScimFilter.And;
import io.saasql.sandbox.pingone.ScimFilter.Comparison;
import io.saasql.sandbox.pingone.ScimFilter.InvalidFilterException;
import io.saasql.sandbox.pingone.ScimFilter.Or;
import io.saasql.sandbox.pingone.ScimFilter.ValuePath;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SCIM filter parser, validator and evaluator on their own, without HTTP. */
class ScimFilterTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text.replace('\'', '"'));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static final JsonNode ADA =
      json("{'username':'alovelace','email':'ada.lovelace@example.com','enabled':true,"
          + "'name':{'given':'Ada','family':'Lovelace'},'type':'Employee',"
          + "'nickname':'say \\\"hi\\\" \\\\ bye','memberOfGroups':[{'id':'g1'},{'id':'g2'}]}");

  private static boolean users(String filter, JsonNode user) {
    return ScimFilter.parse(filter).validate(FilterSchema.USERS).matches(user);
  }

  @Test
  void aLongChainOfEqualitiesOnOneAttributeIsOneSetThatMatchesAsTheChainWould() {
    StringBuilder chain = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      chain.append(i == 0 ? "" : " or ").append("(email eq \"user").append(i).append("@x.org\")");
    }
    String hit = chain + " or email eq \"ADA.LOVELACE@example.com\"";
    ScimFilter f = ScimFilter.parse(hit).validate(FilterSchema.USERS);
    assertThat(f.root()).isInstanceOf(ScimFilter.AnyOf.class);
    assertThat(((ScimFilter.AnyOf) f.root()).values()).hasSize(201);
    assertThat(f.matches(ADA)).isFalse();
    assertThat(f.matchesIgnoringCase(ADA)).isTrue();
    // Another attribute or operator in the chain keeps it a chain, evaluated as written.
    ScimFilter mixed = ScimFilter.parse(chain + " or username sw \"alove\"")
        .validate(FilterSchema.USERS);
    assertThat(mixed.root()).isInstanceOf(Or.class);
    assertThat(mixed.matches(ADA)).isTrue();
    // Identifiers stay exact even when other strings ignore case.
    JsonNode withId = json("{'population':{'id':'abc'}}");
    ScimFilter ids = ScimFilter.parse("population.id eq \"ABC\" or population.id eq \"def\"")
        .validate(FilterSchema.USERS);
    assertThat(ids.matchesIgnoringCase(withId)).isFalse();
  }

  @Test
  void valuesCompareExactlyUnlessCaseIsIgnoredAndNeverForIdentifiers() {
    assertThat(users("name.family eq \"LOVELACE\"", ADA)).isFalse();
    ScimFilter f = ScimFilter.parse("name.family eq \"LOVELACE\" and username sw \"ALOVE\""
        + " and email ew \"@EXAMPLE.COM\"").validate(FilterSchema.USERS);
    assertThat(f.matches(ADA)).isFalse();
    assertThat(f.matchesIgnoringCase(ADA)).isTrue();
    JsonNode withId = json("{'id':'abc','population':{'id':'p1'},'memberOfGroups':[{'id':'g1'}]}");
    for (String exact : List.of("population.id eq \"P1\"", "memberOfGroups[id eq \"G1\"]")) {
      assertThat(ScimFilter.parse(exact).validate(FilterSchema.USERS)
          .matchesIgnoringCase(withId)).as(exact).isFalse();
    }
  }

  @Test
  void andBindsTighterThanOr() {
    ScimFilter f = ScimFilter.parse("a eq \"1\" or b eq \"2\" and c eq \"3\"");
    assertThat(f.root()).isInstanceOf(Or.class);
    Or or = (Or) f.root();
    assertThat(or.left()).isInstanceOf(Comparison.class);
    assertThat(or.right()).isInstanceOf(And.class);

    ScimFilter g = ScimFilter.parse("(a eq \"1\" or b eq \"2\") and c eq \"3\"");
    assertThat(g.root()).isInstanceOf(And.class);
    assertThat(((And) g.root()).left()).isInstanceOf(Or.class);
  }

  @Test
  void keywordsAndOperatorsAreCaseInsensitive() {
    ScimFilter f = ScimFilter.parse("username EQ \"x\" AND email Sw \"y\" Or title eq \"z\"");
    assertThat(f.root()).isInstanceOf(Or.class);
    Comparison c = (Comparison) ((And) ((Or) f.root()).left()).left();
    assertThat(c.operator()).isEqualTo("eq");
  }

  @Test
  void attributeNamesResolveCaseInsensitivelyToTheSchemaSpelling() {
    ScimFilter f = ScimFilter.parse("USERNAME eq \"alovelace\"").validate(FilterSchema.USERS);
    assertThat(((Comparison) f.root()).attribute()).isEqualTo("username");
    assertThat(f.matches(ADA)).isTrue();
    assertThat(users("Name.Given eq \"Ada\"", ADA)).isTrue();
  }

  @Test
  void stringEscapes() {
    Comparison c =
        (Comparison) ScimFilter.parse("nickname eq \"say \\\"hi\\\" \\\\ bye\"").root();
    assertThat(c.value()).isEqualTo("say \"hi\" \\ bye");
    assertThat(users("nickname eq \"say \\\"hi\\\" \\\\ bye\"", ADA)).isTrue();
    assertThat(((Comparison) ScimFilter.parse("a eq \"\\u00e9\\/\\t\"").root()).value())
        .isEqualTo("é/\t");
    assertThat(((Comparison) ScimFilter.parse("a eq \"O'Brien\"").root()).value())
        .isEqualTo("O'Brien");
  }

  @Test
  void valuesAreCaseSensitive() {
    assertThat(users("name.given eq \"Ada\"", ADA)).isTrue();
    assertThat(users("name.given eq \"ada\"", ADA)).isFalse();
    assertThat(users("email sw \"Ada\"", ADA)).isFalse();
    assertThat(users("email ew \"@EXAMPLE.COM\"", ADA)).isFalse();
  }

  @Test
  void operatorsSwEwEqAndBooleans() {
    assertThat(users("email sw \"ada.\"", ADA)).isTrue();
    assertThat(users("email ew \"@example.com\"", ADA)).isTrue();
    assertThat(users("name.family ew \"lace\"", ADA)).isTrue();
    assertThat(users("enabled eq true", ADA)).isTrue();
    assertThat(users("enabled eq false", ADA)).isFalse();
    assertThat(users("enabled eq \"true\"", ADA)).isTrue();
    assertThat(users("title eq \"x\"", ADA)).isFalse(); // absent attribute never matches
  }

  @Test
  void valuePathAndDottedMembership() {
    assertThat(users("memberOfGroups[id eq \"g2\"]", ADA)).isTrue();
    assertThat(users("memberOfGroups[id eq \"g3\"]", ADA)).isFalse();
    assertThat(users("memberOfGroups[id eq \"g3\" or id eq \"g1\"]", ADA)).isTrue();
    assertThat(users("memberOfGroups.id eq \"g1\"", ADA)).isTrue();
    ScimFilter f = ScimFilter.parse("memberofgroups[ID eq \"g1\"]").validate(FilterSchema.USERS);
    assertThat(((ValuePath) f.root()).attribute()).isEqualTo("memberOfGroups");
    assertThat(f.mentions("memberOfGroups")).isTrue();
    assertThat(ScimFilter.parse("username eq \"x\"").validate(FilterSchema.USERS)
        .mentions("memberOfGroups")).isFalse();
  }

  @Test
  void syntaxErrorsNameThePosition() {
    assertSyntax("username eq", "at position 12");
    assertSyntax("username \"x\"", "expected an operator");
    assertSyntax("username eq \"x", "no closing quote");
    assertSyntax("(username eq \"x\"", "expected ')' at position 17");
    assertSyntax("username eq \"x\")", "at position 16");
    assertSyntax("username eq \"x\" and", "at position 20");
    assertSyntax("username eq \"x\" xor email eq \"y\"", "at position 17 but found 'xor'");
    assertSyntax("username eq \"a\\qb\"", "invalid escape '\\q' at position 15");
    assertSyntax("username eq bare", "expected a value");
    assertSyntax("", "empty");
    assertSyntax("  ", "empty");
    assertSyntax("memberOfGroups[id eq \"1\"", "expected ']'");
    assertSyntax("1abc eq \"x\"", "expected an attribute name at position 1");
  }

  private static void assertSyntax(String filter, String messagePart) {
    assertThatThrownBy(() -> ScimFilter.parse(filter))
        .isInstanceOf(InvalidFilterException.class)
        .hasMessageContaining(messagePart);
  }

  @Test
  void unsupportedThingsParseButFailValidation() {
    for (String f :
        new String[] {
          "username ne \"x\"", "username gt \"x\"", "username lt \"x\"", "username co \"x\"",
          "username pr", "not (username eq \"x\")", "createdAt eq \"x\"",
          "title ew \"x\"", "enabled sw \"t\""
        }) {
      ScimFilter parsed = ScimFilter.parse(f); // no syntax error
      assertThatThrownBy(() -> parsed.validate(FilterSchema.USERS))
          .as(f)
          .isInstanceOf(InvalidFilterException.class);
    }
  }

  @Test
  void validationMessagesNameAttributeAndOperator() {
    assertInvalid(FilterSchema.USERS, "username ne \"x\"", "'ne'", "'username'");
    assertInvalid(FilterSchema.USERS, "title ew \"x\"", "'ew'", "'title'");
    assertInvalid(FilterSchema.USERS, "email pr", "'pr'", "'email'");
    assertInvalid(FilterSchema.USERS, "createdAt gt \"2024\"", "'createdAt'");
    assertInvalid(FilterSchema.USERS, "lifecycle.status eq \"ACCOUNT_OK\"", "'lifecycle.status'");
    assertInvalid(FilterSchema.USERS, "id eq \"x\"", "'id'");
    assertInvalid(FilterSchema.USERS, "enabled eq \"yes\"", "'enabled'", "true or false");
    assertInvalid(FilterSchema.USERS, "username eq true", "'username'", "quoted string");
    assertInvalid(FilterSchema.USERS, "username eq null", "quoted string");
    assertInvalid(FilterSchema.USERS, "username eq 42", "quoted string");
    assertInvalid(FilterSchema.USERS, "not (username eq \"x\")", "'not'");
    assertInvalid(FilterSchema.USERS, "memberOfGroups[name eq \"x\"]", "'name'");
    assertInvalid(FilterSchema.USERS, "username[id eq \"x\"]", "'username'");
    assertInvalid(FilterSchema.USERS, "memberOfGroups eq \"x\"", "'memberOfGroups'");
    // the first refusal, left to right
    assertInvalid(FilterSchema.USERS, "username eq \"x\" and (foo eq \"1\" or bar eq \"2\")",
        "'foo'");

    assertInvalid(FilterSchema.GROUPS, "name ew \"x\"", "'ew'", "'name'");
    assertInvalid(FilterSchema.GROUPS, "description eq \"x\"", "'description'");
    assertInvalid(FilterSchema.GROUPS, "id sw \"x\"", "'sw'", "'id'");
    assertInvalid(FilterSchema.POPULATIONS, "name eq \"Default\"", "'eq'", "'name'");
    assertInvalid(FilterSchema.POPULATIONS, "id sw \"1\"", "'sw'", "'id'");
  }

  private static void assertInvalid(FilterSchema schema, String filter, String... parts) {
    assertThatThrownBy(() -> ScimFilter.parse(filter).validate(schema))
        .as(filter)
        .isInstanceOf(InvalidFilterException.class)
        .hasMessageContainingAll(parts);
  }
}
