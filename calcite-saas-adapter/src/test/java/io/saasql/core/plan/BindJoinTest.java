package io.saasql.core.plan;

import io.saasql.sandbox.SandboxServer;
import io.saasql.sandbox.postgres.DemoPostgres;
import io.saasql.testing.TestSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/** Scratch. */
class BindJoinTest {
  private static Connection calcite;

  @BeforeAll static void setUp() throws Exception {
    DemoPostgres pg = DemoPostgres.shared();
    String model = "{\"version\":\"1.0\",\"schemas\":["
        + TestSources.bitbucketSchema("bitbucket", "acme", true, "") + ","
        + TestSources.backlogSchema("backlog", TestSources.backlog().baseUrl(), true) + ","
        + TestSources.pingoneSchema("pingone", "Administrators", true, "") + ","
        + TestSources.salesforceSchema("salesforce", true, "") + ","
        + "{\"name\":\"pg\",\"type\":\"jdbc\",\"jdbcUrl\":\"" + pg.jdbcUrl() + "\",\"jdbcUser\":\""
        + pg.user() + "\",\"jdbcPassword\":\"" + pg.password() + "\",\"jdbcSchema\":\"salesforce\"}]}";
    System.setProperty("BACKLOG_API_KEY", TestSources.backlog().apiKey());
    calcite = TestSources.connect(model);
  }

  @AfterAll static void tearDown() throws Exception {
    calcite.close();
  }

  static void show(String sql, SandboxServer... sandboxes) throws Exception {
    try (Statement s = calcite.createStatement()) {
      ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql);
      while (rs.next()) {
        System.out.println(rs.getString(1));
      }
      for (SandboxServer x : sandboxes) {
        x.clearRequests();
      }
      List<List<Object>> rows = TestSources.rows(calcite, sql);
      System.out.println(rows.size() + " rows " + (rows.isEmpty() ? "" : rows.get(0)));
      for (SandboxServer x : sandboxes) {
        x.requests().forEach(r -> System.out.println("  " + r.describe()));
      }
    }
  }

  @Test void scratch() throws Exception {
    show("SELECT u.Username, u.Title, COUNT(*) AS open_issues FROM backlog.Issues i"
        + " JOIN pingone.Users u ON u.Email = i.AssigneeMail"
        + " WHERE i.StatusId = 1 GROUP BY u.Username, u.Title", TestSources.backlog(),
        TestSources.pingone());
    show("SELECT c.name, u.Username, u.Title FROM pg.contact c"
        + " JOIN pingone.Users u ON u.Email = c.email", TestSources.pingone());
    show("SELECT a.name, b.RepoSlug, COUNT(*) AS bugs FROM pg.account a"
        + " JOIN bitbucket.Issues b ON b.RepoSlug = a.bitbucket_repo__c"
        + " WHERE b.Kind = 'bug' AND a.isdeleted = false GROUP BY a.name, b.RepoSlug",
        TestSources.bitbucket());
    show("SELECT i.Id, i.Summary FROM (VALUES (1), (5), (NULL), (5), (9)) AS k(id)"
        + " JOIN backlog.Issues i ON i.Id = k.id", TestSources.backlog());
  }
}
