package io.saasql.sandbox.pingone;

import static io.saasql.sandbox.pingone.PingOneUsersTest.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Environments, groups and populations of the PingOne sandbox. */
class PingOneDirectoryTest {
  private static final String ADMINS = "Administrators";
  private static final String PROD = "Production";

  private static PingOneSandbox sandbox;
  private static PingOneClient client;
  private static String token;
  private static String env;

  @BeforeAll
  static void start() {
    sandbox = new PingOneSandbox().start();
    client = new PingOneClient(sandbox);
    token = client.token(ADMINS);
    env = "/environments/" + sandbox.environmentId(ADMINS);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static List<String> names(JsonNode page, String embedded) {
    List<String> names = new ArrayList<>();
    page.at("/_embedded/" + embedded).forEach(n -> names.add(n.get("name").asText()));
    return names;
  }

  private static ObjectNode group(String name) {
    return sandbox.groups(ADMINS).stream()
        .filter(g -> g.get("name").asText().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void environmentsListShowsTheTokensEnvironment() {
    JsonNode page = client.get(token, "/environments").json();
    assertThat(page.get("count").asInt()).isEqualTo(1);
    assertThat(page.get("size").asInt()).isEqualTo(1);
    JsonNode e = page.at("/_embedded/environments/0");
    assertThat(e.get("id").asText()).isEqualTo(sandbox.environmentId(ADMINS));
    assertThat(e.get("name").asText()).isEqualTo(ADMINS);
    assertThat(e.get("region").asText()).isEqualTo("NA");
    assertThat(e.get("type").asText()).isEqualTo("PRODUCTION");
    assertThat(e.get("createdAt").asText()).endsWith("Z");
    assertThat(e.has("updatedAt")).isTrue();
    assertThat(client.get(token, env).json()).isEqualTo(e);

    JsonNode prod = client.get(client.token(PROD), "/environments").json();
    assertThat(names(prod, "environments")).containsExactly(PROD);
  }

  @Test
  void groupsListAndOne() {
    JsonNode page = client.get(token, env + "/groups").json();
    assertThat(page.get("count").asInt()).isEqualTo(10);
    assertThat(page.get("size").asInt()).isEqualTo(10);
    assertThat(page.at("/_links/next").isMissingNode()).isTrue();
    assertThat(names(page, "groups"))
        .containsExactly("Engineering", "Sales", "Support", "Marketing", "Finance",
            "Human Resources", "Operations", "Admins", "Security", "Partner Portal");
    List<JsonNode> listed = new ArrayList<>();
    page.at("/_embedded/groups").forEach(listed::add);
    assertThat(listed).isEqualTo(new ArrayList<JsonNode>(sandbox.groups(ADMINS)));

    ObjectNode eng = group("Engineering");
    assertThat(client.get(token, env + "/groups/" + eng.get("id").asText()).json()).isEqualTo(eng);
    PingOneClient.Answer missing = client.get(token, env + "/groups/nope");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("message").asText()).isEqualTo("Unable to find group with ID: nope");

    // paging works on groups too
    List<JsonNode> pages = client.pages(token, env + "/groups", "limit", "3");
    assertThat(pages).hasSize(4);
    assertThat(pages.get(3).get("size").asInt()).isEqualTo(1);
  }

  @Test
  void everyGroupHasMembers() {
    var members = sandbox.groupMembers(ADMINS);
    assertThat(members).hasSize(10);
    members.values().forEach(m -> assertThat(m).isNotEmpty().doesNotHaveDuplicates());
    assertThat(members.get(group("Engineering").get("id").asText())).hasSizeGreaterThan(300);
  }

  @Test
  void groupFilters() {
    String g = env + "/groups";
    assertThat(names(client.get(token, g, "filter", "name eq \"Sales\"").json(), "groups"))
        .containsExactly("Sales");
    assertThat(names(client.get(token, g, "filter", "name sw \"S\"").json(), "groups"))
        .containsExactly("Sales", "Support", "Security");
    assertThat(names(client.get(token, g, "filter", "name eq \"sales\"").json(), "groups")).isEmpty();
    ObjectNode admins = group("Admins");
    assertThat(names(client.get(token, g, "filter", "id eq \"" + admins.get("id").asText() + "\"")
        .json(), "groups")).containsExactly("Admins");
    String partners = group("Partner Portal").at("/population/id").asText();
    assertThat(names(client.get(token, g, "filter", "population.id eq \"" + partners + "\"").json(),
        "groups")).containsExactly("Partner Portal");
    assertThat(names(client.get(token, g, "filter", "externalId eq \"grp-support\"").json(),
        "groups")).containsExactly("Support");
    assertThat(names(client.get(token, g, "filter",
        "name eq \"Admins\" or (externalId eq \"grp-finance\" and name sw \"Fin\")").json(), "groups"))
        .containsExactly("Finance", "Admins");

    assertInvalid(client.get(token, g, "filter", "name ew \"s\""), "filter", "'ew'");
    assertInvalid(client.get(token, g, "filter", "description eq \"x\""), "filter", "'description'");
    assertInvalid(client.get(token, g, "filter", "externalId sw \"grp\""), "filter", "'sw'");
    assertInvalid(client.get(token, g, "filter", "name eq"), "filter", "position");
  }

  @Test
  void populations() {
    String p = env + "/populations";
    JsonNode page = client.get(token, p).json();
    assertThat(names(page, "populations")).containsExactly("Default", "Contractors", "Partners");
    List<JsonNode> listed = new ArrayList<>();
    page.at("/_embedded/populations").forEach(listed::add);
    assertThat(listed).isEqualTo(new ArrayList<JsonNode>(sandbox.populations(ADMINS)));
    int total = 0;
    List<ObjectNode> all = sandbox.users(ADMINS);
    for (JsonNode pop : listed) {
      String id = pop.get("id").asText();
      long users = all.stream()
          .filter(u -> u.at("/population/id").asText().equals(id)).count();
      assertThat(pop.get("userCount").asLong()).isEqualTo(users);
      total += (int) users;
      assertThat(client.get(token, p + "/" + id).json()).isEqualTo(pop);
    }
    assertThat(total).isEqualTo(2500);
    assertThat(listed.get(0).get("default").asBoolean()).isTrue();

    assertThat(names(client.get(token, p, "filter", "name sw \"Part\"").json(), "populations"))
        .containsExactly("Partners");
    String contractors = listed.get(1).get("id").asText();
    assertThat(names(client.get(token, p, "filter", "id eq \"" + contractors + "\"").json(),
        "populations")).containsExactly("Contractors");
    assertInvalid(client.get(token, p, "filter", "name eq \"Default\""), "filter", "'eq'");
    assertInvalid(client.get(token, p, "filter", "description sw \"x\""), "filter", "'description'");
    assertThat(client.get(token, p + "/nope").status()).isEqualTo(404);

    JsonNode prod = client.get(client.token(PROD),
        "/environments/" + sandbox.environmentId(PROD) + "/populations").json();
    assertThat(names(prod, "populations"))
        .containsExactly("Default", "Contractors", "Partners", "Customers");
  }
}
