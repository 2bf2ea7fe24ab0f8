package io.saasql.sandbox.pingone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Users list paging, one user, include=memberOfGroupIDs and a user's group memberships. */
class PingOneUsersTest {
  private static final String ADMINS = "Administrators";
  private static final String PROD = "Production";

  private static PingOneSandbox sandbox;
  private static PingOneClient client;
  private static String token;
  private static String prodToken;
  private static String users;
  private static String prodUsers;

  @BeforeAll
  static void start() {
    sandbox = new PingOneSandbox().start();
    client = new PingOneClient(sandbox);
    token = client.token(ADMINS);
    prodToken = client.token(PROD);
    users = "/environments/" + sandbox.environmentId(ADMINS) + "/users";
    prodUsers = "/environments/" + sandbox.environmentId(PROD) + "/users";
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static List<String> ids(Iterable<JsonNode> nodes) {
    List<String> ids = new ArrayList<>();
    nodes.forEach(n -> ids.add(n.get("id").asText()));
    return ids;
  }

  @Test
  void seedSizes() {
    assertThat(sandbox.users(ADMINS)).hasSize(2500);
    assertThat(sandbox.users(PROD)).hasSize(1200);
    assertThat(sandbox.groups(ADMINS)).hasSize(10);
    assertThat(sandbox.populations(ADMINS)).hasSize(3);
    assertThat(sandbox.populations(PROD)).hasSize(4);
  }

  @Test
  void firstPageHasTheDefaultLimitAndThePagingShape() {
    PingOneClient.Answer a = client.get(token, users);
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.headers().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
    JsonNode page = a.json();
    assertThat(page.fieldNames()).toIterable()
        .containsExactly("_links", "_embedded", "count", "size");
    assertThat(page.get("count").asInt()).isEqualTo(2500);
    assertThat(page.get("size").asInt()).isEqualTo(100);
    assertThat(page.at("/_links/self/href").asText()).isEqualTo(sandbox.baseUrl() + users);
    String next = page.at("/_links/next/href").asText();
    assertThat(next).startsWith(sandbox.baseUrl() + users + "?cursor=");
    List<ObjectNode> expected = sandbox.users(ADMINS).subList(0, 100);
    List<JsonNode> actual = new ArrayList<>();
    page.at("/_embedded/users").forEach(actual::add);
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void limitIsCappedAt200PerPage() {
    JsonNode page = client.get(token, users, "limit", "1000").json();
    assertThat(page.get("size").asInt()).isEqualTo(200);
    assertThat(page.at("/_embedded/users").size()).isEqualTo(200);
    assertThat(page.get("count").asInt()).isEqualTo(2500);
    JsonNode small = client.get(token, users, "limit", "7").json();
    assertThat(small.get("size").asInt()).isEqualTo(7);
    assertThat(small.at("/_embedded/users").size()).isEqualTo(7);
  }

  @Test
  void followingNextVisitsEveryUserOnceInOrder() {
    List<JsonNode> pages = client.pages(token, users, "limit", "1000");
    assertThat(pages).hasSize(13);
    List<JsonNode> all = new ArrayList<>();
    for (int i = 0; i < pages.size(); i++) {
      JsonNode page = pages.get(i);
      assertThat(page.get("count").asInt()).isEqualTo(2500);
      assertThat(page.get("size").asInt()).isEqualTo(i < 12 ? 200 : 100);
      assertThat(page.at("/_links/next").isMissingNode()).isEqualTo(i == 12);
      page.at("/_embedded/users").forEach(all::add);
    }
    assertThat(ids(all)).doesNotHaveDuplicates().isEqualTo(ids(new ArrayList<>(sandbox.users(ADMINS))));
    // the next link repeats the request's parameters
    assertThat(pages.get(0).at("/_links/next/href").asText()).contains("limit=1000&cursor=");
    assertThat(pages.get(1).at("/_links/self/href").asText()).contains("limit=1000&cursor=");
  }

  @Test
  void anExactMultipleOfThePageSizeEndsWithoutAnEmptyPage() {
    List<JsonNode> pages = client.pages(prodToken, prodUsers, "limit", "200");
    assertThat(pages).hasSize(6);
    assertThat(pages.get(5).get("size").asInt()).isEqualTo(200);
    assertThat(pages.get(5).at("/_links/next").isMissingNode()).isTrue();
  }

  @Test
  void pagingAFilteredList() {
    String filter = "type eq \"Intern\"";
    long interns =
        sandbox.users(ADMINS).stream().filter(u -> u.path("type").asText().equals("Intern")).count();
    List<JsonNode> pages = client.pages(token, users, "filter", filter, "limit", "50");
    assertThat(pages).hasSize((int) ((interns + 49) / 50));
    for (JsonNode page : pages) {
      assertThat(page.get("count").asLong()).isEqualTo(interns);
    }
    String next = pages.get(0).at("/_links/next/href").asText();
    assertThat(next)
        .startsWith(sandbox.baseUrl() + users + "?filter=type%20eq%20%22Intern%22&limit=50&cursor=");
    // a cursor only continues the filter it came from
    String cursor = next.substring(next.indexOf("cursor=") + 7);
    PingOneClient.Answer other =
        client.get(token, users, "filter", "type eq \"Temp\"", "limit", "50", "cursor", cursor);
    assertInvalid(other, "cursor", "filter");
  }

  @Test
  void emptyResult() {
    JsonNode page = client.get(token, users, "filter", "username eq \"nobody\"").json();
    assertThat(page.get("count").asInt()).isZero();
    assertThat(page.get("size").asInt()).isZero();
    assertThat(page.at("/_embedded/users").isArray()).isTrue();
    assertThat(page.at("/_embedded/users").size()).isZero();
    assertThat(page.at("/_links/next").isMissingNode()).isTrue();
  }

  @Test
  void badLimitOrCursorIs400() {
    for (String limit : new String[] {"0", "1001", "-1", "abc", ""}) {
      assertInvalid(client.get(token, users, "limit", limit), "limit", "limit");
    }
    assertThat(client.get(token, users, "limit", "1").status()).isEqualTo(200);
    assertInvalid(client.get(token, users, "cursor", "not-a-cursor"), "cursor", "cursor");
    // groups and populations check limit too
    assertInvalid(
        client.get(token, "/environments/" + sandbox.environmentId(ADMINS) + "/groups",
            "limit", "5000"),
        "limit", "limit");
  }

  static void assertInvalid(PingOneClient.Answer a, String target, String messagePart) {
    assertThat(a.status()).isEqualTo(400);
    JsonNode body = a.json();
    assertThat(body.fieldNames()).toIterable().containsExactly("id", "code", "message", "details");
    assertThat(body.get("code").asText()).isEqualTo("INVALID_DATA");
    assertThat(body.get("message").asText())
        .isEqualTo("The request could not be completed. One or more validation errors were in the request.");
    assertThat(body.get("details").size()).isEqualTo(1);
    assertThat(body.at("/details/0/code").asText()).isEqualTo("INVALID_VALUE");
    assertThat(body.at("/details/0/target").asText()).isEqualTo(target);
    assertThat(body.at("/details/0/message").asText()).contains(messagePart);
  }

  @Test
  void oneUser() {
    ObjectNode expected = sandbox.users(ADMINS).get(5);
    PingOneClient.Answer a = client.get(token, users + "/" + expected.get("id").asText());
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.json()).isEqualTo(expected);
    assertThat(a.json().at("/name/family").asText()).isEqualTo("O'Brien");
    assertThat(a.json().at("/_links/self/href").asText())
        .isEqualTo(sandbox.baseUrl() + users + "/" + expected.get("id").asText());
    assertThat(a.json().fieldNames()).toIterable()
        .startsWith("_links", "id", "environment", "account")
        .contains("createdAt", "email", "enabled", "lifecycle", "mfaEnabled", "name",
            "population", "updatedAt", "username")
        .doesNotContain("password", "memberOfGroupIDs");
    assertThat(a.json().get("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
  }

  @Test
  void unknownUserIs404() {
    String id = "00000000-0000-4000-8000-000000000000";
    PingOneClient.Answer a = client.get(token, users + "/" + id);
    assertThat(a.status()).isEqualTo(404);
    assertThat(a.json().fieldNames()).toIterable().containsExactly("id", "code", "message");
    assertThat(a.json().get("code").asText()).isEqualTo("NOT_FOUND");
    assertThat(a.json().get("message").asText()).isEqualTo("Unable to find user with ID: " + id);
    // a Production user is not found in Administrators
    String prodUser = sandbox.users(PROD).get(0).get("id").asText();
    assertThat(client.get(token, users + "/" + prodUser).status()).isEqualTo(404);
    assertThat(client.get(token, users + "/" + id + "/memberOfGroups").status()).isEqualTo(404);
  }

  @Test
  void includeMemberOfGroupIds() {
    Map<String, List<String>> members = sandbox.groupMembers(ADMINS);
    JsonNode page = client.get(token, users, "include", "memberOfGroupIDs", "limit", "200").json();
    int withGroups = 0;
    for (JsonNode user : page.at("/_embedded/users")) {
      String id = user.get("id").asText();
      List<String> expected =
          members.entrySet().stream().filter(e -> e.getValue().contains(id)).map(Map.Entry::getKey).toList();
      List<String> actual = new ArrayList<>();
      user.get("memberOfGroupIDs").forEach(g -> actual.add(g.asText()));
      assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
      withGroups += actual.isEmpty() ? 0 : 1;
    }
    assertThat(withGroups).isGreaterThan(100).isLessThan(200);
    assertThat(client.get(token, users).json().at("/_embedded/users/0").has("memberOfGroupIDs"))
        .isFalse();
    String id = sandbox.users(ADMINS).get(10).get("id").asText();
    JsonNode one = client.get(token, users + "/" + id, "include", "memberOfGroupIDs").json();
    assertThat(one.get("memberOfGroupIDs").size()).isPositive();
    assertInvalid(client.get(token, users, "include", "everything"), "include", "everything");
  }

  @Test
  void memberOfGroups() {
    Map<String, List<String>> members = sandbox.groupMembers(ADMINS);
    Map<String, String> names = new java.util.HashMap<>();
    sandbox.groups(ADMINS).forEach(g -> names.put(g.get("id").asText(), g.get("name").asText()));
    int checked = 0;
    for (ObjectNode user : sandbox.users(ADMINS).subList(0, 60)) {
      String id = user.get("id").asText();
      JsonNode body = client.get(token, users + "/" + id + "/memberOfGroups").json();
      JsonNode memberships = body.at("/_embedded/groupMemberships");
      List<String> expected =
          members.entrySet().stream().filter(e -> e.getValue().contains(id)).map(Map.Entry::getKey).toList();
      assertThat(body.get("count").asInt()).isEqualTo(expected.size());
      assertThat(body.get("size").asInt()).isEqualTo(expected.size());
      List<String> actual = new ArrayList<>();
      for (JsonNode m : memberships) {
        actual.add(m.get("id").asText());
        assertThat(m.get("type").asText()).isEqualTo("DIRECT");
        assertThat(m.get("name").asText()).isEqualTo(names.get(m.get("id").asText()));
      }
      assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
      checked += expected.isEmpty() ? 0 : 1;
    }
    assertThat(checked).isPositive();
  }

  @Test
  void sharedBacklogEmailsAndAwkwardUsers() {
    List<ObjectNode> all = sandbox.users(ADMINS);
    List<String> emails = all.stream().map(u -> u.get("email").asText()).toList();
    for (String email :
        List.of("aiko.tanaka@example.com", "ben.carter@example.com", "chloe.martin@example.com",
            "daniel.okafor@example.com", "emma.schneider@example.com", "felix.wagner@example.com",
            "grace.lee@example.com", "hiroshi.sato@example.com", "isabel.costa@example.com",
            "jonas.berg@example.com", "kenji.watanabe@example.com", "laura.rossi@example.com")) {
      assertThat(emails).as(email).containsOnlyOnce(email);
    }
    assertThat(emails).doesNotHaveDuplicates().contains("ana+test@example.com", "Mark.Twain@Example.com");
    assertThat(all.stream().map(u -> u.get("username").asText())).doesNotHaveDuplicates();
    assertThat(all.get(10).get("nickname").asText()).isEqualTo("Bobby \"Tables\"");
    assertThat(all.get(11).get("title").asText()).isEqualTo("Sales\\Marketing Liaison");
    assertThat(all.get(20).at("/name/given").asText()).isEqualTo("José");
    assertThat(all.get(21).at("/name/given").asText()).isEqualTo("Zoë");
    for (String type : List.of("Employee", "Contractor", "Intern", "Temp", "External", "Unknown")) {
      assertThat(all.stream().filter(u -> u.path("type").asText().equals(type)).count())
          .as(type).isGreaterThan(100);
    }
    assertThat(all.stream().filter(u -> !u.has("type")).count()).isGreaterThan(100);
  }
}
