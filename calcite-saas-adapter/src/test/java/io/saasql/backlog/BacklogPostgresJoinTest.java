package io.saasql.backlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.saasql.cli.DemoPostgres;
import io.saasql.testing.TestSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
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
    copyIssues(TestSources.backlog().issues());
    String model = TestSources.backlogModel().replace("]}", ","
        + "{\"name\":\"pg\",\"type\":\"custom\","
        + "\"factory\":\"io.saasql.core.EnvironmentJdbcSchemaFactory\",\"operand\":{"
        + "\"jdbcUrl\":\"" + pg.jdbcUrl() + "\",\"jdbcUser\":\"" + pg.user() + "\","
        + "\"jdbcPassword\":\"" + pg.password() + "\",\"jdbcSchema\":\"salesforce\"}}]}");
    calcite = TestSources.connect(model);
  }

  @AfterAll static void tearDown() throws Exception {
    calcite.close();
    try (Statement s = postgres.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS backlog_copy CASCADE");
    }
    postgres.close();
  }

  /** Loads the sandbox's issues, straight from its data, into Postgres table backlog_copy.issues. */
  private static void copyIssues(List<ObjectNode> issues) throws Exception {
    try (Statement s = postgres.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS backlog_copy CASCADE");
      s.execute("CREATE SCHEMA backlog_copy");
      s.execute("CREATE TABLE backlog_copy.issues (id integer, projectid integer, statusid integer,"
          + " statusname varchar, priorityname varchar, assigneeid integer, created timestamp,"
          + " estimatedhours double precision)");
    }
    try (PreparedStatement ps = postgres.prepareStatement(
        "INSERT INTO backlog_copy.issues VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (JsonNode i : issues) {
        ps.setInt(1, i.get("id").asInt());
        ps.setInt(2, i.get("projectId").asInt());
        ps.setInt(3, i.at("/status/id").asInt());
        ps.setString(4, i.at("/status/name").asText());
        ps.setString(5, i.at("/priority/name").asText());
        if (i.get("assignee").isNull()) {
          ps.setNull(6, Types.INTEGER);
        } else {
          ps.setInt(6, i.at("/assignee/id").asInt());
        }
        ps.setTimestamp(7, Timestamp.valueOf(
            Instant.parse(i.get("created").asText()).atOffset(java.time.ZoneOffset.UTC)
                .toLocalDateTime()));
        if (i.get("estimatedHours").isNull()) {
          ps.setNull(8, Types.DOUBLE);
        } else {
          ps.setDouble(8, i.get("estimatedHours").asDouble());
        }
        ps.addBatch();
      }
      ps.executeBatch();
    }
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
        rows(postgres, SQL.formatted("salesforce.account", "backlog_copy.issues"));
    assertThat(viaCalcite).isNotEmpty();
    assertThat(viaCalcite).isEqualTo(inPostgres);
  }

  /** Rows as text, numbers normalised, so that the two drivers' types compare. */
  private static List<List<String>> rows(Connection c, String sql) throws Exception {
    List<List<String>> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          Object v = rs.getObject(i);
          if (v instanceof Number n) {
            row.add(new java.math.BigDecimal(n.toString()).stripTrailingZeros().toPlainString());
          } else if (v instanceof Timestamp t) {
            row.add(t.toLocalDateTime().toString());
          } else {
            row.add(v == null ? null : v.toString());
          }
        }
        out.add(row);
      }
    }
    return out;
  }
}
