package io.saasql.core.http;

import io.saasql.core.declare.RestSchema;
import io.saasql.testing.TestSources;
import org.apache.calcite.jdbc.CalciteConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The response cache ({@code cacheTtlSeconds}): the same query twice within the TTL makes no
 * request the second time, a write through saasql in between brings fresh rows, a connection with
 * {@code cache=false} reads past it, the call log marks the hits, and {@code saasql.API_USAGE}
 * counts them.
 */
class ResponseCacheTest {
  private static final String QUERY = "SELECT Id, Summary FROM backlog.Issues WHERE ProjectId = 1"
      + " ORDER BY Id";
  private static Connection cached;
  private static int issue;
  private static String summary;
  private static boolean changed;

  private static Properties properties(boolean cache) {
    System.setProperty("BACKLOG_API_KEY", TestSources.backlog().apiKey());
    Properties p = new Properties();
    p.setProperty("model", "inline:{\"version\":\"1.0\",\"schemas\":["
        + TestSources.backlogSchema("backlog", TestSources.backlog().baseUrl(), "BACKLOG_API_KEY",
            true, ",\"cacheTtlSeconds\":\"60\"") + "]}");
    if (!cache) {
      p.setProperty("cache", "false");
    }
    return p;
  }

  @BeforeAll static void connect() throws Exception {
    cached = DriverManager.getConnection("jdbc:saasql:", properties(true));
    var first = TestSources.backlog().issues().stream()
        .filter(i -> i.get("projectId").asInt() == 1).findFirst().orElseThrow();
    issue = first.get("id").asInt();
    summary = first.get("summary").asText();
  }

  @AfterAll static void close() throws Exception {
    if (changed) {
      try (Statement s = cached.createStatement()) {
        s.executeUpdate("UPDATE backlog.Issues SET Summary = '" + summary.replace("'", "''")
            + "' WHERE Id = " + issue);
      }
    }
    cached.close();
  }

  @BeforeEach void clear() {
    TestSources.backlog().clearRequests();
  }

  private static CallLog log(Connection c) throws Exception {
    return c.unwrap(CalciteConnection.class).getRootSchema().subSchemas().get("backlog")
        .unwrap(RestSchema.class).client().config().log();
  }

  @Test void theSameQueryTwiceAsksTheApiOnceAndAWriteBringsFreshRows() throws Exception {
    List<List<Object>> first = TestSources.rows(cached, QUERY);
    TestSources.backlog().clearRequests();
    log(cached).clear();
    assertThat(TestSources.rows(cached, QUERY)).isEqualTo(first);
    assertThat(TestSources.backlog().requests()).isEmpty();
    assertThat(log(cached).recent()).isNotEmpty()
        .allSatisfy(r -> assertThat(r.note()).isEqualTo("cache hit"));

    try (Statement s = cached.createStatement()) {
      assertThat(s.executeUpdate("UPDATE backlog.Issues SET Summary = 'Fresh from the API'"
          + " WHERE Id = " + issue)).isEqualTo(1);
      changed = true;
    }
    TestSources.backlog().clearRequests();
    List<List<Object>> after = TestSources.rows(cached, QUERY);
    assertThat(TestSources.backlog().requests()).isNotEmpty();
    assertThat(after).contains(List.of(issue, "Fresh from the API"));
  }

  @Test void aConnectionWithCacheFalseReadsPastIt() throws Exception {
    TestSources.rows(cached, QUERY);
    TestSources.backlog().clearRequests();
    try (Connection uncached = DriverManager.getConnection("jdbc:saasql:", properties(false))) {
      assertThat(TestSources.rows(uncached, QUERY)).isEqualTo(TestSources.rows(cached, QUERY));
    }
    assertThat(TestSources.backlog().requests()).isNotEmpty();
  }

  @Test void apiUsageCountsRequestsAndCacheHits() throws Exception {
    TestSources.rows(cached, QUERY);
    TestSources.rows(cached, QUERY);
    List<List<Object>> usage = TestSources.rows(cached, "SELECT REQUESTS, RATE_LIMITED,"
        + " CACHE_HITS, RATE_LIMIT FROM saasql.API_USAGE WHERE SOURCE = 'backlog'");
    assertThat(usage).singleElement().satisfies(row -> {
      assertThat((Long) row.get(0)).isPositive();
      assertThat((Long) row.get(2)).isPositive();
      assertThat(row.get(3)).isNull(); // the tests send without a rate limit
    });
  }
}
