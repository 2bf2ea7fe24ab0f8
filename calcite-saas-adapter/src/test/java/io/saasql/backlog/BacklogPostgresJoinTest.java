package io.saasql.backlog;

import io.saasql.sandbox.postgres.DemoPostgres;
import io.saasql.testing.PostgresCopies;
import io.saasql.testing.TestSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cross-source SQL: Backlog issues joined with the Heroku Connect accounts in Postgres, grouped
 * and ordered by Calcite, must equal the same SQL run by Postgres itself on a copy of the issues.
 */
class BacklogPostgresJoinTest {
  private static Connection calcite;
  private static Connection postgres;

  @BeforeAll static void setUp() throws Exception {
    DemoPostgres pg = DemoPostgres.shared();
    postgres = pg.dataSource().getConnection();
    PostgresCopies.backlogIssues(postgres, TestSources.backlog().issues());
    String model = TestSources.backlogModel().replace("]}", ","
        + "{\"name\":\"pg\",\"type\":\"custom\","
        + "\"factory\":\"io.saasql.core.jdbc.EnvironmentJdbcSchemaFactory\",\"operand\":{"
        + "\"jdbcUrl\":\"" + pg.jdbcUrl() + "\",\"jdbcUser\":\"" + pg.user() + "\","
        + "\"jdbcPassword\":\"" + pg.password() + "\",\"jdbcSchema\":\"salesforce\"}}]}");
    calcite = TestSources.connect(model);
  }

  @AfterAll static void tearDown() throws Exception {
    calcite.close();
    PostgresCopies.drop(postgres);
    postgres.close();
  }

  private static final String SQL = "SELECT a.name, i.statusname, COUNT(*) AS issues,"
      + " COUNT(i.assigneeid) AS assigned, SUM(i.estimatedhours) AS hours,"
      + " MIN(i.created) AS first_created"
      + " FROM %s a JOIN %s i ON i.projectid = a.backlog_project_id__c"
      + " WHERE a.isdeleted = false AND i.created >= TIMESTAMP '2024-01-01 00:00:00'"
      + " GROUP BY a.name, i.statusname"
      + " HAVING COUNT(*) > 1"
      + " ORDER BY issues DESC, a.name, i.statusname";

  @Test void joinGroupAndOrderMatchPostgres() throws Exception {
    List<List<String>> viaCalcite = rows(calcite, SQL.formatted("pg.account", "backlog.Issues"));
    List<List<String>> inPostgres =
        rows(postgres, SQL.formatted("salesforce.account", "copies.backlog_issues"));
    assertThat(viaCalcite).isNotEmpty();
    assertThat(viaCalcite).isEqualTo(inPostgres);
  }

  private static List<List<String>> rows(Connection c, String sql) throws Exception {
    return PostgresCopies.rows(c, sql);
  }
}
