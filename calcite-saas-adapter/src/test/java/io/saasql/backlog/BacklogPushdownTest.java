package io.saasql.backlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.saasql.sandbox.RecordedRequest;
import io.saasql.testing.TestSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pushdown into the Backlog API, proven by the sandbox's request log: each query shape makes
 * exactly the expected requests, and returns exactly the rows the sandbox's data says match.
 */
class BacklogPushdownTest {
  private static Connection connection;
  private static List<ObjectNode> issues;

  @BeforeAll static void connect() throws Exception {
    connection = TestSources.connect(TestSources.backlogModel());
    issues = TestSources.backlog().issues();
  }

  @AfterAll static void close() throws Exception {
    connection.close();
  }

  @BeforeEach void clearLog() {
    TestSources.backlog().clearRequests();
  }

  private static List<RecordedRequest> requests() {
    return TestSources.backlog().requests();
  }

  private static List<Integer> ids(String sql) throws Exception {
    List<Integer> out = new ArrayList<>();
    for (List<Object> row : TestSources.rows(connection, sql)) {
      out.add((Integer) row.get(0));
    }
    return out;
  }

  private static List<Integer> expectedIds(Predicate<JsonNode> p) {
    return issues.stream().filter(p).map(i -> i.get("id").asInt()).sorted().toList();
  }

  @Test void idEqualsStringLiteralIsOneGetById() throws Exception {
    List<List<Object>> rows =
        TestSources.rows(connection, "SELECT Id, ProjectId FROM backlog.Issues WHERE Id = '1'");
    assertThat(TestSources.backlogRequests()).containsExactly("GET /api/v2/issues/1");
    JsonNode first = issues.stream().filter(i -> i.get("id").asInt() == 1).findFirst().get();
    assertThat(rows).containsExactly(List.of(1, first.get("projectId").asInt()));
  }

  @Test void unknownIdIsNoRowNotAnError() throws Exception {
    assertThat(ids("SELECT Id FROM backlog.Issues WHERE Id = 999999")).isEmpty();
    assertThat(TestSources.backlogRequests()).containsExactly("GET /api/v2/issues/999999");
  }

  @Test void issueKeyIsOneGetByKey() throws Exception {
    String key = issues.get(2).get("issueKey").asText();
    assertThat(ids("SELECT Id FROM backlog.Issues WHERE IssueKey = '" + key + "'"))
        .containsExactly(issues.get(2).get("id").asInt());
    assertThat(TestSources.backlogRequests()).containsExactly("GET /api/v2/issues/" + key);
  }

  @Test void anIssueKeyIsCheckedAgainstTheKeyTheApiReturned() throws Exception {
    // GET /issues/{idOrKey} takes ids too: /issues/13 answers the issue whose id is 13, whose key
    // is not '13'. Calcite re-checks a text key, so that issue is no row of the query.
    assertThat(ids("SELECT Id FROM backlog.Issues WHERE IssueKey = '13'")).isEmpty();
    assertThat(TestSources.backlogRequests()).containsExactly("GET /api/v2/issues/13");
    String key = issues.get(2).get("issueKey").asText();
    TestSources.backlog().clearRequests();
    assertThat(ids("SELECT Id FROM backlog.Issues WHERE IssueKey = '"
        + key.toLowerCase(java.util.Locale.ROOT) + "'")).isEmpty();
    assertThat(TestSources.backlogRequests()).hasSize(1);
  }

  @Test void aProjectKeyIsCheckedAgainstTheKeyTheApiReturned() throws Exception {
    assertThat(TestSources.rows(connection,
        "SELECT Id FROM backlog.Projects WHERE ProjectKey = '2'")).isEmpty();
    assertThat(TestSources.backlogRequests()).containsExactly("GET /api/v2/projects/2");
    String key = TestSources.backlog().projects().get(1).get("projectKey").asText();
    assertThat(TestSources.rows(connection,
        "SELECT ProjectKey FROM backlog.Projects WHERE ProjectKey = '" + key + "'"))
        .containsExactly(List.of(key));
  }

