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
 * ORDER BY … LIMIT reaches the APIs that sort exactly as SQL does (Backlog's {@code sort} and
 * {@code order}, SOQL's ORDER BY with NULLS FIRST/LAST and LIMIT, Bitbucket's {@code sort}):
 * one request, no more rows than the limit plus one. Every answer is compared, in order, with
 * the same query with pushdown off.
 */
class OrderPushdownTest {
  private static Connection connection;

  @BeforeAll static void connect() throws Exception {
    String backlog = TestSources.backlogModel();
    String salesforce = TestSources.salesforceModel();
    String bitbucket = TestSources.bitbucketModel();
    connection = TestSources.connect(backlog.substring(0, backlog.length() - 2) + ","
        + salesforce.substring(salesforce.indexOf('[') + 1, salesforce.length() - 2) + ","
        + bitbucket.substring(bitbucket.indexOf('[') + 1));
  }

  @AfterAll static void close() throws Exception {
    connection.close();
  }

  /**
   * Runs {@code sql} (with {@code %s} for the schema) with pushdown and without; the rows must
   * be the same, in the same order where the query orders them ({@code orderColumn} is the
   * position of the first ORDER BY key: rows that tie on it may come in any order).
   */
  private static List<RecordedRequest> pushed(SandboxServer sandbox, String schema, String sql,
      int orderColumn) throws Exception {
    sandbox.clearRequests();
    List<List<Object>> got = TestSources.rows(connection, sql.formatted(schema));
    List<RecordedRequest> requests = sandbox.requests();
    List<List<Object>> want = TestSources.rows(connection, sql.formatted(schema + "_nopush"));
    assertThat(got).as(sql).hasSameSizeAs(want);
    assertThat(got).extracting(r -> r.get(orderColumn))
        .containsExactlyElementsOf(want.stream().map(r -> r.get(orderColumn)).toList());
    if (!sql.contains("LIMIT")) {
      assertThat(got).containsExactlyInAnyOrderElementsOf(want);
    }
    return requests;
  }

  @Test void backlogNewestTenIsOneRequestOfElevenRows() throws Exception {
    List<RecordedRequest> sent = pushed(TestSources.backlog(), "backlog",
        "SELECT Id, Created FROM %s.Issues ORDER BY Created DESC LIMIT 10", 1);
    assertThat(sent).extracting(RecordedRequest::describe)
        .containsExactly("GET /api/v2/issues?sort=created&order=desc&count=11&offset=0");
  }

  @Test void backlogOrderWithFiltersAndOffset() throws Exception {
    List<RecordedRequest> sent = pushed(TestSources.backlog(), "backlog",
        "SELECT Id, Updated FROM %s.Issues WHERE ProjectId = 2 ORDER BY Updated"
            + " LIMIT 5 OFFSET 3", 1);
    assertThat(sent).extracting(RecordedRequest::describe).containsExactly(
        "GET /api/v2/issues?projectId[]=2&sort=updated&order=asc&count=9&offset=0");
  }

  @Test void backlogKeysFetchedOneByOneAreSortedBySaasql() throws Exception {
    List<String> keys = TestSources.backlog().issues().stream().limit(40)
        .filter(i -> i.get("id").asInt() % 9 == 0).map(i -> "'" + i.get("issueKey").asText() + "'")
        .toList();
    List<RecordedRequest> sent = pushed(TestSources.backlog(), "backlog",
        "SELECT Created, IssueKey FROM %s.Issues WHERE IssueKey IN (" + String.join(", ", keys)
            + ") ORDER BY Created DESC", 0);
    assertThat(sent).isNotEmpty().allSatisfy(r -> assertThat(r.path()).doesNotContain("sort"));
  }

  @Test void backlogTextOrderStaysInCalcite() throws Exception {
    List<RecordedRequest> sent = pushed(TestSources.backlog(), "backlog",
        "SELECT Summary, Id FROM %s.Issues WHERE ProjectId = 1 ORDER BY Summary LIMIT 3", 0);
    assertThat(sent).extracting(RecordedRequest::describe)
        .allSatisfy(r -> assertThat(r).doesNotContain("sort="));
  }

  @Test void salesforceOrderNullsAndLimitInOneSoqlQuery() throws Exception {
    List<RecordedRequest> sent = pushed(TestSources.salesforce(), "salesforce",
        "SELECT Amount, Id FROM %s.Opportunity ORDER BY Amount DESC NULLS LAST LIMIT 10", 0);
    assertThat(soql(sent)).containsExactly(
        "SELECT Id, Amount FROM Opportunity ORDER BY Amount DESC NULLS LAST LIMIT 10");
    sent = pushed(TestSources.salesforce(), "salesforce",
        "SELECT CloseDate, Id FROM %s.Opportunity WHERE Amount > 100000 ORDER BY CloseDate"
            + " NULLS FIRST LIMIT 7", 0);
    assertThat(soql(sent)).containsExactly("SELECT Id, CloseDate FROM Opportunity"
        + " WHERE Amount > 100000 ORDER BY CloseDate ASC NULLS FIRST LIMIT 7");
  }

  @Test void salesforceTextOrderIsNotSentToSoql() throws Exception {
    // SOQL orders text without case: Calcite sorts.
    List<RecordedRequest> sent = pushed(TestSources.salesforce(), "salesforce",
        "SELECT Name, Id FROM %s.Account ORDER BY Name LIMIT 5", 0);
    assertThat(soql(sent)).singleElement().asString().doesNotContain("ORDER BY")
        .doesNotContain("LIMIT");
  }

  @Test void bitbucketSortInOneRepositoryAndAcrossThem() throws Exception {
    List<RecordedRequest> sent = pushed(TestSources.bitbucket(), "bitbucket",
        "SELECT CreatedOn, Id FROM %s.Issues WHERE RepoSlug = 'api' ORDER BY CreatedOn DESC"
            + " LIMIT 5", 0);
    assertThat(sent).filteredOn(r -> r.path().startsWith("/2.0/"))
        .extracting(RecordedRequest::describe)
        .containsExactly("GET /2.0/repositories/acme/api/issues?sort=-created_on&pagelen=6");
    // Under every repository: each listing is sorted by Bitbucket, the whole by saasql.
    pushed(TestSources.bitbucket(), "bitbucket",
        "SELECT UpdatedOn, RepoSlug, Id FROM %s.Issues ORDER BY UpdatedOn DESC LIMIT 8", 0);
  }

  private static List<String> soql(List<RecordedRequest> requests) {
    return requests.stream().filter(r -> r.path().contains("/query"))
        .map(r -> r.query().get("q").get(0)).toList();
  }
}
