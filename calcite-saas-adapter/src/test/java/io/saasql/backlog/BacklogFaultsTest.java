package io.saasql.backlog;

import io.saasql.sandbox.RecordedRequest;
import io.saasql.testing.TestSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rate limits, server errors and bad credentials, against the sandbox's switchable faults. */
class BacklogFaultsTest {
  private static Connection connection;

  @BeforeAll static void connect() throws Exception {
    connection = TestSources.connect(TestSources.backlogModel());
  }

  @AfterAll static void close() throws Exception {
    connection.close();
  }

  @BeforeEach @AfterEach void reset() {
    TestSources.backlog().faults().reset();
    TestSources.backlog().clearRequests();
  }

  @Test void rateLimitMidScanIsWaitedOutWithNoRowLostOrRepeated() throws Exception {
    List<Integer> ids = new ArrayList<>();
    try (Statement s = connection.createStatement();
         // One request at a time, so that the 429 meets a known page (ParallelRateLimitTest
         // has requests at the same time under a rate limit).
         ResultSet rs = s.executeQuery("SELECT Id FROM backlog_serial.Issues")) {
      while (rs.next()) {
        ids.add(rs.getInt(1));
        if (ids.size() == 150) {
          // Two pages are in; the third request meets a 429 with Retry-After: 1.
          TestSources.backlog().faults().rateLimitNext(1, 1);
        }
      }
    }
    int n = TestSources.backlog().issues().size();
    assertThat(ids).hasSize(n);
    assertThat(new HashSet<>(ids)).hasSize(n);
    List<RecordedRequest> log = TestSources.backlog().requests();
    assertThat(log.get(2).status()).isEqualTo(429);
    assertThat(log.get(3).query().get("offset")).isEqualTo(log.get(2).query().get("offset"));
    assertThat(log.get(3).status()).isEqualTo(200);
    assertThat(log).hasSize((n + 99) / 100 + 1);
  }

  @Test void serverErrorIsRetried() throws Exception {
    TestSources.backlog().faults().failNext(1, 503);
    assertThat(TestSources.rows(connection, "SELECT Id FROM backlog.Issues WHERE Id = 3"))
        .hasSize(1);
    assertThat(TestSources.backlog().requests()).extracting(RecordedRequest::status)
        .containsExactly(503, 200);
  }

  /**
   * OkHttp repeats a 503 that carries {@code Retry-After: 0} by itself; only our retry policy may
   * repeat a request, so each attempt is one request and one call-log record.
   */
  @Test void aServiceUnavailableWithRetryAfterZeroIsOneRetryNotTwo() throws Exception {
    io.saasql.core.http.CallLog log = connection.unwrap(org.apache.calcite.jdbc.CalciteConnection.class)
        .getRootSchema().subSchemas().get("backlog").unwrap(io.saasql.core.declare.RestSchema.class)
        .client().config().log();
    log.clear();
    TestSources.backlog().faults().failNext(1, 503, 0);
    assertThat(TestSources.rows(connection, "SELECT Id FROM backlog.Issues WHERE Id = 3"))
        .hasSize(1);
    assertThat(TestSources.backlog().requests()).extracting(RecordedRequest::status)
        .containsExactly(503, 200);
    assertThat(log.recent()).extracting(io.saasql.core.http.CallRecord::status)
        .containsExactly(503, 200);
  }

  @Test void wrongApiKeyIsOneClearErrorAndOneRequest() throws Exception {
    String model = "{\"version\":\"1.0\",\"schemas\":[{\"name\":\"backlog_badkey\","
        + "\"type\":\"custom\",\"factory\":\"io.saasql.backlog.BacklogSchemaFactory\","
        + "\"operand\":{\"baseUrl\":\"" + TestSources.backlog().baseUrl()
        + "\",\"apiKey\":\"not-the-right-key\"}}]}";
    try (Connection c = TestSources.connect(model)) {
      assertThatThrownBy(() -> TestSources.rows(c, "SELECT Id FROM backlog_badkey.Issues"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("backlog_badkey")
          .hasMessageContaining("HTTP 401")
          .hasMessageContaining("Authentication failure")
          .hasMessageContaining("Check the apiKey operand")
          .hasMessageNotContaining("not-the-right-key");
    }
    assertThat(TestSources.backlog().requests()).hasSize(1);
  }

  @Test void aWaitLongerThanAllowedFailsAtOnceWithTheReason() {
    TestSources.backlog().faults().rateLimitNext(1, 30);
    long start = System.nanoTime();
    assertThatThrownBy(() -> TestSources.rows(connection, "SELECT Id FROM backlog.Issues WHERE Id = 4"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("HTTP 429")
        .hasMessageContaining("maxRetryWaitSeconds");
    assertThat((System.nanoTime() - start) / 1_000_000_000L).isLessThan(10);
  }

  @Test void malformedBodyIsAClearError() {
    TestSources.backlog().faults().malformedNext(1);
    assertThatThrownBy(() -> TestSources.rows(connection, "SELECT Id FROM backlog.Issues WHERE Id = 4"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("not valid JSON");
  }
}
