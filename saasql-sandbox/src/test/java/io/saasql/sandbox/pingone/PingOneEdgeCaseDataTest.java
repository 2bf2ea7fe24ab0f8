package io.saasql.sandbox.pingone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The users of {@link PingOneSeed#EDGE_CASE_USERS} and {@link PingOneSeed#MINIMAL_USER} in both
 * environments, and the two readings of SCIM string comparison: exact (PingOne's documentation,
 * the default) and ignoring case (RFC 7644 for attributes that are not caseExact).
 */
class PingOneEdgeCaseDataTest {
  private static PingOneSandbox sandbox;
  private static PingOneClient client;

  @BeforeAll
  static void start() {
    sandbox = new PingOneSandbox().start();
    client = new PingOneClient(sandbox);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static List<String> families(String environment, String filter) {
    String path = "/environments/" + sandbox.environmentId(environment) + "/users";
    List<String> out = new ArrayList<>();
    for (JsonNode u : client.all(client.token(environment), path, "users", "filter", filter,
        "limit", "1000")) {
      out.add(u.at("/name/family").asText());
    }
    return out;
  }

  @Test
  void namesDifferingOnlyByCaseAreDistinctUnlessCaseIsIgnored() {
    for (String env : List.of("Administrators", "Production")) {
      assertThat(families(env, "name.family eq \"SMITH\"")).containsExactly("SMITH");
      assertThat(families(env, "name.family eq \"ΠΑΠΑΔΟΠΟΎΛΟΥ\"")).containsExactly("ΠΑΠΑΔΟΠΟΎΛΟΥ");
      assertThat(families(env, "name.family eq \"山田\"")).containsExactly("山田");
      sandbox.filtersIgnoreCase(true);
      try {
        assertThat(families(env, "name.family eq \"SMITH\"")).contains("Smith", "SMITH")
            .doesNotContain("smith "); // a trailing space is not case
        assertThat(families(env, "name.family eq \"παπαδοπούλου\""))
            .containsExactlyInAnyOrder("Παπαδοπούλου", "ΠΑΠΑΔΟΠΟΎΛΟΥ");
      } finally {
        sandbox.filtersIgnoreCase(false);
      }
    }
  }

  @Test
  void oneUserHasNoOptionalAttribute() {
    for (String env : List.of("Administrators", "Production")) {
      ObjectNode minimal = sandbox.users(env).get(PingOneSeed.MINIMAL_USER);
      for (String absent : List.of("name", "nickname", "title", "locale", "preferredLanguage",
          "timezone", "address", "primaryPhone", "mobilePhone")) {
        assertThat(minimal.has(absent)).as(env + " " + absent).isFalse();
      }
      assertThat(minimal.get("username").asText()).isNotEmpty();
    }
  }
}
