package io.saasql.sandbox.backlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.saasql.sandbox.RecordedRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code POST /issues}, {@code PATCH /issues/:idOrKey} and {@code DELETE /issues/:idOrKey}: the
 * answers, the store after each write as every read route sees it, every validation error body,
 * and the write faults. The tests share one sandbox, so each works on issues it creates itself or
 * compares before and after; exact ids are checked on a fresh sandbox.
 */
class BacklogIssueWriteTest {
  private static BacklogSandbox sandbox;
  private static BacklogClient client;

  /** The smallest valid new issue: SALES, type Task, priority Normal. */
  private static final String[] MINIMAL = {
    "projectId", "1", "summary", "Call Globex back", "issueTypeId", "12", "priorityId", "3"
  };

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

  private static String[] with(String[] base, String... more) {
    String[] all = Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  /** {@link #MINIMAL} with these parameters added, replacing those of the same name. */
  private static String[] minimalWith(String... more) {
    Set<String> replaced = new HashSet<>();
    for (int i = 0; i < more.length; i += 2) {
      replaced.add(more[i]);
    }
    List<String> form = new ArrayList<>();
    for (int i = 0; i < MINIMAL.length; i += 2) {
      if (!replaced.contains(MINIMAL[i])) {
        form.add(MINIMAL[i]);
        form.add(MINIMAL[i + 1]);
      }
    }
    form.addAll(Arrays.asList(more));
    return form.toArray(new String[0]);
  }

  /** Adds a SALES issue: {@link #minimalWith} these parameters; asserts 201. */
  private static JsonNode create(String... more) {
    BacklogClient.Answer answer = client.send("POST", "/issues", minimalWith(more));
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    return answer.json();
  }

  private static JsonNode patch(Object idOrKey, String... form) {
    BacklogClient.Answer answer = client.send("PATCH", "/issues/" + idOrKey, form);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json();
  }

  private static String error(String message, int code) {
    return "{\"errors\":[{\"message\":\"" + message.replace("\"", "\\\"") + "\",\"code\":" + code
        + ",\"moreInfo\":\"\"}]}";
  }

  private static int count(String... params) {
    return client.get("/issues/count", params).json().get("count").asInt();
  }

  // ---- create ----

  @Test
  void createAnswers201WithTheIssueItsLocationAndTheUpdateBucket() {
    long lastId = sandbox.lastIssueId();
    int before = count();
    int salesBefore = count("projectId[]", "1");
    Instant start = Instant.now().minusSeconds(1);
    BacklogClient.Answer answer = client.send("POST", "/issues", MINIMAL);
    Instant end = Instant.now().plusSeconds(1);

    assertThat(answer.status()).isEqualTo(201);
    assertThat(answer.headers().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
    assertThat(answer.headers().get("X-RateLimit-Limit")).isEqualTo("150");
    JsonNode issue = answer.json();
    assertThat(issue.get("id").asLong()).isEqualTo(lastId + 1);
    assertThat(sandbox.lastIssueId()).isEqualTo(lastId + 1);
    String key = issue.get("issueKey").asText();
    assertThat(key).isEqualTo("SALES-" + issue.get("keyId").asLong());
    assertThat(answer.headers().get("Location"))
        .isEqualTo("http://127.0.0.1:" + sandbox.port() + "/view/" + key);
    assertThat(issue.fieldNames())
        .toIterable()
        .containsExactly(
            "id", "projectId", "issueKey", "keyId", "issueType", "summary", "description",
            "resolution", "priority", "status", "assignee", "category", "versions", "milestone",
            "startDate", "dueDate", "estimatedHours", "actualHours", "parentIssueId",
            "createdUser", "created", "updatedUser", "updated", "customFields", "attachments",
            "sharedFiles", "stars");
    assertThat(issue.get("projectId").asInt()).isEqualTo(1);
    assertThat(issue.get("summary").asText()).isEqualTo("Call Globex back");
    assertThat(issue.get("description").asText()).isEmpty();
    assertThat(issue.get("issueType").toString())
        .isEqualTo("{\"id\":12,\"projectId\":1,\"name\":\"Task\",\"color\":\"#7ea800\",\"displayOrder\":1}");
    assertThat(issue.get("priority").toString()).isEqualTo("{\"id\":3,\"name\":\"Normal\"}");
    assertThat(issue.get("status").toString())
        .isEqualTo("{\"id\":1,\"projectId\":1,\"name\":\"Open\",\"color\":\"#ed8077\",\"displayOrder\":1000}");
    for (String nullField :
        List.of("resolution", "assignee", "startDate", "dueDate", "estimatedHours", "actualHours",
            "parentIssueId")) {
      assertThat(issue.get(nullField).isNull()).as(nullField).isTrue();
    }
    for (String emptyArray :
        List.of("category", "versions", "milestone", "customFields", "attachments", "sharedFiles",
            "stars")) {
      assertThat(issue.get(emptyArray).isArray() && issue.get(emptyArray).isEmpty())
          .as(emptyArray).isTrue();
    }
    JsonNode apiUser = client.get("/users/" + BacklogSandbox.API_KEY_USER_ID).json();
    assertThat(issue.get("createdUser").get("id").asLong()).isEqualTo(1);
    assertThat(issue.get("createdUser").get("name")).isEqualTo(apiUser.get("name"));
    assertThat(issue.get("createdUser").fieldNames()).toIterable()
        .containsExactly("id", "userId", "name", "roleType", "lang", "mailAddress");
    assertThat(issue.get("updatedUser")).isEqualTo(issue.get("createdUser"));
    assertThat(issue.get("updated")).isEqualTo(issue.get("created"));
    Instant created = Instant.parse(issue.get("created").asText());
    assertThat(created).isBetween(start, end);
    assertThat(issue.get("created").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

    // every read sees it
    assertThat(client.get("/issues/" + issue.get("id").asLong()).json()).isEqualTo(issue);
    assertThat(client.get("/issues/" + key).json()).isEqualTo(issue);
    assertThat(sandbox.issue(issue.get("id").asLong())).isEqualTo(issue);
    assertThat(sandbox.issueByKey(key)).isEqualTo(issue);
    assertThat(count()).isEqualTo(before + 1);
    assertThat(sandbox.issueCount()).isEqualTo(before + 1);
    assertThat(count("projectId[]", "1")).isEqualTo(salesBefore + 1);
    JsonNode newest = client.get("/issues", "projectId[]", "1", "count", "1").json();
    assertThat(newest.get(0)).isEqualTo(issue); // default sort: created, newest first
    assertThat(client.get("/issues", "id[]", issue.get("id").asText()).json().get(0)).isEqualTo(issue);
  }

  @Test
  void createSetsEveryOptionalField() {
    JsonNode parent = create("summary", "Parent of the new one");
    JsonNode issue =
        create(
            "summary", "Ünïcödé & \"quotes\" = 100% done_now",
            "description", "Line one\nLine two: a+b=c & d",
            "parentIssueId", parent.get("id").asText(),
            "startDate", "2026-01-05",
            "dueDate", "2026-02-28",
            "estimatedHours", "3.5",
            "actualHours", "12",
            "categoryId[]", "103",
            "categoryId[]", "101",
            "versionId[]", "1002",
            "milestoneId[]", "1004",
            "milestoneId[]", "1005",
            "assigneeId", "3",
            "notifiedUserId[]", "4",
            "notifiedUserId[]", "5");
    assertThat(issue.get("summary").asText()).isEqualTo("Ünïcödé & \"quotes\" = 100% done_now");
    assertThat(issue.get("description").asText()).isEqualTo("Line one\nLine two: a+b=c & d");
    assertThat(issue.get("parentIssueId").asLong()).isEqualTo(parent.get("id").asLong());
    assertThat(issue.get("startDate").asText()).isEqualTo("2026-01-05T00:00:00Z");
    assertThat(issue.get("dueDate").asText()).isEqualTo("2026-02-28T00:00:00Z");
    assertThat(issue.get("estimatedHours").toString()).isEqualTo("3.5");
    assertThat(issue.get("actualHours").toString()).isEqualTo("12.0");
    assertThat(issue.get("category")).extracting(c -> c.get("name").asText())
        .containsExactly("Renewals", "Leads");
    assertThat(issue.get("category").get(0))
        .isEqualTo(client.get("/projects/1/categories").json().get(2));
    assertThat(issue.get("versions")).extracting(v -> v.get("id").asInt()).containsExactly(1002);
    assertThat(issue.get("versions").get(0))
        .isEqualTo(client.get("/projects/1/versions").json().get(1));
    assertThat(issue.get("milestone")).extracting(v -> v.get("id").asInt())
        .containsExactly(1004, 1005);
    JsonNode chloe = client.get("/users/3").json();
    assertThat(issue.get("assignee").get("name")).isEqualTo(chloe.get("name"));
    assertThat(issue.get("assignee").has("lastLoginTime")).isFalse();

    String id = issue.get("id").asText();
    for (String[] filter :
        List.of(
            new String[] {"categoryId[]", "103"},
            new String[] {"milestoneId[]", "1005"},
            new String[] {"assigneeId[]", "3"},
            new String[] {"parentIssueId[]", parent.get("id").asText()},
            new String[] {"keyword", "done_now"},
            new String[] {"dueDateSince", "2026-02-28"})) {
      JsonNode found = client.get("/issues", filter[0], filter[1], "id[]", id).json();
      assertThat(found).as(filter[0]).hasSize(1);
    }
    assertThat(client.get("/issues", "id[]", parent.get("id").asText(), "parentChild", "4").json())
        .hasSize(1);
  }

  @Test
  void idsAndKeyIdsContinueTheSequencesAndAreNeverReused() {
    long lastId = sandbox.lastIssueId();
    // keyIds follow creation order, so the newest SALES issue has the highest keyId
    long salesMaxKeyId =
        client.get("/issues", "projectId[]", "1", "count", "1").json().get(0).get("keyId").asLong();
    JsonNode a = create();
    JsonNode b = client.send("POST", "/issues", "projectId", "3", "summary", "Rotate keys",
        "issueTypeId", "31", "priorityId", "2").json();
    JsonNode d = create();
    long keyId = a.get("keyId").asLong();
    assertThat(keyId).isGreaterThan(salesMaxKeyId);
    assertThat(List.of(a, b, d)).extracting(i -> i.get("id").asLong())
        .containsExactly(lastId + 1, lastId + 2, lastId + 3);
    assertThat(b.get("issueKey").asText()).isEqualTo("INFRA-" + b.get("keyId").asLong());
    assertThat(d.get("issueKey").asText()).isEqualTo("SALES-" + (keyId + 1));

    // deleting the newest issue frees neither its id nor its keyId
    assertThat(client.send("DELETE", "/issues/" + d.get("issueKey").asText()).status())
        .isEqualTo(200);
    JsonNode e = create();
    assertThat(e.get("id").asLong()).isEqualTo(lastId + 4);
    assertThat(e.get("issueKey").asText()).isEqualTo("SALES-" + (keyId + 2));
    assertThat(e.get("keyId").asLong()).isEqualTo(keyId + 2);
    assertThat(sandbox.lastIssueId()).isEqualTo(lastId + 4);
  }

  @Test
  void timestampsComeFromTheClockAndUpdatedMovesForward() {
    Clock fixed = Clock.fixed(Instant.parse("2027-03-04T05:06:07.891Z"), ZoneOffset.UTC);
    try (BacklogSandbox timed = new BacklogSandbox(fixed).start()) {
      BacklogClient c = new BacklogClient(timed);
      JsonNode issue = c.send("POST", "/issues", MINIMAL).json();
      assertThat(issue.get("created").asText()).isEqualTo("2027-03-04T05:06:07Z");
      assertThat(issue.get("updated").asText()).isEqualTo("2027-03-04T05:06:07Z");
      JsonNode once = c.send("PATCH", "/issues/" + issue.get("id"), "summary", "one").json();
      JsonNode twice = c.send("PATCH", "/issues/" + issue.get("id"), "summary", "two").json();
      assertThat(once.get("updated").asText()).isEqualTo("2027-03-04T05:06:08Z");
      assertThat(twice.get("updated").asText()).isEqualTo("2027-03-04T05:06:09Z");
      assertThat(twice.get("created")).isEqualTo(issue.get("created"));
      // a seeded issue last updated in the past takes the clock's time
      JsonNode seeded = c.send("PATCH", "/issues/SALES-1", "summary", "changed").json();
      assertThat(seeded.get("updated").asText()).isEqualTo("2027-03-04T05:06:07Z");
    }
  }

  static Stream<Arguments> invalidCreates() {
    return Stream.of(
        Arguments.of(new String[] {"summary", "x", "issueTypeId", "12", "priorityId", "3"},
            "Missing required parameter: projectId."),
        Arguments.of(new String[] {"projectId", "1", "issueTypeId", "12", "priorityId", "3"},
            "Missing required parameter: summary."),
        Arguments.of(new String[] {"projectId", "1", "summary", " ", "issueTypeId", "12",
            "priorityId", "3"}, "Missing required parameter: summary."),
        Arguments.of(new String[] {"projectId", "1", "summary", "x", "priorityId", "3"},
            "Missing required parameter: issueTypeId."),
        Arguments.of(new String[] {"projectId", "1", "summary", "x", "issueTypeId", "12",
            "priorityId", ""}, "Missing required parameter: priorityId."),
        Arguments.of(new String[] {"projectId", "SALES", "summary", "x", "issueTypeId", "12",
            "priorityId", "3"}, "Invalid value for projectId: SALES"),
        Arguments.of(new String[] {"projectId", "99", "summary", "x", "issueTypeId", "12",
            "priorityId", "3"}, "No such project (projectId: 99)."),
        Arguments.of(with(MINIMAL, "summary", "again"), "Parameter summary must be given only once."),
        Arguments.of(new String[] {"projectId", "1", "summary", "x".repeat(256), "issueTypeId",
            "12", "priorityId", "3"}, "Parameter summary is too long (at most 255 characters)."),
        Arguments.of(new String[] {"projectId", "1", "summary", "x", "issueTypeId", "22",
            "priorityId", "3"}, "No such issue type in project SALES (issueTypeId: 22)."),
        Arguments.of(new String[] {"projectId", "1", "summary", "x", "issueTypeId", "12",
            "priorityId", "1"}, "No such priority (priorityId: 1)."),
        Arguments.of(new String[] {"projectId", "1", "summary", "x", "issueTypeId", "12",
            "priorityId", "high"}, "Invalid value for priorityId: high"),
        Arguments.of(with(MINIMAL, "assigneeId", "99"), "No such user (assigneeId: 99)."),
        Arguments.of(with(MINIMAL, "assigneeId", "-1"), "Invalid value for assigneeId: -1"),
        Arguments.of(with(MINIMAL, "notifiedUserId[]", "2", "notifiedUserId[]", "13"),
            "No such user (notifiedUserId[]: 13)."),
        Arguments.of(with(MINIMAL, "categoryId[]", "201"),
            "No such category in project SALES (categoryId[]: 201)."),
        Arguments.of(with(MINIMAL, "categoryId[]", "x"), "Invalid value for categoryId[]: x"),
        Arguments.of(with(MINIMAL, "versionId[]", "2001"),
            "No such version in project SALES (versionId[]: 2001)."),
        Arguments.of(with(MINIMAL, "milestoneId[]", "9"),
            "No such milestone in project SALES (milestoneId[]: 9)."),
        Arguments.of(with(MINIMAL, "attachmentId[]", "5"),
            "No such attachment (attachmentId[]: 5)."),
        Arguments.of(with(MINIMAL, "startDate", "2026-02-30"),
            "Invalid date format for startDate: 2026-02-30 (expected yyyy-MM-dd)."),
        Arguments.of(with(MINIMAL, "dueDate", "2026/03/01"),
            "Invalid date format for dueDate: 2026/03/01 (expected yyyy-MM-dd)."),
        Arguments.of(with(MINIMAL, "startDate", "2026-03-02", "dueDate", "2026-03-01"),
            "startDate must not be after dueDate."),
        Arguments.of(with(MINIMAL, "estimatedHours", "-1"), "Invalid value for estimatedHours: -1"),
        Arguments.of(with(MINIMAL, "estimatedHours", "1.255"),
            "Invalid value for estimatedHours: 1.255"),
        Arguments.of(with(MINIMAL, "actualHours", "ten"), "Invalid value for actualHours: ten"),
        Arguments.of(with(MINIMAL, "actualHours", "100000"),
            "Invalid value for actualHours: 100000"),
        Arguments.of(with(MINIMAL, "parentIssueId", "999999"),
            "No such issue (parentIssueId: 999999)."),
        Arguments.of(with(MINIMAL, "parentIssueId", "1"),
            "The parent issue must be in the same project (parentIssueId: 1)."),
        Arguments.of(with(MINIMAL, "statusId", "2"),
            "Parameter statusId cannot be set when adding an issue."),
        Arguments.of(with(MINIMAL, "comment", "hi"),
            "Parameter comment cannot be set when adding an issue."),
        Arguments.of(with(MINIMAL, "id", "5"), "Parameter id is read-only."),
        Arguments.of(with(MINIMAL, "created", "2026-01-01"), "Parameter created is read-only."),
        Arguments.of(with(MINIMAL, "assignee", "3"), "Unknown parameter: assignee."),
        Arguments.of(with(MINIMAL, "categoryId", "101"), "Unknown parameter: categoryId."),
        Arguments.of(with(MINIMAL, "customField_7", "x"), "No such custom field: customField_7."));
  }

  @ParameterizedTest
  @MethodSource("invalidCreates")
  void invalidCreatesAre400WithCode7AndChangeNothing(String[] form, String message) {
    int before = sandbox.issueCount();
    long lastId = sandbox.lastIssueId();
    BacklogClient.Answer answer = client.send("POST", "/issues", form);
    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    assertThat(answer.body()).isEqualTo(error(message, 7));
    assertThat(sandbox.issueCount()).isEqualTo(before);
    assertThat(sandbox.lastIssueId()).isEqualTo(lastId);
  }

  @Test
  void parentMustBeATopLevelIssueOfTheSameProject() {
    JsonNode parent = create();
    JsonNode child = create("parentIssueId", parent.get("id").asText());
    BacklogClient.Answer grandchild =
        client.send("POST", "/issues", with(MINIMAL, "parentIssueId", child.get("id").asText()));
    assertThat(grandchild.status()).isEqualTo(400);
    assertThat(grandchild.body()).isEqualTo(error(
        "The parent issue must not be a child issue (parentIssueId: " + child.get("id") + ").", 7));
  }

  @Test
  void archivedProjectsRefuseWritesWith403Code5() {
    int before = sandbox.issueCount();
    BacklogClient.Answer create = client.send("POST", "/issues", "projectId", "4", "summary", "x",
        "issueTypeId", "42", "priorityId", "3");
    assertThat(create.status()).isEqualTo(403);
    assertThat(create.body()).isEqualTo(error("Project LEGACY is archived.", 5));
    JsonNode legacy = client.get("/issues/LEGACY-1").json();
    BacklogClient.Answer update = client.send("PATCH", "/issues/LEGACY-1", "summary", "y");
    assertThat(update.status()).isEqualTo(403);
    assertThat(update.body()).isEqualTo(error("Project LEGACY is archived.", 5));
    assertThat(client.send("DELETE", "/issues/LEGACY-1").status()).isEqualTo(403);
    assertThat(client.get("/issues/LEGACY-1").json()).isEqualTo(legacy);
    assertThat(sandbox.issueCount()).isEqualTo(before);
  }

  @Test
  void bodiesOtherThanFormsAreRefused() {
    BacklogClient.Answer json =
        client.sendRaw("POST", "/issues", "application/json", "{\"projectId\":1,\"summary\":\"x\"}");
    assertThat(json.status()).isEqualTo(400);
    assertThat(json.body()).isEqualTo(error(
        "Unsupported Content-Type: application/json; charset=utf-8 (expected "
            + "application/x-www-form-urlencoded).", 7));
    BacklogClient.Answer form = client.sendRaw("POST", "/issues",
        "application/x-www-form-urlencoded; charset=UTF-8",
        "projectId=1&summary=Raw+form%21&issueTypeId=12&priorityId=3&categoryId%5B%5D=102");
    assertThat(form.status()).as(form.body()).isEqualTo(201);
    assertThat(form.json().get("summary").asText()).isEqualTo("Raw form!");
    assertThat(form.json().at("/category/0/id").asInt()).isEqualTo(102);

    // parameters in the query string count as well, next to apiKey
    String id = form.json().get("id").asText();
    BacklogClient.Answer query = client.call("PATCH", "/issues/" + id, true, "summary", "From query");
    assertThat(query.status()).as(query.body()).isEqualTo(200);
    assertThat(query.json().get("summary").asText()).isEqualTo("From query");
  }

  // ---- update ----

  @Test
  void updateChangesTheFieldsGivenAndNothingElse() {
    JsonNode issue = create("assigneeId", "2", "dueDate", "2026-06-30", "description", "before");
    String key = issue.get("issueKey").asText();
    JsonNode updated =
        patch(key,
            "summary", "Renamed",
            "statusId", "3",
            "resolutionId", "0",
            "issueTypeId", "11",
            "priorityId", "2",
            "assigneeId", "5",
            "categoryId[]", "104",
            "estimatedHours", "0.25");
    assertThat(updated.get("id")).isEqualTo(issue.get("id"));
    assertThat(updated.get("issueKey").asText()).isEqualTo(key);
    assertThat(updated.get("summary").asText()).isEqualTo("Renamed");
    assertThat(updated.get("status").get("name").asText()).isEqualTo("Resolved");
    assertThat(updated.get("resolution").toString()).isEqualTo("{\"id\":0,\"name\":\"Fixed\"}");
    assertThat(updated.get("issueType").get("name").asText()).isEqualTo("Bug");
    assertThat(updated.get("priority").get("name").asText()).isEqualTo("High");
    assertThat(updated.get("assignee").get("id").asInt()).isEqualTo(5);
    assertThat(updated.get("category")).extracting(c -> c.get("id").asInt()).containsExactly(104);
    assertThat(updated.get("estimatedHours").asDouble()).isEqualTo(0.25);
    // untouched
    assertThat(updated.get("description").asText()).isEqualTo("before");
    assertThat(updated.get("dueDate").asText()).isEqualTo("2026-06-30T00:00:00Z");
    assertThat(updated.get("created")).isEqualTo(issue.get("created"));
    assertThat(updated.get("createdUser")).isEqualTo(issue.get("createdUser"));
    assertThat(updated.get("updated").asText()).isGreaterThan(issue.get("updated").asText());
    assertThat(updated.get("updatedUser").get("id").asLong())
        .isEqualTo(BacklogSandbox.API_KEY_USER_ID);

    assertThat(client.get("/issues/" + key).json()).isEqualTo(updated);
    assertThat(sandbox.issue(issue.get("id").asLong())).isEqualTo(updated);
    String id = issue.get("id").asText();
    assertThat(client.get("/issues", "id[]", id, "statusId[]", "3", "resolutionId[]", "0").json())
        .hasSize(1);
    assertThat(client.get("/issues", "id[]", id, "statusId[]", "1").json()).isEmpty();
  }

  @Test
  void updateBySeededIdMovesUpdatedForwardAndSetsTheUpdater() {
    JsonNode before = client.get("/issues/SALES-5").json();
    JsonNode after = patch(before.get("id").asLong(), "statusId", "2");
    assertThat(after.get("status").get("id").asInt()).isEqualTo(2);
    assertThat(Instant.parse(after.get("updated").asText()))
        .isAfter(Instant.parse(before.get("updated").asText()));
    assertThat(after.get("updatedUser").get("id").asInt()).isEqualTo(1);
    assertThat(client.get("/issues", "updatedSince", after.get("updated").asText().substring(0, 10),
        "id[]", after.get("id").asText()).json()).hasSize(1);
  }

  @Test
  void emptyValuesClearNullableFields() {
    JsonNode parent = create();
    JsonNode issue =
        create(
            "assigneeId", "4", "startDate", "2026-01-01", "dueDate", "2026-01-31",
            "estimatedHours", "8", "actualHours", "2", "parentIssueId", parent.get("id").asText(),
            "categoryId[]", "101", "versionId[]", "1001", "milestoneId[]", "1003",
            "description", "text");
    patch(issue.get("id"), "statusId", "4", "resolutionId", "2");
    JsonNode cleared =
        patch(issue.get("id"),
            "assigneeId", "", "startDate", "", "dueDate", "", "estimatedHours", "",
            "actualHours", "", "parentIssueId", "", "resolutionId", "", "categoryId[]", "",
            "versionId[]", "", "milestoneId[]", "", "description", "");
    for (String field :
        List.of("assignee", "startDate", "dueDate", "estimatedHours", "actualHours",
            "parentIssueId", "resolution")) {
      assertThat(cleared.get(field).isNull()).as(field).isTrue();
    }
    for (String field : List.of("category", "versions", "milestone")) {
      assertThat(cleared.get(field).isEmpty()).as(field).isTrue();
    }
    assertThat(cleared.get("description").asText()).isEmpty();
    assertThat(cleared.get("status").get("id").asInt()).isEqualTo(4);
    assertThat(client.get("/issues/" + issue.get("id")).json()).isEqualTo(cleared);
    assertThat(client.get("/issues", "id[]", issue.get("id").asText(), "parentChild", "1").json())
        .hasSize(1);
  }

  @Test
  void aCommentAloneIsAnUpdateAndIsKept() {
    JsonNode issue = create();
    long id = issue.get("id").asLong();
    JsonNode commented = patch(id, "comment", "Called them, waiting for an answer.");
    assertThat(commented.get("summary")).isEqualTo(issue.get("summary"));
    assertThat(commented.get("updated").asText()).isGreaterThan(issue.get("updated").asText());
    patch(id, "summary", "Second", "comment", "Renamed it.");
    assertThat(sandbox.comments(id))
        .containsExactly("Called them, waiting for an answer.", "Renamed it.");
    assertThat(sandbox.comments(1)).isEmpty();
  }

  @Test
  void anUpdateThatChangesNothingNeedsAComment() {
    JsonNode issue = create("assigneeId", "2");
    String id = issue.get("id").asText();
    for (String[] form :
        List.of(
            new String[0],
            new String[] {"statusId", "1"},
            new String[] {"assigneeId", "2", "summary", issue.get("summary").asText()},
            new String[] {"comment", "  "})) {
      BacklogClient.Answer answer = client.send("PATCH", "/issues/" + id, form);
      assertThat(answer.status()).as(Arrays.toString(form)).isEqualTo(400);
      assertThat(answer.body()).isEqualTo(error("No comment content.", 7));
    }
    assertThat(client.get("/issues/" + id).json()).isEqualTo(issue);
  }

  static Stream<Arguments> invalidUpdates() {
    return Stream.of(
        Arguments.of(new String[] {"summary", ""}, "Parameter summary must not be empty."),
        Arguments.of(new String[] {"statusId", ""}, "Parameter statusId must not be empty."),
        Arguments.of(new String[] {"issueTypeId", ""}, "Parameter issueTypeId must not be empty."),
        Arguments.of(new String[] {"priorityId", ""}, "Parameter priorityId must not be empty."),
        Arguments.of(new String[] {"statusId", "100"},
            "No such status in project SALES (statusId: 100)."),
        Arguments.of(new String[] {"statusId", "open"}, "Invalid value for statusId: open"),
        Arguments.of(new String[] {"resolutionId", "5"}, "No such resolution (resolutionId: 5)."),
        Arguments.of(new String[] {"issueTypeId", "31"},
            "No such issue type in project SALES (issueTypeId: 31)."),
        Arguments.of(new String[] {"assigneeId", "0"}, "No such user (assigneeId: 0)."),
        Arguments.of(new String[] {"dueDate", "tomorrow"},
            "Invalid date format for dueDate: tomorrow (expected yyyy-MM-dd)."),
        Arguments.of(new String[] {"startDate", "2026-05-01", "dueDate", "2026-04-30"},
            "startDate must not be after dueDate."),
        Arguments.of(new String[] {"projectId", "2"}, "Parameter projectId cannot be changed."),
        Arguments.of(new String[] {"issueKey", "SALES-1"}, "Parameter issueKey is read-only."),
        Arguments.of(new String[] {"updated", "2026-01-01"}, "Parameter updated is read-only."),
        Arguments.of(new String[] {"status", "Closed"}, "Unknown parameter: status."),
        Arguments.of(new String[] {"comment", "a", "comment", "b"},
            "Parameter comment must be given only once."));
  }

  @ParameterizedTest
  @MethodSource("invalidUpdates")
  void invalidUpdatesAre400WithCode7AndChangeNothing(String[] form, String message) {
    JsonNode before = client.get("/issues/SALES-10").json();
    BacklogClient.Answer answer = client.send("PATCH", "/issues/SALES-10", form);
    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    assertThat(answer.body()).isEqualTo(error(message, 7));
    assertThat(client.get("/issues/SALES-10").json()).isEqualTo(before);
  }

  @Test
  void theStartDateIsCheckedAgainstTheStoredDueDate() {
    JsonNode issue = create("dueDate", "2026-03-10");
    BacklogClient.Answer answer =
        client.send("PATCH", "/issues/" + issue.get("id"), "startDate", "2026-03-11");
    assertThat(answer.body()).isEqualTo(error("startDate must not be after dueDate.", 7));
    assertThat(patch(issue.get("id"), "startDate", "2026-03-10").get("startDate").asText())
        .isEqualTo("2026-03-10T00:00:00Z");
  }

  @Test
  void parentRulesOnUpdate() {
    JsonNode parent = create();
    JsonNode child = create("parentIssueId", parent.get("id").asText());
    JsonNode other = create();
    String parentId = parent.get("id").asText();
    String childId = child.get("id").asText();

    assertThat(client.send("PATCH", "/issues/" + parentId, "parentIssueId", parentId).body())
        .isEqualTo(error("An issue cannot be its own parent (parentIssueId: " + parentId + ").", 7));
    assertThat(client.send("PATCH", "/issues/" + parentId, "parentIssueId",
            other.get("id").asText()).body())
        .isEqualTo(error("An issue with child issues cannot become a child issue (parentIssueId: "
            + other.get("id").asText() + ").", 7));
    assertThat(client.send("PATCH", "/issues/" + other.get("id"), "parentIssueId", childId).body())
        .isEqualTo(error("The parent issue must not be a child issue (parentIssueId: " + childId
            + ").", 7));
    assertThat(client.send("PATCH", "/issues/" + other.get("id"), "parentIssueId", "2").body())
        .isEqualTo(error("The parent issue must be in the same project (parentIssueId: 2).", 7));
    // moving the child under another top-level issue works
    assertThat(patch(childId, "parentIssueId", other.get("id").asText()).get("parentIssueId"))
        .isEqualTo(other.get("id"));
  }

  @Test
  void unknownIssuesAre404WithCode6() {
    for (String method : List.of("PATCH", "DELETE")) {
      for (String idOrKey : List.of("999999", "SALES-999999", "NOPE-1", "not-a-key")) {
        BacklogClient.Answer answer = client.send(method, "/issues/" + idOrKey, "summary", "x");
        assertThat(answer.status()).as(method + " " + idOrKey).isEqualTo(404);
        assertThat(answer.body()).isEqualTo(error("No issue.", 6));
      }
    }
  }

  // ---- delete ----

  @Test
  void deleteAnswersTheIssueAndRemovesItEverywhere() {
    JsonNode issue = create("categoryId[]", "101");
    JsonNode stored = client.get("/issues/" + issue.get("id")).json();
    String id = issue.get("id").asText();
    int before = count();
    int inCategory = count("categoryId[]", "101");

    BacklogClient.Answer deleted = client.send("DELETE", "/issues/" + issue.get("issueKey").asText());
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.json()).isEqualTo(stored);
    assertThat(deleted.headers().get("X-RateLimit-Limit")).isEqualTo("150");

    BacklogClient.Answer gone = client.get("/issues/" + id);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.body()).isEqualTo(error("No issue.", 6));
    assertThat(client.get("/issues/" + issue.get("issueKey").asText()).status()).isEqualTo(404);
    assertThat(client.get("/issues", "id[]", id).json()).isEmpty();
    assertThat(count()).isEqualTo(before - 1);
    assertThat(count("categoryId[]", "101")).isEqualTo(inCategory - 1);
    assertThat(sandbox.issue(issue.get("id").asLong())).isNull();
    assertThat(sandbox.issueByKey(issue.get("issueKey").asText())).isNull();

    assertThat(client.send("DELETE", "/issues/" + id).body()).isEqualTo(error("No issue.", 6));
    assertThat(client.send("PATCH", "/issues/" + id, "summary", "x").status()).isEqualTo(404);
  }

  @Test
  void deletingAParentMakesItsChildrenTopLevel() {
    JsonNode parent = create();
    String parentId = parent.get("id").asText();
    JsonNode first = create("parentIssueId", parentId);
    JsonNode second = create("parentIssueId", parentId);
    assertThat(client.get("/issues", "parentIssueId[]", parentId).json()).hasSize(2);
    assertThat(client.send("DELETE", "/issues/" + parentId).status()).isEqualTo(200);
    for (JsonNode child : List.of(first, second)) {
      JsonNode now = client.get("/issues/" + child.get("id")).json();
      assertThat(now.get("parentIssueId").isNull()).isTrue();
      assertThat(now.get("updated")).isEqualTo(child.get("updated"));
    }
    assertThat(client.get("/issues", "parentIssueId[]", parentId).json()).isEmpty();
    assertThat(client.send("POST", "/issues", with(MINIMAL, "parentIssueId", parentId)).body())
        .isEqualTo(error("No such issue (parentIssueId: " + parentId + ").", 7));
  }

  @Test
  void deleteTakesNoParameters() {
    JsonNode issue = create();
    BacklogClient.Answer answer = client.send("DELETE", "/issues/" + issue.get("id"), "force", "1");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body()).isEqualTo(error("Unknown parameter: force.", 7));
    assertThat(sandbox.issue(issue.get("id").asLong())).isNotNull();
  }

