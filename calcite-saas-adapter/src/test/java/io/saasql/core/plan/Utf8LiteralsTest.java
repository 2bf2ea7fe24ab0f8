package io.saasql.core.plan;

import io.saasql.testing.TestSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text beyond Latin-1 (Japanese, emoji, {@code U&'…'} escapes) in WHERE: accepted, pushed where the
 * API can take it, re-checked, and equal to the answer without pushdown, on every source.
 */
class Utf8LiteralsTest {
  private static Connection connection;

  @BeforeAll static void connect() throws Exception {
    TestSources.backlogModel(); // sets the API key property
    String backlog = TestSources.backlog().baseUrl();
    connection = TestSources.connect("{\"version\":\"1.0\",\"defaultSchema\":\"backlog\",\"schemas\":["
        + TestSources.backlogSchema("backlog", backlog, true) + ","
        + TestSources.backlogSchema("backlog_nopush", backlog, false) + ","
        + TestSources.salesforceSchema("salesforce", true, "") + ","
        + TestSources.salesforceSchema("salesforce_nopush", false, "") + ","
        + TestSources.bitbucketSchema("bitbucket", "acme", true, "") + ","
        + TestSources.bitbucketSchema("bitbucket_nopush", "acme", false, "") + ","
        + TestSources.pingoneSchema("Administrators", "Administrators", true, "") + ","
        + TestSources.pingoneSchema("Administrators_nopush", "Administrators", false, "") + "]}");
  }

  @AfterAll static void close() throws Exception {
    connection.close();
  }

  private static final List<String> LITERALS = List.of("'日本'", "'課題 🚀'", "U&'\\65E5\\672C'",
      "'Ünïcödé'");

  private static void sameWithAndWithoutPushdown(String schema, String table, String column,
      String key) throws Exception {
    for (String literal : LITERALS) {
      for (String op : List.of(" = ", " <> ", " LIKE ")) {
        String where = column + op + (op.equals(" LIKE ") ? "'%' || " + literal + " || '%'" : literal);
        String sql = "SELECT " + key + " FROM @." + table + " WHERE " + where + " ORDER BY " + key;
        assertThat(TestSources.rows(connection, sql.replace("@", schema))).as(where)
            .isEqualTo(TestSources.rows(connection, sql.replace("@", schema + "_nopush")));
      }
    }
  }

  @Test void backlogSummaries() throws Exception {
    sameWithAndWithoutPushdown("backlog", "Issues", "Summary", "Id");
  }

  @Test void salesforceNames() throws Exception {
    sameWithAndWithoutPushdown("salesforce", "Account", "Name", "Id");
    TestSources.salesforce().clearRequests();
    TestSources.rows(connection, "SELECT Id FROM salesforce.Account WHERE Name = '日本 🚀'");
    assertThat(TestSources.salesforce().requests())
        .filteredOn(r -> r.path().contains("/query"))
        .singleElement().satisfies(r -> assertThat(r.query().get("q").get(0))
            .endsWith("WHERE Name = '日本 🚀'"));
  }

  @Test void bitbucketTitles() throws Exception {
    sameWithAndWithoutPushdown("bitbucket", "Issues", "Title", "Id");
  }

  @Test void pingOneNames() throws Exception {
    sameWithAndWithoutPushdown("Administrators", "Users", "NameFamily", "Id");
  }

  @Test void preparedStatementValues() throws Exception {
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT COUNT(*) FROM salesforce.Account WHERE Name = ? OR Name = '日本'")) {
      ps.setString(1, "東京 🗼");
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isZero();
      }
    }
  }
}
