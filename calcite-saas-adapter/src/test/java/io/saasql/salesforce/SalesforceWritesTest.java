package io.saasql.salesforce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.saasql.sandbox.postgres.DemoPostgres;
import io.saasql.sandbox.RecordedRequest;
import io.saasql.sandbox.salesforce.SalesforceSandbox;
import io.saasql.testing.TestSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Writes to Salesforce, against a sandbox of its own: collections, failures, timeouts. */
class SalesforceWritesTest {
  private static SalesforceSandbox sandbox;
  private static Connection connection;

  @BeforeAll static void start() throws Exception {
    sandbox = new SalesforceSandbox().start();
    DemoPostgres pg = DemoPostgres.shared();
    try (Connection p = pg.dataSource().getConnection(); Statement s = p.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS copies");
      s.execute("DROP TABLE IF EXISTS copies.leads");
      s.execute("CREATE TABLE copies.leads (n integer, company varchar(80), country varchar(80))");
      s.execute("INSERT INTO copies.leads SELECT g, 'Bulk Company ' || g,"
          + " (ARRAY['Japan','France','USA'])[1 + g % 3] FROM generate_series(1, 500) g");
    }
    String model = "{\"version\":\"1.0\",\"schemas\":[{\"name\":\"salesforce\",\"type\":\"custom\","
        + "\"factory\":\"io.saasql.salesforce.SalesforceSchemaFactory\",\"operand\":{"
        + "\"clientId\":\"" + sandbox.clientId() + "\",\"clientSecret\":\"" + sandbox.clientSecret()
        + "\",\"loginUrl\":\"" + sandbox.loginUrl() + "\",\"timeoutSeconds\":\"1\"}},"
        + "{\"name\":\"pg\",\"type\":\"custom\",\"factory\":\"io.saasql.core.jdbc.EnvironmentJdbcSchemaFactory\","
        + "\"operand\":{\"jdbcUrl\":\"" + pg.jdbcUrl() + "\",\"jdbcUser\":\"" + pg.user()
        + "\",\"jdbcPassword\":\"" + pg.password() + "\",\"jdbcSchema\":\"copies\"}}]}";
    connection = TestSources.connectSaasql(model);
  }

  @AfterAll static void stop() throws Exception {
    connection.close();
    sandbox.close();
  }

  @BeforeEach void reset() {
    sandbox.faults().reset();
    sandbox.clearRecordFailures();
    sandbox.clearRequests();
  }

  private static int update(String sql) throws SQLException {
    return TestSources.update(connection, sql);
  }

  private static List<RecordedRequest> writes() {
    return sandbox.requests().stream().filter(r -> !r.method().equals("GET")
        && !r.path().contains("oauth2")).toList();
  }

  private static List<ObjectNode> accountsNamed(String prefix) {
    return sandbox.records("Account").stream()
        .filter(a -> a.path("Name").asText().startsWith(prefix)).toList();
  }

  @Test void insertValuesUsesOneCollectionCall() throws Exception {
    int n = update("INSERT INTO salesforce.Account (Name, Industry, AnnualRevenue)"
        + " VALUES ('O''Neil Robotics', 'Electronics', 1500000), ('Zeta \\ Labs', NULL, NULL)");
    assertThat(n).isEqualTo(2);
    assertThat(writes()).extracting(RecordedRequest::path)
        .containsExactly("/services/data/v65.0/composite/sobjects");
    assertThat(accountsNamed("O'Neil Robotics")).hasSize(1)
        .allSatisfy(a -> assertThat(a.get("Industry").asText()).isEqualTo("Electronics"));
    assertThat(accountsNamed("Zeta \\ Labs")).hasSize(1);
  }

  @Test void fiveHundredRowsFromPostgresAreThreeCollectionCalls() throws Exception {
    int n = update("INSERT INTO salesforce.Account (Name, BillingCountry)"
        + " SELECT company, country FROM pg.leads");
    assertThat(n).isEqualTo(500);
    assertThat(writes()).hasSize(3).allSatisfy(r ->
        assertThat(r.path()).endsWith("/composite/sobjects"));
    assertThat(accountsNamed("Bulk Company ")).hasSize(500);
  }

