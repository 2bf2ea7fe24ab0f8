package io.saasql.bitbucket;

import io.saasql.sandbox.RecordedRequest;
import io.saasql.sandbox.bitbucket.BitbucketSandbox;
import io.saasql.testing.TestSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Writes to Bitbucket issues, against a sandbox of its own. */
class BitbucketWritesTest {
  private static BitbucketSandbox sandbox;
  private static Connection connection;

  @BeforeAll static void start() throws Exception {
    sandbox = new BitbucketSandbox().start();
    String model = "{\"version\":\"1.0\",\"schemas\":[{\"name\":\"bitbucket\",\"type\":\"custom\","
        + "\"factory\":\"io.saasql.bitbucket.BitbucketSchemaFactory\",\"operand\":{"
        + "\"workspace\":\"acme\",\"accessToken\":\"" + sandbox.accessToken() + "\","
        + "\"baseUrl\":\"" + sandbox.baseUrl() + "\"}}]}";
    connection = TestSources.connectSaasql(model);
  }

  @AfterAll static void stop() throws Exception {
    connection.close();
    sandbox.close();
  }

  @BeforeEach void reset() {
    sandbox.faults().reset();
    sandbox.clearRequests();
  }

  private static int update(String sql) throws SQLException {
    return TestSources.update(connection, sql);
  }

  private static List<String> calls() {
    return sandbox.requests().stream().map(r -> r.method() + " " + r.path()).toList();
  }

  @Test void resolveOneIssue() throws Exception {
    assertThat(update("UPDATE bitbucket.Issues SET State = 'resolved' WHERE RepoSlug = 'api' AND Id = 7"))
        .isEqualTo(1);
    assertThat(calls()).containsExactly("PUT /2.0/repositories/acme/api/issues/7");
    assertThat(sandbox.requests().get(0).body()).isEqualTo("{\"state\":\"resolved\"}");
    assertThat(sandbox.issue("acme", "api", 7).get("state").asText()).isEqualTo("resolved");
  }

  @Test void insertIntoARepositoryAndClearAnAssignee() throws Exception {
    long next = sandbox.lastIssueId("acme", "web") + 1;
    assertThat(update("INSERT INTO bitbucket.Issues (RepoSlug, Title, Kind, Priority, ContentRaw)"
        + " VALUES ('web', 'Login button \"hangs\"', 'bug', 'critical', 'Steps: click')")).isEqualTo(1);
    assertThat(calls()).containsExactly("POST /2.0/repositories/acme/web/issues");
    assertThat(sandbox.requests().get(0).body()).isEqualTo("{\"title\":\"Login button \\\"hangs\\\"\","
        + "\"content\":{\"raw\":\"Steps: click\"},\"kind\":\"bug\",\"priority\":\"critical\"}");
    assertThat(sandbox.issue("acme", "web", (int) next).get("title").asText())
        .isEqualTo("Login button \"hangs\"");
    sandbox.clearRequests();
    String assigned = sandbox.issues("acme", "web").stream()
        .filter(i -> !i.get("assignee").isNull()).findFirst().get().get("id").asText();
    assertThat(update("UPDATE bitbucket.Issues SET AssigneeUuid = NULL WHERE RepoSlug = 'web'"
        + " AND Id = " + assigned)).isEqualTo(1);
    assertThat(sandbox.requests().get(0).body()).isEqualTo("{\"assignee\":null}");
    assertThat(sandbox.issue("acme", "web", Integer.parseInt(assigned)).get("assignee").isNull()).isTrue();
  }

  @Test void deleteIssuesMatchingABbqlFilter() throws Exception {
    List<Integer> doomed = sandbox.issues("acme", "mobile").stream()
        .filter(i -> i.get("state").asText().equals("invalid")).map(i -> i.get("id").asInt()).toList();
    assertThat(update("DELETE FROM bitbucket.Issues WHERE RepoSlug = 'mobile' AND State = 'invalid'"))
        .isEqualTo(doomed.size()).isPositive();
    assertThat(sandbox.requests().get(0).query().get("q")).containsExactly("state = \"invalid\"");
    assertThat(doomed).allSatisfy(id -> assertThat(sandbox.issue("acme", "mobile", id)).isNull());
  }

  @Test void anInsertWithoutARepositoryFailsBeforeAnyCall() {
    assertThatThrownBy(() -> update("INSERT INTO bitbucket.Issues (Title) VALUES ('Nowhere')"))
        .hasMessageContaining("column RepoSlug is needed to address the record");
    assertThat(sandbox.requests()).isEmpty();
  }

  @Test void theApisValidationErrorReachesTheUser() {
    assertThatThrownBy(() -> update("INSERT INTO bitbucket.Issues (RepoSlug, Title, Kind)"
        + " VALUES ('api', 'Odd kind', 'chore')"))
        .hasMessageContaining("HTTP 400").hasMessageContaining("kind")
        .hasMessageContaining("No row was written");
    assertThat(sandbox.requests()).extracting(RecordedRequest::status).containsExactly(400);
  }
}
