package io.saasql.bitbucket;

import com.fasterxml.jackson.databind.JsonNode;
import io.saasql.sandbox.RecordedRequest;
import io.saasql.sandbox.bitbucket.BitbucketSandbox;
import io.saasql.testing.TestSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Bitbucket pushdown, proven by the sandbox's request log. */
class BitbucketPushdownTest {
  private static Connection connection;
  private static BitbucketSandbox sandbox;

  @BeforeAll static void connect() throws Exception {
    sandbox = TestSources.bitbucket();
    connection = TestSources.connect(TestSources.bitbucketModel());
  }

  @AfterAll static void close() throws Exception {
    connection.close();
  }

  @BeforeEach void clearLog() {
    sandbox.faults().reset();
    sandbox.clearRequests();
  }

  private static List<RecordedRequest> api() {
    return sandbox.requests().stream().filter(r -> r.path().startsWith("/2.0/")).toList();
  }

  /**
   * Regression (found by the differential run): an issue's number is unique in its repository
   * only, so the planner must not take {@code Id} alone for a key (GROUP BY Id was one group per
   * row).
   */
  @Test void issueNumbersRepeatAcrossRepositories() throws Exception {
    java.util.Map<Integer, Long> want = new java.util.TreeMap<>();
    for (String repo : List.of("api", "web", "mobile")) {
      sandbox.issues("acme", repo).forEach(i -> want.merge(i.get("id").asInt(), 1L, Long::sum));
    }
    want.values().removeIf(n -> n < 2);
    java.util.Map<Integer, Long> got = new java.util.TreeMap<>();
    for (List<Object> row : TestSources.rows(connection, "SELECT Id, COUNT(*) FROM bitbucket.Issues"
        + " GROUP BY Id HAVING COUNT(*) > 1")) {
      got.put((Integer) row.get(0), (Long) row.get(1));
    }
    assertThat(got).isNotEmpty().isEqualTo(want);
  }

  @Test void repoSlugAndIdAreOneGet() throws Exception {
    List<List<Object>> rows = TestSources.rows(connection,
        "SELECT Title, ContentRaw FROM bitbucket.Issues WHERE RepoSlug = 'api' AND Id = '1'");
    JsonNode issue = sandbox.issues("acme", "api").stream()
        .filter(i -> i.get("id").asInt() == 1).findFirst().get();
    assertThat(rows).containsExactly(List.of(issue.get("title").asText(),
        issue.at("/content/raw").asText()));
    assertThat(api()).extracting(RecordedRequest::path)
        .containsExactly("/2.0/repositories/acme/api/issues/1");
  }

