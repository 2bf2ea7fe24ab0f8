package io.saasql.sandbox.pingone;

import static io.saasql.sandbox.pingone.PingOneUsersTest.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The users {@code filter} over HTTP: every result is checked against the same predicate
 * evaluated in Java over {@link PingOneSandbox#users}, and every refusal for its 400 body.
 */
class PingOneUserFilterTest {
  private static final String ADMINS = "Administrators";

  private static PingOneSandbox sandbox;
  private static PingOneClient client;
  private static String token;
  private static String path;
  private static List<ObjectNode> all;

  @BeforeAll
  static void start() {
    sandbox = new PingOneSandbox().start();
    client = new PingOneClient(sandbox);
    token = client.token(ADMINS);
    path = "/environments/" + sandbox.environmentId(ADMINS) + "/users";
    all = sandbox.users(ADMINS);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  /** The ids the API returns for a filter, over every page. */
  private static List<String> query(String filter) {
    List<String> ids = new ArrayList<>();
    for (JsonNode user : client.all(token, path, "users", "filter", filter, "limit", "1000")) {
      ids.add(user.get("id").asText());
    }
    return ids;
  }

  private static List<String> expected(Predicate<JsonNode> predicate) {
    return all.stream().filter(predicate).map(u -> u.get("id").asText()).toList();
  }

  private static Predicate<JsonNode> text(String pointer, Predicate<String> test) {
    return u -> {
      JsonNode v = u.at(pointer);
      return v.isTextual() && test.test(v.asText());
    };
  }

  /**
   * Asserts the filter returns exactly (and in order) the users the predicate selects, and that
   * there are some.
   */
  private static List<String> assertFilter(String filter, Predicate<JsonNode> predicate) {
    List<String> expected = expected(predicate);
    assertThat(expected).as("users matching " + filter).isNotEmpty();
    assertThat(query(filter)).as(filter).isEqualTo(expected);
    return expected;
  }

  private static String id(int index) {
    return all.get(index).get("id").asText();
  }

  @Test
  void eqOnUsernameAndEmail() {
    assertThat(assertFilter("username eq \"cobrien\"", text("/username", "cobrien"::equals)))
        .containsExactly(id(5));
    assertThat(assertFilter("email eq \"ana+test@example.com\"",
        text("/email", "ana+test@example.com"::equals))).containsExactly(id(30));
    assertThat(assertFilter("email eq \"laura.rossi@example.com\"",
        text("/email", "laura.rossi@example.com"::equals))).containsExactly(id(2217));
  }

  @Test
  void everyTypeAndNoType() {
    int total = 0;
    for (String type : PingOneSeed.TYPES) {
      total += assertFilter("type eq \"" + type + "\"", text("/type", type::equals)).size();
    }
    assertThat(all.size() - total).isEqualTo(all.stream().filter(u -> !u.has("type")).count());
  }

  @Test
  void enabledTakesBooleans() {
    List<String> disabled = assertFilter("enabled eq false", u -> !u.get("enabled").asBoolean());
    assertThat(disabled).hasSizeBetween(150, 400);
    assertFilter("enabled eq true", u -> u.get("enabled").asBoolean());
    assertFilter("enabled eq \"false\"", u -> !u.get("enabled").asBoolean());
  }

  @Test
  void swOnStringAttributes() {
    assertFilter("username sw \"ma\"", text("/username", s -> s.startsWith("ma")));
    assertFilter("title sw \"Senior\"", text("/title", s -> s.startsWith("Senior")));
    assertFilter("externalId sw \"E1000\"", text("/externalId", s -> s.startsWith("E1000")));
    assertFilter("accountId sw \"A3\"", text("/accountId", s -> s.startsWith("A3")));
    assertFilter("nickname sw \"Bob\"", text("/nickname", s -> s.startsWith("Bob")));
    assertFilter("locale sw \"en-\"", text("/locale", s -> s.startsWith("en-")));
    assertFilter("preferredLanguage eq \"ja\"", text("/preferredLanguage", "ja"::equals));
    assertFilter("timezone eq \"Asia/Tokyo\"", text("/timezone", "Asia/Tokyo"::equals));
    assertFilter("mobilePhone sw \"+4930\"", text("/mobilePhone", s -> s.startsWith("+4930")));
    assertFilter("primaryPhone sw \"+813\"", text("/primaryPhone", s -> s.startsWith("+813")));
    assertFilter("photo.href sw \"https://images.example.com/avatars/j\"",
        text("/photo/href", s -> s.startsWith("https://images.example.com/avatars/j")));
    assertFilter("startDate sw \"2024-\"", text("/startDate", s -> s.startsWith("2024-")));
    assertFilter("endDate eq \"2025-02-28\"", text("/endDate", "2025-02-28"::equals));
  }

  @Test
  void nestedAttributes() {
    assertFilter("address.locality eq \"Berlin\"", text("/address/locality", "Berlin"::equals));
    assertFilter("address.countryCode eq \"JP\"", text("/address/countryCode", "JP"::equals));
    assertFilter("address.region eq \"CO\"", text("/address/region", "CO"::equals));
    assertFilter("address.postalCode sw \"EC1A\"", text("/address/postalCode", s -> s.startsWith("EC1A")));
    assertFilter("address.streetAddress sw \"12\"", text("/address/streetAddress", s -> s.startsWith("12")));
    assertFilter("name.formatted sw \"Dr.\"", text("/name/formatted", s -> s.startsWith("Dr.")));
    assertFilter("name.middle eq \"Ann\"", text("/name/middle", "Ann"::equals));
    assertThat(assertFilter("name.honorificPrefix eq \"Dr.\"",
        text("/name/honorificPrefix", "Dr."::equals))).containsExactly(id(42));
    assertFilter("name.honorificSuffix eq \"PhD\"", text("/name/honorificSuffix", "PhD"::equals));
    String population = sandbox.populations(ADMINS).get(1).get("id").asText();
    assertFilter("population.id eq \"" + population + "\"",
        text("/population/id", population::equals));
  }

  @Test
  void ewOnlyOnEmailAndNames() {
    assertThat(assertFilter("email ew \"@partner.example.net\"",
        text("/email", s -> s.endsWith("@partner.example.net")))).isNotEmpty();
    assertThat(assertFilter("name.family ew \"son\"", text("/name/family", s -> s.endsWith("son"))))
        .hasSizeGreaterThan(10);
    assertFilter("name.given ew \"a\"", text("/name/given", s -> s.endsWith("a")));
  }

  @Test
  void awkwardValues() {
    assertThat(assertFilter("name.family eq \"O'Brien\"", text("/name/family", "O'Brien"::equals)))
        .containsExactly(id(5));
    assertThat(assertFilter("nickname eq \"Bobby \\\"Tables\\\"\"",
        text("/nickname", "Bobby \"Tables\""::equals))).containsExactly(id(10));
    assertThat(assertFilter("title eq \"Sales\\\\Marketing Liaison\"",
        text("/title", "Sales\\Marketing Liaison"::equals))).containsExactly(id(11));
    assertThat(assertFilter("name.given eq \"José\"", text("/name/given", "José"::equals)))
        .containsExactly(id(20));
    assertThat(assertFilter("name.given sw \"Zo\"", text("/name/given", s -> s.startsWith("Zo"))))
        .contains(id(21));
    assertThat(assertFilter("name.family ew \"ller\"", text("/name/family", s -> s.endsWith("ller"))))
        .contains(id(21));
  }

  @Test
  void valuesAreCaseSensitive() {
    assertThat(query("name.family eq \"smith\"")).isEmpty();
    assertThat(assertFilter("name.family eq \"Smith\"", text("/name/family", "Smith"::equals)))
        .hasSizeGreaterThan(10);
    assertThat(query("email eq \"mark.twain@example.com\"")).isEmpty();
    assertThat(query("email eq \"Mark.Twain@Example.com\"")).containsExactly(id(43));
    assertThat(query("type eq \"employee\"")).isEmpty();
  }

  @Test
  void andOrPrecedenceAndParentheses() {
    Predicate<JsonNode> intern = text("/type", "Intern"::equals);
    Predicate<JsonNode> temp = text("/type", "Temp"::equals);
    Predicate<JsonNode> disabled = u -> !u.get("enabled").asBoolean();
    List<String> unbracketed =
        assertFilter("type eq \"Intern\" or type eq \"Temp\" and enabled eq false",
            intern.or(temp.and(disabled)));
    List<String> bracketed =
        assertFilter("(type eq \"Intern\" or type eq \"Temp\") and enabled eq false",
            intern.or(temp).and(disabled));
    assertThat(unbracketed).isNotEqualTo(bracketed);
    assertFilter("TYPE eq \"Intern\" AND (name.family eq \"Smith\" OR name.family eq \"Jones\")",
        intern.and(text("/name/family", s -> s.equals("Smith") || s.equals("Jones"))));
    assertFilter("((username eq \"cobrien\"))", text("/username", "cobrien"::equals));
    assertFilter("(name.family eq \"Smith\") and (name.given sw \"J\")",
        text("/name/family", "Smith"::equals).and(text("/name/given", s -> s.startsWith("J"))));
  }

  @Test
  void groupMembership() {
    var members = sandbox.groupMembers(ADMINS);
    String admins =
        sandbox.groups(ADMINS).stream().filter(g -> g.get("name").asText().equals("Admins"))
            .findFirst().orElseThrow().get("id").asText();
    List<String> expected = all.stream().map(u -> u.get("id").asText())
        .filter(members.get(admins)::contains).toList();
    assertThat(expected).isNotEmpty();
    assertThat(query("memberOfGroups[id eq \"" + admins + "\"]")).isEqualTo(expected);
    assertThat(query("memberOfGroups.id eq \"" + admins + "\"")).isEqualTo(expected);
    List<String> enabledAdmins = all.stream()
        .filter(u -> u.get("enabled").asBoolean() && members.get(admins).contains(u.get("id").asText()))
        .map(u -> u.get("id").asText()).toList();
    assertThat(query("enabled eq true and memberOfGroups[id eq \"" + admins + "\"]"))
        .isEqualTo(enabledAdmins);
    assertThat(query("memberOfGroups[id eq \"no-such-group\"]")).isEmpty();
  }

  @Test
  void refusedOperatorsAndAttributes() {
    String[][] refused = {
      {"username ne \"x\"", "'ne'"},
      {"username gt \"x\"", "'gt'"},
      {"username lt \"x\"", "'lt'"},
      {"username ge \"x\"", "'ge'"},
      {"username co \"x\"", "'co'"},
      {"email pr", "'pr'"},
      {"not (username eq \"x\")", "'not'"},
      {"createdAt gt \"2024-01-01T00:00:00Z\"", "'createdAt'"},
      {"updatedAt eq \"2024-01-01T00:00:00.000Z\"", "'updatedAt'"},
      {"lifecycle.status eq \"ACCOUNT_OK\"", "'lifecycle.status'"},
      {"account.status eq \"LOCKED\"", "'account.status'"},
      {"id eq \"" + id(0) + "\"", "'id'"},
      {"mfaEnabled eq true", "'mfaEnabled'"},
      {"favouriteColour eq \"blue\"", "'favouriteColour'"},
      {"title ew \"Engineer\"", "'ew'"},
      {"username ew \"x\"", "'ew'"},
      {"enabled sw \"t\"", "'sw'"},
      {"enabled eq \"yes\"", "'enabled'"},
      {"username eq \"a\" and createdAt eq \"b\"", "'createdAt'"},
    };
    for (String[] r : refused) {
      PingOneClient.Answer a = client.get(token, path, "filter", r[0]);
      assertInvalid(a, "filter", r[1]);
    }
  }

  @Test
  void syntaxErrorsAre400NamingThePosition() {
    for (String filter :
        new String[] {"username eq", "username eq \"x", "(username eq \"x\"", "username \"x\"",
          "username eq \"x\" or", "username eq \"x\\q\""}) {
      PingOneClient.Answer a = client.get(token, path, "filter", filter);
      assertInvalid(a, "filter", "position");
    }
  }
}
