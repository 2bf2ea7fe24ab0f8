package io.saasql.sandbox.bitbucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.saasql.sandbox.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Workspaces, members, repositories, the request log, routing errors and the seed. */
class BitbucketSandboxTest {
  private static BitbucketSandbox sandbox;
  private static BitbucketClient client;

  @BeforeAll
  static void start() {
    sandbox = new BitbucketSandbox().start();
    client = new BitbucketClient(sandbox);
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
  void workspaces() {
    JsonNode page = client.get("/workspaces").json();
    assertThat(page.get("size").asInt()).isEqualTo(2);
    assertThat(page.has("next")).isFalse();
    assertThat(page.get("values")).extracting(w -> w.get("slug").asText()).containsExactly("acme", "globex");
    assertThat(page.get("values").get(0)).isEqualTo(sandbox.workspaces().get(0));
    JsonNode acme = client.get("/workspaces/acme").json();
    assertThat(acme.get("name").asText()).isEqualTo("Acme Engineering");
    assertThat(acme.get("type").asText()).isEqualTo("workspace");
    assertThat(acme.get("uuid").asText()).matches("\\{[0-9a-f-]{36}}");
    assertThat(client.get("/workspaces/" + acme.get("uuid").asText()).json()).isEqualTo(acme);
    assertThat(client.get("/workspaces/globex").json().get("name").asText()).isEqualTo("Globex Labs");
    assertThat(client.get("/workspaces", "q", "name ~ \"globex\"").json().at("/values/0/slug").asText())
        .isEqualTo("globex");
    assertThat(client.get("/workspaces", "sort", "-slug").json().at("/values/0/slug").asText()).isEqualTo("globex");
    assertThat(client.get("/workspaces", "role", "member").status()).isEqualTo(200);
    assertThat(client.get("/workspaces", "role", "king").status()).isEqualTo(400);
    BitbucketClient.Answer missing = client.get("/workspaces/nope");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("type").asText()).isEqualTo("error");
  }

  @Test
  void members() {
    JsonNode page = client.get("/workspaces/acme/members").json();
    assertThat(page.get("size").asInt()).isEqualTo(8);
    assertThat(page.get("values")).hasSize(8);
    JsonNode first = page.get("values").get(0);
    assertThat(first.get("type").asText()).isEqualTo("workspace_membership");
    assertThat(first.get("user").fieldNames()).toIterable()
        .contains("type", "display_name", "uuid", "account_id", "nickname");
    assertThat(first.at("/workspace/slug").asText()).isEqualTo("acme");
    assertThat(page.get("values")).extracting(m -> m.at("/user/display_name").asText())
        .containsExactly("Alice Chen", "Bruno Silva", "Chiara Rossi", "Dmitri Volkov",
            "Elena García", "Farah Khan", "Gustav Lindqvist", "Hana Kobayashi");
    assertThat(client.all("/workspaces/globex/members", "pagelen", "3"))
        .extracting(m -> m.at("/user/nickname").asText())
        .containsExactly("egarcia", "fkhan", "glindqvist", "hkobayashi", "ipetrov", "jcarter",
            "kberg", "loconnor");
    assertThat(sandbox.members("acme")).isEqualTo(List.copyOf(iterable(page.get("values"))));
    assertThat(client.get("/workspaces/nope/members").status()).isEqualTo(404);
  }

