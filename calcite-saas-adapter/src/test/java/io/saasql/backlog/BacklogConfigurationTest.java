package io.saasql.backlog;

import io.saasql.core.http.CallRecord;
import io.saasql.core.declare.RestSchema;
import io.saasql.testing.TestSources;
import org.apache.calcite.jdbc.CalciteConnection;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Model operands, name matching, and what the call record shows (and never shows). */
class BacklogConfigurationTest {
  private static String model(String operands) {
    return "{\"version\":\"1.0\",\"schemas\":[{\"name\":\"bl\",\"type\":\"custom\","
        + "\"factory\":\"io.saasql.backlog.BacklogSchemaFactory\",\"operand\":{" + operands + "}}]}";
  }

  @Test void unknownOperandIsNamedWithTheAcceptedOnes() {
    assertThatThrownBy(() -> TestSources.connect(model(
        "\"baseUrl\":\"http://127.0.0.1:1/api/v2\",\"apiKey\":\"k\",\"apikey\":\"x\"")))
        .hasStackTraceContaining("Schema 'bl': unknown operand(s) [apikey]")
        .hasStackTraceContaining("Accepted operands: [apiKey, baseUrl,");
  }

  @Test void missingApiKeyIsNamed() {
    assertThatThrownBy(() -> TestSources.connect(model("\"space\":\"example\"")))
        .hasStackTraceContaining("operand 'apiKey' is required");
  }

  @Test void unsetEnvironmentVariableIsNamed() {
    assertThatThrownBy(() -> TestSources.connect(model(
        "\"space\":\"example\",\"apiKey\":\"${SAASQL_TEST_UNSET_VARIABLE}\"")))
        .hasStackTraceContaining("refers to ${SAASQL_TEST_UNSET_VARIABLE}, which is not set");
  }

  @Test void badNumberIsNamed() {
    assertThatThrownBy(() -> TestSources.connect(model(
        "\"space\":\"example\",\"apiKey\":\"k\",\"maxRetries\":\"many\"")))
        .hasStackTraceContaining("operand 'maxRetries' must be a whole number from 0 to 20");
  }

  @Test void badRateLimitIsNamedWithExamples() {
    assertThatThrownBy(() -> TestSources.connect(model(
        "\"space\":\"example\",\"apiKey\":\"k\",\"rateLimit\":\"fast\"")))
        .hasStackTraceContaining("operand 'rateLimit' must be requests per period, e.g."
            + " \"150/1m\"")
        .hasStackTraceContaining("not 'fast'");
  }

  @Test void unquotedLowerCaseNamesMatch() throws Exception {
    try (Connection c = TestSources.connect(TestSources.backlogModel())) {
      TestSources.backlog().clearRequests();
      assertThat(TestSources.rows(c, "select id, projectid from backlog.issues where id = 1"))
          .hasSize(1);
      assertThat(TestSources.backlogRequests()).containsExactly("GET /api/v2/issues/1");
    }
  }

  @Test void callRecordMasksTheApiKey() throws Exception {
    String key = TestSources.backlog().apiKey();
    try (Connection c = TestSources.connect(TestSources.backlogModel())) {
      TestSources.rows(c, "SELECT Id FROM backlog.Issues WHERE Id = 2");
      RestSchema schema = c.unwrap(CalciteConnection.class).getRootSchema()
          .subSchemas().get("backlog").unwrap(RestSchema.class);
      List<CallRecord> calls = schema.client().config().log().recent();
      assertThat(calls).isNotEmpty();
      CallRecord last = calls.get(calls.size() - 1);
      assertThat(last.url()).endsWith("/issues/2?apiKey=****");
      assertThat(last.status()).isEqualTo(200);
      assertThat(last.rows()).isEqualTo(1);
      assertThat(calls).allSatisfy(r -> assertThat(r.toString()).doesNotContain(key));
    }
  }

  @Test void errorsNeverCarryTheKey() throws Exception {
    TestSources.backlog().faults().failNext(1, 400);
    try (Connection c = TestSources.connect(TestSources.backlogModel())) {
      assertThatThrownBy(() -> TestSources.rows(c, "SELECT Id FROM backlog.Issues WHERE Id = 2"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("HTTP 400")
          .hasMessageContaining("GET " + TestSources.backlog().baseUrl() + "/issues/2")
          .hasMessageNotContaining(TestSources.backlog().apiKey());
    } finally {
      TestSources.backlog().faults().reset();
    }
  }
}