  @Test void failureAtRow137ReportsRows1To136AndARerunAddsNoDuplicate() throws Exception {
    sandbox.failRecordsAfter(136, "FIELD_CUSTOM_VALIDATION_EXCEPTION");
    assertThatThrownBy(() -> update("INSERT INTO salesforce.Contact (LastName, FirstName)"
        + " SELECT company, CAST(n AS VARCHAR) FROM pg.leads ORDER BY n"))
        .hasMessageContaining("INSERT stopped at row 137")
        .hasMessageContaining("Written: 136 row(s): rows 1–136 (ids: 003")
        .hasMessageContaining("FIELD_CUSTOM_VALIDATION_EXCEPTION");
    List<ObjectNode> written = sandbox.records("Contact").stream()
        .filter(c -> c.path("LastName").asText().startsWith("Bulk Company ")).toList();
    assertThat(written).hasSize(136);
    assertThat(written).extracting(c -> c.get("FirstName").asInt())
        .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.rangeClosed(1, 136).boxed().toList());
    sandbox.clearRecordFailures();
    assertThat(update("INSERT INTO salesforce.Contact (LastName, FirstName)"
        + " SELECT company, CAST(n AS VARCHAR) FROM pg.leads WHERE n > 136")).isEqualTo(364);
    List<ObjectNode> all = sandbox.records("Contact").stream()
        .filter(c -> c.path("LastName").asText().startsWith("Bulk Company ")).toList();
    assertThat(all).hasSize(500);
    assertThat(all.stream().map(c -> c.get("FirstName").asText()).distinct().count()).isEqualTo(500);
  }

  @Test void aJdbcBatchOfInsertsUsesCollectionCalls() throws Exception {
    try (java.sql.PreparedStatement ps = connection.prepareStatement(
        "INSERT INTO salesforce.Account (Name, NumberOfEmployees) VALUES (?, ?)")) {
      for (int i = 0; i < 450; i++) {
        ps.setString(1, "Batched " + i);
        ps.setInt(2, i);
        ps.addBatch();
      }
      int[] counts = ps.executeBatch();
      assertThat(counts).hasSize(450).containsOnly(1);
    }
    assertThat(writes()).hasSize(3).allSatisfy(r ->
        assertThat(r.path()).endsWith("/composite/sobjects"));
    assertThat(accountsNamed("Batched ")).hasSize(450);
  }

  @Test void aCollectionThatTimesOutAfterBeingAppliedIsNotSentAgain() {
    sandbox.faults().applyThenStallNext(1, Duration.ofSeconds(3));
    assertThatThrownBy(() -> update("INSERT INTO salesforce.Account (Name) VALUES"
        + " ('Stalled One'), ('Stalled Two')"))
        .hasMessageContaining("got no answer for rows 1–2");
    assertThat(accountsNamed("Stalled ")).hasSize(2);
    assertThat(writes()).hasSize(1);
  }

  @Test void updateAndDeleteFindTheirRowsWithTheSamePushdown() throws Exception {
    long energy = sandbox.records("Account").stream()
        .filter(a -> !a.path("IsDeleted").asBoolean() && "Energy".equals(a.path("Industry").asText()))
        .count();
    assertThat(update("UPDATE salesforce.Account SET Rating = 'Hot' WHERE Industry = 'Energy'"))
        .isEqualTo(energy);
    assertThat(sandbox.requests()).filteredOn(r -> r.path().endsWith("/query"))
        .extracting(r -> r.query().get("q").get(0)).allMatch(q -> q.contains("WHERE Industry = 'Energy'"));
    assertThat(writes()).hasSize((int) energy).allMatch(r -> r.method().equals("PATCH"));
    assertThat(sandbox.records("Account").stream()
        .filter(a -> !a.path("IsDeleted").asBoolean() && "Energy".equals(a.path("Industry").asText()))
        .allMatch(a -> a.get("Rating").asText().equals("Hot"))).isTrue();
    String id = sandbox.records("Opportunity").get(10).get("Id").asText();
    sandbox.clearRequests();
    assertThat(update("DELETE FROM salesforce.Opportunity WHERE Id = '" + id + "'")).isEqualTo(1);
    assertThat(writes()).extracting(r -> r.method() + " " + r.path())
        .containsExactly("DELETE /services/data/v65.0/sobjects/Opportunity/" + id);
    assertThat(sandbox.record("Opportunity", id).get("IsDeleted").asBoolean()).isTrue();
  }

  @Test void readOnlyFieldsFailBeforeAnyCall() {
    assertThatThrownBy(() -> update("INSERT INTO salesforce.Account (Id, Name)"
        + " VALUES ('001000000000001AAA', 'x')"))
        .hasMessageContaining("Column Account.Id cannot be set by INSERT");
    assertThatThrownBy(() -> update("UPDATE salesforce.Account SET CreatedDate ="
        + " TIMESTAMP '2020-01-01 00:00:00' WHERE Name = 'x'"))
        .hasMessageContaining("Column Account.CreatedDate cannot be updated");
    assertThat(writes()).isEmpty();
  }
}