  // ---- across routes ----

  @Test
  void otherMethodsAre405AndWritesAreLogged() {
    BacklogClient.Answer put = client.send("PUT", "/issues/1", "summary", "x");
    assertThat(put.status()).isEqualTo(405);
    assertThat(put.headers().get("Allow")).isEqualTo("GET, PATCH, DELETE");
    assertThat(client.send("PATCH", "/issues", "summary", "x").headers().get("Allow"))
        .isEqualTo("GET, POST");
    sandbox.clearRequests();

    JsonNode issue = create("categoryId[]", "101", "categoryId[]", "102");
    patch(issue.get("issueKey").asText(), "summary", "Renamed");
    client.send("DELETE", "/issues/" + issue.get("id"));
    List<RecordedRequest> log = sandbox.requests();
    assertThat(log).extracting(RecordedRequest::describe)
        .containsExactly(
            "POST /api/v2/issues",
            "PATCH /api/v2/issues/" + issue.get("issueKey").asText(),
            "DELETE /api/v2/issues/" + issue.get("id").asText());
    assertThat(log).extracting(RecordedRequest::status).containsExactly(201, 200, 200);
    assertThat(log.get(0).body())
        .isEqualTo("projectId=1&summary=Call%20Globex%20back&issueTypeId=12&priorityId=3"
            + "&categoryId%5B%5D=101&categoryId%5B%5D=102");
    assertThat(log.get(1).body()).isEqualTo("summary=Renamed");
    assertThat(log.get(0).query().get("apiKey")).containsExactly(sandbox.apiKey());
  }

