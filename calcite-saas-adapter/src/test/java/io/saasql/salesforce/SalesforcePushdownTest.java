package io.saasql.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.saasql.sandbox.RecordedRequest;
import io.saasql.sandbox.salesforce.SalesforceSandbox;
import io.saasql.testing.TestSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Salesforce pushdown, proven by the sandbox's request log: one SOQL query carrying what SOQL can
 * say, exactly the needed fields, queryMore paging, session renewal.
 */
class SalesforcePushdownTest {
  private static Connection connection;
  private static SalesforceSandbox sandbox;

  @BeforeAll static void connect() throws Exception {
    sandbox = TestSources.salesforce();
    connection = TestSources.connect(TestSources.salesforceModel());
  }

  @AfterAll static void close() throws Exception {
    connection.close();
  }

  @BeforeEach void clearLog() {
    sandbox.faults().reset();
    sandbox.clearRequests();
  }

  /** The SOQL of every query request, in order (describe and token calls left out). */
  private static List<String> soql() {
    return queries().stream().map(r -> r.query().get("q").get(0)).toList();
  }

  private static List<RecordedRequest> queries() {
    return sandbox.requests().stream().filter(r -> r.path().contains("/query")).toList();
  }

  private static List<String> ids(String sql) throws Exception {
    List<String> out = new ArrayList<>();
    for (List<Object> row : TestSources.rows(connection, sql)) {
      out.add((String) row.get(0));
    }
    return out;
  }

  private static List<String> expected(String object, Predicate<JsonNode> p) {
    return sandbox.liveRecords(object).stream().filter(p)
        .map(r -> r.get("Id").asText()).sorted().toList();
  }

  /**
   * SOQL compares text without case, so {@code Name != 'stark energy systems'} would drop the
   * account named {@code Stark Energy Systems}: text negations are never sent.
   */
  @Test void textNegationsKeepRowsThatDifferOnlyByCase() throws Exception {
    String stark = expected("Account", a -> a.path("Name").asText().equals("Stark Energy Systems"))
        .get(0);
    for (String where : List.of("Name <> 'stark energy systems'",
        "Name NOT IN ('stark energy systems', 'acme corporation')",
        "NOT (Name IN ('stark energy systems', 'acme corporation'))",
        "NOT (Name = 'stark energy systems')", "Name < 'stark energy'")) {
      String sql = "SELECT Id FROM %s.Account WHERE " + where + " ORDER BY Id";
      sandbox.clearRequests();
      List<String> pushed = ids(sql.formatted("salesforce"));
      assertThat(pushed).as(where).contains(stark).isEqualTo(ids(sql.formatted("salesforce_nopush")));
    }
    sandbox.clearRequests();
    ids("SELECT Id FROM salesforce.Account WHERE Name <> 'stark energy systems' AND Industry = 'Energy'");
    assertThat(soql()).singleElement().asString()
        .contains("WHERE Industry = 'Energy'").doesNotContain("Name !=");
  }

  @Test void oneSoqlQueryCarriesTheWholeWhereAndOnlyTheNeededFields() throws Exception {
    List<String> got = ids("SELECT Id, Name FROM salesforce.Account WHERE Industry IN ('Energy','Retail')"
        + " AND (AnnualRevenue > 1000000 OR Name LIKE 'Ac%') ORDER BY Id");
    List<String> want = expected("Account", a -> List.of("Energy", "Retail").contains(a.path("Industry").asText())
        && (a.path("AnnualRevenue").asDouble(0) > 1000000 || a.path("Name").asText().startsWith("Ac")));
    assertThat(got).isNotEmpty().isEqualTo(want);
    assertThat(soql()).hasSize(1);
    String q = soql().get(0);
    assertThat(q).startsWith("SELECT ").contains(" FROM Account WHERE ");
    String fields = q.substring("SELECT ".length(), q.indexOf(" FROM "));
    // Id and Name are asked for; Industry and AnnualRevenue too, because Calcite re-checks the
    // case-insensitive text comparisons of SOQL.
    assertThat(List.of(fields.split(", "))).containsExactlyInAnyOrder("Id", "Name", "Industry", "AnnualRevenue");
    assertThat(q).contains("Industry IN ('Energy', 'Retail')")
        .contains("(AnnualRevenue > 1000000 OR Name LIKE 'Ac%')");
  }

