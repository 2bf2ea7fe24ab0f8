package io.saasql.sandbox.backlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.saasql.sandbox.RecordedRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Auth, errors, faults, the request log and the non-issue routes of the Backlog sandbox. */
class BacklogSandboxTest {
  private static BacklogSandbox sandbox;
  private static BacklogClient client;

  @BeforeAll
  static void start() {
    sandbox = new BacklogSandbox().start();
    client = new BacklogClient(sandbox);
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
  void baseUrlAndKey() {
    assertThat(sandbox.baseUrl()).isEqualTo("http://127.0.0.1:" + sandbox.port() + "/api/v2");
    assertThat(sandbox.apiKey()).matches("[0-9a-f]{32}");
    try (BacklogSandbox other = new BacklogSandbox()) {
      assertThat(other.apiKey()).isNotEqualTo(sandbox.apiKey());
    }
  }

  @Test
  void missingOrWrongApiKeyIs401() {
    String body = "{\"errors\":[{\"message\":\"Authentication failure.\",\"code\":11,\"moreInfo\":\"\"}]}";
    BacklogClient.Answer missing = client.getWithoutKey("/issues");
    assertThat(missing.status()).isEqualTo(401);
    assertThat(missing.body()).isEqualTo(body);
    assertThat(missing.headers().get("Content-Type")).isEqualTo("application/json; charset=utf-8");

    BacklogClient.Answer wrong = client.getWithoutKey("/projects", "apiKey", "not-the-key");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.body()).isEqualTo(body);

    assertThat(sandbox.requests())
        .extracting(RecordedRequest::status, RecordedRequest::describe)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(401, "GET /api/v2/issues"),
            org.assertj.core.groups.Tuple.tuple(401, "GET /api/v2/projects"));
    assertThat(sandbox.requests().get(1).query().get("apiKey")).containsExactly("not-the-key");
  }

  @Test
  void everyAnswerCarriesRateLimitHeaders() {
    BacklogClient.Answer first = client.get("/priorities");
    BacklogClient.Answer second = client.getWithoutKey("/priorities");
    for (BacklogClient.Answer a : List.of(first, second)) {
      assertThat(a.headers().get("X-RateLimit-Limit")).isEqualTo("600");
      assertThat(Long.parseLong(a.headers().get("X-RateLimit-Reset")))
          .isGreaterThan(System.currentTimeMillis() / 1000 - 1);
    }
    int r1 = Integer.parseInt(first.headers().get("X-RateLimit-Remaining"));
    int r2 = Integer.parseInt(second.headers().get("X-RateLimit-Remaining"));
    assertThat(r2).isLessThanOrEqualTo(r1); // equal only if a new minute began in between
    JsonNode limits = client.get("/rateLimit").json().get("rateLimit");
    assertThat(limits.get("read").get("limit").asInt()).isEqualTo(600);
    assertThat(limits.get("update").get("limit").asInt()).isEqualTo(150);
    assertThat(limits.get("search").get("limit").asInt()).isEqualTo(150);
    assertThat(limits.get("icon").get("limit").asInt()).isEqualTo(60);
  }

  @Test
  void rateLimitFaultAnswers429WithRetryAfterThenRecovers() {
    sandbox.faults().rateLimitNext(2, 7);
    BacklogClient.Answer a1 = client.get("/issues", "count", "1");
    BacklogClient.Answer a2 = client.get("/issues", "count", "1");
    BacklogClient.Answer a3 = client.get("/issues", "count", "1");
    assertThat(a1.status()).isEqualTo(429);
    assertThat(a1.headers().get("Retry-After")).isEqualTo("7");
    assertThat(a1.headers().get("X-RateLimit-Remaining")).isEqualTo("0");
    assertThat(a1.body())
        .isEqualTo("{\"errors\":[{\"message\":\"Too many requests.\",\"code\":13,\"moreInfo\":\"\"}]}");
    assertThat(a2.status()).isEqualTo(429);
    assertThat(a3.status()).isEqualTo(200);
    assertThat(a3.headers().get("Retry-After")).isNull();
    assertThat(sandbox.requests()).extracting(RecordedRequest::status).containsExactly(429, 429, 200);
  }

  @Test
  void enforcedRateLimitRefusesBeyondTheBudgetUntilTheWindowEnds() throws InterruptedException {
    sandbox.faults().enforceRateLimit(3, Duration.ofMillis(1500));
    for (int i = 0; i < 3; i++) {
      assertThat(client.get("/priorities").status()).isEqualTo(200);
    }
    BacklogClient.Answer refused = client.get("/priorities");
    assertThat(refused.status()).isEqualTo(429);
    assertThat(Integer.parseInt(refused.headers().get("Retry-After"))).isBetween(1, 2);
    assertThat(refused.json().at("/errors/0/code").asInt()).isEqualTo(13);
    assertThat(client.get("/priorities").status()).isEqualTo(429);
    Thread.sleep(1600);
    assertThat(client.get("/priorities").status()).isEqualTo(200);
    assertThat(sandbox.requests()).extracting(RecordedRequest::status)
        .containsExactly(200, 200, 200, 429, 429, 200);

    sandbox.faults().reset();
    for (int i = 0; i < 5; i++) {
      assertThat(client.get("/priorities").status()).isEqualTo(200);
    }
  }

  @Test
  void failureFaultUsesTheErrorBody() {
    sandbox.faults().failNext(1, 500);
    BacklogClient.Answer failed = client.get("/issues/1");
    assertThat(failed.status()).isEqualTo(500);
    assertThat(failed.json().at("/errors/0/code").asInt()).isEqualTo(1);
    assertThat(client.get("/issues/1").status()).isEqualTo(200);

    sandbox.faults().failNext(1, 503);
    assertThat(client.get("/issues/1").status()).isEqualTo(503);
  }

  @Test
  void malformedFaultSends200WithInvalidJson() {
    sandbox.faults().malformedNext(1);
    BacklogClient.Answer broken = client.get("/issues", "count", "3");
    assertThat(broken.status()).isEqualTo(200);
    assertThatThrownBy(broken::json).isInstanceOf(java.io.UncheckedIOException.class);
    assertThat(client.get("/issues", "count", "3").json().size()).isEqualTo(3);
  }

  @Test
  void latencyDelaysAnswers() {
    sandbox.faults().latency(Duration.ofMillis(150));
    long start = System.nanoTime();
    client.get("/priorities");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    sandbox.faults().reset();
  }

  @Test
  void requestLogRecordsEveryRequestInOrder() {
    client.get("/issues", "projectId[]", "1", "projectId[]", "3", "count", "100", "offset", "0");
    client.get("/issues/SALES-7");
    client.get("/issues", "keyword", "100% done_now");
    client.get("/nowhere");
    List<RecordedRequest> log = sandbox.requests();
    assertThat(log)
        .extracting(RecordedRequest::describe)
        .containsExactly(
            "GET /api/v2/issues?projectId[]=1&projectId[]=3&count=100&offset=0",
            "GET /api/v2/issues/SALES-7",
            "GET /api/v2/issues?keyword=100% done_now",
            "GET /api/v2/nowhere");
    assertThat(log).extracting(RecordedRequest::status).containsExactly(200, 200, 200, 404);
    assertThat(log.get(0).query().get("apiKey")).containsExactly(sandbox.apiKey());
    assertThat(log.get(0).method()).isEqualTo("GET");
    assertThat(log.get(0).path()).isEqualTo("/api/v2/issues");

    sandbox.clearRequests();
    assertThat(sandbox.requests()).isEmpty();
  }

  @Test
  void concurrentRequestsAreAllAnsweredAndRecorded() throws Exception {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
      for (int i = 1; i <= 40; i++) {
        String id = String.valueOf(i);
        results.add(pool.submit(() -> client.get("/issues/" + id).status()));
      }
      for (java.util.concurrent.Future<Integer> r : results) {
        assertThat(r.get()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(sandbox.requests()).hasSize(40).extracting(RecordedRequest::path).doesNotHaveDuplicates();
  }

  @Test
  void oneIssueByIdOrKey() {
    JsonNode byId = client.get("/issues/13").json();
    JsonNode byKey = client.get("/issues/SALES-7").json();
    assertThat(byId).isEqualTo(byKey);
    assertThat(byId.get("summary").asText()).isEqualTo("Fix \"quoted\" path C:\\temp");
    assertThat(byId).isEqualTo(sandbox.issues().get(12));
    assertThat(client.get("/issues/1").json().get("issueKey").asText()).isEqualTo("INFRA-1");
  }

  @Test
  void issueJsonHasTheDocumentedShape() {
    JsonNode issue = client.get("/issues/1").json();
    assertThat(issue.fieldNames())
        .toIterable()
        .containsExactly(
            "id", "projectId", "issueKey", "keyId", "issueType", "summary", "description",
            "resolution", "priority", "status", "assignee", "category", "versions", "milestone",
            "startDate", "dueDate", "estimatedHours", "actualHours", "parentIssueId",
            "createdUser", "created", "updatedUser", "updated", "customFields", "attachments",
            "sharedFiles", "stars");
    assertThat(issue.get("issueType").fieldNames())
        .toIterable()
        .containsExactly("id", "projectId", "name", "color", "displayOrder");
    assertThat(issue.get("createdUser").fieldNames())
        .toIterable()
        .containsExactly("id", "userId", "name", "roleType", "lang", "mailAddress");
    assertThat(issue.get("created").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
  }

  @Test
  void unknownThingsAre404WithCode6() {
    BacklogClient.Answer issue = client.get("/issues/999999");
    assertThat(issue.status()).isEqualTo(404);
    assertThat(issue.body())
        .isEqualTo("{\"errors\":[{\"message\":\"No issue.\",\"code\":6,\"moreInfo\":\"\"}]}");
    assertThat(client.get("/issues/NOPE-1").status()).isEqualTo(404);
    assertThat(client.get("/issues/SALES-100000").status()).isEqualTo(404);
    BacklogClient.Answer project = client.get("/projects/NOPE");
    assertThat(project.status()).isEqualTo(404);
    assertThat(project.json().at("/errors/0/message").asText()).isEqualTo("No project.");
    assertThat(client.get("/projects/99/statuses").status()).isEqualTo(404);
    assertThat(client.get("/users/99").json().at("/errors/0/message").asText()).isEqualTo("No user.");
    BacklogClient.Answer route = client.get("/nowhere");
    assertThat(route.status()).isEqualTo(404);
    assertThat(route.json().at("/errors/0/code").asInt()).isEqualTo(6);
  }

  @Test
  void writeRoutesExistOtherMethodsAre405() {
    BacklogClient.Answer post = client.call("POST", "/issues", true);
    assertThat(post.status()).isEqualTo(400);
    assertThat(post.json().at("/errors/0/code").asInt()).isEqualTo(7);
    BacklogClient.Answer put = client.call("PUT", "/issues", true);
    assertThat(put.status()).isEqualTo(405);
    assertThat(put.headers().get("Allow")).isEqualTo("GET, POST");
  }

  @Test
  void projectsAndArchivedFilter() {
    JsonNode all = client.get("/projects").json();
    assertThat(all).extracting(p -> p.get("projectKey").asText())
        .containsExactly("SALES", "SUPPORT", "INFRA", "LEGACY");
    assertThat(client.get("/projects", "archived", "true").json())
        .extracting(p -> p.get("projectKey").asText()).containsExactly("LEGACY");
    assertThat(client.get("/projects", "archived", "false").json()).hasSize(3);
    assertThat(client.get("/projects", "archived", "maybe").status()).isEqualTo(400);
    JsonNode support = client.get("/projects/SUPPORT").json();
    assertThat(support).isEqualTo(client.get("/projects/2").json());
    assertThat(support.fieldNames()).toIterable().containsExactly(
        "id", "projectKey", "name", "chartEnabled", "subtaskingEnabled",
        "projectLeaderCanEditProjectLeader", "textFormattingRule", "archived");
    assertThat(support.get("textFormattingRule").asText()).isEqualTo("markdown");
    assertThat(all.get(0)).isEqualTo(sandbox.projects().get(0));
  }

  @Test
  void statusesAndIssueTypes() {
    assertThat(client.get("/projects/SUPPORT/statuses").json())
        .extracting(s -> s.get("id").asInt() + " " + s.get("name").asText())
        .containsExactly("1 Open", "2 In Progress", "100 Waiting for customer", "3 Resolved",
            "4 Closed");
    assertThat(client.get("/projects/1/statuses").json()).hasSize(4);
    JsonNode types = client.get("/projects/INFRA/issueTypes").json();
    assertThat(types).extracting(t -> t.get("id").asInt() + " " + t.get("name").asText())
        .containsExactly("31 Bug", "32 Task", "33 Request", "34 Other");
    assertThat(types.get(0).get("templateSummary").isNull()).isTrue();
    assertThat(types.get(0).has("templateDescription")).isTrue();
  }

  @Test
  void usersAndPriorities() {
    JsonNode users = client.get("/users").json();
    assertThat(users).hasSize(12);
    assertThat(users.get(0).fieldNames()).toIterable().containsExactly(
        "id", "userId", "name", "roleType", "lang", "mailAddress", "lastLoginTime");
    assertThat(users.get(1).get("mailAddress").asText()).isEqualTo("ben.carter@example.com");
    assertThat(client.get("/users/2").json()).isEqualTo(users.get(1));
    assertThat(client.get("/priorities").body())
        .isEqualTo("[{\"id\":2,\"name\":\"High\"},{\"id\":3,\"name\":\"Normal\"},{\"id\":4,\"name\":\"Low\"}]");
  }

  @Test
  void dataIsDeterministicAndCopiesAreDeep() {
    try (BacklogSandbox other = new BacklogSandbox()) {
      assertThat(other.issues()).isEqualTo(sandbox.issues());
      assertThat(other.projects()).isEqualTo(sandbox.projects());
      assertThat(other.users()).isEqualTo(sandbox.users());
    }
    ObjectNode copy = sandbox.issues().get(0);
    copy.put("summary", "changed");
    assertThat(sandbox.issues().get(0).get("summary").asText()).isNotEqualTo("changed");
  }

  @Test
  void seedHasTheAdvertisedShape() {
    List<ObjectNode> issues = sandbox.issues();
    assertThat(issues).hasSize(2650);
    assertThat(sandbox.issueCount()).isEqualTo(2650);
    assertThat(sandbox.lastIssueId()).isEqualTo(2650); // the first issue added gets id 2651
    for (int i = 0; i < issues.size(); i++) {
      ObjectNode issue = issues.get(i);
      assertThat(issue.get("id").asLong()).isEqualTo(i + 1);
      assertThat(issue.get("updated").asText()).isGreaterThanOrEqualTo(issue.get("created").asText());
      assertThat(issue.get("created").asText()).isBetween("2023-01-01", "2026");
      if (!issue.get("parentIssueId").isNull()) {
        ObjectNode parent = issues.get(issue.get("parentIssueId").asInt() - 1);
        assertThat(parent.get("projectId")).isEqualTo(issue.get("projectId"));
        assertThat(parent.get("id").asLong()).isLessThan(issue.get("id").asLong());
      }
    }
    assertThat(issues.stream().filter(i -> i.get("assignee").isNull()).count())
        .isBetween(300L, 500L);
    assertThat(issues.stream().filter(i -> !i.get("parentIssueId").isNull()).count())
        .isBetween(200L, 350L);
  }
}
