package io.saasql.backlog;

import io.saasql.sandbox.backlog.BacklogSandbox;
import io.saasql.testing.TestSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pushdown never costs more requests than no pushdown (the naive adapter lists every page),
 * give or take the one request that counts a listing: GETs by {@code IssueKey} against the
 * listing, on a space of 250 issues (3 pages) and on the shared one of 2,650 (27 pages).
 */
class BacklogRequestCountTest {
  private static Connection connection;
  private static BacklogSandbox small;
  private static BacklogSandbox shared;

  @BeforeAll static void connect() throws Exception {
    connection = TestSources.connect(TestSources.smallBacklogModel());
    small = TestSources.smallBacklog();
    shared = TestSources.backlog();
  }

  @AfterAll static void close() throws Exception {
    connection.close();
  }

  @BeforeEach void clearLogs() {
    small.clearRequests();
    shared.clearRequests();
  }

  /** The keys of the issues with these ids, as a SQL IN list. */
  private static String keys(BacklogSandbox sandbox, int... ids) {
    return IntStream.of(ids).mapToObj(id -> "'" + sandbox.issue(id).get("issueKey").asText() + "'")
        .collect(Collectors.joining(", ", "(", ")"));
  }

  private static List<String> requests(BacklogSandbox sandbox) {
    return sandbox.requests().stream().map(r -> r.describe()).toList();
  }

  /**
   * Runs the query on {@code schema} and on {@code schema_nopush}: equal rows, and the pushed
   * one at most one request more. Returns the requests of the pushed one.
   */
  private static List<String> pushedVersusNaive(BacklogSandbox sandbox, String schema,
      String sqlWithSchema) throws Exception {
    sandbox.clearRequests();
    List<List<Object>> pushed = TestSources.rows(connection, sqlWithSchema.formatted(schema));
    List<String> pushedRequests = requests(sandbox);
    sandbox.clearRequests();
    List<List<Object>> naive =
        TestSources.rows(connection, sqlWithSchema.formatted(schema + "_nopush"));
    int naiveRequests = sandbox.requests().size();
    assertThat(pushed).as(sqlWithSchema).isEqualTo(naive);
    assertThat(pushedRequests.size()).as("requests of %s: %s, naive %s", sqlWithSchema,
        pushedRequests, naiveRequests).isLessThanOrEqualTo(naiveRequests + 1);
    return pushedRequests;
  }

  private static final List<String> THREE_PAGES = List.of(
      "GET /api/v2/issues?count=100&offset=0",
      "GET /api/v2/issues?count=100&offset=100",
      "GET /api/v2/issues?count=100&offset=200");

  @Test void fiveKeysInASmallSpaceAreCountedThenListed() throws Exception {
    String sql = "SELECT Id, IssueKey FROM %s.Issues WHERE IssueKey IN "
        + keys(small, 1, 50, 100, 150, 200) + " ORDER BY Id";
    List<String> sent = pushedVersusNaive(small, "backlog_small", sql);
    assertOneCountThenThreePages(sent);
    assertThat(TestSources.rows(connection, sql.formatted("backlog_small")))
        .extracting(r -> r.get(0)).containsExactly(1, 50, 100, 150, 200);
  }

  @Test void fourKeysInASmallSpaceCostNoMoreThanTheListingAndItsCount() throws Exception {
    // The case the differential run found: 4 GETs where the whole table is 3 pages.
    String sql = "SELECT Id, Summary FROM %s.Issues WHERE IssueKey IN "
        + keys(small, 2, 3, 5, 7) + " ORDER BY Id";
    List<String> sent = pushedVersusNaive(small, "backlog_small", sql);
    assertOneCountThenThreePages(sent);
  }

  /**
   * The count that chose the listing, then its first page, then the other two at the same time
   * (the count already gave the total: no second count).
   */
  private static void assertOneCountThenThreePages(List<String> sent) {
    assertThat(sent).hasSize(4).startsWith("GET /api/v2/issues/count", THREE_PAGES.get(0));
    assertThat(sent.subList(2, 4)).containsExactlyInAnyOrderElementsOf(THREE_PAGES.subList(1, 3));
  }

