package io.saasql.server;

import io.saasql.cli.ConnectionUrls;
import io.saasql.testing.TestSources;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaSqlException;
import org.apache.calcite.avatica.remote.Driver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the server promises every Avatica client, through Avatica's real remote driver and raw
 * HTTP: both serializations on one port, SQL states that say what happened, no stack trace in
 * any answer, the keys and generated columns ORMs need, and honest transactions.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ServerProtocolTest {

  @BeforeEach @AfterEach void quietSandbox() {
    TestSources.backlog().faults().reset();
    TestSources.backlog().clearRequests();
  }

  @ParameterizedTest @EnumSource(Driver.Serialization.class)
  void eitherSerializationWorksAgainstEitherServer(Driver.Serialization server) throws Exception {
    RemoteJdbcServer s = TestServers.shared(server);
    for (Driver.Serialization client : Driver.Serialization.values()) {
      String url = s.jdbcUrl().replace("serialization=" + server.name().toLowerCase(),
          "serialization=" + client.name().toLowerCase());
      try (Connection c = DriverManager.getConnection(url);
           PreparedStatement ps = c.prepareStatement(
               "SELECT IssueKey FROM backlog.Issues WHERE Id = ?")) {
        ps.setInt(1, 13);
        assertThat(TestSources.rows(ps.executeQuery())).containsExactly(List.of("SALES-7"));
      }
    }
  }

  @ParameterizedTest @EnumSource(Driver.Serialization.class)
  void sqlStatesSayWhatHappened(Driver.Serialization serialization) throws Exception {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("SELECT * FROM backlog.NoSuchTable", "42S02");
    expected.put("SELECT NoSuchColumn FROM backlog.Issues", "42S22");
    expected.put("SELEC 1", "42000");
    expected.put("SELECT 1/0", "22012");
    expected.put("INSERT INTO backlog.Issues (ProjectId, IssueTypeId, PriorityId, Summary,"
        + " StatusName) VALUES (1, 11, 3, 'x', 'Open')", "42000");
    try (Connection c = TestServers.connect(TestServers.shared(serialization));
         Statement s = c.createStatement()) {
      for (Map.Entry<String, String> e : expected.entrySet()) {
        assertThatThrownBy(() -> s.execute(e.getKey())).as(e.getKey())
            .isInstanceOfSatisfying(AvaticaSqlException.class, x -> {
              assertThat(x.getSQLState()).isEqualTo(e.getValue());
              assertThat(String.join("\n", x.getStackTraces())).doesNotContain("\tat ");
            });
      }
      TestSources.backlog().faults().failNext(1, 401);
      assertThatThrownBy(() -> s.executeQuery("SELECT Summary FROM backlog.Issues WHERE Id = 3"))
          .isInstanceOfSatisfying(SQLException.class,
              x -> assertThat(x.getSQLState()).isEqualTo("08004"));
      TestSources.backlog().faults().rateLimitNext(1, 60);
      assertThatThrownBy(() -> s.executeQuery("SELECT Summary FROM backlog.Issues WHERE Id = 3"))
          .isInstanceOfSatisfying(SQLException.class,
              x -> assertThat(x.getSQLState()).isEqualTo("53400"));
      assertThatThrownBy(() -> s.executeUpdate("INSERT INTO backlog.Issues (ProjectId,"
          + " IssueTypeId, PriorityId, Summary) VALUES (1, 99, 3, 'Wrong type')"))
          .isInstanceOfSatisfying(SQLException.class,
              x -> assertThat(x.getSQLState()).isEqualTo("23000"));
    }
  }

  @Test void noAnswerCarriesAStackTrace() throws Exception {
    RemoteJdbcServer server = TestServers.shared(Driver.Serialization.PROTOBUF);
    HttpClient http = HttpClient.newHttpClient();
    for (byte[] garbage : List.of(new byte[] {0x0a, 0x05, 'h', 'e', 'l', 'l', 'o', -1, -1},
        "{not json".getBytes(StandardCharsets.UTF_8), new byte[] {0, 1, 2})) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.baseUri())
          .POST(HttpRequest.BodyPublishers.ofByteArray(garbage)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).contains("not a valid Avatica").contains("08P01")
          .doesNotContain("\tat ").doesNotContainIgnoringCase("<html");
    }
    String connection = "c-" + System.nanoTime();
    post(http, server.baseUri(), "{\"request\":\"openConnection\",\"connectionId\":\""
        + connection + "\",\"info\":{}}");
    String created = post(http, server.baseUri(), "{\"request\":\"createStatement\","
        + "\"connectionId\":\"" + connection + "\"}").body();
    int statement = Integer.parseInt(created.replaceAll(".*\"statementId\":(\\d+).*", "$1"));
    HttpResponse<String> r = post(http, server.baseUri(), "{\"request\":\"prepareAndExecute\","
        + "\"connectionId\":\"" + connection + "\",\"statementId\":" + statement
        + ",\"sql\":\"SELECT 1/0\",\"maxRowsTotal\":-1,\"maxRowsInFirstFrame\":10}");
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).contains("\"sqlState\":\"22012\"").doesNotContain("\tat ")
        .doesNotContainIgnoringCase("<html");
    post(http, server.baseUri(), "{\"request\":\"closeConnection\",\"connectionId\":\""
        + connection + "\"}");
  }

  private static HttpResponse<String> post(HttpClient http, URI uri, String json)
      throws Exception {
    return http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(json))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  @ParameterizedTest @EnumSource(Driver.Serialization.class)
  void keysAndGeneratedColumnsForOrms(Driver.Serialization serialization) throws Exception {
    try (Connection c = TestServers.connect(TestServers.shared(serialization));
         Statement s = c.createStatement()) {
      Map<String, String> flags = new LinkedHashMap<>();
      try (ResultSet rs = c.getMetaData().getColumns(null, "backlog", "Issues", "%")) {
        while (rs.next()) {
          flags.put(rs.getString("COLUMN_NAME"), rs.getString("IS_AUTOINCREMENT") + "/"
              + rs.getString("IS_GENERATEDCOLUMN"));
        }
      }
      assertThat(flags).containsEntry("Id", "YES/YES").containsEntry("IssueKey", "NO/YES")
          .containsEntry("Created", "NO/YES").containsEntry("Summary", "NO/NO")
          .containsEntry("ProjectId", "NO/NO").containsEntry("StatusId", "NO/NO");
      assertThat(TestSources.rows(c, "SELECT TABLE_NAME, COLUMN_NAME, KEY_SEQ FROM"
          + " saasql.PRIMARY_KEYS WHERE TABLE_SCHEM = 'backlog' ORDER BY TABLE_NAME"))
          .contains(List.of("Issues", "Id", (short) 1), List.of("Projects", "Id", (short) 1));

      // NULL for columns writes cannot set is left out; the new key can be read back.
      assertThat(s.executeUpdate("INSERT INTO backlog.Issues (ProjectId, IssueTypeId,"
          + " PriorityId, Summary, StatusName, Created) VALUES (1, 11, 3, 'Keys for ORMs',"
          + " NULL, DEFAULT)")).isEqualTo(1);
      List<List<Object>> keys = TestSources.rows(c, "SELECT STATEMENT_ROW, TABLE_NAME,"
          + " COLUMN_NAME, KEY_VALUE FROM saasql.LAST_INSERT_KEYS");
      assertThat(keys).hasSize(1);
      assertThat(keys.get(0).subList(0, 3)).containsExactly(1, "Issues", "Id");
      String id = (String) keys.get(0).get(3);
      assertThat(TestSources.backlog().issue(Integer.parseInt(id)).get("summary").asText())
          .isEqualTo("Keys for ORMs");

      // Rollback after a read never fails; after a write it says what it cannot undo, once.
      TestSources.backlog().clearRequests();
      assertThat(s.executeUpdate("DELETE FROM backlog.Issues WHERE Id = " + id)).isEqualTo(1);
      assertThat(TestSources.backlogRequests()).containsExactly("DELETE /api/v2/issues/" + id);
      // (Avatica's driver reports a failed rollback unchecked, as it does a refused connection.)
      assertThatThrownBy(c::rollback).isInstanceOfSatisfying(
          AvaticaClientRuntimeException.class, x -> {
            assertThat(x.getSqlState()).isEqualTo("25000");
            assertThat(x.getMessage()).containsOnlyOnce("Cannot roll back")
                .contains("1 in backlog.Issues, 1 in backlog.Issues records");
          });
      s.executeQuery("SELECT COUNT(*) FROM backlog.Issues WHERE Id = 1").close();
      c.rollback();
    }
  }

  @Test void theEmbeddedDriverReportsPrimaryKeys() throws Exception {
    try (Connection c = DriverManager.getConnection(ConnectionUrls.forModel(TestServers.model()),
        new Properties())) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(TestSources.rows(md.getPrimaryKeys(null, "backlog", "Issues")))
          .containsExactly(Arrays.asList(null, "backlog", "Issues", "Id", (short) 1, "PK_Issues"));
      assertThat(TestSources.rows(md.getPrimaryKeys(null, "backlog", "Statuses"))).isEmpty();
      assertThat(md.getConnection()).isSameAs(c);
    }
  }
}