  @Test
  void writesCountAgainstTheUpdateBucket() {
    BacklogClient.Answer first = client.send("POST", "/issues", MINIMAL);
    BacklogClient.Answer second = client.send("POST", "/issues", "summary", "invalid");
    for (BacklogClient.Answer a : List.of(first, second)) {
      assertThat(a.headers().get("X-RateLimit-Limit")).isEqualTo("150");
      assertThat(Long.parseLong(a.headers().get("X-RateLimit-Reset")))
          .isGreaterThan(System.currentTimeMillis() / 1000 - 1);
    }
    int r1 = Integer.parseInt(first.headers().get("X-RateLimit-Remaining"));
    int r2 = Integer.parseInt(second.headers().get("X-RateLimit-Remaining"));
    assertThat(r2).isLessThanOrEqualTo(r1);
    JsonNode limits = client.get("/rateLimit").json().get("rateLimit");
    assertThat(limits.get("update").get("remaining").asInt()).isLessThanOrEqualTo(r2);
    assertThat(limits.get("update").get("remaining").asInt()).isLessThan(150);
    assertThat(client.get("/priorities").headers().get("X-RateLimit-Limit")).isEqualTo("600");
  }

  @Test
  void concurrentCreatesGetDistinctConsecutiveIds() throws Exception {
    long lastId = sandbox.lastIssueId();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<JsonNode>> results = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        String project = i % 2 == 0 ? "2" : "3";
        String type = i % 2 == 0 ? "21" : "31";
        results.add(pool.submit(() -> client.send("POST", "/issues", "projectId", project,
            "summary", "parallel", "issueTypeId", type, "priorityId", "4").json()));
      }
      Set<Long> ids = new HashSet<>();
      Set<String> keys = new HashSet<>();
      for (Future<JsonNode> r : results) {
        ids.add(r.get().get("id").asLong());
        keys.add(r.get().get("issueKey").asText());
      }
      assertThat(ids).hasSize(24).allMatch(id -> id > lastId && id <= lastId + 24);
      assertThat(keys).hasSize(24);
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- write faults ----