  /** One pushable predicate shape: the WHERE clause, the parameters it must send, and its meaning. */
  record Shape(String where, List<String> params, Predicate<JsonNode> matches) {
    @Override public String toString() {
      return where;
    }
  }

  private static Instant ts(JsonNode n) {
    return n == null || n.isNull() ? null : Instant.parse(n.asText());
  }

  private static LocalDate date(JsonNode n) {
    return n == null || n.isNull() ? null : LocalDate.parse(n.asText().substring(0, 10));
  }

  static Stream<Shape> shapes() {
    return Stream.of(
        new Shape("Id IN (1, 2, 3)", List.of("id[]=1", "id[]=2", "id[]=3"),
            i -> i.get("id").asInt() <= 3),
        new Shape("ProjectId = 2", List.of("projectId[]=2"), i -> i.get("projectId").asInt() == 2),
        new Shape("ProjectId IN (1, 3)", List.of("projectId[]=1", "projectId[]=3"),
            i -> i.get("projectId").asInt() != 2 && i.get("projectId").asInt() != 4),
        new Shape("StatusId IN (1, 2)", List.of("statusId[]=1", "statusId[]=2"),
            i -> i.at("/status/id").asInt() <= 2),
        new Shape("IssueTypeId = 12", List.of("issueTypeId[]=12"),
            i -> i.at("/issueType/id").asInt() == 12),
        new Shape("PriorityId = 2", List.of("priorityId[]=2"), i -> i.at("/priority/id").asInt() == 2),
        new Shape("AssigneeId = 3", List.of("assigneeId[]=3"),
            i -> i.at("/assignee/id").asInt(-1) == 3),
        new Shape("CreatedUserId IN (1, 2)", List.of("createdUserId[]=1", "createdUserId[]=2"),
            i -> i.at("/createdUser/id").asInt() <= 2),
        new Shape("Created >= TIMESTAMP '2024-03-01 10:00:00' AND Created < TIMESTAMP '2024-04-01 00:00:00'",
            List.of("createdSince=2024-03-01", "createdUntil=2024-04-01"),
            i -> !ts(i.get("created")).isBefore(Instant.parse("2024-03-01T10:00:00Z"))
                && ts(i.get("created")).isBefore(Instant.parse("2024-04-01T00:00:00Z"))),
        new Shape("Updated >= TIMESTAMP '2025-06-01 00:00:00'", List.of("updatedSince=2025-06-01"),
            i -> !ts(i.get("updated")).isBefore(Instant.parse("2025-06-01T00:00:00Z"))),
        new Shape("StartDate BETWEEN DATE '2024-01-01' AND DATE '2024-01-31'",
            List.of("startDateSince=2024-01-01", "startDateUntil=2024-02-01"),
            i -> date(i.get("startDate")) != null
                && !date(i.get("startDate")).isBefore(LocalDate.parse("2024-01-01"))
                && !date(i.get("startDate")).isAfter(LocalDate.parse("2024-01-31"))),
        new Shape("DueDate < DATE '2024-06-01'", List.of("dueDateUntil=2024-06-01"),
            i -> date(i.get("dueDate")) != null
                && date(i.get("dueDate")).isBefore(LocalDate.parse("2024-06-01"))),
        new Shape("DueDate IS NOT NULL", List.of("hasDueDate=true"), i -> !i.get("dueDate").isNull()),
        new Shape("DueDate IS NULL", List.of("hasDueDate=false"), i -> i.get("dueDate").isNull()),
        new Shape("ParentIssueId IS NULL", List.of("parentChild=1"),
            i -> i.get("parentIssueId").isNull()),
        new Shape("ParentIssueId IS NOT NULL", List.of("parentChild=2"),
            i -> !i.get("parentIssueId").isNull()),
        new Shape("ProjectId = 1 AND StatusId IN (1, 2) AND Summary LIKE '%a%'",
            List.of("projectId[]=1", "statusId[]=1", "statusId[]=2"),
            i -> i.get("projectId").asInt() == 1 && i.at("/status/id").asInt() <= 2
                && i.get("summary").asText().contains("a")));
  }

