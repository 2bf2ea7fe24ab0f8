package io.saasql.bitbucket;

import io.saasql.sandbox.postgres.DemoPostgres;
import io.saasql.sandbox.bitbucket.BitbucketSandbox;
import io.saasql.testing.PostgresCopies;
import io.saasql.testing.TestSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three sources in one query: Bitbucket issues of the repositories that Salesforce accounts (in
 * Postgres) link, with the Backlog issues of the projects they own. Calcite's answer must equal
 * Postgres's own answer over copies of the two APIs' data.
 */
class CrossSourceJoinTest {
  private static Connection calcite;
  private static Connection postgres;

  @BeforeAll static void setUp() throws Exception {
    DemoPostgres pg = DemoPostgres.shared();
    postgres = pg.dataSource().getConnection();
    PostgresCopies.backlogIssues(postgres, TestSources.backlog().issues());
    BitbucketSandbox bb = TestSources.bitbucket();
    boolean first = true;
    for (String repo : List.of("api", "web", "mobile")) {
      PostgresCopies.bitbucketIssues(postgres, repo, bb.issues("acme", repo), first);
      first = false;
    }
    String model = "{\"version\":\"1.0\",\"schemas\":["
        + TestSources.bitbucketSchema("bitbucket", "acme", true, "") + ","
        + TestSources.backlogSchema("backlog", TestSources.backlog().baseUrl(), true) + ","
        + "{\"name\":\"pg\",\"type\":\"jdbc\",\"jdbcUrl\":\"" + pg.jdbcUrl() + "\",\"jdbcUser\":\""
        + pg.user() + "\",\"jdbcPassword\":\"" + pg.password() + "\",\"jdbcSchema\":\"salesforce\"}]}";
    System.setProperty("BACKLOG_API_KEY", TestSources.backlog().apiKey());
    calcite = TestSources.connect(model);
  }

  @AfterAll static void tearDown() throws Exception {
    calcite.close();
    PostgresCopies.drop(postgres);
    postgres.close();
  }

  private static final String SQL = "SELECT a.name, b.State, COUNT(DISTINCT b.Id) AS repo_bugs,"
      + " COUNT(DISTINCT i.Id) AS open_backlog_issues, MIN(b.CreatedOn) AS first_bug"
      + " FROM %s a"
      + " JOIN %s b ON b.RepoSlug = a.bitbucket_repo__c"
      + " JOIN %s i ON i.ProjectId = a.backlog_project_id__c"
      + " WHERE b.Kind = 'bug' AND i.StatusId = 1 AND a.isdeleted = false"
      + " GROUP BY a.name, b.State ORDER BY a.name, b.State";

  @Test void threeSourcesAgreeWithPostgres() throws Exception {
    List<List<String>> viaCalcite = PostgresCopies.rows(calcite,
        SQL.formatted("pg.account", "bitbucket.Issues", "backlog.Issues"));
    List<List<String>> inPostgres = PostgresCopies.rows(postgres,
        SQL.formatted("salesforce.account", "copies.bitbucket_issues", "copies.backlog_issues"));
    assertThat(viaCalcite).hasSizeGreaterThan(5).isEqualTo(inPostgres);
  }
}