  /**
   * Bitbucket keeps microseconds; SQL sees the issue created at {@code …:SS.mmmuuu} as
   * {@code …:SS.mmm}, so {@code <=}, {@code BETWEEN} and {@code =} with that value must select it.
   */
  @Test void dateTimeUpperBoundsAndEqualityKeepTheMicrosecondRow() throws Exception {
    JsonNode issue = sandbox.issues("acme", "api").stream()
        .filter(i -> i.get("id").asInt() == 7).findFirst().get();
    Instant created = Instant.parse(issue.get("created_on").asText().replace("+00:00", "Z"));
    assertThat(created.getNano() % 1_000_000).as("a sub-millisecond part").isNotZero();
    String t = "TIMESTAMP '" + java.sql.Timestamp.from(created).toLocalDateTime()
        .truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString().replace('T', ' ') + "'";
    for (String where : List.of("CreatedOn <= " + t,
        "CreatedOn BETWEEN TIMESTAMP '2020-01-01 00:00:00' AND " + t, "CreatedOn = " + t,
        "CreatedOn IN (" + t + ", TIMESTAMP '2020-01-01 00:00:00')")) {
      String sql = "SELECT Id FROM %s.Issues WHERE RepoSlug = 'api' AND " + where + " ORDER BY Id";
      List<List<Object>> pushed = TestSources.rows(connection, sql.formatted("bitbucket"));
      assertThat(pushed).as(where).contains(List.of(7))
          .isEqualTo(TestSources.rows(connection, sql.formatted("bitbucket_nopush")));
    }
    sandbox.clearRequests();
    TestSources.rows(connection,
        "SELECT Id FROM bitbucket.Issues WHERE RepoSlug = 'api' AND CreatedOn = " + t);
    String ms = created.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
    assertThat(api()).extracting(RecordedRequest::describe).hasSize(1);
    assertThat(api()).extracting(r -> r.query().get("q").get(0)).containsExactly(
        "created_on >= " + ms.replace("Z", "+00:00") + " AND created_on < "
            + created.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).plusMillis(1).toString()
                .replace("Z", "+00:00"));
  }

  /** BBQL's case rules are undocumented: a text negation stays in Calcite. */
  @Test void textNegationsAreNotSent() throws Exception {
    for (String where : List.of("State <> 'OPEN'", "Kind NOT IN ('BUG', 'task')",
        "NOT (Priority IN ('Major', 'minor'))", "Title < 'M'")) {
      String sql = "SELECT Id FROM %s.Issues WHERE RepoSlug = 'api' AND " + where + " ORDER BY Id";
      sandbox.clearRequests();
      List<List<Object>> pushed = TestSources.rows(connection, sql.formatted("bitbucket"));
      assertThat(api()).as(where).allSatisfy(r -> assertThat(r.query().containsKey("q")).isFalse());
      assertThat(pushed).as(where).isNotEmpty()
          .isEqualTo(TestSources.rows(connection, sql.formatted("bitbucket_nopush")));
    }
  }

  @Test void deletedIssueIsNoRow() throws Exception {
    assertThat(TestSources.rows(connection,
        "SELECT Id FROM bitbucket.Issues WHERE RepoSlug = 'api' AND Id = 17")).isEmpty();
  }

  @Test void stateKindAndDateTravelInOneQ() throws Exception {
    String where = "State IN ('new','open') AND Kind = 'bug'"
        + " AND CreatedOn >= TIMESTAMP '2025-01-01 00:00:00'";
    List<List<Object>> rows = TestSources.rows(connection,
        "SELECT RepoSlug, Id FROM bitbucket.Issues WHERE " + where + " ORDER BY RepoSlug, Id");
    List<List<Object>> want = new ArrayList<>();
    for (String repo : List.of("api", "mobile", "web")) {
      sandbox.issues("acme", repo).stream()
          .filter(i -> List.of("new", "open").contains(i.get("state").asText())
              && i.get("kind").asText().equals("bug")
              && !Instant.parse(i.get("created_on").asText().replace("+00:00", "Z"))
                  .isBefore(Instant.parse("2025-01-01T00:00:00Z")))
          .map(i -> List.<Object>of(repo, i.get("id").asInt()))
          .forEach(want::add);
    }
    assertThat(rows).isNotEmpty().isEqualTo(want);
    List<RecordedRequest> issueRequests = api().stream()
        .filter(r -> r.path().endsWith("/issues")).toList();
    // api, web and mobile: infra has no issue tracker (has_issues: false), so it is not asked.
    assertThat(issueRequests).hasSize(3);
    assertThat(issueRequests).noneMatch(r -> r.path().contains("/infra/"));
    for (RecordedRequest r : issueRequests) {
      assertThat(r.query().get("q")).hasSize(1);
      String q = r.query().get("q").get(0);
      assertThat(q).contains("(state = \"new\" OR state = \"open\")")
          .contains("kind = \"bug\"").contains("created_on >= 2025-01-01T00:00:00+00:00")
          .contains(" AND ");
    }
    assertThat(api().get(0).path()).isEqualTo("/2.0/repositories/acme");
  }

  @Test void quotesAndBackslashInTitleMatchExactlyTheirRow() throws Exception {
    List<List<Object>> rows = TestSources.rows(connection, "SELECT RepoSlug, Id FROM bitbucket.Issues"
        + " WHERE RepoSlug = 'api' AND Title = 'Fix \"quoted\" path C:\\temp'");
    assertThat(rows).containsExactly(List.of("api", 7));
    assertThat(api().get(0).query().get("q"))
        .containsExactly("title = \"Fix \\\"quoted\\\" path C:\\\\temp\"");
  }

  @Test void workspacesWorkWithoutAWorkspace() throws Exception {
    List<List<Object>> rows = TestSources.rows(connection,
        "SELECT Slug, Name FROM bitbucket_all.Workspaces ORDER BY Slug");
    assertThat(rows).extracting(r -> r.get(0)).containsExactly("acme", "globex");
  }

  @Test void pullRequestsOfEveryStateUnlessAsked() throws Exception {
    List<List<Object>> all = TestSources.rows(connection,
        "SELECT Id FROM bitbucket.PullRequests WHERE RepoSlug = 'api'");
    assertThat(all).hasSize(sandbox.pullRequests("acme", "api").size());
    assertThat(api().get(0).query().get("state"))
        .containsExactly("OPEN", "MERGED", "DECLINED", "SUPERSEDED");
    assertThat(api().get(0).query().get("pagelen")).containsExactly("50");
    sandbox.clearRequests();
    List<List<Object>> merged = TestSources.rows(connection,
        "SELECT Id FROM bitbucket.PullRequests WHERE RepoSlug = 'api' AND State = 'MERGED'");
    assertThat(merged).hasSize((int) sandbox.pullRequests("acme", "api").stream()
        .filter(p -> p.get("state").asText().equals("MERGED")).count());
    assertThat(api().get(0).query().get("q")).containsExactly("state = \"MERGED\"");
  }

  @Test void limitBecomesThePageLength() throws Exception {
    assertThat(TestSources.rows(connection,
        "SELECT Id FROM bitbucket.Issues WHERE RepoSlug = 'web' AND Votes > 2 LIMIT 4")).hasSize(4);
    assertThat(api()).hasSize(1);
    assertThat(api().get(0).query().get("pagelen")).containsExactly("5");
  }

  @Test void anExpiredTokenIsRenewedOnce() throws Exception {
    TestSources.rows(connection, "SELECT Id FROM bitbucket.Issues WHERE RepoSlug = 'web' AND Id = 3");
    sandbox.expireAllTokens();
    sandbox.clearRequests();
    assertThat(TestSources.rows(connection,
        "SELECT Id FROM bitbucket.Issues WHERE RepoSlug = 'web' AND Id = 4")).hasSize(1);
    assertThat(sandbox.requests()).extracting(RecordedRequest::status).containsExactly(401, 200, 200);
  }

  @Test void accessTokenAndBasicAuthWork() throws Exception {
    String model = "{\"version\":\"1.0\",\"schemas\":["
        + TestSources.bitbucketSchema("bb_token", "acme", true,
            ",\"accessToken\":\"" + sandbox.accessToken() + "\"") + ","
        + TestSources.bitbucketSchema("bb_basic", "globex", true,
            ",\"email\":\"" + sandbox.userEmail() + "\",\"apiToken\":\"" + sandbox.apiToken() + "\"")
        + "]}";
    try (Connection c = TestSources.connect(model)) {
      assertThat(TestSources.rows(c, "SELECT Slug FROM bb_token.Repositories")).hasSize(4);
      assertThat(TestSources.rows(c, "SELECT Slug FROM bb_basic.Repositories")).hasSize(2);
    }
  }
}