  @Test
  void repositories() {
    JsonNode acme = client.get("/repositories/acme").json();
    assertThat(acme.get("values")).extracting(r -> r.get("full_name").asText())
        .containsExactly("acme/api", "acme/infra", "acme/mobile", "acme/web");
    assertThat(acme.get("values").get(0)).isEqualTo(sandbox.repositories("acme").get(0));
    assertThat(client.get("/repositories/globex").json().get("values"))
        .extracting(r -> r.get("slug").asText()).containsExactly("docs", "platform");
    JsonNode api = client.get("/repositories/acme/api").json();
    assertThat(api.fieldNames()).toIterable().contains(
        "type", "uuid", "full_name", "name", "slug", "is_private", "language", "created_on",
        "updated_on", "has_issues", "mainbranch", "project", "workspace", "links");
    assertThat(api.at("/mainbranch/name").asText()).isEqualTo("main");
    assertThat(api.at("/project/key").asText()).isEqualTo("CORE");
    assertThat(client.get("/repositories/acme/" + api.get("uuid").asText()).json()).isEqualTo(api);
    assertThat(client.get("/repositories/acme", "q", "has_issues = false").json().get("values"))
        .extracting(r -> r.get("slug").asText()).containsExactly("infra");
    assertThat(client.get("/repositories/acme", "q", "language = \"kotlin\" OR project.key = \"WEB\"", "sort", "-name")
            .json().get("values"))
        .extracting(r -> r.get("slug").asText()).containsExactly("web", "mobile");
    assertThat(client.get("/repositories/acme", "q", "mainbranch.name = \"develop\"").json().at("/values/0/slug").asText())
        .isEqualTo("mobile");
    assertThat(client.get("/repositories/acme", "pagelen", "3").json().get("next").asText())
        .endsWith("/2.0/repositories/acme?pagelen=3&page=2");
    assertThat(client.get("/repositories/nope").status()).isEqualTo(404);
    assertThat(client.get("/repositories/acme/nope").message())
        .startsWith("You may not have access to this repository");
  }