  @Test void quotesAndBackslashesMatchExactlyOneRowAndCannotInject() throws Exception {
    String name = "It's 50% Off_Retail \\ \"Outlet\"";
    List<String> got = ids("SELECT Id FROM salesforce.Account WHERE Name = '" + name.replace("'", "''") + "'");
    assertThat(got).hasSize(1).isEqualTo(expected("Account", a -> a.path("Name").asText().equals(name)));
    assertThat(soql().get(0)).endsWith("WHERE Name = 'It\\'s 50% Off_Retail \\\\ \\\"Outlet\\\"'");
    sandbox.clearRequests();
    assertThat(ids("SELECT Id FROM salesforce.Account WHERE Name = 'x'' OR Name != ''x'")).isEmpty();
    assertThat(ids("SELECT Id FROM salesforce.Account WHERE Name = 'Back\\Slash Studios'")).hasSize(1);
  }

  @Test void caseInsensitiveSoqlIsReCheckedByCalcite() throws Exception {
    assertThat(ids("SELECT Id FROM salesforce.Account WHERE Name = 'Acme Widgets'"))
        .isEqualTo(expected("Account", a -> a.path("Name").asText().equals("Acme Widgets"))).hasSize(1);
    assertThat(soql().get(0)).endsWith("WHERE Name = 'Acme Widgets'");
  }

  @Test void moreRowsThanABatchFollowNextRecordsUrl() throws Exception {
    List<String> got = ids("SELECT Id FROM salesforce.Contact");
    assertThat(got).hasSize(expected("Contact", c -> true).size()).hasSizeGreaterThan(2000);
    assertThat(queries()).hasSize(2);
    assertThat(queries().get(1).path()).contains("/query/");
  }

  /**
   * Regression: a {@code ?} whose stand-in value while planning is no Salesforce Id must still
   * be sent with the bound Id (not a full listing per execution).
   */
  @Test void preparedIdLookupIsOneSoqlQueryPerExecution() throws Exception {
    List<String> contacts = sandbox.records("Contact").stream().limit(3)
        .map(r -> r.get("Id").asText()).toList();
    try (java.sql.PreparedStatement ps = connection.prepareStatement(
        "SELECT Id, Name FROM salesforce.Contact WHERE Id = ?")) {
      for (String id : contacts) {
        sandbox.clearRequests();
        ps.setString(1, id);
        assertThat(TestSources.rows(ps.executeQuery())).extracting(r -> r.get(0))
            .containsExactly(id);
        assertThat(soql()).containsExactly(
            "SELECT Id, Name FROM Contact WHERE Id = '" + id + "'");
      }
    }
  }

  @Test void limitMakesOneRequest() throws Exception {
    assertThat(ids("SELECT Id FROM salesforce.Contact LIMIT 10")).hasSize(10);
    assertThat(queries()).hasSize(1);
    assertThat(soql()).containsExactly("SELECT Id FROM Contact LIMIT 10");
    sandbox.clearRequests();
    assertThat(ids("SELECT Id FROM salesforce.Contact WHERE LastName = 'Smith' LIMIT 3")).hasSize(3);
    assertThat(soql()).as("a text comparison Calcite re-checks: no SOQL LIMIT")
        .containsExactly("SELECT Id, LastName FROM Contact WHERE LastName = 'Smith'");
  }

  @Test void expiredSessionMidPagingIsRenewedWithNoRowLostOrRepeated() throws Exception {
    List<String> got = new ArrayList<>();
    try (Statement s = connection.createStatement();
         ResultSet rs = s.executeQuery("SELECT Id FROM salesforce.Contact")) {
      while (rs.next()) {
        got.add(rs.getString(1));
        if (got.size() == 1500) {
          sandbox.expireAllSessions();
        }
      }
    }
    assertThat(got).hasSize(expected("Contact", c -> true).size());
    assertThat(new HashSet<>(got)).hasSameSizeAs(got);
    assertThat(queries()).extracting(RecordedRequest::status).containsExactly(200, 401, 200);
  }

  @Test void herokuConnectDriftFindsExactlyTheAccountsChangedSinceTheLastSync() throws Exception {
    io.saasql.sandbox.postgres.DemoPostgres pg = io.saasql.sandbox.postgres.DemoPostgres.shared();
    String model = TestSources.salesforceModel().replace("]}", ","
        + "{\"name\":\"pg\",\"type\":\"jdbc\",\"jdbcUrl\":\"" + pg.jdbcUrl() + "\",\"jdbcUser\":\""
        + pg.user() + "\",\"jdbcPassword\":\"" + pg.password() + "\",\"jdbcSchema\":\"salesforce\"}]}");
    try (Connection c = TestSources.connect(model)) {
      List<List<Object>> rows = TestSources.rows(c, "SELECT a.sfid, a.name, s.Name"
          + " FROM pg.account a JOIN salesforce.Account s ON s.Id = a.sfid"
          + " WHERE s.SystemModstamp > a.systemmodstamp ORDER BY a.sfid");
      assertThat(rows).extracting(r -> r.get(0))
          .containsExactly("0015g0000001VViAAM", "0015g0000004aDxAAI", "0015g0000006LCfAAM");
    }
  }

