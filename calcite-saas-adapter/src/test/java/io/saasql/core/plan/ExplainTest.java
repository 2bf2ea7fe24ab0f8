package io.saasql.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.saasql.sandbox.SandboxServer;
import io.saasql.testing.TestSources;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * EXPLAIN shows, for each REST scan, the requests it will make, and makes none: each source's
 * sandbox receives nothing while a plan is explained.
 */
class ExplainTest {
  /** The plan of a query, and the requests the sandbox received meanwhile (none expected). */
  private static String explain(Connection c, SandboxServer sandbox, String sql) throws Exception {
    sandbox.clearRequests();
    StringBuilder plan = new StringBuilder();
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      while (rs.next()) {
        plan.append(rs.getString(1));
      }
    }
    assertThat(sandbox.requests()).as("requests made by EXPLAIN of " + sql).isEmpty();
    return plan.toString();
  }

  /** The lines of a plan that describe REST requests. */
  private static List<String> requestLines(String plan) {
    List<String> out = new ArrayList<>();
    for (String line : plan.split("\n")) {
      if (line.contains("RestToEnumerableConverter")) {
        out.add(line.trim());
      }
    }
    return out;
  }

  @Test void backlogListingLookupAndLimit() throws Exception {
    try (Connection c = TestSources.connect(TestSources.backlogModel())) {
      SandboxServer sandbox = TestSources.backlog();
      String plan = explain(c, sandbox,
          "SELECT Id, Summary FROM backlog.Issues WHERE ProjectId = 2 AND StatusId IN (1, 2)");
      assertThat(requestLines(plan)).singleElement().asString()
          .contains("LIST GET /issues?projectId[]=2&statusId[]=1&statusId[]=2")
          .contains("first page /issues?projectId[]=2&statusId[]=1&statusId[]=2&count=100"
              + "&offset=0");
      assertThat(plan).doesNotContain("EnumerableFilter").doesNotContain("$condition");

      plan = explain(c, sandbox, "SELECT Summary FROM backlog.Issues WHERE Id = 13");
      assertThat(requestLines(plan)).singleElement().asString()
          .contains("LOOKUP GET /issues/13").contains("(1 request)");

      plan = explain(c, sandbox, "SELECT Id FROM backlog.Issues WHERE ProjectId = 1 LIMIT 5");
      assertThat(requestLines(plan)).singleElement().asString()
          .contains("first page /issues?projectId[]=1&count=6&offset=0")
          .contains("rows up to 5");
    }
  }

  @Test void backlogWhatTheApiCannotAnswerIsCheckedByTheRestQuery() throws Exception {
    try (Connection c = TestSources.connect(TestSources.backlogModel())) {
      String sql = "SELECT Id FROM %s.Issues WHERE ProjectId = 1 AND Summary LIKE '%%e%%'";
      String plan = explain(c, TestSources.backlog(), sql.formatted("backlog"));
      assertThat(requestLines(plan)).singleElement().asString()
          .contains("GET /issues?projectId[]=1");
      // The LIKE has no Backlog parameter: it is offered with the request, not answered exactly
      // by it, and the REST query checks it; no Calcite filter is left above the converter.
      assertThat(plan.substring(0, plan.indexOf("RestToEnumerableConverter")))
          .doesNotContain("LIKE");
      assertThat(plan).containsPattern("RestFilter\\(pushed=.*LIKE.*exact=\\[\\[=\\(\\$\\d+, 1\\)\\]\\]");
      assertThat(TestSources.rows(c, sql.formatted("backlog")))
          .hasSizeGreaterThan(3)
          .containsExactlyInAnyOrderElementsOf(TestSources.rows(c, sql.formatted("backlog_nopush")));
    }
  }

  @Test void backlogParametersAppearAsQuestionMarks() throws Exception {
    try (Connection c = TestSources.connect(TestSources.backlogModel())) {
      TestSources.backlog().clearRequests();
      try (PreparedStatement ps = c.prepareStatement(
          "EXPLAIN PLAN FOR SELECT Summary FROM backlog.Issues WHERE Id = ?")) {
        ps.setInt(1, 13);
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).contains("LOOKUP GET /issues/? pushed: Id = ?");
        }
      }
      assertThat(TestSources.backlog().requests()).isEmpty();
    }
  }

  @Test void salesforceSoql() throws Exception {
    try (Connection c = TestSources.connect(TestSources.salesforceModel())) {
      SandboxServer sandbox = TestSources.salesforce();
      // Describing an object is a call of its own, made when a query first names it.
      TestSources.rows(c, "SELECT Id FROM salesforce.Account WHERE Id = 'none'");
      String plan = explain(c, sandbox,
          "SELECT Id, Name FROM salesforce.Account WHERE AnnualRevenue > 1000000 LIMIT 3");
      assertThat(requestLines(plan)).singleElement().asString()
          .contains("q=SELECT Id, Name FROM Account WHERE AnnualRevenue > 1000000 LIMIT 3 ");
    }
  }

  @Test void bitbucketBbqlAndFanOut() throws Exception {
    try (Connection c = TestSources.connect(TestSources.bitbucketModel())) {
      SandboxServer sandbox = TestSources.bitbucket();
      String plan = explain(c, sandbox,
          "SELECT Id FROM bitbucket.Issues WHERE RepoSlug = 'api' AND State = 'new'");
      assertThat(requestLines(plan)).singleElement().asString()
          .contains("GET /repositories/acme/api/issues?q=state = \"new\"");
      plan = explain(c, sandbox, "SELECT Id FROM bitbucket.Issues WHERE State = 'new'");
      assertThat(requestLines(plan)).singleElement().asString()
          .contains("for each Repositories.Slug");
    }
  }

  @Test void pingOneScim() throws Exception {
    try (Connection c = TestSources.connect(TestSources.pingoneModel())) {
      SandboxServer sandbox = TestSources.pingone();
      String plan = explain(c, sandbox,
          "SELECT Id FROM Administrators.Users WHERE Email = 'a@example.com'");
      assertThat(requestLines(plan)).singleElement().asString()
          .contains("filter=email eq \"a@example.com\"");
    }
  }
}
