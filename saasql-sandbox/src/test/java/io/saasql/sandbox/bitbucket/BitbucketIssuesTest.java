package io.saasql.sandbox.bitbucket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.saasql.sandbox.RecordedRequest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The issue routes over HTTP: every BBQL operator and value type against an oracle computed here
 * from {@link BitbucketSandbox#issues}, paging with next links, sort, and the 4xx answers.
 */
class BitbucketIssuesTest {
  private static final String ISSUES = "/repositories/acme/api/issues";
  private static final String BUG_IN_QUOTES = "Fix \"quoted\" path C:\\temp";

  private static BitbucketSandbox sandbox;
  private static BitbucketClient client;
  private static List<ObjectNode> api;

  @BeforeAll
  static void start() {
    sandbox = new BitbucketSandbox().start();
    client = new BitbucketClient(sandbox);
    api = sandbox.issues("acme", "api");
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @BeforeEach
  void clean() {
    sandbox.clearRequests();
  }

  private static String text(JsonNode issue, String path) {
    List<JsonNode> values = FieldCatalog.values(issue, path);
    return values.isEmpty() ? null : values.get(0).asText();
  }

  private static Instant instant(JsonNode issue, String field) {
    JsonNode v = issue.get(field);
    return v.isNull() ? null : OffsetDateTime.parse(v.asText()).toInstant();
  }

  private static List<Long> ids(List<? extends JsonNode> issues) {
    return issues.stream().map(i -> i.get("id").asLong()).toList();
  }

  private static List<Long> expected(Predicate<JsonNode> oracle) {
    return ids(api.stream().filter(oracle).toList());
  }

  static Stream<Arguments> filters() {
    String alice = sandbox.members("acme").get(0).at("/user/uuid").asText();
    Instant jan2024 = Instant.parse("2024-01-01T00:00:00Z");
    Instant mid2024 = Instant.parse("2024-06-15T12:30:00Z");
    return Stream.of(
        Arguments.of("state = \"open\"", (Predicate<JsonNode>) i -> "open".equals(text(i, "state"))),
        Arguments.of("state = \"on hold\"", (Predicate<JsonNode>) i -> "on hold".equals(text(i, "state"))),
        Arguments.of("state != \"closed\"", (Predicate<JsonNode>) i -> !"closed".equals(text(i, "state"))),
        Arguments.of(
            "(state = \"new\" OR state = \"open\")",
            (Predicate<JsonNode>) i -> List.of("new", "open").contains(text(i, "state"))),
        Arguments.of(
            "title ~ \"HANDLER\"",
            (Predicate<JsonNode>) i -> text(i, "title").toLowerCase(Locale.ROOT).contains("handler")),
        Arguments.of(
            "title !~ \"endpoint\"",
            (Predicate<JsonNode>) i -> !text(i, "title").toLowerCase(Locale.ROOT).contains("endpoint")),
        Arguments.of(
            "content.raw ~ \"restart\"",
            (Predicate<JsonNode>) i -> text(i, "content.raw").toLowerCase(Locale.ROOT).contains("restart")),
        Arguments.of("assignee = null", (Predicate<JsonNode>) i -> i.get("assignee").isNull()),
        Arguments.of("assignee != null", (Predicate<JsonNode>) i -> !i.get("assignee").isNull()),
        Arguments.of("assignee.uuid = \"" + alice + "\"", (Predicate<JsonNode>) i -> alice.equals(text(i, "assignee.uuid"))),
        Arguments.of("assignee.uuid != \"" + alice + "\"", (Predicate<JsonNode>) i -> !alice.equals(text(i, "assignee.uuid"))),
        Arguments.of(
            "reporter.display_name = \"Elena García\"",
            (Predicate<JsonNode>) i -> "Elena García".equals(text(i, "reporter.display_name"))),
        Arguments.of("milestone.name = \"2024.Q1\"", (Predicate<JsonNode>) i -> "2024.Q1".equals(text(i, "milestone.name"))),
        Arguments.of("milestone = null", (Predicate<JsonNode>) i -> i.get("milestone").isNull()),
        Arguments.of("component.name != null", (Predicate<JsonNode>) i -> !i.get("component").isNull()),
        Arguments.of("version.name >= \"2.0\"", (Predicate<JsonNode>) i -> text(i, "version.name") != null && text(i, "version.name").compareTo("2.0") >= 0),
        Arguments.of("kind = \"bug\" AND priority = \"blocker\"",
            (Predicate<JsonNode>) i -> "bug".equals(text(i, "kind")) && "blocker".equals(text(i, "priority"))),
        Arguments.of("kind = \"task\" or KIND = \"x\" OR priority = \"trivial\"", null),
        Arguments.of("votes > 10", (Predicate<JsonNode>) i -> i.get("votes").asInt() > 10),
        Arguments.of("votes >= 10", (Predicate<JsonNode>) i -> i.get("votes").asInt() >= 10),
        Arguments.of("votes < 1", (Predicate<JsonNode>) i -> i.get("votes").asInt() < 1),
        Arguments.of("votes <= 1", (Predicate<JsonNode>) i -> i.get("votes").asInt() <= 1),
        Arguments.of("votes = 0", (Predicate<JsonNode>) i -> i.get("votes").asInt() == 0),
        Arguments.of("id > 300", (Predicate<JsonNode>) i -> i.get("id").asInt() > 300),
        Arguments.of("created_on >= 2024-01-01T00:00:00+00:00",
            (Predicate<JsonNode>) i -> !instant(i, "created_on").isBefore(jan2024)),
        Arguments.of("created_on < 2024-01-01",
            (Predicate<JsonNode>) i -> instant(i, "created_on").isBefore(jan2024)),
        Arguments.of("updated_on > 2024-06-15T14:30:00+02:00",
            (Predicate<JsonNode>) i -> instant(i, "updated_on").isAfter(mid2024)),
        Arguments.of("created_on >= 2024-01-01T00:00:00Z AND created_on < 2024-06-15T12:30:00Z",
            (Predicate<JsonNode>) i -> !instant(i, "created_on").isBefore(jan2024) && instant(i, "created_on").isBefore(mid2024)),
        Arguments.of("edited_on = null", (Predicate<JsonNode>) i -> i.get("edited_on").isNull()),
        Arguments.of("edited_on > 2024-01-01", (Predicate<JsonNode>) i -> instant(i, "edited_on") != null && instant(i, "edited_on").isAfter(jan2024)),
        Arguments.of("repository.full_name = \"acme/api\"", (Predicate<JsonNode>) i -> true),
        Arguments.of("repository.name = \"web\"", (Predicate<JsonNode>) i -> false),
        Arguments.of(
            "(state = \"open\" OR state = \"new\") AND (assignee = null OR priority = \"blocker\")",
            (Predicate<JsonNode>) i -> List.of("open", "new").contains(text(i, "state"))
                && (i.get("assignee").isNull() || "blocker".equals(text(i, "priority")))),
        Arguments.of(
            "state = \"open\" OR state = \"new\" AND assignee = null",
            (Predicate<JsonNode>) i -> "open".equals(text(i, "state"))
                || ("new".equals(text(i, "state")) && i.get("assignee").isNull())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("filters")
  void filterMatchesTheOracle(String q, Predicate<JsonNode> oracle) {
    if (oracle == null) { // a field name is case-sensitive
      BitbucketClient.Answer answer = client.get(ISSUES, "q", q);
      assertThat(answer.status()).isEqualTo(400);
      assertThat(answer.message()).isEqualTo("Field \"KIND\" does not support filtering");
      return;
    }
    List<Long> want = expected(oracle);
    List<JsonNode> got = client.all(ISSUES, "q", q, "pagelen", "100");
    assertThat(ids(got)).isEqualTo(want);
    if (!q.startsWith("repository.name")) {
      assertThat(want).as("a filter test should select something").isNotEmpty();
    }
  }

  @Test
  void escapedQuotesAndBackslashesMatchExactly() {
    String q = "title = \"" + BUG_IN_QUOTES.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    assertThat(q).isEqualTo("title = \"Fix \\\"quoted\\\" path C:\\\\temp\"");
    BitbucketClient.Answer answer = client.get(ISSUES, "q", q);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().get("values")).hasSize(1);
    assertThat(answer.json().at("/values/0/id").asInt()).isEqualTo(7);
    assertThat(answer.json().at("/values/0/title").asText()).isEqualTo(BUG_IN_QUOTES);
    assertThat(answer.json().at("/values/0/content/raw").asText()).contains("C:\\temp\\new");

    assertThat(client.get(ISSUES, "q", "title ~ \"100%\"").json().at("/values/0/id").asInt()).isEqualTo(42);
    assertThat(client.get(ISSUES, "q", "title ~ \"done_now\"").json().get("size").asInt()).isEqualTo(1);
    assertThat(client.get(ISSUES, "q", "content.raw ~ \"\\\\temp\"").json().get("size").asInt()).isEqualTo(1);
    assertThat(client.get(ISSUES, "q", "title ~ \"🚀\"").json().at("/values/0/id").asInt()).isEqualTo(100);
    assertThat(client.get("/repositories/acme/web/issues", "q", "title ~ \"can't\"").json().at("/values/0/id").asInt())
        .isEqualTo(3);
    assertThat(client.get("/repositories/acme/web/issues", "q", "title ~ \"ÜNÏCÖDÉ\"").json().at("/values/0/id").asInt())
        .isEqualTo(12);
    assertThat(client.get("/repositories/acme/mobile/issues", "q", "title = \"日本語の問い合わせ: ログインできない\"")
        .json().at("/values/0/id").asInt()).isEqualTo(5);
    assertThat(client.get("/repositories/globex/platform/issues", "q", "title ~ \"\\\\ in log_path\"")
        .json().at("/values/0/id").asInt()).isEqualTo(9);
    // the request log keeps the decoded query as sent
    assertThat(sandbox.requests().get(0).query().get("q")).containsExactly(q);
  }

  @Test
  void badQueriesAre400() {
    BitbucketClient.Answer html = client.get(ISSUES, "q", "content.html ~ \"x\"");
    assertThat(html.status()).isEqualTo(400);
    assertThat(html.body())
        .isEqualTo("{\"type\":\"error\",\"error\":{\"message\":\"Field \\\"content.html\\\" does not support filtering\"}}");
    assertThat(client.get(ISSUES, "q", "links.self.href = \"x\"").message())
        .isEqualTo("Field \"links.self.href\" does not support filtering");
    BitbucketClient.Answer syntax = client.get(ISSUES, "q", "state = \"open\" AND");
    assertThat(syntax.status()).isEqualTo(400);
    assertThat(syntax.message())
        .isEqualTo("Invalid query: Expected a field name but found end of query at position 18");
    assertThat(client.get(ISSUES, "q", "votes = \"1\"").status()).isEqualTo(400);
    BitbucketClient.Answer sort = client.get(ISSUES, "sort", "-links");
    assertThat(sort.status()).isEqualTo(400);
    assertThat(sort.message()).isEqualTo("Field \"links\" does not support sorting");
    assertThat(client.get(ISSUES, "q", "").json().get("size").asInt()).isEqualTo(api.size());
  }

  @Test
  void sortAscendingAndDescendingWithIdTieBreak() {
    for (String sort : List.of("updated_on", "-updated_on", "priority", "-votes", "assignee.display_name", "-milestone.name", "id", "-id")) {
      boolean desc = sort.startsWith("-");
      String field = desc ? sort.substring(1) : sort;
      FieldCatalog.Type type = FieldCatalog.ISSUE.field(field).orElseThrow().type();
      Comparator<JsonNode> byValue =
          Comparator.comparing(
              (JsonNode i) -> {
                String t = text(i, field);
                return t == null ? null : type == FieldCatalog.Type.NUMBER ? (Comparable) Long.valueOf(t)
                    : type == FieldCatalog.Type.DATETIME ? (Comparable) OffsetDateTime.parse(t).toInstant() : (Comparable) t;
              },
              Comparator.nullsLast(Comparator.naturalOrder()));
      Comparator<JsonNode> asc = byValue.thenComparing(i -> i.get("id").asLong());
      List<Long> want = ids(api.stream().sorted(desc ? asc.reversed() : asc).toList());
      assertThat(ids(client.all(ISSUES, "sort", sort, "pagelen", "100"))).as(sort).isEqualTo(want);
    }
    List<JsonNode> open = client.all(ISSUES, "q", "state = \"open\"", "sort", "-created_on", "pagelen", "25");
    assertThat(ids(open))
        .isEqualTo(com.google.common.collect.Lists.reverse(expected(i -> "open".equals(text(i, "state")))));
  }

  @Test
  void pagingFollowsNextLinksWithoutRepeatsOrGaps() {
    BitbucketClient.Answer first = client.get(ISSUES, "q", "state != \"closed\"", "sort", "-votes", "pagelen", "30");
    JsonNode page = first.json();
    assertThat(page.fieldNames()).toIterable().containsExactly("size", "page", "pagelen", "next", "values");
    assertThat(page.get("pagelen").asInt()).isEqualTo(30);
    assertThat(page.get("page").asInt()).isEqualTo(1);
    assertThat(page.get("values")).hasSize(30);
    HttpUrl next = HttpUrl.get(page.get("next").asText());
    assertThat(next.host()).isEqualTo("127.0.0.1");
    assertThat(next.port()).isEqualTo(sandbox.port());
    assertThat(next.encodedPath()).isEqualTo("/2.0/repositories/acme/api/issues");
    assertThat(next.queryParameterNames()).containsExactly("q", "sort", "pagelen", "page");
    assertThat(next.queryParameter("q")).isEqualTo("state != \"closed\"");
    assertThat(next.queryParameter("sort")).isEqualTo("-votes");
    assertThat(next.queryParameter("page")).isEqualTo("2");

    JsonNode second = client.getUrl(next.toString()).json();
    assertThat(second.get("page").asInt()).isEqualTo(2);
    assertThat(HttpUrl.get(second.get("previous").asText()).queryParameter("page")).isEqualTo("1");

    List<JsonNode> all = client.all(ISSUES, "q", "state != \"closed\"", "sort", "-votes", "pagelen", "30");
    assertThat(ids(all)).doesNotHaveDuplicates().hasSize(page.get("size").asInt());
    List<RecordedRequest> log = sandbox.requests();
    int pages = (all.size() + 29) / 30;
    assertThat(log).hasSize(2 + pages);
    assertThat(log.get(log.size() - 1).describe())
        .isEqualTo("GET /2.0/repositories/acme/api/issues?q=state != \"closed\"&sort=-votes&pagelen=30&page=" + pages);

    JsonNode last = client.get(ISSUES, "page", String.valueOf(pages), "pagelen", "30", "q", "state != \"closed\"").json();
    assertThat(last.has("next")).isFalse();
    assertThat(last.has("previous")).isTrue();
    JsonNode beyond = client.get(ISSUES, "page", "99").json();
    assertThat(beyond.get("values")).isEmpty();
    assertThat(beyond.get("size").asInt()).isEqualTo(api.size());
  }

  @Test
  void pagelenDefaultsAndLimits() {
    JsonNode byDefault = client.get(ISSUES).json();
    assertThat(byDefault.get("pagelen").asInt()).isEqualTo(10);
    assertThat(byDefault.get("values")).hasSize(10);
    assertThat(byDefault.get("size").asInt()).isEqualTo(318);
    assertThat(ids(List.of(byDefault.get("values").get(0)))).containsExactly(1L);
    assertThat(client.get(ISSUES, "pagelen", "100").json().get("values")).hasSize(100);
    assertThat(client.get(ISSUES, "pagelen", "0").json().get("pagelen").asInt()).isEqualTo(10);
    assertThat(client.get(ISSUES, "pagelen", "1").json().get("values")).hasSize(1);
    for (String bad : List.of("101", "-1", "ten", "")) {
      BitbucketClient.Answer answer = client.get(ISSUES, "pagelen", bad);
      assertThat(answer.status()).as(bad).isEqualTo(400);
      assertThat(answer.message()).isEqualTo("Invalid pagelen");
    }
    for (String bad : List.of("0", "-2", "x")) {
      assertThat(client.get(ISSUES, "page", bad).message()).isEqualTo("Invalid page");
    }
  }

  @Test
  void oneIssueDeletedIssuesAndMissingTrackers() {
    JsonNode seven = client.get(ISSUES + "/7").json();
    assertThat(seven).isEqualTo(api.get(6));
    assertThat(seven.fieldNames()).toIterable().containsExactly(
        "type", "id", "title", "content", "state", "kind", "priority", "reporter", "assignee",
        "created_on", "updated_on", "edited_on", "milestone", "version", "component", "votes",
        "watches", "repository", "links");
    assertThat(seven.get("created_on").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00");

    for (String id : List.of("17", "203")) {
      BitbucketClient.Answer gone = client.get(ISSUES + "/" + id);
      assertThat(gone.status()).isEqualTo(410);
      assertThat(gone.json().get("type").asText()).isEqualTo("error");
      assertThat(gone.message()).isEqualTo("Resource removed");
      assertThat(client.get(ISSUES + "/" + id + "/comments").status()).isEqualTo(410);
    }
    assertThat(client.all(ISSUES, "pagelen", "100")).extracting(i -> i.get("id").asInt()).doesNotContain(17, 203);
    assertThat(client.get(ISSUES + "/321").status()).isEqualTo(404);
    assertThat(client.get(ISSUES + "/abc").status()).isEqualTo(404);

    String noTracker = "{\"type\":\"error\",\"error\":{\"message\":\"Repository has no issue tracker.\"}}";
    assertThat(client.get("/repositories/acme/infra/issues").body()).isEqualTo(noTracker);
    assertThat(client.get("/repositories/acme/infra/issues/1").body()).isEqualTo(noTracker);
    assertThat(client.get("/repositories/acme/infra/issues").status()).isEqualTo(404);

    BitbucketClient.Answer unknownRepo = client.get("/repositories/acme/nope/issues");
    assertThat(unknownRepo.status()).isEqualTo(404);
    assertThat(unknownRepo.message()).startsWith("You may not have access to this repository");
    assertThat(client.get("/repositories/nope/api/issues").status()).isEqualTo(404);
    // globex repositories are not in acme
    assertThat(client.get("/repositories/acme/platform/issues").status()).isEqualTo(404);
  }

  @Test
  void comments() {
    ObjectNode issue = api.stream().filter(i -> sandbox.comments("acme", "api", i.get("id").asLong()).size() >= 3)
        .findFirst().orElseThrow();
    long id = issue.get("id").asLong();
    List<ObjectNode> comments = sandbox.comments("acme", "api", id);
    JsonNode page = client.get(ISSUES + "/" + id + "/comments", "pagelen", "2").json();
    assertThat(page.get("size").asInt()).isEqualTo(comments.size());
    assertThat(page.get("values").get(0)).isEqualTo(comments.get(0));
    JsonNode c = page.get("values").get(0);
    assertThat(c.get("type").asText()).isEqualTo("issue_comment");
    assertThat(c.at("/issue/id").asLong()).isEqualTo(id);
    assertThat(c.get("content").fieldNames()).toIterable().contains("raw", "markup", "html");
    assertThat(c.at("/user/uuid").asText()).startsWith("{");
    assertThat(c.get("created_on").asText()).isGreaterThanOrEqualTo(issue.get("created_on").asText());
    assertThat(client.all(ISSUES + "/" + id + "/comments", "pagelen", "2")).hasSize(comments.size());
    String who = c.at("/user/uuid").asText();
    assertThat(client.get(ISSUES + "/" + id + "/comments", "q", "user.uuid = \"" + who + "\"").json().get("size").asInt())
        .isEqualTo((int) comments.stream().filter(x -> x.at("/user/uuid").asText().equals(who)).count());
    assertThat(client.get(ISSUES + "/99999/comments").status()).isEqualTo(404);
  }

  @Test
  void patchIsNotAllowed() {
    BitbucketClient.Answer patch = client.call("PATCH", ISSUES + "/1");
    assertThat(patch.status()).isEqualTo(405);
    assertThat(patch.headers().get("Allow")).isEqualTo("GET, PUT, DELETE");
    assertThat(patch.json().get("type").asText()).isEqualTo("error");
    assertThat(client.call("PUT", ISSUES).headers().get("Allow")).isEqualTo("GET, POST");
  }
}
