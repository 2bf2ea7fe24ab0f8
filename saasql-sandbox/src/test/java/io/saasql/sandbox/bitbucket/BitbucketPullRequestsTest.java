package io.saasql.sandbox.bitbucket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Predicate;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pull-request routes: the state parameter, BBQL on nested paths, paging limits. */
class BitbucketPullRequestsTest {
  private static final String PRS = "/repositories/acme/api/pullrequests";

  private static BitbucketSandbox sandbox;
  private static BitbucketClient client;
  private static List<ObjectNode> api;

  @BeforeAll
  static void start() {
    sandbox = new BitbucketSandbox().start();
    client = new BitbucketClient(sandbox);
    api = sandbox.pullRequests("acme", "api");
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static List<Long> ids(List<? extends JsonNode> prs) {
    return prs.stream().map(p -> p.get("id").asLong()).toList();
  }

  private static List<Long> expected(Predicate<JsonNode> oracle) {
    return ids(api.stream().filter(oracle).toList());
  }

  private static Predicate<JsonNode> inState(String... states) {
    return p -> List.of(states).contains(p.get("state").asText());
  }

  @Test
  void defaultIsOpenOnlyAndStateRepeats() {
    assertThat(ids(client.all(PRS, "pagelen", "50"))).isEqualTo(expected(inState("OPEN"))).isNotEmpty();
    assertThat(ids(client.all(PRS, "state", "MERGED", "pagelen", "50")))
        .isEqualTo(expected(inState("MERGED")));
    List<JsonNode> closed = client.all(PRS, "state", "MERGED", "state", "DECLINED", "pagelen", "50");
    assertThat(ids(closed)).isEqualTo(expected(inState("MERGED", "DECLINED")));
    assertThat(ids(client.all(PRS, "state", "OPEN", "state", "MERGED", "state", "DECLINED", "state", "SUPERSEDED", "pagelen", "50")))
        .isEqualTo(ids(api)).hasSize(150);

    // next links carry every state parameter
    JsonNode first = client.get(PRS, "state", "MERGED", "state", "DECLINED").json();
    HttpUrl next = HttpUrl.get(first.get("next").asText());
    assertThat(next.queryParameterValues("state")).containsExactly("MERGED", "DECLINED");

    BitbucketClient.Answer bad = client.get(PRS, "state", "merged");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("type").asText()).isEqualTo("error");
  }

  @Test
  void stateInTheQueryReplacesTheDefault() {
    assertThat(ids(client.all(PRS, "q", "state = \"MERGED\"", "pagelen", "50")))
        .isEqualTo(expected(inState("MERGED")));
    assertThat(ids(client.all(PRS, "q", "state = \"MERGED\" OR state = \"SUPERSEDED\"", "pagelen", "50")))
        .isEqualTo(expected(inState("MERGED", "SUPERSEDED")));
    // with a state parameter both apply
    assertThat(client.get(PRS, "state", "OPEN", "q", "state = \"MERGED\"").json().get("size").asInt()).isZero();
    // a query on other fields keeps the default
    assertThat(ids(client.all(PRS, "q", "comment_count >= 0", "pagelen", "50"))).isEqualTo(expected(inState("OPEN")));
  }

  @Test
  void nestedPathsAndEveryValueType() {
    ObjectNode sample = api.stream().filter(inState("MERGED")::test).findFirst().orElseThrow();
    String author = sample.at("/author/uuid").asText();
    String[][] cases = {
      {"source.branch.name ~ \"bugfix/\""},
      {"destination.branch.name = \"main\""},
      {"destination.branch.name != \"main\""},
      {"author.uuid = \"" + author + "\""},
      {"closed_by = null"},
      {"merge_commit != null"},
      {"comment_count > 5 AND task_count = 0"},
      {"close_source_branch = true"},
      {"draft = false"},
      {"created_on >= 2025-01-01 OR updated_on < 2023-06-01T00:00:00Z"},
      {"reviewers.uuid = \"" + author + "\""},
      {"title ~ \"\\\"quoted\\\"\""},
    };
    List<Predicate<JsonNode>> oracles =
        List.of(
            p -> p.at("/source/branch/name").asText().contains("bugfix/"),
            p -> p.at("/destination/branch/name").asText().equals("main"),
            p -> !p.at("/destination/branch/name").asText().equals("main"),
            p -> p.at("/author/uuid").asText().equals(author),
            p -> p.get("closed_by").isNull(),
            p -> !p.get("merge_commit").isNull(),
            p -> p.get("comment_count").asInt() > 5 && p.get("task_count").asInt() == 0,
            p -> p.get("close_source_branch").asBoolean(),
            p -> !p.get("draft").asBoolean(),
            p -> p.get("created_on").asText().compareTo("2025-01-01") >= 0
                || p.get("updated_on").asText().compareTo("2023-06-01") < 0,
            p -> java.util.stream.StreamSupport.stream(p.get("reviewers").spliterator(), false)
                .anyMatch(r -> r.get("uuid").asText().equals(author)),
            p -> p.get("title").asText().contains("\"quoted\""));
    String[] everyState = {"state", "OPEN", "state", "MERGED", "state", "DECLINED", "state", "SUPERSEDED"};
    for (int i = 0; i < cases.length; i++) {
      String q = cases[i][0];
      String[] params = java.util.stream.Stream.concat(
              java.util.Arrays.stream(everyState), java.util.stream.Stream.of("q", q, "pagelen", "50"))
          .toArray(String[]::new);
      List<Long> want = expected(oracles.get(i));
      assertThat(ids(client.all(PRS, params))).as(q).isEqualTo(want).isNotEmpty();
    }
    assertThat(client.get(PRS, "q", "summary.html ~ \"p\"").message())
        .isEqualTo("Field \"summary.html\" does not support filtering");
  }

  @Test
  void pagelenMaximumIs50AndSortWorks() {
    assertThat(client.get(PRS, "state", "MERGED", "pagelen", "50").json().get("values")).hasSize(50);
    BitbucketClient.Answer tooLong = client.get(PRS, "pagelen", "51");
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.message()).isEqualTo("Invalid pagelen");
    List<JsonNode> byUpdated = client.all(PRS, "state", "MERGED", "sort", "-updated_on", "pagelen", "20");
    List<String> updated = byUpdated.stream().map(p -> p.get("updated_on").asText()).toList();
    assertThat(updated).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertThat(byUpdated).hasSize(75);
  }

  @Test
  void onePullRequestInAnyState() {
    for (ObjectNode pr : List.of(api.get(0), api.get(api.size() - 1))) {
      assertThat(client.get(PRS + "/" + pr.get("id").asText()).json()).isEqualTo(pr);
    }
    JsonNode five = client.get(PRS + "/5").json();
    assertThat(five.get("title").asText()).isEqualTo("Handle \"quoted\" names and C:\\paths");
    assertThat(five.fieldNames()).toIterable().contains(
        "type", "id", "title", "description", "state", "author", "source", "destination",
        "merge_commit", "comment_count", "task_count", "close_source_branch", "closed_by",
        "created_on", "updated_on", "reviewers", "links");
    assertThat(client.get(PRS + "/151").status()).isEqualTo(404);
    assertThat(client.get("/repositories/acme/infra/pullrequests", "state", "MERGED").json().get("size").asInt())
        .isEqualTo((int) sandbox.pullRequests("acme", "infra").stream().filter(inState("MERGED")::test).count());
  }
}
