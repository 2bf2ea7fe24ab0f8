package io.saasql.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.saasql.sandbox.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Batches, {@code nextRecordsUrl} locators and queryAll. */
class SoqlPagingTest {
  private static SalesforceSandbox sandbox;
  private static SalesforceClient client;

  @BeforeAll
  static void start() {
    sandbox = new SalesforceSandbox().start();
    client = new SalesforceClient(sandbox);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  /** Follows nextRecordsUrl until done; returns the batch sizes and collects the Ids. */
  private static List<Integer> pageThrough(SalesforceClient.Answer first, List<String> ids, String... headers) {
    List<Integer> sizes = new ArrayList<>();
    SalesforceClient.Answer answer = first;
    while (true) {
      assertThat(answer.status()).as(answer.body()).isEqualTo(200);
      JsonNode body = answer.json();
      body.get("records").forEach(r -> ids.add(r.get("Id").asText()));
      sizes.add(body.get("records").size());
      if (body.get("done").asBoolean()) {
        assertThat(body.has("nextRecordsUrl")).isFalse();
        return sizes;
      }
      String next = body.get("nextRecordsUrl").asText();
      assertThat(next).matches("/services/data/v65\\.0/query/01g[0-9A-Za-z]{15}-\\d+");
      answer = client.get(next, headers);
    }
  }

  private static List<String> liveIds(String sObject) {
    return sandbox.liveRecords(sObject).stream()
        .map(r -> r.get("Id").asText())
        .toList();
  }

  @Test
  void defaultBatchIs2000() {
    List<String> expected = liveIds("Contact");
    assertThat(expected.size()).isGreaterThan(2000);
    sandbox.clearRequests();
    SalesforceClient.Answer first = client.query("SELECT Id, Name FROM Contact");
    JsonNode body = first.json();
    assertThat(body.fieldNames()).toIterable().containsExactly("totalSize", "done", "nextRecordsUrl", "records");
    assertThat(body.get("totalSize").asInt()).isEqualTo(expected.size());
    assertThat(body.get("nextRecordsUrl").asText()).endsWith("-2000");
    List<String> ids = new ArrayList<>();
    assertThat(pageThrough(first, ids)).containsExactly(2000, expected.size() - 2000);
    assertThat(ids).isEqualTo(expected);
    List<RecordedRequest> log = sandbox.requests();
    assertThat(log).hasSize(2);
    assertThat(log.get(1).describe()).matches("GET /services/data/v65\\.0/query/01g\\w+-2000");
  }

  @Test
  void batchSizeHeaderIsClampedTo200To2000() {
    List<String> ids = new ArrayList<>();
    assertThat(pageThrough(client.query("SELECT Id FROM Opportunity", "Sforce-Query-Options", "batchSize=500"), ids))
        .containsExactly(500, 500, 493);
    assertThat(ids).isEqualTo(liveIds("Opportunity"));

    List<String> small = new ArrayList<>();
    assertThat(pageThrough(client.query("SELECT Id FROM Account", "Sforce-Query-Options", "batchSize=50"), small))
        .containsExactly(200, 200, 95);
    List<String> big = new ArrayList<>();
    assertThat(pageThrough(client.query("SELECT Id FROM Contact", "Sforce-Query-Options", "batchSize=5000"), big))
        .startsWith(2000);
    // The header on a continuation request sets that batch.
    List<String> mixed = new ArrayList<>();
    assertThat(pageThrough(client.query("SELECT Id FROM Opportunity", "Sforce-Query-Options", "batchSize=1000"),
        mixed, "Sforce-Query-Options", "batchSize=200"))
        .containsExactly(1000, 200, 200, 93);
    assertThat(mixed).isEqualTo(liveIds("Opportunity"));
  }

  @Test
  void limitAcrossBatches() {
    List<String> ids = new ArrayList<>();
    SalesforceClient.Answer first =
        client.query("SELECT Id FROM Contact ORDER BY Name LIMIT 450", "Sforce-Query-Options", "batchSize=200");
    assertThat(first.json().get("totalSize").asInt()).isEqualTo(450);
    assertThat(pageThrough(first, ids)).containsExactly(200, 200, 50);
    assertThat(ids).doesNotHaveDuplicates();
  }

  @Test
  void queryAllIncludesDeletedRows() {
    JsonNode deleted = client.queryAll("SELECT Name, IsDeleted FROM Account WHERE IsDeleted = true ORDER BY Name").json();
    assertThat(deleted.get("records")).extracting(r -> r.get("Name").asText()).containsExactly(
        "Bygone Trading Co.", "Defunct Holdings Ltd", "Former Ventures LLC", "O'Reilly Freight",
        "Old Mill Foods Inc.");
    assertThat(client.records("SELECT Name FROM Account WHERE IsDeleted = true")).isEmpty();
    assertThat(client.records("SELECT Name FROM Account WHERE Name = 'O\\'Reilly Freight'")).isEmpty();
    assertThat(client.queryAll("SELECT Id FROM Account WHERE Name = 'O\\'Reilly Freight'").json().get("records").get(0)
        .get("Id").asText()).isEqualTo("0015g000000AIPGAA4");

    List<String> ids = new ArrayList<>();
    pageThrough(client.queryAll("SELECT Id FROM Contact"), ids);
    assertThat(ids).hasSize(sandbox.records("Contact").size()).doesNotHaveDuplicates();
    assertThat(client.queryAll("SELECT COUNT() FROM Invoice__c WHERE IsDeleted = true").json().get("totalSize").asInt())
        .isEqualTo(4);
  }

  @Test
  void unknownOrExpiredLocatorIsInvalidQueryLocator() {
    String next = client.query("SELECT Id FROM Contact").json().get("nextRecordsUrl").asText();
    SalesforceClient.Answer unknown = client.get("/services/data/v65.0/query/01g5g0000000000AAA-2000");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body())
        .isEqualTo("[{\"message\":\"invalid query locator\",\"errorCode\":\"INVALID_QUERY_LOCATOR\"}]");
    assertThat(client.get(next.replace("-2000", "-999999")).errorCode()).isEqualTo("INVALID_QUERY_LOCATOR");
    assertThat(client.get("/services/data/v65.0/query/garbage").errorCode()).isEqualTo("INVALID_QUERY_LOCATOR");
    // Any offset within the rows may be fetched again while the locator lives.
    assertThat(client.get(next.replace("-2000", "-2100")).json().get("records")).hasSize(liveIds("Contact").size() - 2100);

    sandbox.advanceClock(Duration.ofMinutes(14));
    assertThat(client.get(next).status()).isEqualTo(200); // using it keeps it alive
    sandbox.advanceClock(Duration.ofMinutes(16));
    client.forgetToken(); // the clock moved past the session too
    assertThat(client.get(next).errorCode()).isEqualTo("INVALID_QUERY_LOCATOR");
    assertThat(sandbox.openQueryLocators()).isZero();

    // A locator of one sandbox means nothing to another.
    String other = client.query("SELECT Id FROM Contact").json().get("nextRecordsUrl").asText();
    try (SalesforceSandbox another = new SalesforceSandbox().start()) {
      SalesforceClient anotherClient = new SalesforceClient(another);
      assertThat(anotherClient.get(other).errorCode()).isEqualTo("INVALID_QUERY_LOCATOR");
    }
  }

