package io.saasql.mirror;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.saasql.cli.ConnectionUrls;
import io.saasql.cli.Main;
import io.saasql.sandbox.RecordedRequest;
import io.saasql.sandbox.backlog.BacklogSandbox;
import io.saasql.sandbox.postgres.DemoPostgres;
import io.saasql.sandbox.salesforce.SalesforceSandbox;
import io.saasql.testing.TestSources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code saasql mirror} on a Backlog sandbox and the embedded Postgres: the first copy, cycles
 * that read only what changed (proven by the sandbox's request log), deleted records, changes
 * made in Postgres sent to the API exactly once, a refused change, a copy killed half-way, and a
 * 429 storm.
 */
@Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MirrorTest {
  private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true,
      StandardCharsets.UTF_8);
  private static int schemas;

  @TempDir Path dir;
  private String pgSchema;
  private Connection pg;

  @BeforeEach void freshSchema() throws SQLException {
    pgSchema = "mirror_test_" + (++schemas);
    DemoPostgres db = DemoPostgres.shared();
    pg = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    try (Statement st = pg.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS " + pgSchema + " CASCADE");
    }
  }

  @AfterEach void closePostgres() throws SQLException {
    pg.close();
  }

  /** Schema {@code pg} of a model: the test Postgres, with its tables in {@code jdbcSchema}. */
  static Map<String, Object> pgSchema(String jdbcSchema) {
    DemoPostgres db = DemoPostgres.shared();
    return Map.of("name", "pg", "type", "custom",
        "factory", "io.saasql.core.jdbc.EnvironmentJdbcSchemaFactory", "operand", Map.of(
            "jdbcUrl", db.jdbcUrl(), "jdbcUser", db.user(), "jdbcPassword", db.password(),
            "jdbcSchema", jdbcSchema));
  }

  /** Schema {@code backlog} over a sandbox, without a rate limit. */
  static Map<String, Object> backlogSchema(BacklogSandbox backlog) {
    return Map.of("name", "backlog", "type", "custom",
        "factory", "io.saasql.backlog.BacklogSchemaFactory", "operand", Map.of("baseUrl",
            backlog.baseUrl(), "apiKey", backlog.apiKey(), "rateLimit", "none",
            "maxRetryWaitSeconds", "5"));
  }

  /** A model file of these schemas: maps, or the JSON text {@link TestSources} makes. */
  static Path writeModel(Path file, Object... schemas) throws java.io.IOException {
    ObjectMapper json = new ObjectMapper();
    List<Object> list = new ArrayList<>();
    for (Object schema : schemas) {
      list.add(schema instanceof String text ? json.readTree(text) : schema);
    }
    json.writeValue(file.toFile(), Map.of("version", "1.0", "schemas", list));
    return file;
  }

  private Path model(BacklogSandbox backlog) throws Exception {
    return writeModel(dir.resolve("mirror.json"), backlogSchema(backlog), pgSchema(pgSchema));
  }

  private static Mirror.TableCycle cycle(Path model, Duration deletesEvery) throws Exception {
    try (Mirror m = Mirror.open(model, "pg", List.of("backlog.Issues"), deletesEvery, QUIET)) {
      List<Mirror.TableCycle> cycles = m.cycle();
      assertThat(cycles).hasSize(1);
      return cycles.get(0);
    }
  }

  /** The mirror's rows by Backlog id: summary, deleted, last operation, error. */
  private Map<Long, List<Object>> mirrorRows() throws SQLException {
    Map<Long, List<Object>> rows = new HashMap<>();
    try (Statement st = pg.createStatement();
         ResultSet rs = st.executeQuery("SELECT backlog_id, summary, isdeleted, _hc_lastop,"
             + " _hc_err FROM " + pgSchema + ".issues")) {
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        row.add(rs.getString(2));
        row.add(rs.getBoolean(3));
        row.add(rs.getString(4));
        row.add(rs.getString(5));
        assertThat(rows.put(rs.getLong(1), row)).as("one row per issue").isNull();
      }
    }
    return rows;
  }

  private static Map<Long, String> sourceSummaries(BacklogSandbox backlog) {
    Map<Long, String> out = new LinkedHashMap<>();
    for (ObjectNode i : backlog.issues()) {
      out.put(i.get("id").asLong(), i.get("summary").asText());
    }
    return out;
  }

  private void assertMirrorEqualsSource(BacklogSandbox backlog) throws SQLException {
    Map<Long, List<Object>> rows = mirrorRows();
    Map<Long, String> source = sourceSummaries(backlog);
    Map<Long, String> live = new HashMap<>();
    rows.forEach((id, r) -> {
      if (!(Boolean) r.get(1)) {
        live.put(id, (String) r.get(0));
      }
    });
    assertThat(live).isEqualTo(source);
  }

  @Test void firstCopyThenOnlyWhatChangedThenDeletedRecordsAreMarked() throws Exception {
    try (BacklogSandbox backlog = new BacklogSandbox().start()) {
      Path model = model(backlog);
      Mirror.TableCycle first = cycle(model, Duration.ofHours(1));
      assertThat(first.error()).isNull();
      assertThat(first.inserted()).isEqualTo(backlog.issueCount());
      assertMirrorEqualsSource(backlog);

      // 50 issues edited in Backlog, 3 deleted (of project 1: archived projects take no writes).
      List<Integer> ids = backlog.issues().stream()
          .filter(i -> i.get("projectId").asInt() == 1).map(i -> i.get("id").asInt()).toList();
      List<Integer> edited = ids.subList(0, 50);
      List<Integer> deleted = ids.subList(50, 53);
      try (Connection saas = DriverManager.getConnection(ConnectionUrls.forModel(model));
           PreparedStatement edit = saas.prepareStatement(
               "UPDATE backlog.Issues SET Summary = ? WHERE Id = ?");
           PreparedStatement delete = saas.prepareStatement(
               "DELETE FROM backlog.Issues WHERE Id = ?")) {
        for (int id : edited) {
          edit.setString(1, "Edited in Backlog " + id);
          edit.setInt(2, id);
          assertThat(edit.executeUpdate()).isEqualTo(1);
        }
        for (int id : deleted) {
          delete.setInt(1, id);
          assertThat(delete.executeUpdate()).isEqualTo(1);
        }
      }
      backlog.clearRequests();
      Mirror.TableCycle second = cycle(model, Duration.ofHours(1));
      assertThat(second.error()).isNull();
      assertThat(second.updated()).isEqualTo(50);
      assertThat(second.inserted()).isZero();
      // Only what changed since the high-water mark: every request filters by updatedSince.
      List<RecordedRequest> requests = backlog.requests();
      assertThat(requests).isNotEmpty().allSatisfy(r ->
          assertThat(r.query().containsKey("updatedSince")).as(r.describe()).isTrue());
      assertThat(second.apiCalls()).isEqualTo(requests.size());
      Map<Long, List<Object>> rows = mirrorRows();
      for (long id : edited) {
        assertThat(rows.get(id).get(0)).isEqualTo("Edited in Backlog " + id);
      }

      Mirror.TableCycle third = cycle(model, Duration.ZERO);
      assertThat(third.deleted()).isEqualTo(3);
      assertThat(third.updated()).isZero();
      rows = mirrorRows();
      for (long id : deleted) {
        assertThat(rows.get(id).get(1)).as("issue %d deleted", id).isEqualTo(true);
      }
      assertMirrorEqualsSource(backlog);
      try (Statement st = pg.createStatement();
           ResultSet rs = st.executeQuery("SELECT mode, copy_complete, rows_deleted, api_calls,"
               + " last_error FROM " + pgSchema + "._saasql_mirror_state")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("incremental by Updated");
        assertThat(rs.getBoolean(2)).isTrue();
        assertThat(rs.getLong(3)).isEqualTo(3);
        assertThat(rs.getLong(4)).isPositive();
        assertThat(rs.getString(5)).isNull();
      }
    }
  }

  @Test void theFirstCopyOfTwentyThousandIssuesReadsEachPageOnce() throws Exception {
    int issues = 20_000;
    try (BacklogSandbox backlog = BacklogSandbox.withGeneratedIssues(issues).start()) {
      Path model = model(backlog);
      Mirror.TableCycle first = cycle(model, Duration.ofHours(1));
      assertThat(first.error()).isNull();
      assertThat(first.inserted()).isEqualTo(issues);
      List<String> pages = backlog.requests().stream()
          .filter(r -> r.path().endsWith("/issues")).map(r -> r.query().get("offset").get(0))
          .toList();
      assertThat(pages).hasSize(issues / 100).doesNotHaveDuplicates();
      // The pages and the count that lets them be read four at a time.
      assertThat(backlog.requests()).hasSize(issues / 100 + 1);
      try (Statement st = pg.createStatement();
           ResultSet rs = st.executeQuery("SELECT COUNT(*), COUNT(DISTINCT backlog_id) FROM "
               + pgSchema + ".issues")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(issues);
        assertThat(rs.getLong(2)).isEqualTo(issues);
      }
    }
  }

  @Test void changesMadeInPostgresReachTheApiExactlyOnceAndARefusalIsRecorded() throws Exception {
    try (BacklogSandbox backlog = new BacklogSandbox().start()) {
      Path model = model(backlog);
      cycle(model, Duration.ofHours(1));
      long before = backlog.issueCount();
      try (Statement st = pg.createStatement()) {
        st.executeUpdate("INSERT INTO " + pgSchema + ".issues (projectid, issuetypeid,"
            + " priorityid, summary) VALUES (1, 11, 3, 'Written in Postgres')");
        st.executeUpdate("UPDATE " + pgSchema + ".issues SET summary = 'Renamed in Postgres'"
            + " WHERE backlog_id = 20");
        st.executeUpdate("DELETE FROM " + pgSchema + ".issues WHERE backlog_id = 21");
        st.executeUpdate("UPDATE " + pgSchema + ".issues SET priorityid = 999"
            + " WHERE backlog_id = 22");
        try (ResultSet rs = st.executeQuery("SELECT _hc_lastop FROM " + pgSchema
            + ".issues WHERE backlog_id = 20")) {
          rs.next();
          assertThat(rs.getString(1)).isEqualTo("PENDING");
        }
      }
      backlog.clearRequests();
      Mirror.TableCycle cycle = cycle(model, Duration.ofHours(1));
      assertThat(cycle.sent()).isEqualTo(4);
      List<String> writes = backlog.requests().stream()
          .filter(r -> !r.method().equals("GET")).map(r -> r.method() + " " + r.path()).toList();
      assertThat(writes).containsExactlyInAnyOrder("POST /api/v2/issues",
          "PATCH /api/v2/issues/20", "DELETE /api/v2/issues/21", "PATCH /api/v2/issues/22");
      assertThat(backlog.issueCount()).isEqualTo(before); // one created, one deleted
      assertThat(backlog.issue(20).get("summary").asText()).isEqualTo("Renamed in Postgres");

      Map<Long, List<Object>> rows = mirrorRows();
      assertThat(rows.get(20L).get(2)).isEqualTo("SYNCED");
      assertThat(rows.get(22L).get(2)).isEqualTo("FAILED");
      assertThat((String) rows.get(22L).get(3)).isNotBlank().contains("priority");
      long created = backlog.lastIssueId();
      assertThat(rows.get(created).get(0)).isEqualTo("Written in Postgres");
      assertThat(rows.get(created).get(2)).isEqualTo("SYNCED");
      try (Statement st = pg.createStatement();
           ResultSet rs = st.executeQuery("SELECT action, state FROM " + pgSchema
               + "._trigger_log ORDER BY id")) {
        List<String> log = new ArrayList<>();
        while (rs.next()) {
          log.add(rs.getString(1) + " " + rs.getString(2));
        }
        assertThat(log).containsExactly("INSERT SUCCESS", "UPDATE SUCCESS", "DELETE SUCCESS",
            "UPDATE FAILED");
      }

      // Nothing is sent twice.
      backlog.clearRequests();
      Mirror.TableCycle again = cycle(model, Duration.ofHours(1));
      assertThat(again.sent()).isZero();
      assertThat(backlog.requests()).allMatch(r -> r.method().equals("GET"));
    }
  }

  @Test void aRecordChangedOnBothSidesKeepsEachSidesColumnsAndPostgresWinsOnTheSameColumn()
      throws Exception {
    try (BacklogSandbox backlog = new BacklogSandbox().start()) {
      Path model = model(backlog);
      cycle(model, Duration.ofHours(1));
      // Issue 30: Backlog changes its summary, Postgres its description. Issue 31: both change
      // the summary, Backlog last.
      try (Statement st = pg.createStatement()) {
        st.executeUpdate("UPDATE " + pgSchema + ".issues SET description = 'from Postgres'"
            + " WHERE backlog_id = 30");
        st.executeUpdate("UPDATE " + pgSchema + ".issues SET summary = 'Postgres 31'"
            + " WHERE backlog_id = 31");
      }
      try (Connection saas = DriverManager.getConnection(ConnectionUrls.forModel(model));
           Statement st = saas.createStatement()) {
        st.executeUpdate("UPDATE backlog.Issues SET Summary = 'Backlog 30' WHERE Id = 30");
        st.executeUpdate("UPDATE backlog.Issues SET Summary = 'Backlog 31' WHERE Id = 31");
      }
      Mirror.TableCycle cycle = cycle(model, Duration.ofHours(1));
      assertThat(cycle.sent()).isEqualTo(2);
      assertThat(backlog.issue(30).get("summary").asText()).isEqualTo("Backlog 30");
      assertThat(backlog.issue(30).get("description").asText()).isEqualTo("from Postgres");
      assertThat(backlog.issue(31).get("summary").asText()).isEqualTo("Postgres 31");
      try (Statement st = pg.createStatement();
           ResultSet rs = st.executeQuery("SELECT backlog_id, summary, description, _hc_lastop"
               + " FROM " + pgSchema + ".issues WHERE backlog_id IN (30, 31) ORDER BY 1")) {
        List<List<String>> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(List.of(rs.getString(2), rs.getString(3), rs.getString(4)));
        }
        assertThat(rows.get(0)).containsExactly("Backlog 30", "from Postgres", "SYNCED");
        assertThat(rows.get(1).get(0)).isEqualTo("Postgres 31");
        assertThat(rows.get(1).get(2)).isEqualTo("SYNCED");
      }
    }
  }

  @Test void aCopyKilledHalfWayAndRestartedEndsWithExactlyTheSourcesRows() throws Exception {
    try (BacklogSandbox backlog = new BacklogSandbox().start()) {
      Path model = model(backlog);
      backlog.faults().latency(Duration.ofMillis(200));
      String classpath = System.getProperty("surefire.test.class.path",
          System.getProperty("java.class.path"));
      Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString(), "-Xmx256m", "-cp", classpath, Main.class.getName(), "mirror", "--model",
          model.toString(), "--into", "pg", "backlog.Issues")
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (copiedRows() < 600 && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
      } finally {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      long copied = copiedRows();
      assertThat(copied).as("killed half-way").isBetween(600L, backlog.issueCount() - 1L);
      backlog.faults().reset();
      Mirror.TableCycle resumed = cycle(model, Duration.ofHours(1));
      assertThat(resumed.error()).isNull();
      assertThat(resumed.inserted()).isEqualTo(backlog.issueCount() - copied);
      assertMirrorEqualsSource(backlog);
    }
  }

  @Test void aStormOf429AnswersDuringACycleLosesAndRepeatsNothing() throws Exception {
    try (BacklogSandbox backlog = new BacklogSandbox().start()) {
      Path model = model(backlog);
      // The sandbox refuses whatever goes past 8 requests a second, with Retry-After.
      backlog.faults().enforceRateLimit(8, Duration.ofSeconds(1));
      Mirror.TableCycle first = cycle(model, Duration.ofHours(1));
      assertThat(first.error()).isNull();
      assertThat(first.inserted()).isEqualTo(backlog.issueCount());
      assertThat(backlog.requests()).anyMatch(r -> r.status() == 429);
      assertMirrorEqualsSource(backlog);
    }
  }

  @Test void aHerokuConnectSchemaCatchesUpAndItsPendingChangeIsSent() throws Exception {
    try (SalesforceSandbox salesforce = new SalesforceSandbox().start();
         Statement st = pg.createStatement()) {
      // A copy of the demo's Heroku Connect schema: fields mapped, one change pending, one failed.
      st.execute("CREATE SCHEMA " + pgSchema);
      for (String t : List.of("account", "_trigger_log")) {
        String copy = pgSchema + "." + t;
        st.execute("CREATE TABLE " + copy + " (LIKE salesforce." + t
            + " INCLUDING ALL EXCLUDING DEFAULTS)");
        st.execute("INSERT INTO " + copy + " SELECT * FROM salesforce." + t);
        st.execute("CREATE SEQUENCE " + copy + "_id_seq");
        st.execute("ALTER TABLE " + copy + " ALTER COLUMN id SET DEFAULT nextval('" + copy
            + "_id_seq')");
        st.execute("SELECT setval('" + copy + "_id_seq', (SELECT max(id) FROM " + copy + "))");
      }
      // Pending: an update of one account, a new account, an update of a contact (not mirrored).
      String pending;
      try (ResultSet rs = st.executeQuery("SELECT sfid FROM " + pgSchema + "._trigger_log"
          + " WHERE state = 'NEW' AND table_name = 'account' AND action = 'UPDATE'")) {
        assertThat(rs.next()).isTrue();
        pending = rs.getString(1);
      }
      Map<String, Object> sfOperand = Map.of("loginUrl", salesforce.loginUrl(), "clientId",
          salesforce.clientId(), "clientSecret", salesforce.clientSecret(), "rateLimit", "none");
      Path model = writeModel(dir.resolve("hc.json"), Map.of("name", "salesforce", "type",
          "custom", "factory", "io.saasql.salesforce.SalesforceSchemaFactory", "operand",
          sfOperand), pgSchema(pgSchema));

      try (Mirror m = Mirror.open(model, "pg", List.of("salesforce.Account"), Duration.ofHours(1),
          QUIET)) {
        Mirror.TableCycle cycle = m.cycle().get(0);
        assertThat(cycle.error()).isNull();
        assertThat(cycle.sent()).isEqualTo(2);
      }
      // The pending changes reached Salesforce once each; the failed one was not sent again.
      List<String> writes = salesforce.requests().stream()
          .filter(r -> !r.method().equals("GET") && !r.path().endsWith("/oauth2/token"))
          .map(r -> r.method() + " " + r.path()).toList();
      assertThat(writes).hasSize(2);
      assertThat(writes.get(0)).startsWith("PATCH ").endsWith("/sobjects/Account/" + pending);
      assertThat(writes.get(1)).startsWith("POST ").endsWith("/composite/sobjects");
      assertThat(salesforce.findRecords("Account", "Name", "Nimbus Education")).hasSize(1);
      ObjectNode account = salesforce.findRecords("Account", "Id", pending).get(0);
      assertThat(account.get("NumberOfEmployees").asInt()).isEqualTo(420);
      // Every account is in Postgres, at Salesforce's version.
      Map<String, String> versions = new HashMap<>();
      try (ResultSet rs = st.executeQuery("SELECT sfid, systemmodstamp, numberofemployees, "
          + "_hc_lastop FROM " + pgSchema + ".account WHERE isdeleted IS NOT TRUE")) {
        while (rs.next()) {
          versions.put(rs.getString(1), rs.getTimestamp(2).toInstant().toString());
          assertThat(rs.getString(4)).isIn("SYNCED", "FAILED");
          if (rs.getString(1).equals(pending)) {
            assertThat(rs.getInt(3)).isEqualTo(420);
          }
        }
      }
      Map<String, String> expected = new HashMap<>();
      try (Connection saas = DriverManager.getConnection(ConnectionUrls.forModel(model));
           Statement s = saas.createStatement();
           ResultSet rs = s.executeQuery("SELECT Id, SystemModstamp FROM salesforce.Account")) {
        while (rs.next()) {
          expected.put(rs.getString(1), rs.getTimestamp(2).toInstant().toString());
        }
      }
      assertThat(versions).isEqualTo(expected);
      try (ResultSet rs = st.executeQuery("SELECT state FROM " + pgSchema + "._trigger_log"
          + " ORDER BY id")) {
        List<String> states = new ArrayList<>();
        while (rs.next()) {
          states.add(rs.getString(1));
        }
        assertThat(states).containsExactly("SUCCESS", "FAILED", "SUCCESS", "NEW");
      }
    }
  }

  @Test void laterCyclesAskSalesforceAndBitbucketOnlyForWhatChangedAndReadOnlyMirrorsRefuse()
      throws Exception {
    Path model = writeModel(dir.resolve("sf-bb.json"),
        TestSources.salesforceSchema("salesforce", true, ""),
        TestSources.bitbucketSchema("bitbucket", "acme", true, ""), pgSchema(pgSchema));
    List<String> tables = List.of("salesforce.Contact", "bitbucket.Issues",
        "bitbucket.Repositories");
    try (Mirror m = Mirror.open(model, "pg", tables, Duration.ofHours(1), QUIET)) {
      for (Mirror.TableCycle c : m.cycle()) {
        assertThat(c.error()).as(c.table()).isNull();
        assertThat(c.inserted()).as(c.table()).isPositive();
      }
      // A record written now has a modstamp with milliseconds, which SOQL cannot state.
      try (Connection saas = DriverManager.getConnection(ConnectionUrls.forModel(model));
           Statement st = saas.createStatement()) {
        st.executeUpdate("INSERT INTO salesforce.Contact (LastName) VALUES ('Mirrored')");
      }
      m.cycle();
      TestSources.salesforce().clearRequests();
      TestSources.bitbucket().clearRequests();
      List<Mirror.TableCycle> again = m.cycle();
      assertThat(again.get(0).updated() + again.get(0).inserted()).isZero();
      assertThat(again.get(1).updated() + again.get(1).inserted()).isZero();
      List<String> soql = TestSources.salesforce().requests().stream()
          .filter(r -> r.query().containsKey("q")).map(r -> r.query().get("q").get(0)).toList();
      assertThat(soql).isNotEmpty().allSatisfy(q -> assertThat(q).contains("SystemModstamp >="));
      List<String> issueFilters = TestSources.bitbucket().requests().stream()
          .filter(r -> r.path().endsWith("/issues"))
          .map(r -> String.valueOf(r.query().get("q"))).toList();
      assertThat(issueFilters).isNotEmpty().allSatisfy(q -> assertThat(q).contains("updated_on"));
    }
    try (Statement st = pg.createStatement()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> st.executeUpdate("UPDATE "
          + pgSchema + ".repositories SET name = 'x'"))
          .hasMessageContaining("bitbucket.Repositories, which its API does not let anyone write");
    }
  }

  private long copiedRows() throws SQLException {
    try (Statement st = pg.createStatement();
         ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.tables WHERE"
             + " table_schema = '" + pgSchema + "' AND table_name = 'issues'")) {
      rs.next();
      if (rs.getLong(1) == 0) {
        return 0;
      }
    }
    try (Statement st = pg.createStatement();
         ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + pgSchema + ".issues")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
