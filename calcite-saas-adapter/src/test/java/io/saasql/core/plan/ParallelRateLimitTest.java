package io.saasql.core.plan;

import io.saasql.sandbox.RecordedRequest;
import io.saasql.sandbox.SandboxServer;
import io.saasql.testing.TestSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that run at the same time ({@code maxConcurrentRequests} 4) under an enforced rate
 * limit: many of them are refused with 429 and {@code Retry-After}, are waited out and sent again,
 * and the query still returns every row once, in the same order as when its requests run one at
 * a time without a limit; every request the API answered is one the unlimited run made, none
 * answered twice.
 */
class ParallelRateLimitTest {
  /** Requests per window the sandboxes answer; far fewer than the parallel queries below make. */
  private static final int LIMIT = 4;
  private static final Duration WINDOW = Duration.ofSeconds(1);

  private static Connection calcite;

  @BeforeAll static void setUp() throws Exception {
    String serial = ",\"maxConcurrentRequests\":1";
    String parallel = ",\"maxConcurrentRequests\":4,\"maxRetries\":12";
    String model = "{\"version\":\"1.0\",\"schemas\":["
        + TestSources.bitbucketSchema("bitbucket", "acme", true, parallel) + ","
        + TestSources.bitbucketSchema("bitbucket_serial", "acme", true, serial) + ","
        + backlog("backlog", parallel) + "," + backlog("backlog_serial", serial) + ","
        + TestSources.pingoneSchema("pingone", "Production", true, parallel) + ","
        + TestSources.pingoneSchema("pingone_serial", "Production", true, serial) + "]}";
    System.setProperty("BACKLOG_API_KEY", TestSources.backlog().apiKey());
    calcite = TestSources.connect(model);
  }

  private static String backlog(String name, String extra) {
    return TestSources.backlogSchema(name, TestSources.backlog().baseUrl(), "BACKLOG_API_KEY",
        true, extra);
  }

  @AfterAll static void tearDown() throws Exception {
    calcite.close();
  }

  @AfterEach void reset() {
    for (SandboxServer s : List.of(TestSources.backlog(), TestSources.bitbucket(),
        TestSources.pingone())) {
      s.faults().reset();
      s.clearRequests();
    }
  }

  @Test void aWorkspaceScanOverTheRepositoriesLosesAndRepeatsNoRow() throws Exception {
    String sql = "SELECT RepoSlug, Id, Title, State FROM %s.Issues";
    List<List<Object>> rows = compare(sql, "bitbucket", TestSources.bitbucket());
    int issues = 0;
    for (String repo : List.of("api", "web", "mobile")) {
      issues += TestSources.bitbucket().issues("acme", repo).size();
    }
    assertThat(rows).hasSize(issues).doesNotHaveDuplicates();
  }

  @Test void bindJoinBatchesLoseAndRepeatNoRow() throws Exception {
    StringBuilder values = new StringBuilder();
    for (int k = 1; k <= 900; k++) {
      values.append(k == 1 ? "" : ", ").append('(').append(k * 3).append(')');
    }
    String sql = "SELECT k.id, i.IssueKey, i.Summary FROM (VALUES " + values + ") AS k(id)"
        + " JOIN %s.Issues i ON i.Id = k.id";
    List<List<Object>> rows = compare(sql, "backlog", TestSources.backlog());
    assertThat(rows).hasSize(883).doesNotHaveDuplicates(); // ids 3 … 2,649 of 2,650 issues
  }

  @Test void scimFilterBatchesLoseAndRepeatNoRow() throws Exception {
    List<String> emails = TestSources.pingone().users("Production").stream()
        .map(u -> u.get("email").asText()).toList();
    String values = emails.stream()
        .map(e -> "(CAST('" + e.replace("'", "''") + "' AS VARCHAR(200)))")
        .collect(Collectors.joining(", "));
    String sql = "SELECT k.email, u.Id, u.Username FROM (VALUES " + values + ") AS k(email)"
        + " JOIN %s.Users u ON u.Email = k.email";
    List<List<Object>> rows = compare(sql, "pingone", TestSources.pingone());
    assertThat(rows).hasSize(emails.size());
  }

  /**
   * Runs {@code sql} over {@code schema} one request at a time without a limit, then with four at
   * a time under the enforced limit; both must return the same rows in the same order, and the
   * limited run must have been refused at least once, and must have had answered exactly the
   * requests the unlimited run made. Returns the rows.
   */
  private static List<List<Object>> compare(String sql, String schema, SandboxServer sandbox)
      throws Exception {
    TestSources.rows(calcite, sql.formatted(schema)); // tokens, so both runs send the same
    sandbox.clearRequests();
    List<List<Object>> serial = TestSources.rows(calcite, sql.formatted(schema + "_serial"));
    List<String> serialAnswered = answered(sandbox.requests());

    sandbox.clearRequests();
    sandbox.faults().enforceRateLimit(LIMIT, WINDOW);
    List<List<Object>> limited = TestSources.rows(calcite, sql.formatted(schema));
    List<RecordedRequest> sent = sandbox.requests();
    sandbox.faults().reset();

    assertThat(serialAnswered).as("requests of the query").hasSizeGreaterThan(LIMIT);
    assertThat(sent).as("refused requests").anyMatch(r -> r.status() == 429);
    assertThat(answered(sent)).as("requests answered under the limit")
        .containsExactlyInAnyOrderElementsOf(serialAnswered);
    assertThat(limited).isEqualTo(serial);
    return limited;
  }

  /** The requests answered with rows (not refused), described, token requests aside. */
  private static List<String> answered(List<RecordedRequest> requests) {
    List<String> out = new ArrayList<>();
    for (RecordedRequest r : requests) {
      if (r.status() != 429 && r.method().equals("GET")) {
        out.add(r.describe());
      }
    }
    assertThat(new HashSet<>(out)).as("no request answered twice").hasSameSizeAs(out);
    return out;
  }
}