  @Test
  void unknownRoutesGetBitbucketsNotFoundBody() {
    BitbucketClient.Answer answer = client.get("/nowhere");
    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.message()).isEqualTo("Resource not found");
    assertThat(answer.json().at("/error/detail").asText()).startsWith("There is no API hosted at this URL.");
    assertThat(client.call("DELETE", "/workspaces").status()).isEqualTo(405);
  }

  @Test
  void requestLogRecordsEveryRequestInOrder() {
    client.get("/repositories/acme/api/issues", "q", "state = \"open\" AND title ~ \"100%\"", "sort", "-updated_on", "pagelen", "100");
    client.get("/repositories/acme/api/issues/7");
    client.get("/repositories/acme/api/pullrequests", "state", "OPEN", "state", "MERGED");
    client.as(null).get("/workspaces");
    List<RecordedRequest> log = sandbox.requests();
    assertThat(log)
        .extracting(RecordedRequest::describe, RecordedRequest::status)
        .containsExactly(
            Tuple.tuple(
                "GET /2.0/repositories/acme/api/issues?q=state = \"open\" AND title ~ \"100%\"&sort=-updated_on&pagelen=100",
                200),
            Tuple.tuple("GET /2.0/repositories/acme/api/issues/7", 200),
            Tuple.tuple("GET /2.0/repositories/acme/api/pullrequests?state=OPEN&state=MERGED", 200),
            Tuple.tuple("GET /2.0/workspaces", 401));
    assertThat(log.get(2).query().get("state")).containsExactly("OPEN", "MERGED");
    sandbox.clearRequests();
    assertThat(sandbox.requests()).isEmpty();
  }

  @Test
  void concurrentRequestsAreAllAnsweredAndRecorded() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 1; i <= 40; i++) {
        String path = "/repositories/acme/web/issues/" + i;
        results.add(pool.submit(() -> client.get(path).status()));
      }
      for (Future<Integer> r : results) {
        assertThat(r.get()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(sandbox.requests()).hasSize(40).extracting(RecordedRequest::path).doesNotHaveDuplicates();
  }

  @Test
  void dataIsDeterministicAndCopiesAreDeep() {
    try (BitbucketSandbox other = new BitbucketSandbox()) {
      assertThat(other.workspaces()).isEqualTo(sandbox.workspaces());
      assertThat(other.members("globex")).isEqualTo(sandbox.members("globex"));
      for (String ws : List.of("acme", "globex")) {
        assertThat(other.repositories(ws)).isEqualTo(sandbox.repositories(ws));
        for (ObjectNode repo : sandbox.repositories(ws)) {
          String slug = repo.get("slug").asText();
          assertThat(other.issues(ws, slug)).isEqualTo(sandbox.issues(ws, slug));
          assertThat(other.pullRequests(ws, slug)).isEqualTo(sandbox.pullRequests(ws, slug));
        }
      }
      assertThat(other.comments("acme", "api", 1)).isEqualTo(sandbox.comments("acme", "api", 1));
    }
    // the copies are exactly what the API sends, number types included
    assertThat(client.all("/repositories/acme/api/issues", "pagelen", "100"))
        .isEqualTo(List.copyOf(sandbox.issues("acme", "api")));
    assertThat(client.all("/repositories/globex/docs/pullrequests", "pagelen", "50",
            "state", "OPEN", "state", "MERGED", "state", "DECLINED", "state", "SUPERSEDED"))
        .isEqualTo(List.copyOf(sandbox.pullRequests("globex", "docs")));
    assertThat(client.all("/repositories/acme/api/issues/1/comments"))
        .isEqualTo(List.copyOf(sandbox.comments("acme", "api", 1)));
    ObjectNode copy = sandbox.issues("acme", "api").get(0);
    copy.put("title", "changed");
    assertThat(sandbox.issues("acme", "api").get(0).get("title").asText()).isNotEqualTo("changed");
    assertThatThrownBy(() -> sandbox.issues("acme", "nope")).isInstanceOf(IllegalArgumentException.class);
    assertThat(sandbox.issues("acme", "infra")).isEmpty();
  }

  @Test
  void seedHasTheAdvertisedShape() {
    Map<String, Integer> issueCounts = new TreeMap<>();
    Map<String, Integer> prCounts = new TreeMap<>();
    int total = 0;
    for (String ws : List.of("acme", "globex")) {
      for (ObjectNode repo : sandbox.repositories(ws)) {
        String slug = repo.get("slug").asText();
        List<ObjectNode> issues = sandbox.issues(ws, slug);
        List<ObjectNode> prs = sandbox.pullRequests(ws, slug);
        issueCounts.put(ws + "/" + slug, issues.size());
        prCounts.put(ws + "/" + slug, prs.size());
        total += issues.size();
        if (!issues.isEmpty()) {
          assertThat(states(issues, "state")).as(slug).containsAll(BitbucketSeed.ISSUE_STATES);
          assertThat(states(issues, "kind")).containsAll(BitbucketSeed.KINDS);
          assertThat(states(issues, "priority")).containsAll(BitbucketSeed.PRIORITIES);
        }
        assertThat(states(prs, "state")).as(slug).containsAll(BitbucketSeed.PR_STATES);
        for (ObjectNode issue : issues) {
          assertThat(issue.get("updated_on").asText()).isGreaterThanOrEqualTo(issue.get("created_on").asText());
          assertThat(issue.get("created_on").asText()).isBetween("2023-01-01", "2026");
          assertThat(issue.at("/repository/full_name").asText()).isEqualTo(ws + "/" + slug);
        }
        for (int i = 1; i < prs.size(); i++) {
          assertThat(prs.get(i).get("id").asInt()).isEqualTo(i + 1);
          assertThat(prs.get(i).get("created_on").asText()).isGreaterThanOrEqualTo(prs.get(i - 1).get("created_on").asText());
        }
      }
    }
    assertThat(issueCounts).containsExactlyInAnyOrderEntriesOf(Map.of(
        "acme/api", 318, "acme/web", 260, "acme/mobile", 180, "acme/infra", 0,
        "globex/platform", 240, "globex/docs", 120));
    assertThat(prCounts).containsExactlyInAnyOrderEntriesOf(Map.of(
        "acme/api", 150, "acme/web", 120, "acme/mobile", 80, "acme/infra", 60,
        "globex/platform", 100, "globex/docs", 40));
    assertThat(total).isEqualTo(1118);
    List<ObjectNode> api = sandbox.issues("acme", "api");
    assertThat(api).extracting(i -> i.get("id").asInt()).doesNotContain(17, 203).contains(1, 16, 18, 320);
    long unassigned = api.stream().filter(i -> i.get("assignee").isNull()).count();
    assertThat(unassigned).isBetween(40L, 90L);
    assertThat(api.get(6).get("title").asText()).isEqualTo("Fix \"quoted\" path C:\\temp");
    // generated titles use letters, digits and spaces only
    for (ObjectNode issue : api) {
      String title = issue.get("title").asText();
      if (!BitbucketSeed.AWKWARD_ISSUES.containsKey("acme/api#" + issue.get("id").asInt())) {
        assertThat(title).matches("[A-Za-z0-9 ]+");
      }
    }
  }

  private static Set<String> states(List<ObjectNode> objects, String field) {
    return objects.stream().map(o -> o.get(field).asText()).collect(Collectors.toSet());
  }

  private static List<JsonNode> iterable(JsonNode array) {
    List<JsonNode> list = new ArrayList<>();
    array.forEach(list::add);
    return list;
  }
}