  @ParameterizedTest @MethodSource("shapes")
  void eachShapeSendsExactlyItsParameters(Shape shape) throws Exception {
    List<Integer> got = ids("SELECT Id FROM backlog.Issues WHERE " + shape.where() + " ORDER BY Id");
    List<Integer> want = expectedIds(shape.matches());
    assertThat(got).isEqualTo(want);
    assertListing(requests(), shape.params(), want.size());
  }

  /**
   * The requests are exactly one paged listing of /issues with the given filter parameters:
   * offsets 0, 100, … each once and no more pages than the rows need, and — when the first page
   * is full, so that the pages after the second are read at the same time — one count of
   * /issues/count with the same parameters. The listing may return more rows than match
   * (day-granular dates), so the page count is bounded by what the API returned.
   */
  private static void assertListing(List<RecordedRequest> log, List<String> params, int matching) {
    assertThat(log).isNotEmpty();
    List<String> offsets = new ArrayList<>();
    int counts = 0;
    for (RecordedRequest r : log) {
      assertThat(r.method()).isEqualTo("GET");
      List<String> sent = new ArrayList<>();
      r.query().entries().forEach(e -> {
        if (!List.of("apiKey", "count", "offset").contains(e.getKey())) {
          sent.add(e.getKey() + "=" + e.getValue());
        }
      });
      assertThat(sent).as("filter parameters of %s", r.describe())
          .containsExactlyInAnyOrderElementsOf(params);
      if (r.path().equals("/api/v2/issues/count")) {
        counts++;
        continue;
      }
      assertThat(r.path()).isEqualTo("/api/v2/issues");
      assertThat(r.query().get("count")).containsExactly("100");
      offsets.add(r.query().get("offset").get(0));
    }
    List<String> want = new ArrayList<>();
    for (int page = 0; page < offsets.size(); page++) {
      want.add(Integer.toString(page * 100));
    }
    assertThat(offsets.get(0)).isEqualTo("0");
    assertThat(offsets).containsExactlyInAnyOrderElementsOf(want);
    assertThat(counts).isEqualTo(offsets.size() > 1 ? 1 : 0);
    // Only the last page may be short: the scan stops there and asks for nothing more.
    assertThat(offsets.size()).isGreaterThanOrEqualTo(Math.max(1, (matching + 99) / 100));
  }

  @Test void exactPushdownMakesTheMinimumNumberOfPages() throws Exception {
    long n = issues.stream().filter(i -> i.get("projectId").asInt() == 1).count();
    ids("SELECT Id FROM backlog.Issues WHERE ProjectId = 1");
    // Its pages, and when there is more than one, the count that lets them be read in parallel;
    // a full last page needs no empty page after it.
    long pages = Math.max(1, (n + 99) / 100);
    assertThat(requests()).hasSize((int) (pages > 1 ? pages + 1 : pages));
  }