  @Test void theCountCarriesTheOtherFilters() throws Exception {
    // Project 1 has 84 of the 250 issues: one page, fewer requests than the 5 GETs.
    String sql = "SELECT Id FROM %s.Issues WHERE ProjectId = 1 AND IssueKey IN "
        + keys(small, 1, 2, 4, 7, 10) + " ORDER BY Id";
    List<String> sent = pushedVersusNaive(small, "backlog_small", sql);
    assertThat(sent).containsExactly("GET /api/v2/issues/count?projectId[]=1",
        "GET /api/v2/issues?projectId[]=1&count=100&offset=0");
  }

  @Test void fiveKeysInALargeSpaceAreCountedThenFetched() throws Exception {
    String sql = "SELECT Id, IssueKey, StatusId FROM %s.Issues WHERE IssueKey IN "
        + keys(shared, 13, 101, 202, 303, 404) + " ORDER BY Id";
    List<String> sent = pushedVersusNaive(shared, "backlog", sql);
    assertThat(sent).first().isEqualTo("GET /api/v2/issues/count");
    assertThat(sent.subList(1, sent.size())).containsExactlyInAnyOrder(
        "GET /api/v2/issues/" + shared.issue(13).get("issueKey").asText(),
        "GET /api/v2/issues/" + shared.issue(101).get("issueKey").asText(),
        "GET /api/v2/issues/" + shared.issue(202).get("issueKey").asText(),
        "GET /api/v2/issues/" + shared.issue(303).get("issueKey").asText(),
        "GET /api/v2/issues/" + shared.issue(404).get("issueKey").asText());
  }

  @Test void twoKeysAreTwoGetsWithoutACount() throws Exception {
    for (BacklogSandbox sandbox : List.of(small, shared)) {
      String schema = sandbox == small ? "backlog_small" : "backlog";
      String sql = "SELECT Id FROM %s.Issues WHERE IssueKey IN " + keys(sandbox, 4, 9)
          + " ORDER BY Id";
      List<String> sent = pushedVersusNaive(sandbox, schema, sql);
      assertThat(sent).hasSize(2).allMatch(r -> r.startsWith("GET /api/v2/issues/")
          && !r.equals("GET /api/v2/issues/count"));
    }
  }

  @Test void keysWithAnIdListAreOneListing() throws Exception {
    String sql = "SELECT Id FROM %s.Issues WHERE Id IN (1, 2, 3) AND IssueKey IN "
        + keys(shared, 1, 2, 5, 8, 13) + " ORDER BY Id";
    List<String> sent = pushedVersusNaive(shared, "backlog", sql);
    assertThat(sent).containsExactly(
        "GET /api/v2/issues?id[]=1&id[]=2&id[]=3&count=100&offset=0");
    assertThat(TestSources.rows(connection, sql.formatted("backlog")))
        .extracting(r -> r.get(0)).containsExactly(1, 2);
  }

  @Test void everyKeyListCostsAtMostOneRequestMoreThanTheFullListing() throws Exception {
    Random r = new Random(17);
    List<Integer> sharedIds = shared.issues().stream().map(i -> i.get("id").asInt()).toList();
    for (int i = 0; i < 30; i++) {
      BacklogSandbox sandbox = i % 3 == 0 ? shared : small;
      // Up to 15 keys: longer IN lists become a join against VALUES in Calcite.
      int[] ids = IntStream.range(0, 1 + r.nextInt(15))
          .map(k -> sandbox == small ? 1 + r.nextInt(TestSources.SMALL_BACKLOG_ISSUES)
              : sharedIds.get(r.nextInt(sharedIds.size())))
          .toArray();
      String extra = switch (r.nextInt(4)) {
        case 0 -> " AND ProjectId = " + (1 + r.nextInt(3));
        case 1 -> " AND StatusId IN (1, 2)";
        case 2 -> " AND Summary LIKE '%1%'";
        default -> "";
      };
      pushedVersusNaive(sandbox, sandbox == small ? "backlog_small" : "backlog",
          "SELECT Id, IssueKey FROM %s.Issues WHERE IssueKey IN " + keys(sandbox, ids) + extra
              + " ORDER BY Id");
    }
  }
}
