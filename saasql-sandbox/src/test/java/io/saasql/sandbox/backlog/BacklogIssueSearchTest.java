package io.saasql.sandbox.backlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.saasql.sandbox.RecordedRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GET /issues} and {@code /issues/count}: every filter against an oracle computed here
 * from {@link BacklogSandbox#issues()}, paging, sorting and the 400s.
 */
class BacklogIssueSearchTest {
  private static BacklogSandbox sandbox;
  private static BacklogClient client;
  private static List<ObjectNode> all;

  @BeforeAll
  static void start() {
    sandbox = new BacklogSandbox().start();
    client = new BacklogClient(sandbox);
    all = sandbox.issues();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @BeforeEach
  void clean() {
    sandbox.clearRequests();
  }

  /** Every page of a query with count=100, the ids in the order returned. */
  private static List<Long> fetchAll(String... params) {
    List<Long> ids = new ArrayList<>();
    for (int offset = 0; ; offset += 100) {
      String[] paged = Arrays.copyOf(params, params.length + 4);
      paged[params.length] = "count";
      paged[params.length + 1] = "100";
      paged[params.length + 2] = "offset";
      paged[params.length + 3] = String.valueOf(offset);
      BacklogClient.Answer page = client.get("/issues", paged);
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      page.json().forEach(i -> ids.add(i.get("id").asLong()));
      if (page.json().size() < 100) {
        return ids;
      }
    }
  }

  private static int count(String... params) {
    BacklogClient.Answer answer = client.get("/issues/count", params);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json().get("count").asInt();
  }

  private static List<Long> oracle(Predicate<ObjectNode> p) {
    return all.stream().filter(p).map(i -> i.get("id").asLong()).toList();
  }

  private static void assertMatches(Predicate<ObjectNode> expected, String... params) {
    List<Long> want = oracle(expected);
    assertThat(want).as("the oracle should select something").isNotEmpty();
    assertThat(fetchAll(params)).containsExactlyInAnyOrderElementsOf(want);
    assertThat(count(params)).isEqualTo(want.size());
  }

  private static long id(JsonNode node) {
    return node == null || node.isNull() ? -1 : node.get("id").asLong();
  }

  private static boolean anyId(JsonNode array, long... ids) {
    for (JsonNode n : array) {
      for (long id : ids) {
        if (n.get("id").asLong() == id) {
          return true;
        }
      }
    }
    return false;
  }

  static Stream<Arguments> idFilters() {
    return Stream.of(
        Arguments.of("projectId[]", 2L, 4L, (Function<ObjectNode, Object>) i -> i.get("projectId").asLong()),
        Arguments.of("issueTypeId[]", 11L, 32L, (Function<ObjectNode, Object>) i -> id(i.get("issueType"))),
        Arguments.of("statusId[]", 100L, 3L, (Function<ObjectNode, Object>) i -> id(i.get("status"))),
        Arguments.of("priorityId[]", 2L, 4L, (Function<ObjectNode, Object>) i -> id(i.get("priority"))),
        Arguments.of("assigneeId[]", 1L, 12L, (Function<ObjectNode, Object>) i -> id(i.get("assignee"))),
        Arguments.of("createdUserId[]", 5L, 6L, (Function<ObjectNode, Object>) i -> id(i.get("createdUser"))),
        Arguments.of("resolutionId[]", 0L, 3L, (Function<ObjectNode, Object>) i -> id(i.get("resolution"))),
        Arguments.of("id[]", 1L, 2650L, (Function<ObjectNode, Object>) i -> i.get("id").asLong()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("idFilters")
  void idFilterIsOrWithinOneParameter(String param, long a, long b, Function<ObjectNode, Object> field) {
    assertMatches(i -> field.apply(i).equals(a), param, String.valueOf(a));
    assertMatches(
        i -> field.apply(i).equals(a) || field.apply(i).equals(b),
        param, String.valueOf(a), param, String.valueOf(b));
  }

  @Test
  void arrayFiltersMatchAnyElement() {
    assertMatches(i -> anyId(i.get("category"), 101, 302), "categoryId[]", "101", "categoryId[]", "302");
    assertMatches(i -> anyId(i.get("versions"), 1002), "versionId[]", "1002");
    assertMatches(i -> anyId(i.get("milestone"), 2001, 2005), "milestoneId[]", "2001", "milestoneId[]", "2005");
  }

  @Test
  void parentIssueIdFilter() {
    long parent = all.stream().filter(i -> !i.get("parentIssueId").isNull()).findFirst()
        .orElseThrow().get("parentIssueId").asLong();
    assertMatches(i -> i.get("parentIssueId").asLong(-1) == parent, "parentIssueId[]", String.valueOf(parent));
  }

  @Test
  void idListIsExact() {
    assertThat(fetchAll("id[]", "5", "id[]", "1", "id[]", "999999", "sort", "created", "order", "asc"))
        .containsExactly(1L, 5L);
  }

  @Test
  void differentParametersAreAnded() {
    assertMatches(
        i -> i.get("projectId").asLong() == 1 && id(i.get("status")) == 1 && id(i.get("priority")) == 2,
        "projectId[]", "1", "statusId[]", "1", "priorityId[]", "2");
  }

  @Test
  void parentChild() {
    java.util.Set<Long> parents = new java.util.HashSet<>();
    all.forEach(i -> { if (!i.get("parentIssueId").isNull()) parents.add(i.get("parentIssueId").asLong()); });
    assertThat(count("parentChild", "0")).isEqualTo(all.size());
    assertMatches(i -> i.get("parentIssueId").isNull(), "parentChild", "1");
    assertMatches(i -> !i.get("parentIssueId").isNull(), "parentChild", "2");
    assertMatches(i -> i.get("parentIssueId").isNull() && !parents.contains(i.get("id").asLong()), "parentChild", "3");
    assertMatches(i -> parents.contains(i.get("id").asLong()), "parentChild", "4");
    assertThat(client.get("/issues", "parentChild", "5").status()).isEqualTo(400);
  }

  @Test
  void hasDueDate() {
    assertMatches(i -> !i.get("dueDate").isNull(), "hasDueDate", "true");
    assertMatches(i -> i.get("dueDate").isNull(), "hasDueDate", "false");
    assertThat(client.get("/issues", "hasDueDate", "yes").status()).isEqualTo(400);
  }

  @Test
  void keywordIsCaseInsensitiveSubstringOfSummaryOrDescription() {
    assertThat(fetchAll("keyword", "CAFÉ")).containsExactly(49L);
    assertThat(fetchAll("keyword", "100% done_now")).containsExactly(127L);
    assertThat(fetchAll("keyword", "C:\\temp")).containsExactly(13L);
    assertThat(fetchAll("keyword", "o'brien")).containsExactly(849L);
    assertThat(fetchAll("keyword", "\"urgent\"")).containsExactly(849L);
    assertMatches(
        i -> (i.get("summary").asText() + "\u0000" + i.get("description").asText()).toLowerCase().contains("globex"),
        "keyword", "gLoBeX");
  }

  @Test
  void dateBoundsAreInclusiveOnTheUtcDate() {
    ObjectNode late = all.stream()
        .filter(i -> i.get("created").asText().substring(11).compareTo("23:00:00") > 0)
        .findFirst().orElseThrow();
    String day = late.get("created").asText().substring(0, 10);
    List<Long> sameDay = fetchAll("createdSince", day, "createdUntil", day);
    assertThat(sameDay).contains(late.get("id").asLong());
    assertMatches(i -> i.get("created").asText().startsWith(day), "createdSince", day, "createdUntil", day);
  }

  @Test
  void everyDateFilterAgainstTheOracle() {
    for (String field : List.of("created", "updated", "startDate", "dueDate")) {
      assertMatches(
          i -> !i.get(field).isNull()
              && i.get(field).asText().compareTo("2024-03-01") >= 0
              && i.get(field).asText().substring(0, 10).compareTo("2024-03-31") <= 0,
          field + "Since", "2024-03-01", field + "Until", "2024-03-31");
      assertMatches(
          i -> !i.get(field).isNull() && i.get(field).asText().substring(0, 10).compareTo("2023-02-10") <= 0,
          field + "Until", "2023-02-10");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"2024-3-05", "2024-02-30", "05/03/2024", "2024-03-05T00:00:00Z", ""})
  void badDatesAre400(String value) {
    BacklogClient.Answer answer = client.get("/issues", "createdSince", value);
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().at("/errors/0/code").asInt()).isEqualTo(7);
  }

  @Test
  void nonNumericIdsAre400() {
    BacklogClient.Answer answer = client.get("/issues", "projectId[]", "SALES");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().at("/errors/0/code").asInt()).isEqualTo(7);
    assertThat(answer.json().at("/errors/0/moreInfo").asText()).isEmpty();
    assertThat(client.get("/issues/count", "statusId[]", "x").status()).isEqualTo(400);
  }

  @Test
  void pagingDefaultsAndLimits() {
    assertThat(client.get("/issues").json()).hasSize(20);
    assertThat(client.get("/issues", "count", "100").json()).hasSize(100);
    assertThat(client.get("/issues", "count", "1").json()).hasSize(1);
    for (String bad : List.of("0", "101", "-1", "abc")) {
      BacklogClient.Answer answer = client.get("/issues", "count", bad);
      assertThat(answer.status()).as(bad).isEqualTo(400);
      assertThat(answer.json().at("/errors/0/code").asInt()).isEqualTo(7);
    }
    assertThat(client.get("/issues", "offset", "-1").status()).isEqualTo(400);
    assertThat(client.get("/issues", "offset", "5000").json()).isEmpty();
  }

  @Test
  void pagingCoversEveryRowOnceInDefaultOrder() {
    List<Long> ids = fetchAll("projectId[]", "3");
    assertThat(ids).hasSize(600).doesNotHaveDuplicates();
    // default: created desc, and ids follow creation time
    List<Long> expected = new ArrayList<>(oracle(i -> i.get("projectId").asLong() == 3));
    java.util.Collections.reverse(expected);
    assertThat(ids).isEqualTo(expected);
    assertThat(sandbox.requests()).extracting(RecordedRequest::describe).startsWith(
        "GET /api/v2/issues?projectId[]=3&count=100&offset=0",
        "GET /api/v2/issues?projectId[]=3&count=100&offset=100");
    assertThat(sandbox.requests()).hasSize(7);
  }

  @Test
  void sorting() {
    assertThat(client.get("/issues", "sort", "created", "order", "asc", "count", "3").json())
        .extracting(i -> i.get("id").asLong()).containsExactly(1L, 2L, 3L);
    // nulls last ascending; ties broken by id, so the paged order is total
    List<Long> byDue = fetchAll("projectId[]", "4", "sort", "dueDate", "order", "asc");
    List<Long> expected = all.stream().filter(i -> i.get("projectId").asLong() == 4)
        .sorted(java.util.Comparator.comparing((ObjectNode i) -> i.get("dueDate").isNull() ? "~" : i.get("dueDate").asText())
            .thenComparing(i -> i.get("id").asLong()))
        .map(i -> i.get("id").asLong()).toList();
    assertThat(byDue).isEqualTo(expected);
    for (String sort : List.of("issueType", "category", "version", "milestone", "summary", "status",
        "priority", "attachment", "sharedFile", "created", "createdUser", "updated", "updatedUser",
        "assignee", "startDate", "dueDate", "estimatedHours", "actualHours", "childIssue")) {
      List<Long> desc = fetchAll("projectId[]", "4", "sort", sort);
      assertThat(desc).as(sort).hasSize(150).doesNotHaveDuplicates();
    }
    assertThat(client.get("/issues", "sort", "bogus").status()).isEqualTo(400);
    assertThat(client.get("/issues", "order", "up").status()).isEqualTo(400);
  }
}