  @Test void preparedStatementPushesTheBoundValueOnEveryExecution() throws Exception {
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT Id, Summary FROM backlog.Issues WHERE Id = ?")) {
      for (int id : new int[] {5, 9}) {
        TestSources.backlog().clearRequests();
        ps.setInt(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(TestSources.rows(rs)).hasSize(1).allMatch(r -> r.get(0).equals(id));
        }
        assertThat(TestSources.backlogRequests()).containsExactly("GET /api/v2/issues/" + id);
      }
    }
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT Id FROM backlog.Issues WHERE ProjectId = ? AND StatusId = ?")) {
      for (int[] v : new int[][] {{1, 2}, {3, 4}}) {
        TestSources.backlog().clearRequests();
        ps.setInt(1, v[0]);
        ps.setInt(2, v[1]);
        List<Integer> got = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            got.add(rs.getInt(1));
          }
        }
        assertThat(got).containsExactlyInAnyOrderElementsOf(expectedIds(
            i -> i.get("projectId").asInt() == v[0] && i.at("/status/id").asInt() == v[1]));
        assertListing(requests(),
            List.of("projectId[]=" + v[0], "statusId[]=" + v[1]), got.size());
      }
    }
  }

  @Test void limitStopsPagingAfterTheFirstPage() throws Exception {
    assertThat(ids("SELECT Id FROM backlog.Issues LIMIT 5")).hasSize(5);
    assertThat(TestSources.backlogRequests()).hasSize(1);
    assertThat(requests().get(0).query().get("count")).containsExactly("6");
  }

  @Test void limitWithOffsetAndExactFiltersSizesTheFirstPage() throws Exception {
    List<Integer> got = ids("SELECT Id FROM backlog.Issues WHERE ProjectId = 2 LIMIT 5 OFFSET 10");
    assertThat(got).hasSize(5);
    assertThat(TestSources.backlogRequests())
        .containsExactly("GET /api/v2/issues?projectId[]=2&count=16&offset=0");
  }

  @Test void limitWithAFilterCalciteChecksKeepsFullPages() throws Exception {
    List<Integer> got = ids("SELECT Id FROM backlog.Issues WHERE Summary LIKE '%e%' LIMIT 5");
    assertThat(got).hasSize(5);
    assertThat(requests()).hasSize(1);
    assertThat(requests().get(0).query().get("count")).containsExactly("100");
  }

  @Test void fullScanCostsOneRequestPerHundredRowsAndACount() throws Exception {
    int n = issues.size();
    assertThat(n).isGreaterThanOrEqualTo(2500);
    assertThat(TestSources.rows(connection, "SELECT Id, Summary FROM backlog.Issues")).hasSize(n);
    assertThat(requests()).hasSize((n + 99) / 100 + 1);
    assertListing(requests(), List.of(), n);
  }

  @Test void offsetPagesReadInTurnWithOneRequestAtATime() throws Exception {
    int n = issues.size();
    assertThat(n % 100).as("a full last page would need one more empty page").isNotZero();
    assertThat(TestSources.rows(connection, "SELECT Id, Summary FROM backlog_serial.Issues"))
        .hasSize(n);
    List<String> sent = TestSources.backlogRequests();
    assertThat(sent).hasSize((n + 99) / 100).noneMatch(r -> r.contains("/count"));
  }

  @Test void contradictionMakesNoRequest() throws Exception {
    assertThat(ids("SELECT Id FROM backlog.Issues WHERE ProjectId = 1 AND ProjectId = 2")).isEmpty();
    assertThat(requests()).isEmpty();
  }

  @Test void statusesOfOneProjectUseItsPath() throws Exception {
    List<List<Object>> rows = TestSources.rows(connection,
        "SELECT Id, Name FROM backlog.Statuses WHERE ProjectId = 2 ORDER BY Id");
    assertThat(rows).isNotEmpty();
    assertThat(TestSources.backlogRequests()).containsExactly("GET /api/v2/projects/2/statuses");
    TestSources.backlog().clearRequests();
    List<List<Object>> all = TestSources.rows(connection, "SELECT DISTINCT ProjectId FROM backlog.Statuses");
    assertThat(all).hasSize(TestSources.backlog().projects().size());
    assertThat(TestSources.backlogRequests()).first().isEqualTo("GET /api/v2/projects");
  }

  @Test void projectsByArchivedFlag() throws Exception {
    List<List<Object>> rows = TestSources.rows(connection,
        "SELECT ProjectKey FROM backlog.Projects WHERE Archived = true");
    assertThat(TestSources.backlogRequests()).containsExactly("GET /api/v2/projects?archived=true");
    long archived = TestSources.backlog().projects().stream()
        .filter(p -> p.get("archived").asBoolean()).count();
    assertThat(rows).hasSize((int) archived);
  }
}
