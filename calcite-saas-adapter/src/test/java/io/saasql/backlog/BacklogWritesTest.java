package io.saasql.backlog;

import com.fasterxml.jackson.databind.JsonNode;
import io.saasql.sandbox.postgres.DemoPostgres;
import io.saasql.sandbox.RecordedRequest;
import io.saasql.sandbox.backlog.BacklogSandbox;
import io.saasql.testing.TestSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * INSERT, UPDATE and DELETE on Backlog issues, against a sandbox of its own (the shared one stays
 * as seeded): the API calls made, the sandbox's state after them, the update counts, and what
 * happens when writes fail part-way or get no answer.
 */
class BacklogWritesTest {
  private static BacklogSandbox sandbox;
  private static Connection connection;

  @BeforeAll static void start() throws Exception {
    sandbox = new BacklogSandbox().start();
    DemoPostgres pg = DemoPostgres.shared();
    String model = "{\"version\":\"1.0\",\"schemas\":[{\"name\":\"backlog\",\"type\":\"custom\","
        + "\"factory\":\"io.saasql.backlog.BacklogSchemaFactory\",\"operand\":{\"baseUrl\":\""
        + sandbox.baseUrl() + "\",\"apiKey\":\"" + sandbox.apiKey() + "\",\"timeoutSeconds\":\"1\","
        + "\"maxRetryWaitSeconds\":\"5\",\"rateLimit\":\"none\"}},"
        + "{\"name\":\"pg\",\"type\":\"custom\",\"factory\":\"io.saasql.core.jdbc.EnvironmentJdbcSchemaFactory\","
        + "\"operand\":{\"jdbcUrl\":\"" + pg.jdbcUrl() + "\",\"jdbcUser\":\"" + pg.user()
        + "\",\"jdbcPassword\":\"" + pg.password() + "\",\"jdbcSchema\":\"copies\"}}]}";
    try (Connection p = pg.dataSource().getConnection(); Statement s = p.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS copies");
      s.execute("DROP TABLE IF EXISTS copies.new_issues");
      s.execute("CREATE TABLE copies.new_issues (project integer, title varchar(255))");
      s.execute("INSERT INTO copies.new_issues SELECT 1 + g % 3, 'Imported issue ' || g"
          + " FROM generate_series(1, 2000) g");
      s.execute("DROP TABLE IF EXISTS copies.issue_copy");
      s.execute("CREATE TABLE copies.issue_copy (id integer, summary varchar(255),"
          + " projectid integer, created timestamp, duedate date)");
    }
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

  private static List<String> writes() {
    return sandbox.requests().stream().filter(r -> !r.method().equals("GET"))
        .map(r -> r.method() + " " + r.path()).toList();
  }

  @Test void insertValuesCreatesEachIssue() throws Exception {
    int before = sandbox.issueCount();
    int n = update("INSERT INTO backlog.Issues (ProjectId, Summary, IssueTypeId, PriorityId, DueDate)"
        + " VALUES (1, 'Renew the TLS certificate', 11, 2, DATE '2026-12-01'),"
        + " (2, 'Call back about \"invoice\" 42', 22, 3, NULL)");
    assertThat(n).isEqualTo(2);
    assertThat(sandbox.issueCount()).isEqualTo(before + 2);
    assertThat(writes()).containsExactly("POST /api/v2/issues", "POST /api/v2/issues");
    RecordedRequest first = sandbox.requests().get(0);
    assertThat(first.body()).contains("projectId=1").contains("summary=Renew%20the%20TLS%20certificate")
        .contains("issueTypeId=11").contains("priorityId=2").contains("dueDate=2026-12-01");
    JsonNode created = sandbox.issue(sandbox.lastIssueId());
    assertThat(created.get("summary").asText()).isEqualTo("Call back about \"invoice\" 42");
    assertThat(created.get("projectId").asInt()).isEqualTo(2);
  }

  @Test void updateByIdIsOnePatch() throws Exception {
    int n = update("UPDATE backlog.Issues SET StatusId = 2, Summary = 'Working on it' WHERE Id = 42");
    assertThat(n).isEqualTo(1);
    assertThat(sandbox.requests()).extracting(r -> r.method() + " " + r.path())
        .containsExactly("PATCH /api/v2/issues/42");
    assertThat(sandbox.issue(42).at("/status/id").asInt()).isEqualTo(2);
    assertThat(sandbox.issue(42).get("summary").asText()).isEqualTo("Working on it");
    // An id the API does not have is no row, as a lookup would have found none.
    sandbox.clearRequests();
    assertThat(update("UPDATE backlog.Issues SET Summary = 'x' WHERE Id = 987654")).isZero();
    assertThat(sandbox.requests()).extracting(r -> r.method() + " " + r.path() + " " + r.status())
        .containsExactly("PATCH /api/v2/issues/987654 404");
    // A WHERE beyond the key reads the record first.
    sandbox.clearRequests();
    assertThat(update("UPDATE backlog.Issues SET Summary = 'Still on it' WHERE Id = 42"
        + " AND StatusId = 2")).isEqualTo(1);
    assertThat(sandbox.requests()).extracting(r -> r.method() + " " + r.path())
        .containsExactly("GET /api/v2/issues/42", "PATCH /api/v2/issues/42");
  }

  @Test void updateManyChangesExactlyTheMatchingIssues() throws Exception {
    long matching = sandbox.issues().stream().filter(i -> i.get("projectId").asInt() == 3
        && i.at("/status/id").asInt() == 4 && i.at("/priority/id").asInt() != 2).count();
    int n = update("UPDATE backlog.Issues SET PriorityId = 2 WHERE ProjectId = 3 AND StatusId = 4"
        + " AND PriorityId <> 2");
    assertThat(n).isEqualTo(matching).isPositive();
    assertThat(sandbox.issues().stream().filter(i -> i.get("projectId").asInt() == 3
        && i.at("/status/id").asInt() == 4).allMatch(i -> i.at("/priority/id").asInt() == 2)).isTrue();
    assertThat(writes()).hasSize((int) matching).allMatch(w -> w.startsWith("PATCH "));
  }

  @Test void deleteByIdIsOneDelete() throws Exception {
    int n = update("DELETE FROM backlog.Issues WHERE Id = 43");
    assertThat(n).isEqualTo(1);
    assertThat(sandbox.requests()).extracting(r -> r.method() + " " + r.path())
        .containsExactly("DELETE /api/v2/issues/43");
    assertThat(sandbox.issue(43)).isNull();
    assertThat(update("DELETE FROM backlog.Issues WHERE Id = 43")).isZero();
  }

  @Test void nullForAColumnTheApiComputesIsLeftOutOfTheCall() throws Exception {
    try (PreparedStatement ps = connection.prepareStatement("INSERT INTO backlog.Issues"
        + " (ProjectId, IssueTypeId, PriorityId, Summary, StatusName, IssueKey, Created)"
        + " VALUES (1, 11, 3, ?, ?, NULL, DEFAULT)")) {
      ps.setString(1, "Computed columns left out");
      ps.setString(2, null);
      assertThat(ps.executeUpdate()).isEqualTo(1);
      ps.setString(2, "Open");
      assertThatThrownBy(ps::executeUpdate)
          .hasMessageContaining("Column Issues.StatusName cannot be set by INSERT");
    }
    assertThat(writes()).containsExactly("POST /api/v2/issues");
    assertThat(sandbox.requests().get(0).body()).contains("summary=Computed")
        .doesNotContain("status").doesNotContain("created").doesNotContain("issueKey");
    long id = sandbox.lastIssueId();
    sandbox.clearRequests();
    assertThat(update("UPDATE backlog.Issues SET Summary = 'Renamed', StatusName = NULL"
        + " WHERE Id = " + id)).isEqualTo(1);
    assertThat(sandbox.requests()).extracting(RecordedRequest::body)
        .containsExactly("summary=Renamed");
    assertThat(update("DELETE FROM backlog.Issues WHERE Id = " + id)).isEqualTo(1);
  }

  @Test void readOnlyColumnsAndWrongTypesFailBeforeAnyCall() {
    assertThatThrownBy(() -> update("INSERT INTO backlog.Issues (Id, ProjectId, Summary,"
        + " IssueTypeId, PriorityId) VALUES (5, 1, 'x', 11, 3)"))
        .hasMessageContaining("Column Issues.Id cannot be set by INSERT")
        .hasMessageContaining("Nothing was written");
    assertThatThrownBy(() -> update("UPDATE backlog.Issues SET Created = TIMESTAMP"
        + " '2020-01-01 00:00:00' WHERE Id = 1"))
        .hasMessageContaining("Column Issues.Created cannot be updated");
    assertThatThrownBy(() -> update("INSERT INTO backlog.Issues (ProjectId, Summary, IssueTypeId,"
        + " PriorityId) VALUES ('one', 'x', 11, 3)")).isInstanceOf(SQLException.class);
    assertThatThrownBy(() -> update("DELETE FROM backlog.Projects WHERE Id = 1"))
        .hasMessageContaining("Table Projects is read-only");
    assertThat(sandbox.requests()).isEmpty();
  }

  @Test void aFailurePartWayReportsWhatWasWrittenAndARerunDuplicatesNothing() throws Exception {
    int before = sandbox.issueCount();
    long firstNewId = sandbox.lastIssueId() + 1;
    sandbox.faults().failWritesAfter(3, 500);
    String values = " VALUES (1, 'Batch row 1', 11, 3), (1, 'Batch row 2', 11, 3),"
        + " (1, 'Batch row 3', 11, 3), (1, 'Batch row 4', 11, 3), (1, 'Batch row 5', 11, 3)";
    assertThatThrownBy(() -> update("INSERT INTO backlog.Issues (ProjectId, Summary, IssueTypeId,"
        + " PriorityId)" + values))
        .hasMessageContaining("INSERT stopped at row 4")
        .hasMessageContaining("Written: 3 row(s): rows 1–3 (ids: " + firstNewId + ", "
            + (firstNewId + 1) + ", " + (firstNewId + 2) + ")");
    assertThat(sandbox.issueCount()).isEqualTo(before + 3);
    sandbox.faults().reset();
    assertThat(update("INSERT INTO backlog.Issues (ProjectId, Summary, IssueTypeId, PriorityId)"
        + " VALUES (1, 'Batch row 4', 11, 3), (1, 'Batch row 5', 11, 3)")).isEqualTo(2);
    assertThat(sandbox.issues().stream().filter(i -> i.get("summary").asText().startsWith("Batch row"))
        .map(i -> i.get("summary").asText()).sorted())
        .containsExactly("Batch row 1", "Batch row 2", "Batch row 3", "Batch row 4", "Batch row 5");
  }

  @Test void aCreateThatTimesOutAfterBeingAppliedIsNotSentAgain() {
    int before = sandbox.issueCount();
    sandbox.faults().applyThenStallNext(1, Duration.ofSeconds(3));
    assertThatThrownBy(() -> update("INSERT INTO backlog.Issues (ProjectId, Summary, IssueTypeId,"
        + " PriorityId) VALUES (1, 'Maybe created', 11, 3)"))
        .hasMessageContaining("got no answer for row 1")
        .hasMessageContaining("Check whether row 1 exists");
    assertThat(sandbox.issueCount()).isEqualTo(before + 1);
    assertThat(writes()).hasSize(1);
  }

  @Test void aRateLimitedCreateIsWaitedOutAndSentOnce() throws Exception {
    int before = sandbox.issueCount();
    sandbox.faults().rateLimitNext(1, 1);
    assertThat(update("INSERT INTO backlog.Issues (ProjectId, Summary, IssueTypeId, PriorityId)"
        + " VALUES (2, 'After the rate limit', 22, 3)")).isEqualTo(1);
    assertThat(sandbox.issueCount()).isEqualTo(before + 1);
    assertThat(sandbox.requests()).extracting(RecordedRequest::status).containsExactly(429, 201);
  }

  @Test void preparedStatementBatchInsertsEveryRow() throws Exception {
    int before = sandbox.issueCount();
    try (PreparedStatement ps = connection.prepareStatement("INSERT INTO backlog.Issues"
        + " (ProjectId, Summary, IssueTypeId, PriorityId) VALUES (?, ?, ?, ?)")) {
      for (int i = 0; i < 3; i++) {
        ps.setInt(1, 3);
        ps.setString(2, "Prepared " + i);
        ps.setInt(3, 31);
        ps.setInt(4, 4);
        ps.addBatch();
      }
      assertThat(ps.executeBatch()).containsExactly(1, 1, 1);
    }
    assertThat(sandbox.issueCount()).isEqualTo(before + 3);
  }

  @Test void rollbackAfterASaasWriteFailsLoudly() throws Exception {
    connection.setAutoCommit(false);
    try {
      update("UPDATE backlog.Issues SET Summary = 'In a transaction?' WHERE Id = 44");
      assertThatThrownBy(connection::rollback).isInstanceOf(SQLException.class)
          .hasMessageContaining("Cannot roll back: SaaS APIs are not transactional")
          .hasMessageContaining("1 in backlog.Issues");
      assertThat(sandbox.issue(44).get("summary").asText()).isEqualTo("In a transaction?");
      connection.rollback(); // nothing written since: nothing to refuse
    } finally {
      connection.setAutoCommit(true);
    }
  }

  @Test void copyThousandsOfRowsFromPostgresIntoBacklogAndBack() throws Exception {
    int before = sandbox.issueCount();
    int n = update("INSERT INTO backlog.Issues (ProjectId, Summary, IssueTypeId, PriorityId)"
        + " SELECT project, title, project * 10 + 2, 3 FROM pg.new_issues");
    assertThat(n).isEqualTo(2000);
    assertThat(sandbox.issueCount()).isEqualTo(before + 2000);
    int copied = update("INSERT INTO pg.issue_copy SELECT Id, Summary, ProjectId, Created, DueDate"
        + " FROM backlog.Issues");
    assertThat(copied).isEqualTo(sandbox.issueCount());
    try (Statement s = connection.createStatement();
         java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT id)"
             + " FROM pg.issue_copy WHERE summary LIKE 'Imported issue %'")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(2000);
      assertThat(rs.getLong(2)).isEqualTo(2000);
    }
  }
}