  @Test
  void recordCountsAreTheLiveRecordsOfEachObject() {
    JsonNode all = client.get("/services/data/v65.0/limits/recordCount").json().get("sObjects");
    for (JsonNode o : all) {
      assertThat(o.get("count").asLong()).as(o.toString())
          .isEqualTo(sandbox.liveRecords(o.get("name").asText()).size());
    }
    JsonNode two = client.get("/services/data/v65.0/limits/recordCount?sObjects=Account,User")
        .json().get("sObjects");
    assertThat(two).extracting(o -> o.get("name").asText())
        .containsExactlyInAnyOrder("Account", "User");
  }

  @Test
  void openingAnEleventhLocatorReleasesTheOldest() {
    sandbox.releaseQueryLocators();
    List<String> next = new ArrayList<>();
    for (int i = 0; i <= QueryCursors.MAX_OPEN; i++) {
      next.add(client.query("SELECT Id FROM Contact").json().get("nextRecordsUrl").asText());
    }
    assertThat(sandbox.openQueryLocators()).isEqualTo(QueryCursors.MAX_OPEN);
    assertThat(client.get(next.get(0)).errorCode()).isEqualTo("INVALID_QUERY_LOCATOR");
    for (String n : next.subList(1, next.size())) {
      assertThat(client.get(n).status()).isEqualTo(200);
    }
  }

  @Test
  void locatorsDoNotSurviveARestart() {
    try (SalesforceSandbox restarting = new SalesforceSandbox().start()) {
      SalesforceClient c = new SalesforceClient(restarting);
      String next = c.query("SELECT Id FROM Contact").json().get("nextRecordsUrl").asText();
      assertThat(c.get(next).status()).isEqualTo(200);
      restarting.close();
      restarting.start();
      SalesforceClient.Answer after = c.get(next); // same session, new port
      assertThat(after.status()).isEqualTo(400);
      assertThat(after.errorCode()).isEqualTo("INVALID_QUERY_LOCATOR");
    }
  }

  @Test
  void countNeverPages() {
    JsonNode body = client.query("SELECT COUNT() FROM Contact", "Sforce-Query-Options", "batchSize=200").json();
    assertThat(body.get("done").asBoolean()).isTrue();
    assertThat(body.get("totalSize").asInt()).isEqualTo(liveIds("Contact").size());
    assertThat(body.get("records")).isEmpty();
  }
}
