package io.saasql.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.saasql.sandbox.backlog.BacklogSandbox;
import io.saasql.testing.TestSources;
import org.apache.calcite.avatica.remote.Driver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a JDBC user expects, through Avatica's real remote driver, with both serializations:
 * metadata for GUI tools, prepared statements that push their parameters on every execution,
 * max rows and fetch size with results streamed in frames, cancel and timeouts that stop the API
 * calls, and API errors as SQLExceptions. Pushdown and stopping are proven by the sandbox's
 * request log.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RemoteJdbcBehaviourTest {
  /** Backlog pages read ahead of the rows asked for: the default {@code maxConcurrentRequests}. */
  private static final int READ_AHEAD = 4;

  @BeforeEach @AfterEach void quietSandbox() {
    TestSources.backlog().faults().reset();
    TestSources.backlog().clearRequests();
  }

  private static int requestCount() {
    return TestSources.backlog().requests().size();
  }

  private static List<String> column(ResultSet rs, String name) throws SQLException {
    List<String> values = new ArrayList<>();
    while (rs.next()) {
      values.add(rs.getString(name));
    }
    rs.close();
    return values;
  }

  @ParameterizedTest @EnumSource(Driver.Serialization.class)
  void metadataListsEverySourceTheWayGuiToolsAskForIt(Driver.Serialization serialization)
      throws Exception {
    try (Connection c = TestServers.connect(TestServers.shared(serialization))) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(column(md.getSchemas(), "TABLE_SCHEM")).contains("backlog", "pg");
      assertThat(column(md.getTables(null, "backlog", "%", null), "TABLE_NAME"))
          .contains("Issues", "Projects", "Users", "Statuses", "IssueTypes", "Priorities");
      assertThat(column(md.getTables(null, "pg", "%", null), "TABLE_NAME"))
          .contains("account", "contact");
      Map<String, Integer> issueColumns = new LinkedHashMap<>();
      try (ResultSet rs = md.getColumns(null, "backlog", "Issues", "%")) {
        while (rs.next()) {
          issueColumns.put(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"));
        }
      }
      assertThat(issueColumns).containsEntry("Id", Types.INTEGER)
          .containsEntry("Summary", Types.VARCHAR).containsEntry("Created", Types.TIMESTAMP)
          .containsEntry("DueDate", Types.DATE).containsEntry("EstimatedHours", Types.DOUBLE);
      assertThat(column(md.getColumns(null, "pg", "account", "%"), "COLUMN_NAME"))
          .contains("name", "industry", "backlog_project_id__c");
    }
    assertThat(requestCount()).as("metadata needs no API call").isZero();
  }

  @ParameterizedTest @EnumSource(Driver.Serialization.class)
  void preparedStatementPushesItsParametersOnEveryExecution(Driver.Serialization serialization)
      throws Exception {
    List<ObjectNode> issues = TestSources.backlog().issues();
    try (Connection c = TestServers.connect(TestServers.shared(serialization));
         PreparedStatement byId = c.prepareStatement(
             "SELECT Id, IssueKey FROM backlog.Issues WHERE Id = ?");
         PreparedStatement byProject = c.prepareStatement(
             "SELECT Id FROM backlog.Issues WHERE ProjectId = ? AND StatusId = ?")) {
      for (int id : new int[] {3, 13, 77, 1200, 2650, 5, 9, 42}) {
        TestSources.backlog().clearRequests();
        byId.setInt(1, id);
        try (ResultSet rs = byId.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt(1)).isEqualTo(id);
          assertThat(rs.getString(2)).isEqualTo(issue(issues, id).get("issueKey").asText());
          assertThat(rs.next()).isFalse();
        }
        assertThat(TestSources.backlogRequests()).containsExactly("GET /api/v2/issues/" + id);
      }
      for (int[] v : new int[][] {{1, 2}, {3, 4}, {2, 1}}) {
        TestSources.backlog().clearRequests();
        byProject.setInt(1, v[0]);
        byProject.setInt(2, v[1]);
        List<Integer> got = new ArrayList<>();
        try (ResultSet rs = byProject.executeQuery()) {
          while (rs.next()) {
            got.add(rs.getInt(1));
          }
        }
        assertThat(got).containsExactlyInAnyOrderElementsOf(issues.stream()
            .filter(i -> i.get("projectId").asInt() == v[0] && i.at("/status/id").asInt() == v[1])
            .map(i -> i.get("id").asInt()).toList());
        // The pages, and the count that lets the pages after the second be read at once.
        assertThat(TestSources.backlog().requests()).isNotEmpty().allSatisfy(r -> {
          assertThat(r.path()).isIn("/api/v2/issues", "/api/v2/issues/count");
          assertThat(r.query().get("projectId[]")).containsExactly(Integer.toString(v[0]));
          assertThat(r.query().get("statusId[]")).containsExactly(Integer.toString(v[1]));
        });
      }
    }
  }

  private static JsonNode issue(List<ObjectNode> issues, int id) {
    return issues.stream().filter(i -> i.get("id").asInt() == id).findFirst().orElseThrow();
  }

  @Test void theResponseCacheServesRepeatsAndCacheFalseGoesToTheApi(@TempDir Path dir)
      throws Exception {
    BacklogSandbox backlog = TestSources.backlog();
    Path model = dir.resolve("cached.json");
    new ObjectMapper().writeValue(model.toFile(), Map.of("version", "1.0", "schemas", List.of(
        Map.of("name", "backlog", "type", "custom",
            "factory", "io.saasql.backlog.BacklogSchemaFactory", "operand", Map.of("baseUrl",
                backlog.baseUrl(), "apiKey", backlog.apiKey(), "rateLimit", "none",
                "cacheTtlSeconds", "60")))));
    String sql = "SELECT Summary FROM backlog.Issues WHERE Id = 5";
    try (RemoteJdbcServer server = RemoteJdbcServer.start(
        ServerSettings.builder(model).port(0).build())) {
      try (Connection c = TestServers.connect(server); Statement s = c.createStatement()) {
        List<List<Object>> first = TestSources.rows(s.executeQuery(sql));
        assertThat(requestCount()).isEqualTo(1);
        assertThat(TestSources.rows(s.executeQuery(sql))).isEqualTo(first);
        assertThat(requestCount()).as("the repeat is served by the cache").isEqualTo(1);
      }
      Properties p = new Properties();
      p.setProperty("cache", "false");
      try (Connection c = TestServers.connect(server, p); Statement s = c.createStatement()) {
        TestSources.rows(s.executeQuery(sql));
        assertThat(requestCount()).as("cache=false asks the API").isEqualTo(2);
      }
    }
  }

  @ParameterizedTest @EnumSource(Driver.Serialization.class)
  void maxRowsStopsTheScanAfterTheFirstPage(Driver.Serialization serialization) throws Exception {
    try (Connection c = TestServers.connect(TestServers.shared(serialization));
         Statement s = c.createStatement()) {
      s.setMaxRows(5);
      try (ResultSet rs = s.executeQuery("SELECT Id, Summary FROM backlog.Issues")) {
        assertThat(TestSources.rows(rs)).hasSize(5);
      }
    }
    assertThat(requestCount()).isEqualTo(1);
  }

  @ParameterizedTest @EnumSource(Driver.Serialization.class)
  void largeResultsStreamInFramesOfTheFetchSize(Driver.Serialization serialization)
      throws Exception {
    int total = TestSources.backlog().issues().size();
    int pages = (total + 99) / 100;
    try (Connection c = TestServers.connect(TestServers.shared(serialization));
         PreparedStatement ps = c.prepareStatement("SELECT Id, Summary FROM backlog.Issues")) {
      ps.setFetchSize(1000);
      try (ResultSet rs = ps.executeQuery()) {
        // Avatica's server caps the first frame at 100 rows: one page (and, when Calcite's
        // enumerator reads one row past it, the count, the second page and READ_AHEAD more).
        assertThat(requestCount()).isBetween(1, 3 + READ_AHEAD);
        int n = 0;
        while (rs.next()) {
          n++;
          if (n == 150) {
            // The second frame holds the next 1000 rows: pages up to 11, the count, and at most
            // READ_AHEAD pages read ahead.
            assertThat(requestCount()).isBetween(12, 13 + READ_AHEAD);
          } else if (n == 1150) {
            // The third frame arrived; the rest of the table is still in the API.
            assertThat(requestCount()).isBetween(22, 23 + READ_AHEAD);
          }
        }
        assertThat(n).isEqualTo(total);
      }
    }
    assertThat(requestCount()).isEqualTo(pages + 1);
  }

  @ParameterizedTest @EnumSource(Driver.Serialization.class)
  void cancelStopsTheResultAndItsApiCalls(Driver.Serialization serialization) throws Exception {
    // Each page of the API takes 100 ms; one page per frame of 100 rows.
    TestSources.backlog().faults().latency(Duration.ofMillis(100));
    try (Connection c = TestServers.connect(TestServers.shared(serialization));
         Statement s = c.createStatement()) {
      s.setFetchSize(100);
      ResultSet rs = s.executeQuery("SELECT Id, Summary FROM backlog.Issues");
      CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> {
        int n = 0;
        try {
          while (rs.next()) {
            n++;
          }
          throw new AssertionError("read all " + n + " rows despite the cancel");
        } catch (SQLException e) {
          assertThat(e.getMessage()).contains("cancel");
          return n;
        }
      });
      awaitRequests(4);
      // Another thread cancels while the reader is streaming.
      s.cancel();
      int rows = reader.get(5, TimeUnit.SECONDS);
      // Avatica tells the server nothing of a cancel: the frame it is computing ends, and the
      // pages that frame started reading ahead; then nothing more.
      int atCancel = TestServers.steadyBacklogRequests();
      Thread.sleep(500);
      assertThat(requestCount()).as("no API call after cancel").isEqualTo(atCancel);
      // The four awaited, the pages read ahead, and those the frame in progress started.
      assertThat(atCancel).isLessThanOrEqualTo(4 + 2 * READ_AHEAD);
      assertThat(rows).isLessThan(1000);
    }
  }

  /**
   * Avatica's remote driver sends nothing to the server on {@code Statement.cancel()}: a query
   * still computing its first frame runs on. Closing the connection (from any thread) does reach
   * the server, which then stops the query: no API call after the one in flight.
   */
  @ParameterizedTest @EnumSource(Driver.Serialization.class)
  void closingTheConnectionStopsARunningQueryAndItsApiCalls(Driver.Serialization serialization)
      throws Exception {
    TestSources.backlog().faults().latency(Duration.ofMillis(150));
    Connection c = TestServers.connect(TestServers.shared(serialization));
    Statement s = c.createStatement();
    CompletableFuture<Throwable> running = CompletableFuture.supplyAsync(() -> {
      try {
        s.executeQuery(TestServers.SLOW_QUERY).close();
        return null;
      } catch (Throwable t) {
        return t;
      }
    });
    awaitRequests(2);
    long start = System.nanoTime();
    c.close();
    Throwable failure = running.get(5, TimeUnit.SECONDS);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(failure).isInstanceOf(SQLException.class);
    int after = requestCount();
    Thread.sleep(500);
    assertThat(requestCount()).as("no API call after the close").isEqualTo(after);
    assertThat(after).isLessThan(10);
  }

  @ParameterizedTest @EnumSource(Driver.Serialization.class)
  void queryTimeoutStopsTheQueryAndItsApiCalls(Driver.Serialization serialization)
      throws Exception {
    // 300 ms a request: the whole listing (27 pages, READ_AHEAD at a time) takes over 2 s.
    TestSources.backlog().faults().latency(Duration.ofMillis(300));
    Properties p = new Properties();
    p.setProperty(ConnectionPropertyPolicy.QUERY_TIMEOUT, "1");
    try (Connection c = TestServers.connect(TestServers.shared(serialization), p);
         Statement s = c.createStatement()) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> s.executeQuery(TestServers.SLOW_QUERY))
          .isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo(PinnedModelMeta.TIMEOUT_SQL_STATE);
            assertThat(e.getMessage()).contains("query timeout of 1 s");
          });
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1800));
      int after = requestCount();
      Thread.sleep(500);
      assertThat(requestCount()).as("no API call after the timeout").isEqualTo(after);
      // In 1 s: the first page, then the second with the count, then READ_AHEAD pages at a time.
      assertThat(after).isLessThan(3 + 3 * READ_AHEAD);

      // The statement is usable again.
      TestSources.backlog().faults().reset();
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM backlog.Issues WHERE Id = 7")) {
        assertThat(TestSources.rows(rs)).containsExactly(List.of(1L));
      }
    }
  }

  /**
   * {@code Statement.setQueryTimeout} is kept by Avatica's remote driver and never sent (the
   * protocol has no field for it): the query runs to its end. The server's limit and the
   * {@code queryTimeout} connection property are what bound a remote query. If a future Avatica
   * sends it, this test fails and the README must change.
   */
  @ParameterizedTest @EnumSource(Driver.Serialization.class)
  void statementQueryTimeoutIsNotSentByAvaticasRemoteDriver(Driver.Serialization serialization)
      throws Exception {
    TestSources.backlog().faults().latency(Duration.ofMillis(400));
    try (Connection c = TestServers.connect(TestServers.shared(serialization));
         Statement s = c.createStatement()) {
      s.setQueryTimeout(1);
      try (ResultSet rs = s.executeQuery(
          "SELECT COUNT(*) FROM backlog.Issues WHERE ProjectId = 2 AND StatusId = 1")) {
        assertThat(rs.next()).isTrue();
      }
    }
    assertThat(requestCount()).isGreaterThanOrEqualTo(1);
  }

  @ParameterizedTest @EnumSource(Driver.Serialization.class)
  void apiErrorsReachTheClientAsSqlExceptionsWithTheApisMessage(Driver.Serialization serialization)
      throws Exception {
    try (Connection c = TestServers.connect(TestServers.shared(serialization));
         Statement s = c.createStatement()) {
      TestSources.backlog().faults().failNext(1, 400);
      assertThatThrownBy(() -> s.executeQuery("SELECT Id FROM backlog.Issues WHERE ProjectId = 3"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("backlog: GET")
          .hasMessageContaining("failed with HTTP 400: Invalid request (Backlog error code 7)");
      assertThatThrownBy(() -> s.executeQuery("SELECT NoSuchColumn FROM backlog.Issues"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("Column 'NoSuchColumn' not found");
      // A failed prepare carries its cause too, not only "Error while preparing statement".
      // (Avatica's driver says "while preparing SQL"; the server's reason is in getStackTraces.)
      assertThatThrownBy(() -> c.prepareStatement("SELECT Nosuch FROM backlog.Issues WHERE Id = ?"))
          .isInstanceOfSatisfying(org.apache.calcite.avatica.AvaticaSqlException.class, e -> {
            String server = String.join("\n", e.getStackTraces());
            assertThat(server).contains("Error while preparing statement")
                .contains("Column 'Nosuch' not found").doesNotContain("\tat ");
          });
      // Japanese text reaches the API through the server, pushed and re-checked.
      try (ResultSet rs = s.executeQuery(
          "SELECT COUNT(*) FROM backlog.Issues WHERE Summary = '日本' OR StatusName = '処理中'")) {
        assertThat(TestSources.rows(rs)).containsExactly(List.of(0L));
      }
      // The connection survives its errors.
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM pg.account")) {
        assertThat(TestSources.rows(rs)).containsExactly(List.of(40L));
      }
    }
  }

  private static void awaitRequests(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (requestCount() < n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the sandbox never received " + n + " requests");
      }
      Thread.sleep(10);
    }
  }
}