  @Test
  void failWritesAfterFailsEveryLaterWriteWithTheErrorBody() {
    sandbox.faults().failWritesAfter(1, 503);
    int before = sandbox.issueCount();
    // a refused write is not a successful one: it does not use up the allowance
    assertThat(client.send("POST", "/issues", "summary", "x").status()).isEqualTo(400);
    JsonNode issue = create();
    String id = issue.get("id").asText();

    BacklogClient.Answer post = client.send("POST", "/issues", MINIMAL);
    assertThat(post.status()).isEqualTo(503);
    assertThat(post.body()).isEqualTo(error("Internal error.", 1));
    assertThat(client.send("PATCH", "/issues/" + id, "summary", "x").status()).isEqualTo(503);
    assertThat(client.send("DELETE", "/issues/" + id).status()).isEqualTo(503);
    assertThat(client.get("/issues/" + id).json()).isEqualTo(issue); // reads still work
    assertThat(sandbox.issueCount()).isEqualTo(before + 1);

    sandbox.faults().reset();
    assertThat(client.send("DELETE", "/issues/" + id).status()).isEqualTo(200);
  }

  @Test
  void failWritesAfterZeroWith429UsesTheRateLimitBody() {
    sandbox.faults().failWritesAfter(0, 429);
    BacklogClient.Answer answer = client.send("POST", "/issues", MINIMAL);
    assertThat(answer.status()).isEqualTo(429);
    assertThat(answer.body()).isEqualTo(error("Too many requests.", 13));
    assertThat(client.get("/issues/1").status()).isEqualTo(200);
  }

