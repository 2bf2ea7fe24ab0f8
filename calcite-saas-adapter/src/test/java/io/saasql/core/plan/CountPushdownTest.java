package io.saasql.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.saasql.sandbox.RecordedRequest;
import io.saasql.sandbox.SandboxServer;
import io.saasql.testing.TestSources;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.List;

/**
 * COUNT(*) over what the API answers exactly is counted by the API: Backlog's
 * {@code GET /issues/count}, SOQL's {@code SELECT COUNT()}. Each count is compared with the same
 * query with pushdown off.
 */
class CountPushdownTest {
  private static Connection connection;

  @BeforeAll static void connect() throws Exception {
    String backlog = TestSources.backlogModel();
    String salesforce = TestSources.salesforceModel();
    connection = TestSources.connect(backlog.substring(0, backlog.length() - 2) + ","
        + salesforce.substring(salesforce.indexOf('[') + 1));
  }

  @AfterAll static void close() throws Exception {
    connection.close();
  }

  /** The count with pushdown (which must equal the naive one) and the requests it made. */
  private static List<RecordedRequest> counted(SandboxServer sandbox, String schema, String sql)
      throws Exception {
    sandbox.clearRequests();
    List<List<Object>> got = TestSources.rows(connection, sql.formatted(schema));
    List<RecordedRequest> requests = sandbox.requests();
    assertThat(got).isEqualTo(TestSources.rows(connection, sql.formatted(schema + "_nopush")));
    return requests;
  }

  @Test void backlogCountWithFiltersIsOneRequest() throws Exception {
    // Benchmark B9C: 7 listing pages before.
    List<RecordedRequest> sent = counted(TestSources.backlog(), "backlog",
        "SELECT COUNT(*) FROM %s.Issues WHERE StatusId = 1");
    assertThat(sent).extracting(RecordedRequest::describe)
        .containsExactly("GET /api/v2/issues/count?statusId[]=1");
    sent = counted(TestSources.backlog(), "backlog",
        "SELECT COUNT(*) AS n FROM %s.Issues WHERE ProjectId IN (1, 2) AND DueDate IS NULL");
    assertThat(sent).extracting(RecordedRequest::describe).containsExactly(
        "GET /api/v2/issues/count?projectId[]=1&projectId[]=2&hasDueDate=false");
    sent = counted(TestSources.backlog(), "backlog", "SELECT COUNT(*) FROM %s.Issues");
    assertThat(sent).extracting(RecordedRequest::describe)
        .containsExactly("GET /api/v2/issues/count");
  }

  @Test void backlogCountOfWhatCalciteChecksCountsTheRows() throws Exception {
    List<RecordedRequest> sent = counted(TestSources.backlog(), "backlog",
        "SELECT COUNT(*) FROM %s.Issues WHERE ProjectId = 1 AND Summary LIKE '%%e%%'");
    // The rows are read and counted here: every page of project 1's listing (its count, asked
    // with the second page, only lets the pages be read at the same time).
    long project = TestSources.backlog().issues().stream()
        .filter(i -> i.get("projectId").asInt() == 1).count();
    assertThat(sent.stream().filter(r -> r.path().endsWith("/issues")).count())
        .isEqualTo(Math.max(1, (project + 99) / 100));
    assertThat(sent.stream().filter(r -> r.path().endsWith("/count")).count()).isLessThanOrEqualTo(1);
  }

  @Test void backlogCountOfIdsIsCountedByTheApiAndOfKeysByWhatTheGetsReturn()
      throws Exception {
    List<RecordedRequest> sent = counted(TestSources.backlog(), "backlog",
        "SELECT COUNT(*) FROM %s.Issues WHERE Id IN (1, 2, 999999)");
    assertThat(sent).extracting(RecordedRequest::describe)
        .containsExactly("GET /api/v2/issues/count?id[]=1&id[]=2&id[]=999999");
    String key = TestSources.backlog().issues().get(4).get("issueKey").asText();
    sent = counted(TestSources.backlog(), "backlog",
        "SELECT COUNT(*) FROM %s.Issues WHERE IssueKey IN ('" + key + "', 'NOPE-1')");
    assertThat(sent).extracting(RecordedRequest::path).containsExactlyInAnyOrder(
        "/api/v2/issues/" + key, "/api/v2/issues/NOPE-1");
  }

  @Test void salesforceCountIsSoqlCount() throws Exception {
    List<RecordedRequest> sent = counted(TestSources.salesforce(), "salesforce",
        "SELECT COUNT(*) FROM %s.Opportunity WHERE Amount > 50000");
    assertThat(sent).filteredOn(r -> r.path().contains("/query"))
        .extracting(r -> r.query().get("q").get(0))
        .containsExactly("SELECT COUNT() FROM Opportunity WHERE Amount > 50000");
  }

  /** The rows of a grouped query, with pushdown and without, in any order. */
  private static List<RecordedRequest> grouped(String sql) throws Exception {
    SandboxServer sandbox = TestSources.salesforce();
    sandbox.clearRequests();
    List<List<Object>> got = TestSources.rows(connection, sql.formatted("salesforce"));
    List<RecordedRequest> requests = sandbox.requests().stream()
        .filter(r -> r.path().contains("/query")).toList();
    List<List<Object>> want = TestSources.rows(connection, sql.formatted("salesforce_nopush"));
    assertThat(got).as(sql).containsExactlyInAnyOrderElementsOf(want);
    return requests;
  }

  @Test void salesforceGroupByIsOneSoqlAggregateQuery() throws Exception {
    // Benchmark S9: 787 rows sent to Calcite for 8 groups before.
    List<RecordedRequest> sent = grouped("SELECT StageName, COUNT(*) AS deals,"
        + " SUM(Amount) AS amount FROM %s.Opportunity WHERE IsClosed = false GROUP BY StageName");
    assertThat(sent).extracting(r -> r.query().get("q").get(0)).containsExactly(
        "SELECT StageName, COUNT(Id) agg0, SUM(Amount) agg1 FROM Opportunity"
            + " WHERE IsClosed = FALSE GROUP BY StageName");
    sent = grouped("SELECT LeadSource, IsWon, COUNT(Amount), MIN(CloseDate), MAX(Amount),"
        + " ROUND(AVG(Probability), 6), COUNT(DISTINCT CloseDate) FROM %s.Opportunity"
        + " GROUP BY LeadSource, IsWon");
    assertThat(sent).extracting(r -> r.query().get("q").get(0)).singleElement().asString()
        .contains("GROUP BY LeadSource, IsWon").contains("COUNT_DISTINCT(CloseDate)");
  }

  @Test void salesforceGroupByTextStaysInCalcite() throws Exception {
    // SOQL groups text without case: Calcite groups the rows.
    List<RecordedRequest> sent = grouped(
        "SELECT Name, COUNT(*) FROM %s.Account GROUP BY Name");
    assertThat(sent).extracting(r -> r.query().get("q").get(0))
        .allSatisfy(q -> assertThat(q).doesNotContain("GROUP BY"));
  }

  @Test void explainShowsTheCount() throws Exception {
    TestSources.backlog().clearRequests();
    List<List<Object>> plan = TestSources.rows(connection,
        "EXPLAIN PLAN FOR SELECT COUNT(*) FROM backlog.Issues WHERE StatusId = 1");
    assertThat(plan.get(0).get(0).toString())
        .contains("COUNT GET /issues/count?statusId[]=1 (1 request)");
    assertThat(TestSources.backlog().requests()).isEmpty();
  }
}
