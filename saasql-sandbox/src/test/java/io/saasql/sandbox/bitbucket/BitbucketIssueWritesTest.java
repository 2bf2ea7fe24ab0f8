package io.saasql.sandbox.bitbucket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.saasql.sandbox.RecordedRequest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The issue write routes over HTTP: create, update and delete, what reads see afterwards, every
 * validation error body, and the 404/410 answers. A fresh sandbox per test, as writes change it.
 */
class BitbucketIssueWritesTest {
  private static final String ISSUES = "/repositories/acme/api/issues";
  private static final String NO_TRACKER =
      "{\"type\":\"error\",\"error\":{\"message\":\"Repository has no issue tracker.\"}}";

  private BitbucketSandbox sandbox;
  private BitbucketClient client;

  @BeforeEach
  void start() {
    sandbox = new BitbucketSandbox().start();
    client = new BitbucketClient(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private ObjectNode member(String workspace, String displayName) {
    return sandbox.members(workspace).stream()
        .map(m -> (ObjectNode) m.get("user"))
        .filter(u -> u.get("display_name").asText().equals(displayName))
        .findFirst()
        .orElseThrow();
  }

  private static Instant instant(JsonNode issue, String field) {
    return OffsetDateTime.parse(issue.get(field).asText()).toInstant();
  }

  private static String errorBody(String field, String message) {
    return "{\"type\":\"error\",\"error\":{\"message\":\"" + field + ": " + message
        + "\",\"fields\":{\"" + field + "\":[\"" + message + "\"]}}}";
  }

  // ---- POST ----

  @Test
  void createWithOnlyATitleUsesTheDefaultsAndContinuesTheIdSequence() {
    assertThat(sandbox.lastIssueId("acme", "api")).isEqualTo(320);
    Instant before = Instant.now();
    BitbucketClient.Answer created = client.json("POST", ISSUES, "{\"title\":\"Export fails on \\\"big\\\" files\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
    assertThat(created.headers().get("Location")).isEqualTo(sandbox.baseUrl() + ISSUES + "/321");

    JsonNode issue = created.json();
    assertThat(issue.fieldNames()).toIterable()
        .containsExactlyElementsOf(() -> sandbox.issue("acme", "api", 7).fieldNames());
    assertThat(issue.get("type").asText()).isEqualTo("issue");
    assertThat(issue.get("id").asInt()).isEqualTo(321);
    assertThat(issue.get("title").asText()).isEqualTo("Export fails on \"big\" files");
    assertThat(issue.get("content").toString())
        .isEqualTo("{\"raw\":\"\",\"markup\":\"markdown\",\"html\":\"\",\"type\":\"rendered\"}");
    assertThat(issue.get("kind").asText()).isEqualTo("bug");
    assertThat(issue.get("priority").asText()).isEqualTo("major");
    assertThat(issue.get("state").asText()).isEqualTo("new");
    assertThat(issue.get("reporter")).isEqualTo(sandbox.apiUser());
    assertThat(issue.at("/reporter/display_name").asText()).isEqualTo("Elena García");
    for (String nullable : List.of("assignee", "edited_on", "milestone", "version", "component")) {
      assertThat(issue.get(nullable).isNull()).as(nullable).isTrue();
    }
    assertThat(issue.get("votes").asInt()).isZero();
    assertThat(issue.get("watches").asInt()).isEqualTo(1);
    assertThat(issue.get("created_on").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00")
        .isEqualTo(issue.get("updated_on").asText());
    assertThat(instant(issue, "created_on")).isAfterOrEqualTo(before.minusMillis(1)).isBeforeOrEqualTo(Instant.now());
    assertThat(issue.get("repository")).isEqualTo(sandbox.issue("acme", "api", 7).get("repository"));
    assertThat(issue.at("/links/self/href").asText())
        .isEqualTo("https://api.bitbucket.org/2.0/repositories/acme/api/issues/321");

    // the store, the single GET (via Location), lists, filters and sorts all see it
    assertThat(sandbox.issue("acme", "api", 321)).isEqualTo(issue);
    assertThat(sandbox.lastIssueId("acme", "api")).isEqualTo(321);
    assertThat(sandbox.issues("acme", "api")).hasSize(319);
    assertThat(client.getUrl(created.headers().get("Location")).json()).isEqualTo(issue);
    assertThat(client.get(ISSUES).json().get("size").asInt()).isEqualTo(319);
    assertThat(client.get(ISSUES, "sort", "-created_on").json().at("/values/0")).isEqualTo(issue);
    assertThat(client.get(ISSUES, "q", "title ~ \"\\\"big\\\"\"").json().at("/values/0/id").asInt()).isEqualTo(321);
    assertThat(client.get(ISSUES + "/321/comments").json().get("size").asInt()).isZero();

    RecordedRequest post = sandbox.requests().get(0);
    assertThat(post.describe()).isEqualTo("POST /2.0/repositories/acme/api/issues");
    assertThat(post.status()).isEqualTo(201);
    assertThat(post.body()).isEqualTo("{\"title\":\"Export fails on \\\"big\\\" files\"}");

    JsonNode next = client.json("POST", ISSUES, "{\"title\":\"Second\"}").json();
    assertThat(next.get("id").asInt()).isEqualTo(322);
    assertThat(instant(next, "created_on")).isAfter(instant(issue, "created_on"));
    // each repository has its own sequence
    BitbucketClient.Answer docs = client.json("POST", "/repositories/globex/docs/issues", "{\"title\":\"Docs\"}");
    assertThat(docs.json().get("id").asInt()).isEqualTo(121);
    assertThat(docs.headers().get("Location")).endsWith("/2.0/repositories/globex/docs/issues/121");
  }

  @Test
  void createWithEveryWritableField() {
    ObjectNode chiara = member("acme", "Chiara Rossi");
    String body =
        "{\"title\":\"Café 🚀 100%_done\",\"content\":{\"raw\":\"First line.\\n\\nSecond <b>para</b>.\"},"
            + "\"kind\":\"enhancement\",\"priority\":\"blocker\",\"state\":\"on hold\","
            + "\"assignee\":{\"uuid\":\"" + chiara.get("uuid").asText() + "\"},"
            + "\"milestone\":{\"name\":\"2025.Q1\"},\"version\":{\"name\":\"2.1\"},\"component\":{\"name\":\"database\"},"
            + "\"type\":\"issue\"}";
    BitbucketClient.Answer created = client.json("POST", ISSUES, body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode issue = created.json();
    assertThat(issue.get("title").asText()).isEqualTo("Café 🚀 100%_done");
    assertThat(issue.at("/content/raw").asText()).isEqualTo("First line.\n\nSecond <b>para</b>.");
    assertThat(issue.at("/content/html").asText()).isEqualTo("<p>First line.</p>\n<p>Second &lt;b&gt;para&lt;/b&gt;.</p>");
    assertThat(issue.get("kind").asText()).isEqualTo("enhancement");
    assertThat(issue.get("priority").asText()).isEqualTo("blocker");
    assertThat(issue.get("state").asText()).isEqualTo("on hold");
    assertThat(issue.get("assignee")).isEqualTo(chiara);
    // milestone, version and component are the tracker's own objects, as seeded issues embed them
    JsonNode seededMilestone = sandbox.issues("acme", "api").stream()
        .map(i -> i.get("milestone")).filter(m -> m.path("name").asText().equals("2025.Q1")).findFirst().orElseThrow();
    assertThat(issue.get("milestone")).isEqualTo(seededMilestone);
    assertThat(issue.at("/version/name").asText()).isEqualTo("2.1");
    assertThat(issue.at("/version/type").asText()).isEqualTo("version");
    assertThat(issue.at("/component/name").asText()).isEqualTo("database");
    assertThat(issue.at("/component/id").isInt()).isTrue();
    assertThat(sandbox.issue("acme", "api", 321)).isEqualTo(issue);

    String q = "assignee.uuid = \"" + chiara.get("uuid").asText() + "\" AND milestone.name = \"2025.Q1\""
        + " AND priority = \"blocker\" AND state = \"on hold\"";
    assertThat(client.all(ISSUES, "q", q)).extracting(i -> i.get("id").asInt()).contains(321);

    // by account_id, with the rest of a user object as read from the API; uuid without braces
    ObjectNode farah = member("acme", "Farah Khan");
    JsonNode byAccount = client.json("POST", ISSUES,
        "{\"title\":\"By account\",\"assignee\":" + farah + "}").json();
    assertThat(byAccount.get("assignee")).isEqualTo(farah);
    String bare = farah.get("uuid").asText().replace("{", "").replace("}", "").toUpperCase();
    JsonNode byBareUuid = client.json("POST", ISSUES,
        "{\"title\":\"Bare uuid\",\"assignee\":{\"uuid\":\"" + bare + "\"},\"content\":{\"raw\":\"x\",\"markup\":\"plaintext\"}}").json();
    assertThat(byBareUuid.get("assignee")).isEqualTo(farah);
    assertThat(byBareUuid.at("/content/markup").asText()).isEqualTo("plaintext");
    // a milestone object as read from the API (type, id, name) is accepted too
    JsonNode echoed = client.json("POST", ISSUES,
        "{\"title\":\"Echo\",\"milestone\":" + seededMilestone + ",\"assignee\":null,\"content\":null}").json();
    assertThat(echoed.get("milestone")).isEqualTo(seededMilestone);
    assertThat(echoed.get("assignee").isNull()).isTrue();
    assertThat(echoed.at("/content/raw").asText()).isEmpty();
    assertThat(sandbox.lastIssueId("acme", "api")).isEqualTo(324);
  }

  @Test
  void pathsMayNameWorkspaceAndRepositoryByUuid() {
    String ws = sandbox.workspaces().get(0).get("uuid").asText();
    String repo = sandbox.repositories("acme").get(0).get("uuid").asText();
    assertThat(sandbox.repositories("acme").get(0).get("slug").asText()).isEqualTo("api");
    BitbucketClient.Answer created =
        client.json("POST", "/repositories/" + ws + "/" + repo + "/issues", "{\"title\":\"By uuid\"}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.headers().get("Location")).isEqualTo(sandbox.baseUrl() + ISSUES + "/321");
    assertThat(client.json("PUT", "/repositories/" + ws + "/" + repo + "/issues/321", "{\"kind\":\"task\"}")
        .json().get("kind").asText()).isEqualTo("task");
  }

  static Stream<Arguments> invalidCreates() {
    String farFuture = "x".repeat(256);
    return Stream.of(
        Arguments.of("{}", "title", "This field is required."),
        Arguments.of("{\"title\":null}", "title", "This field is required."),
        Arguments.of("{\"title\":\"\"}", "title", "This field is required."),
        Arguments.of("{\"title\":\"  \"}", "title", "This field is required."),
        Arguments.of("{\"title\":42}", "title", "Expected a string."),
        Arguments.of("{\"title\":[\"a\"]}", "title", "Expected a string."),
        Arguments.of("{\"title\":\"" + farFuture + "\"}", "title", "Ensure this value has at most 255 characters (it has 256)."),
        Arguments.of("{\"title\":\"t\",\"kind\":\"story\"}", "kind", "Select a valid choice. story is not one of the available choices."),
        Arguments.of("{\"title\":\"t\",\"kind\":null}", "kind", "This field may not be null."),
        Arguments.of("{\"title\":\"t\",\"priority\":\"URGENT\"}", "priority", "Select a valid choice. URGENT is not one of the available choices."),
        Arguments.of("{\"title\":\"t\",\"priority\":3}", "priority", "Select a valid choice. 3 is not one of the available choices."),
        Arguments.of("{\"title\":\"t\",\"state\":\"done\"}", "state", "Select a valid choice. done is not one of the available choices."),
        Arguments.of("{\"title\":\"t\",\"state\":{\"name\":\"new\"}}", "state", "Select a valid choice. {\\\"name\\\":\\\"new\\\"} is not one of the available choices."),
        Arguments.of("{\"title\":\"t\",\"content\":\"text\"}", "content", "Expected an object."),
        Arguments.of("{\"title\":\"t\",\"content\":{\"raw\":5}}", "content", "Expected a string."),
        Arguments.of("{\"title\":\"t\",\"content\":{\"raw\":\"x\",\"markup\":\"html\"}}", "content", "Select a valid choice. html is not one of the available choices."),
        Arguments.of("{\"title\":\"t\",\"assignee\":\"achen\"}", "assignee", "Expected an object."),
        Arguments.of("{\"title\":\"t\",\"assignee\":{}}", "assignee", "Give the user's uuid or account_id."),
        Arguments.of("{\"title\":\"t\",\"assignee\":{\"username\":\"achen\"}}", "assignee", "Give the user's uuid or account_id."),
        Arguments.of("{\"title\":\"t\",\"assignee\":{\"uuid\":7}}", "assignee", "Expected a string."),
        Arguments.of("{\"title\":\"t\",\"assignee\":{\"uuid\":\"{00000000-0000-0000-0000-000000000000}\"}}", "assignee", "User not found."),
        Arguments.of("{\"title\":\"t\",\"assignee\":{\"account_id\":\"557058:nobody\"}}", "assignee", "User not found."),
        Arguments.of("{\"title\":\"t\",\"milestone\":\"2024.Q1\"}", "milestone", "Expected an object."),
        Arguments.of("{\"title\":\"t\",\"milestone\":{}}", "milestone", "Give the name."),
        Arguments.of("{\"title\":\"t\",\"milestone\":{\"name\":2024}}", "milestone", "Expected a string."),
        Arguments.of("{\"title\":\"t\",\"milestone\":{\"name\":\"2099.Q1\"}}", "milestone", "Select a valid choice. 2099.Q1 is not one of the available choices."),
        Arguments.of("{\"title\":\"t\",\"version\":{\"name\":\"9.9\"}}", "version", "Select a valid choice. 9.9 is not one of the available choices."),
        Arguments.of("{\"title\":\"t\",\"component\":{\"name\":\"Backend\"}}", "component", "Select a valid choice. Backend is not one of the available choices."),
        Arguments.of("{\"title\":\"t\",\"votes\":3}", "votes", "This field is read-only."),
        Arguments.of("{\"title\":\"t\",\"id\":999}", "id", "This field is read-only."),
        Arguments.of("{\"title\":\"t\",\"reporter\":null}", "reporter", "This field is read-only."),
        Arguments.of("{\"title\":\"t\",\"created_on\":\"2024-01-01T00:00:00+00:00\"}", "created_on", "This field is read-only."),
        Arguments.of("{\"title\":\"t\",\"updated_on\":\"2024-01-01\"}", "updated_on", "This field is read-only."),
        Arguments.of("{\"title\":\"t\",\"type\":\"bug\"}", "type", "This field is read-only."),
        Arguments.of("{\"title\":\"t\",\"labels\":[\"x\"]}", "labels", "Unknown field."),
        Arguments.of("{\"title\":\"t\",\"Title\":\"x\"}", "Title", "Unknown field."));
  }

  /** One test over every case rather than a parameterized one: a sandbox per case is slow. */
  @Test
  void invalidCreateBodiesAre400WithTheField() {
    invalidCreates().forEach(arguments -> {
      Object[] c = arguments.get();
      BitbucketClient.Answer answer = client.json("POST", ISSUES, (String) c[0]);
      assertThat(answer.status()).as((String) c[0]).isEqualTo(400);
      assertThat(answer.body()).as((String) c[0]).isEqualTo(errorBody((String) c[1], (String) c[2]));
    });
    assertThat(sandbox.lastIssueId("acme", "api")).isEqualTo(320);
    assertThat(sandbox.issues("acme", "api")).hasSize(318);
    assertThat(sandbox.requests()).hasSize((int) invalidCreates().count())
        .allMatch(r -> r.status() == 400 && r.method().equals("POST"));
  }

  @Test
  void everyInvalidFieldIsReportedAtOnceInBodyOrder() {
    BitbucketClient.Answer answer =
        client.json("POST", ISSUES, "{\"votes\":1,\"kind\":\"story\",\"title\":\"\",\"labels\":[]}");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.message()).isEqualTo(
        "votes: This field is read-only.;"
            + " kind: Select a valid choice. story is not one of the available choices.;"
            + " title: This field is required.; labels: Unknown field.");
    assertThat(answer.json().at("/error/fields").fieldNames()).toIterable()
        .containsExactly("votes", "kind", "title", "labels");
    // a missing title comes first, then the body's fields in order
    answer = client.json("POST", ISSUES, "{\"state\":\"x\",\"priority\":\"y\"}");
    assertThat(answer.json().at("/error/fields").fieldNames()).toIterable()
        .containsExactly("title", "state", "priority");
    assertThat(answer.json().at("/error/fields/title")).hasSize(1);
  }

  @Test
  void assigneesMustBeMembersOfTheRepositorysWorkspace() {
    ObjectNode ivan = member("globex", "Ivan Petrov"); // globex only
    ObjectNode alice = member("acme", "Alice Chen"); // acme only
    BitbucketClient.Answer answer =
        client.json("POST", ISSUES, "{\"title\":\"t\",\"assignee\":{\"uuid\":\"" + ivan.get("uuid").asText() + "\"}}");
    assertThat(answer.body()).isEqualTo(errorBody("assignee", "Ivan Petrov is not a member of workspace acme."));
    answer = client.json("POST", "/repositories/globex/platform/issues",
        "{\"title\":\"t\",\"assignee\":{\"account_id\":\"" + alice.get("account_id").asText() + "\"}}");
    assertThat(answer.body()).isEqualTo(errorBody("assignee", "Alice Chen is not a member of workspace globex."));
    answer = client.json("POST", ISSUES, "{\"title\":\"t\",\"assignee\":{\"uuid\":\"" + alice.get("uuid").asText()
        + "\",\"account_id\":\"" + member("acme", "Bruno Silva").get("account_id").asText() + "\"}}");
    assertThat(answer.body()).isEqualTo(errorBody("assignee", "uuid and account_id name different users."));
    // Elena García is in both
    ObjectNode elena = member("acme", "Elena García");
    assertThat(client.json("POST", "/repositories/globex/platform/issues",
        "{\"title\":\"t\",\"assignee\":{\"uuid\":\"" + elena.get("uuid").asText() + "\"}}").json().get("assignee"))
        .isEqualTo(elena);
  }

  @Test
  void bodiesThatAreNotJsonObjectsAre400BadRequest() {
    String notADictionary =
        "{\"type\":\"error\",\"error\":{\"message\":\"Bad request\",\"fields\":{\"\":[\"expected a dictionary\"]}}}";
    List<BitbucketClient.Answer> answers = List.of(
        client.send("POST", ISSUES, "title=x", "application/x-www-form-urlencoded"),
        client.send("POST", ISSUES, "{\"title\":\"x\"}", null),
        client.send("POST", ISSUES, "{\"title\":\"x\"}", "text/plain"),
        client.json("POST", ISSUES, "{\"title\":"),
        client.json("POST", ISSUES, "[{\"title\":\"x\"}]"),
        client.json("POST", ISSUES, "\"x\""),
        client.json("POST", ISSUES, ""),
        client.json("PUT", ISSUES + "/7", "null"));
    for (BitbucketClient.Answer answer : answers) {
      assertThat(answer.status()).isEqualTo(400);
      assertThat(answer.body()).isEqualTo(notADictionary);
    }
    // a charset parameter is fine
    assertThat(client.send("POST", ISSUES, "{\"title\":\"x\"}", "application/json; charset=utf-8").status()).isEqualTo(201);
  }

  @Test
  void createNeedsAnIssueTrackerAndAKnownRepository() {
    BitbucketClient.Answer infra = client.json("POST", "/repositories/acme/infra/issues", "{\"title\":\"t\"}");
    assertThat(infra.status()).isEqualTo(404);
    assertThat(infra.body()).isEqualTo(NO_TRACKER);
    // the path is checked before the body
    assertThat(client.json("POST", "/repositories/acme/infra/issues", "{}").body()).isEqualTo(NO_TRACKER);
    for (String path : List.of("/repositories/acme/nope/issues", "/repositories/nope/api/issues", "/repositories/acme/platform/issues")) {
      BitbucketClient.Answer answer = client.json("POST", path, "{}");
      assertThat(answer.status()).as(path).isEqualTo(404);
      assertThat(answer.message()).startsWith("You may not have access to this repository");
    }
    assertThat(sandbox.issues("acme", "infra")).isEmpty();
    assertThat(sandbox.lastIssueId("acme", "infra")).isZero();
  }

  // ---- PUT ----

  @Test
  void updateChangesTheFieldsGivenAndKeepsTheRest() {
    ObjectNode before = sandbox.issue("acme", "api", 7);
    ObjectNode bruno = member("acme", "Bruno Silva");
    BitbucketClient.Answer answer = client.json("PUT", ISSUES + "/7",
        "{\"title\":\"Renamed\",\"priority\":\"blocker\",\"state\":\"resolved\","
            + "\"assignee\":{\"account_id\":\"" + bruno.get("account_id").asText() + "\"},"
            + "\"version\":{\"name\":\"3.0\"}}");
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.headers().get("Location")).isNull();
    JsonNode after = answer.json();
    assertThat(after.get("title").asText()).isEqualTo("Renamed");
    assertThat(after.get("priority").asText()).isEqualTo("blocker");
    assertThat(after.get("state").asText()).isEqualTo("resolved");
    assertThat(after.get("assignee")).isEqualTo(bruno);
    assertThat(after.at("/version/name").asText()).isEqualTo("3.0");
    for (String kept : List.of("type", "id", "content", "kind", "reporter", "created_on", "milestone", "component",
        "votes", "watches", "repository", "links")) {
      assertThat(after.get(kept)).as(kept).isEqualTo(before.get(kept));
    }
    assertThat(after.fieldNames()).toIterable().containsExactlyElementsOf(before::fieldNames);
    assertThat(instant(after, "updated_on")).isAfter(instant(before, "updated_on"));
    assertThat(after.get("edited_on")).isEqualTo(after.get("updated_on")); // the title changed

    assertThat(sandbox.issue("acme", "api", 7)).isEqualTo(after);
    assertThat(client.get(ISSUES + "/7").json()).isEqualTo(after);
    assertThat(client.get(ISSUES, "q", "title = \"Renamed\"").json().at("/values/0")).isEqualTo(after);
    assertThat(client.get(ISSUES, "sort", "-updated_on").json().at("/values/0/id").asInt()).isEqualTo(7);
    assertThat(client.get(ISSUES, "q", "title ~ \"quoted\"").json().get("size").asInt()).isZero();
    for (JsonNode comment : client.all(ISSUES + "/7/comments")) {
      assertThat(comment.at("/issue/title").asText()).isEqualTo("Renamed");
    }
    assertThat(sandbox.lastIssueId("acme", "api")).isEqualTo(320);
    assertThat(sandbox.issues("acme", "api")).hasSize(318);
  }

  @Test
  void nullClearsTheNullableFieldsAndUpdatedOnAlwaysMovesForward() {
    ObjectNode full = sandbox.issues("acme", "api").stream()
        .filter(i -> !i.get("assignee").isNull() && !i.get("milestone").isNull()
            && !i.get("version").isNull() && !i.get("component").isNull())
        .findFirst().orElseThrow();
    int id = full.get("id").asInt();
    JsonNode cleared = client.json("PUT", ISSUES + "/" + id,
        "{\"assignee\":null,\"milestone\":null,\"version\":null,\"component\":null}").json();
    for (String field : List.of("assignee", "milestone", "version", "component")) {
      assertThat(cleared.get(field).isNull()).as(field).isTrue();
    }
    assertThat(cleared.get("title")).isEqualTo(full.get("title"));
    assertThat(cleared.get("edited_on")).isEqualTo(full.get("edited_on")); // neither title nor content changed
    assertThat(client.all(ISSUES, "q", "assignee = null AND milestone = null AND version = null AND component = null"))
        .extracting(i -> i.get("id").asInt()).contains(id);

    // an empty body changes nothing but updated_on, and every PUT moves it forward
    Instant last = instant(cleared, "updated_on");
    for (int i = 0; i < 3; i++) {
      JsonNode same = client.json("PUT", ISSUES + "/" + id, "{}").json();
      assertThat(instant(same, "updated_on")).isAfter(last);
      last = instant(same, "updated_on");
      ObjectNode withoutUpdatedOn = ((ObjectNode) same).deepCopy();
      withoutUpdatedOn.set("updated_on", cleared.get("updated_on"));
      assertThat(withoutUpdatedOn).isEqualTo(cleared);
    }

    // the same title is no edit; new content is
    JsonNode sameTitle = client.json("PUT", ISSUES + "/" + id, "{\"title\":" + full.get("title") + "}").json();
    assertThat(sameTitle.get("edited_on")).isEqualTo(full.get("edited_on"));
    JsonNode newContent = client.json("PUT", ISSUES + "/" + id, "{\"content\":{\"raw\":\"Now *bold*\"}}").json();
    assertThat(newContent.at("/content/raw").asText()).isEqualTo("Now *bold*");
    assertThat(newContent.get("edited_on")).isEqualTo(newContent.get("updated_on"));
  }

  @Test
  void invalidUpdatesAre400AndChangeNothing() {
    ObjectNode before = sandbox.issue("acme", "api", 8);
    List<String[]> cases = List.of(
        new String[] {"{\"title\":null}", "title", "This field is required."},
        new String[] {"{\"title\":\"\"}", "title", "This field is required."},
        new String[] {"{\"kind\":\"story\"}", "kind", "Select a valid choice. story is not one of the available choices."},
        new String[] {"{\"state\":null}", "state", "This field may not be null."},
        new String[] {"{\"priority\":null}", "priority", "This field may not be null."},
        new String[] {"{\"milestone\":{\"name\":\"nope\"}}", "milestone", "Select a valid choice. nope is not one of the available choices."},
        new String[] {"{\"edited_on\":null}", "edited_on", "This field is read-only."},
        new String[] {"{\"repository\":{\"full_name\":\"acme/web\"}}", "repository", "This field is read-only."},
        new String[] {"{\"links\":{}}", "links", "This field is read-only."},
        new String[] {"{\"watches\":2}", "watches", "This field is read-only."},
        new String[] {"{\"nope\":1}", "nope", "Unknown field."});
    for (String[] c : cases) {
      BitbucketClient.Answer answer = client.json("PUT", ISSUES + "/8", c[0]);
      assertThat(answer.status()).as(c[0]).isEqualTo(400);
      assertThat(answer.body()).as(c[0]).isEqualTo(errorBody(c[1], c[2]));
    }
    // a valid field next to an invalid one is not applied either
    assertThat(client.json("PUT", ISSUES + "/8", "{\"title\":\"Half\",\"kind\":\"x\"}").status()).isEqualTo(400);
    assertThat(sandbox.issue("acme", "api", 8)).isEqualTo(before);
  }

  @Test
  void updateOfMissingOrDeletedIssuesIs404Or410BeforeTheBodyIsChecked() {
    BitbucketClient.Answer missing = client.json("PUT", ISSUES + "/999", "{\"title\":\"t\"}");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.body()).isEqualTo(
        "{\"type\":\"error\",\"error\":{\"message\":\"Resource not found\",\"detail\":\"There is no issue with id 999.\"}}");
    assertThat(client.json("PUT", ISSUES + "/abc", "{}").status()).isEqualTo(404);
    assertThat(client.json("PUT", ISSUES + "/0", "{}").status()).isEqualTo(404);
    BitbucketClient.Answer deleted = client.json("PUT", ISSUES + "/17", "{\"kind\":\"nonsense\"}");
    assertThat(deleted.status()).isEqualTo(410);
    assertThat(deleted.body()).isEqualTo(
        "{\"type\":\"error\",\"error\":{\"message\":\"Resource removed\",\"detail\":\"Issue #17 has been deleted.\"}}");
    assertThat(client.json("PUT", "/repositories/acme/infra/issues/1", "{}").body()).isEqualTo(NO_TRACKER);
    assertThat(client.json("PUT", "/repositories/acme/nope/issues/1", "{}").status()).isEqualTo(404);
    assertThat(client.json("PUT", ISSUES + "/999", "{\"kind\":\"nonsense\"}").status()).isEqualTo(404);
  }

  // ---- DELETE ----

  @Test
  void deleteAnswers204AndTheIssueIsGoneLikeTheSeededDeletedOnes() {
    BitbucketClient.Answer deleted = client.send("DELETE", ISSUES + "/7", null, null);
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(deleted.body()).isEmpty();

    BitbucketClient.Answer gone = client.get(ISSUES + "/7");
    assertThat(gone.status()).isEqualTo(410);
    assertThat(gone.body()).isEqualTo(
        "{\"type\":\"error\",\"error\":{\"message\":\"Resource removed\",\"detail\":\"Issue #7 has been deleted.\"}}");
    assertThat(client.get(ISSUES + "/7/comments").status()).isEqualTo(410);
    assertThat(sandbox.issue("acme", "api", 7)).isNull();
    assertThat(sandbox.comments("acme", "api", 7)).isEmpty();
    assertThat(sandbox.deletedIssueIds("acme", "api")).containsExactly(7L, 17L, 203L);
    assertThat(sandbox.issues("acme", "api")).hasSize(317).noneMatch(i -> i.get("id").asInt() == 7);
    assertThat(client.get(ISSUES).json().get("size").asInt()).isEqualTo(317);
    assertThat(client.get(ISSUES, "q", "id = 7").json().get("size").asInt()).isZero();

    assertThat(client.send("DELETE", ISSUES + "/7", null, null).status()).isEqualTo(410);
    assertThat(client.json("PUT", ISSUES + "/7", "{}").status()).isEqualTo(410);
    assertThat(client.send("DELETE", ISSUES + "/17", null, null).status()).isEqualTo(410);
    assertThat(client.send("DELETE", ISSUES + "/999", null, null).status()).isEqualTo(404);
    assertThat(client.send("DELETE", "/repositories/acme/infra/issues/1", null, null).body()).isEqualTo(NO_TRACKER);
    assertThat(client.send("DELETE", "/repositories/acme/nope/issues/1", null, null).status()).isEqualTo(404);
    assertThat(sandbox.requests()).extracting(RecordedRequest::describe)
        .startsWith("DELETE /2.0/repositories/acme/api/issues/7");
  }

  @Test
  void deletedIdsAreNeverGivenAgain() {
    JsonNode first = client.json("POST", ISSUES, "{\"title\":\"Short-lived\"}").json();
    assertThat(first.get("id").asInt()).isEqualTo(321);
    assertThat(client.send("DELETE", ISSUES + "/321", null, null).status()).isEqualTo(204);
    assertThat(client.get(ISSUES + "/321").status()).isEqualTo(410);
    JsonNode second = client.json("POST", ISSUES, "{\"title\":\"Next\"}").json();
    assertThat(second.get("id").asInt()).isEqualTo(322);
    assertThat(sandbox.lastIssueId("acme", "api")).isEqualTo(322);
    assertThat(sandbox.deletedIssueIds("acme", "api")).containsExactly(17L, 203L, 321L);
  }

  // ---- auth and methods ----

  @Test
  void writesNeedCredentialsLikeReads() {
    BitbucketClient.Answer anonymous = client.as(null).json("POST", ISSUES, "{\"title\":\"t\"}");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(client.as("Bearer nope").json("PUT", ISSUES + "/7", "{\"title\":\"t\"}").status()).isEqualTo(401);
    assertThat(client.as(null).send("DELETE", ISSUES + "/7", null, null).status()).isEqualTo(401);
    assertThat(sandbox.lastIssueId("acme", "api")).isEqualTo(320);
    assertThat(sandbox.issue("acme", "api", 7)).isNotNull();

    String basic = BitbucketClient.basic(sandbox.userEmail(), sandbox.apiToken());
    assertThat(client.as(basic).json("POST", ISSUES, "{\"title\":\"By API token\"}").status()).isEqualTo(201);
    String oauth = BitbucketClient.token(sandbox, BitbucketClient.basic(sandbox.clientId(), sandbox.clientSecret()),
        "grant_type", "client_credentials").json().get("access_token").asText();
    BitbucketClient.Answer byOauth = client.as("Bearer " + oauth).json("POST", ISSUES, "{\"title\":\"By OAuth\"}");
    assertThat(byOauth.status()).isEqualTo(201);
    assertThat(byOauth.json().get("reporter")).isEqualTo(sandbox.apiUser());
    // rate-limit headers come with access-token requests, writes included
    BitbucketClient.Answer byAccessToken = client.json("PUT", ISSUES + "/321", "{\"kind\":\"task\"}");
    assertThat(byAccessToken.headers().get("X-RateLimit-Limit")).isEqualTo("1000");
    assertThat(byOauth.headers().get("X-RateLimit-Limit")).isNull();
  }

  @Test
  void trackerListsAreExposed() {
    assertThat(sandbox.milestoneNames("acme", "api")).containsExactly("2023.Q3", "2024.Q1", "2024.Q3", "2025.Q1", "2025.Q3");
    assertThat(sandbox.versionNames("globex", "docs")).containsExactly("1.0", "1.1", "2.0", "2.1", "3.0");
    assertThat(sandbox.componentNames("acme", "web")).containsExactly("backend", "frontend", "database", "build", "docs");
    assertThat(sandbox.milestoneNames("acme", "infra")).isEmpty();
    assertThat(sandbox.issue("acme", "infra", 1)).isNull();
    assertThat(sandbox.issue("acme", "api", 17)).isNull();
    assertThat(sandbox.issue("acme", "api", 999)).isNull();
    assertThat(sandbox.apiUser().get("nickname").asText()).isEqualTo("egarcia");
  }
}