  /**
   * Regression (found by the benchmark): a join on a filtered, projected scan was planned as a
   * semi-join, because the table declared a key that Calcite applied to the projected columns.
   */
  @Test void joinCountsEveryMatchingRowNotOnePerAccount() throws Exception {
    String model = TestSources.salesforceModel().replace("]}", ","
        + TestSources.backlogSchema("backlog", TestSources.backlog().baseUrl(), true) + "]}");
    System.setProperty("BACKLOG_API_KEY", TestSources.backlog().apiKey());
    java.util.Map<String, Long> want = new java.util.TreeMap<>();
    for (JsonNode a : sandbox.records("Account")) {
      if (a.path("IsDeleted").asBoolean() || a.path("Backlog_Project_Id__c").isNull()) {
        continue;
      }
      int project = a.path("Backlog_Project_Id__c").asInt();
      long n = TestSources.backlog().issues().stream().filter(i -> i.get("projectId").asInt() == project
          && i.at("/status/id").asInt() == 1).count();
      if (n > 0) {
        want.merge(a.get("Name").asText(), n, Long::sum);
      }
    }
    try (Connection c = TestSources.connect(model)) {
      List<List<Object>> rows = TestSources.rows(c, "SELECT a.Name, COUNT(*) AS n"
          + " FROM salesforce.Account a JOIN backlog.Issues i ON i.ProjectId = a.Backlog_Project_Id__c"
          + " WHERE i.StatusId = 1 GROUP BY a.Name ORDER BY a.Name");
      java.util.Map<String, Long> got = new java.util.TreeMap<>();
      rows.forEach(r -> got.put((String) r.get(0), ((Number) r.get(1)).longValue()));
      assertThat(got).isNotEmpty().isEqualTo(want);
    }
  }

  @Test void listingTablesDescribesNothing() throws Exception {
    try (Connection c = TestSources.connect(TestSources.salesforceModel())) {
      sandbox.clearRequests();
      DatabaseMetaData md = c.getMetaData();
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = md.getTables(null, "salesforce", "%", null)) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      assertThat(tables).contains("Account", "Contact", "Opportunity", "User", "Invoice__c");
      assertThat(sandbox.requests()).noneMatch(r -> r.path().endsWith("/describe"));
    }
  }

  @Test void jwtBearerAndRefreshTokenGrantsWork(@TempDir Path dir) throws Exception {
    Path key = Files.writeString(dir.resolve("key.pem"), sandbox.privateKeyPem());
    String jwt = "{\"version\":\"1.0\",\"schemas\":[" + TestSources.salesforceSchema("sf_jwt", true,
        ",\"username\":\"" + sandbox.jwtUsername() + "\",\"privateKeyFile\":\""
            + key.toString().replace("\\", "\\\\") + "\"") + "]}";
    try (Connection c = TestSources.connect(jwt)) {
      assertThat(TestSources.rows(c, "SELECT COUNT(*) FROM sf_jwt.\"User\"")).hasSize(1);
    }
    System.setProperty("SALESFORCE_REFRESH_TOKEN", sandbox.refreshToken());
    String refresh = "{\"version\":\"1.0\",\"schemas\":[" + TestSources.salesforceSchema("sf_refresh",
        true, ",\"refreshToken\":\"${SALESFORCE_REFRESH_TOKEN}\"") + "]}";
    try (Connection c = TestSources.connect(refresh)) {
      assertThat(TestSources.rows(c, "SELECT Id FROM sf_refresh.Opportunity LIMIT 3")).hasSize(3);
    }
  }

  @Test void spentDailyLimitIsAClearErrorNotARetryLoop() throws Exception {
    int used = sandbox.apiCallsUsed();
    sandbox.dailyApiLimit(used);
    try {
      assertThatThrownBy(() -> ids("SELECT Id FROM salesforce.Account LIMIT 1"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("REQUEST_LIMIT_EXCEEDED")
          .hasMessageContaining("daily API request limit");
      // One refused call (the describe or the query, whichever came first), never a retry loop.
      assertThat(sandbox.requests()).filteredOn(r -> r.path().startsWith("/services/data"))
          .hasSize(1).allSatisfy(r -> assertThat(r.status()).isEqualTo(403));
    } finally {
      sandbox.dailyApiLimit(1_000_000);
    }
  }
}