  @Test
  void applyThenStallAppliesTheWriteButTheClientTimesOut() {
    long lastId = sandbox.lastIssueId();
    sandbox.faults().applyThenStallNext(2, Duration.ofMillis(700));
    BacklogClient impatient = client.withReadTimeout(Duration.ofMillis(150));
    assertThatThrownBy(() -> impatient.send("POST", "/issues", minimalWith("summary", "stalled")))
        .isInstanceOf(java.io.UncheckedIOException.class)
        .hasCauseInstanceOf(java.net.SocketTimeoutException.class);
    JsonNode created = client.get("/issues/" + (lastId + 1)).json();
    assertThat(created.get("summary").asText()).isEqualTo("stalled");

    assertThatThrownBy(() -> impatient.send("PATCH", "/issues/" + (lastId + 1), "summary", "late"))
        .isInstanceOf(java.io.UncheckedIOException.class)
        .hasCauseInstanceOf(java.net.SocketTimeoutException.class);
    assertThat(client.get("/issues/" + (lastId + 1)).json().get("summary").asText())
        .isEqualTo("late");

    // the stall is used up: the next write answers at once
    BacklogClient.Answer after = impatient.send("DELETE", "/issues/" + (lastId + 1));
    assertThat(after.status()).isEqualTo(200);
    assertThat(after.json().get("summary").asText()).isEqualTo("late");
  }
}
