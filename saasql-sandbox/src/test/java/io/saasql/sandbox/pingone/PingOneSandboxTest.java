package io.saasql.sandbox.pingone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.saasql.sandbox.RecordedRequest;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Faults, the request log, unknown routes and methods, determinism. */
class PingOneSandboxTest {
  private static final String ADMINS = "Administrators";

  private static PingOneSandbox sandbox;
  private static PingOneClient client;
  private static String token;
  private static String users;

  @BeforeAll
  static void start() {
    sandbox = new PingOneSandbox().start();
    client = new PingOneClient(sandbox);
    token = client.token(ADMINS);
    users = "/environments/" + sandbox.environmentId(ADMINS) + "/users";
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @BeforeEach
  void clean() {
    sandbox.faults().reset();
    sandbox.clearRequests();
  }

  @Test
  void rateLimitFaultIs429WithRetryAfter() {
    sandbox.faults().rateLimitNext(2, 3);
    PingOneClient.Answer a1 = client.get(token, users, "limit", "1");
    PingOneClient.Answer a2 = client.tokenByBasic(ADMINS, sandbox.clientSecret(ADMINS));
    PingOneClient.Answer a3 = client.get(token, users, "limit", "1");
    assertThat(a1.status()).isEqualTo(429);
    assertThat(a1.headers().get("Retry-After")).isEqualTo("3");
    assertThat(a1.json().fieldNames()).toIterable().containsExactly("id", "code", "message");
    assertThat(a1.json().get("code").asText()).isEqualTo("REQUEST_LIMITED");
    assertThat(a1.json().get("message").asText())
        .isEqualTo("The request could not be completed. You have exceeded your request limit.");
    assertThat(a2.status()).isEqualTo(429); // the token endpoint is limited too
    assertThat(a3.status()).isEqualTo(200);
    assertThat(a3.headers().get("Retry-After")).isNull();
    assertThat(sandbox.requests()).extracting(RecordedRequest::status).containsExactly(429, 429, 200);

    sandbox.faults().rateLimitNext(1, -1);
    PingOneClient.Answer noHeader = client.get(token, users, "limit", "1");
    assertThat(noHeader.status()).isEqualTo(429);
    assertThat(noHeader.headers().get("Retry-After")).isNull();
  }

  @Test
  void failureFaultsUseTheErrorBody() {
    sandbox.faults().failNext(1, 500);
    PingOneClient.Answer failed = client.get(token, users);
    assertThat(failed.status()).isEqualTo(500);
    assertThat(failed.json().get("code").asText()).isEqualTo("UNEXPECTED_SERVER_ERROR");
    assertThat(failed.json().has("id")).isTrue();
    sandbox.faults().failNext(1, 503);
    assertThat(client.get(token, users).status()).isEqualTo(503);
    assertThat(client.get(token, users).status()).isEqualTo(200);
  }

  @Test
  void malformedFaultSends200WithInvalidJson() {
    sandbox.faults().malformedNext(1);
    PingOneClient.Answer broken = client.get(token, users, "limit", "3");
    assertThat(broken.status()).isEqualTo(200);
    assertThatThrownBy(broken::json).isInstanceOf(java.io.UncheckedIOException.class);
    assertThat(client.get(token, users, "limit", "3").json().get("size").asInt()).isEqualTo(3);
  }

  @Test
  void requestLogRecordsEveryRequestInOrder() {
    String envPath = "/v1/environments/" + sandbox.environmentId(ADMINS);
    String firstId = sandbox.users(ADMINS).get(0).get("id").asText();
    client.get(token, users, "filter", "email eq \"ana+test@example.com\"", "limit", "10");
    client.get(token, users + "/" + firstId);
    client.token(ADMINS);
    client.get(null, users);
    client.get(token, "/nowhere");
    List<RecordedRequest> log = sandbox.requests();
    assertThat(log)
        .extracting(RecordedRequest::method, RecordedRequest::describe, RecordedRequest::status)
        .containsExactly(
            Tuple.tuple("GET", "GET " + envPath + "/users?filter=email eq \"ana+test@example.com\"&limit=10", 200),
            Tuple.tuple("GET", "GET " + envPath + "/users/" + firstId, 200),
            Tuple.tuple("POST", "POST /" + sandbox.environmentId(ADMINS) + "/as/token", 200),
            Tuple.tuple("GET", "GET " + envPath + "/users", 401),
            Tuple.tuple("GET", "GET /v1/nowhere", 404));
    assertThat(log.get(0).query().get("filter")).containsExactly("email eq \"ana+test@example.com\"");
    assertThat(log.get(2).body()).isEqualTo("grant_type=client_credentials");
    sandbox.clearRequests();
    assertThat(sandbox.requests()).isEmpty();
  }

  @Test
  void unknownRouteIs404AndOtherMethodsAre405() {
    PingOneClient.Answer nowhere = client.get(token, "/nowhere");
    assertThat(nowhere.status()).isEqualTo(404);
    assertThat(nowhere.json().get("code").asText()).isEqualTo("NOT_FOUND");
    PingOneClient.Answer postGroups =
        client.call(token, "POST", "/environments/" + sandbox.environmentId(ADMINS) + "/groups");
    assertThat(postGroups.status()).isEqualTo(405);
    assertThat(postGroups.json().get("code").asText()).isEqualTo("METHOD_NOT_ALLOWED");
    assertThat(postGroups.headers().get("Allow")).isEqualTo("GET");
    PingOneClient.Answer deleteUsers = client.call(token, "DELETE", users);
    assertThat(deleteUsers.status()).isEqualTo(405);
    assertThat(deleteUsers.headers().get("Allow")).isEqualTo("GET, POST");
    String one = users + "/" + sandbox.users(ADMINS).get(0).get("id").asText();
    assertThat(client.call(token, "POST", one).headers().get("Allow"))
        .isEqualTo("GET, PUT, PATCH, DELETE");
    // unauthenticated writes are 401 first, and nothing changes
    assertThat(client.call(null, "POST", users).status()).isEqualTo(401);
    assertThat(client.call(null, "DELETE", one).status()).isEqualTo(401);
    assertThat(sandbox.userCount(ADMINS)).isEqualTo(2500);
  }

  @Test
  void theSeedIsDeterministic() {
    try (PingOneSandbox other = new PingOneSandbox().start()) {
      for (String env : List.of("Administrators", "Production")) {
        assertThat(withoutLinks(other.users(env))).isEqualTo(withoutLinks(sandbox.users(env)));
        assertThat(withoutLinks(other.groups(env))).isEqualTo(withoutLinks(sandbox.groups(env)));
        assertThat(withoutLinks(other.populations(env)))
            .isEqualTo(withoutLinks(sandbox.populations(env)));
        assertThat(other.groupMembers(env)).isEqualTo(sandbox.groupMembers(env));
        assertThat(other.environmentId(env)).isEqualTo(sandbox.environmentId(env));
      }
    }
    // fixed facts other tests and the demo rely on
    assertThat(sandbox.environmentId(ADMINS)).isEqualTo("8aea0c35-e0db-4d45-b628-49fb249e0d8b");
    ObjectNode cobrien = sandbox.users(ADMINS).get(5);
    assertThat(cobrien.get("id").asText()).isEqualTo("17814537-4183-4905-9d77-66bea9b02209");
    assertThat(cobrien.get("username").asText()).isEqualTo("cobrien");
  }

  private static List<ObjectNode> withoutLinks(List<ObjectNode> nodes) {
    nodes.forEach(n -> n.remove("_links"));
    return nodes;
  }

  @Test
  void copiesAreDeep() {
    ObjectNode user = sandbox.users(ADMINS).get(0);
    user.put("username", "changed");
    ((ObjectNode) user.get("name")).put("given", "changed");
    assertThat(sandbox.users(ADMINS).get(0).get("username").asText()).isNotEqualTo("changed");
    assertThat(sandbox.users(ADMINS).get(0).at("/name/given").asText()).isNotEqualTo("changed");
    sandbox.groupMembers(ADMINS).values().forEach(
        m -> assertThatThrownBy(() -> m.add("x")).isInstanceOf(UnsupportedOperationException.class));
  }

  @Test
  void concurrentRequestsAreAllAnswered() throws Exception {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
      List<ObjectNode> all = sandbox.users(ADMINS);
      for (int i = 0; i < 40; i++) {
        String id = all.get(i).get("id").asText();
        results.add(pool.submit(() -> client.get(token, users + "/" + id).status()));
      }
      for (java.util.concurrent.Future<Integer> r : results) {
        assertThat(r.get()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(sandbox.requests()).hasSize(40).extracting(RecordedRequest::path).doesNotHaveDuplicates();
  }
}
