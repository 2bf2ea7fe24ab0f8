package io.saasql.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.saasql.sandbox.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Describe, single records, errors, the API limit, faults and the request log. */
class SalesforceApiTest {
  private static final String V = "/services/data/v65.0";
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

  @BeforeEach
  void clean() {
    sandbox.faults().reset();
    sandbox.dailyApiLimit(100_000);
    client.token();
    sandbox.clearRequests();
  }

  @Test
  void describeGlobal() {
    SalesforceClient.Answer a = client.get(V + "/sobjects/");
    assertThat(a.status()).isEqualTo(200);
    JsonNode body = a.json();
    assertThat(body.get("encoding").asText()).isEqualTo("UTF-8");
    assertThat(body.get("maxBatchSize").asInt()).isEqualTo(200);
    List<String> names = body.get("sobjects").findValuesAsText("name");
    assertThat(names).containsExactly("Account", "ActivityHistory", "AggregateResult", "Contact",
        "Invoice__c", "NoteAndAttachment", "Opportunity", "User");
    JsonNode account = body.get("sobjects").get(0);
    assertThat(account.get("keyPrefix").asText()).isEqualTo("001");
    assertThat(account.get("labelPlural").asText()).isEqualTo("Accounts");
    assertThat(account.get("queryable").asBoolean()).isTrue();
    assertThat(account.get("custom").asBoolean()).isFalse();
    assertThat(account.get("urls").get("describe").asText()).isEqualTo(V + "/sobjects/Account/describe");
    JsonNode aggregate = body.get("sobjects").get(2);
    assertThat(aggregate.get("queryable").asBoolean()).isFalse();
    JsonNode invoice = body.get("sobjects").get(4);
    assertThat(invoice.get("custom").asBoolean()).isTrue();
    assertThat(invoice.get("keyPrefix").asText()).isEqualTo("a0X");
    // Any version in the path.
    assertThat(client.get("/services/data/v58.0/sobjects").json().get("sobjects").get(0).get("urls")
        .get("sobject").asText()).isEqualTo("/services/data/v58.0/sobjects/Account");
  }

  @Test
  void describeObject() {
    JsonNode account = client.get(V + "/sobjects/account/describe").json();
    assertThat(account.get("name").asText()).isEqualTo("Account");
    List<String> fieldNames = account.get("fields").findValuesAsText("name");
    assertThat(fieldNames).startsWith("Id", "IsDeleted", "Name").contains("AnnualRevenue",
        "NumberOfEmployees", "Description", "OwnerId", "CreatedDate", "Backlog_Project_Id__c");
    JsonNode description = field(account, "Description");
    assertThat(description.get("type").asText()).isEqualTo("textarea");
    assertThat(description.get("length").asInt()).isEqualTo(32000);
    assertThat(description.get("filterable").asBoolean()).isFalse();
    assertThat(description.get("sortable").asBoolean()).isFalse();
    JsonNode industry = field(account, "Industry");
    assertThat(industry.get("type").asText()).isEqualTo("picklist");
    assertThat(industry.get("picklistValues").findValuesAsText("value")).contains("Technology", "Food & Beverage");
    assertThat(industry.get("picklistValues").get(0).fieldNames()).toIterable()
        .contains("value", "label", "active");
    JsonNode owner = field(account, "OwnerId");
    assertThat(owner.get("type").asText()).isEqualTo("reference");
    assertThat(owner.get("referenceTo").get(0).asText()).isEqualTo("User");
    assertThat(owner.get("relationshipName").asText()).isEqualTo("Owner");
    assertThat(field(account, "AnnualRevenue").get("type").asText()).isEqualTo("currency");
    assertThat(field(account, "NumberOfEmployees").get("type").asText()).isEqualTo("int");
    assertThat(field(account, "Backlog_Project_Id__c").get("type").asText()).isEqualTo("double");
    assertThat(field(account, "Backlog_Project_Id__c").get("custom").asBoolean()).isTrue();
    assertThat(field(account, "Website").get("type").asText()).isEqualTo("url");
    assertThat(field(account, "Phone").get("type").asText()).isEqualTo("phone");
    assertThat(field(account, "CreatedDate").get("type").asText()).isEqualTo("datetime");
    assertThat(field(account, "Id").get("type").asText()).isEqualTo("id");
    assertThat(field(account, "IsDeleted").get("type").asText()).isEqualTo("boolean");
    assertThat(field(account, "Name").get("length").asInt()).isEqualTo(255);
    assertThat(account.get("childRelationships").findValuesAsText("relationshipName"))
        .contains("Contacts", "Opportunities", "Invoices__r");

    JsonNode invoice = client.get(V + "/sobjects/Invoice__c/describe").json();
    assertThat(field(invoice, "Payment_Methods__c").get("type").asText()).isEqualTo("multipicklist");
    assertThat(field(invoice, "Payment_Methods__c").get("sortable").asBoolean()).isFalse();
    assertThat(field(invoice, "Payment_Methods__c").get("filterable").asBoolean()).isTrue();
    assertThat(field(invoice, "Reminder_Time__c").get("type").asText()).isEqualTo("time");
    assertThat(field(invoice, "Account__c").get("relationshipName").asText()).isEqualTo("Account__r");
    JsonNode contact = client.get(V + "/sobjects/Contact/describe").json();
    assertThat(field(contact, "Birthdate").get("type").asText()).isEqualTo("date");
    assertThat(field(contact, "Email").get("type").asText()).isEqualTo("email");
    JsonNode opportunity = client.get(V + "/sobjects/Opportunity/describe").json();
    assertThat(field(opportunity, "Probability").get("type").asText()).isEqualTo("percent");

    SalesforceClient.Answer unknown = client.get(V + "/sobjects/Nope__c/describe");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body())
        .isEqualTo("[{\"errorCode\":\"NOT_FOUND\",\"message\":\"The requested resource does not exist\"}]");
  }

  @Test
  void describeSaysWhichFieldsGroupAndAggregate() {
    JsonNode account = client.get(V + "/sobjects/Account/describe").json();
    JsonNode invoice = client.get(V + "/sobjects/Invoice__c/describe").json();
    JsonNode contact = client.get(V + "/sobjects/Contact/describe").json();
    // Groupable: ids, references, strings, picklists, phone, URL, e-mail, booleans, dates, ints.
    for (String name : List.of("Id", "OwnerId", "Name", "Industry", "Phone", "Website", "IsDeleted",
        "NumberOfEmployees")) {
      assertThat(field(account, name).get("groupable").asBoolean()).as(name).isTrue();
    }
    assertThat(field(contact, "Email").get("groupable").asBoolean()).isTrue();
    assertThat(field(contact, "Birthdate").get("groupable").asBoolean()).isTrue();
    assertThat(field(contact, "AccountId").get("groupable").asBoolean()).isTrue();
    // Not groupable: currency, double, percent, date-time, time, long text, multi-select
    // picklists, auto-numbers.
    for (String name : List.of("AnnualRevenue", "Backlog_Project_Id__c", "CreatedDate", "Description")) {
      assertThat(field(account, name).get("groupable").asBoolean()).as(name).isFalse();
    }
    for (String name : List.of("Amount__c", "Reminder_Time__c", "Payment_Methods__c", "Name")) {
      assertThat(field(invoice, name).get("groupable").asBoolean()).as(name).isFalse();
    }
    JsonNode opportunity = client.get(V + "/sobjects/Opportunity/describe").json();
    assertThat(field(opportunity, "Probability").get("groupable").asBoolean()).isFalse();
    // Aggregatable: all but booleans, times, multi-select picklists and long text areas.
    for (String name : List.of("Id", "Name", "AnnualRevenue", "NumberOfEmployees", "CreatedDate",
        "Industry", "OwnerId")) {
      assertThat(field(account, name).get("aggregatable").asBoolean()).as(name).isTrue();
    }
    assertThat(field(account, "IsDeleted").get("aggregatable").asBoolean()).isFalse();
    assertThat(field(account, "Description").get("aggregatable").asBoolean()).isFalse();
    assertThat(field(invoice, "Reminder_Time__c").get("aggregatable").asBoolean()).isFalse();
    assertThat(field(invoice, "Payment_Methods__c").get("aggregatable").asBoolean()).isFalse();
  }

  private static JsonNode field(JsonNode describe, String name) {
    for (JsonNode f : describe.get("fields")) {
      if (f.get("name").asText().equals(name)) {
        return f;
      }
    }
    throw new AssertionError("no field " + name);
  }

  @Test
  void oneRecordWithAllOrSomeFields() {
    String acme = "0015g0000000d1MAAQ";
    JsonNode all = client.get(V + "/sobjects/Account/" + acme).json();
    assertThat(all.get("attributes").get("type").asText()).isEqualTo("Account");
    assertThat(all.get("attributes").get("url").asText()).isEqualTo(V + "/sobjects/Account/" + acme);
    assertThat(all.get("Name").asText()).isEqualTo("Acme Corporation");
    assertThat(all.get("AnnualRevenue").asDouble()).isEqualTo(389107000.0);
    assertThat(all.get("NumberOfEmployees").asInt()).isEqualTo(2500);
    assertThat(all.get("CreatedDate").asText()).isEqualTo("2023-06-02T13:25:00.000+0000");
    assertThat(all.size()).isEqualTo(1 + sandbox.records("Account").get(0).size());

    JsonNode some = client.get(V + "/sobjects/Account/" + acme + "?fields=name,Industry").json();
    assertThat(some.fieldNames()).toIterable().containsExactly("attributes", "Name", "Industry", "Id");
    assertThat(some.get("Industry").asText()).isEqualTo("Manufacturing");
    // The 15-character Id works too.
    assertThat(client.get(V + "/sobjects/Account/" + acme.substring(0, 15) + "?fields=Name").json()
        .get("Id").asText()).isEqualTo(acme);

    SalesforceClient.Answer badField = client.get(V + "/sobjects/Account/" + acme + "?fields=Name,Foo");
    assertThat(badField.status()).isEqualTo(400);
    assertThat(badField.errorCode()).isEqualTo("INVALID_FIELD");
    assertThat(badField.errorMessage()).startsWith("No such column 'Foo' on entity 'Account'.");
    SalesforceClient.Answer missing = client.get(V + "/sobjects/Account/0015g0000000000AAA");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.errorCode()).isEqualTo("NOT_FOUND");
    assertThat(client.get(V + "/sobjects/Account/nonsense").status()).isEqualTo(404);
    SalesforceClient.Answer deleted = client.get(V + "/sobjects/Account/0015g000000AIPGAA4");
    assertThat(deleted.status()).isEqualTo(404);
    assertThat(deleted.errorCode()).isEqualTo("ENTITY_IS_DELETED");
  }

  @Test
  void everyApiAnswerCarriesTheLimitHeaderAndCountsOneCall() {
    int before = sandbox.apiCallsUsed();
    SalesforceClient.Answer ok = client.get(V + "/limits");
    SalesforceClient.Answer notFound = client.get(V + "/sobjects/Nope/describe");
    SalesforceClient.Answer badQuery = client.query("SELECT FROM");
    assertThat(sandbox.apiCallsUsed()).isEqualTo(before + 3);
    assertThat(ok.headers().get("Sforce-Limit-Info")).isEqualTo("api-usage=" + (before + 1) + "/100000");
    assertThat(notFound.headers().get("Sforce-Limit-Info")).isEqualTo("api-usage=" + (before + 2) + "/100000");
    assertThat(badQuery.headers().get("Sforce-Limit-Info")).isEqualTo("api-usage=" + (before + 3) + "/100000");
    assertThat(ok.json().at("/DailyApiRequests/Max").asInt()).isEqualTo(100_000);
    assertThat(ok.json().at("/DailyApiRequests/Remaining").asInt()).isEqualTo(100_000 - before - 1);
    // The token endpoint and 401s are not API calls.
    client.newToken();
    client.getWith("bad", V + "/limits");
    assertThat(sandbox.apiCallsUsed()).isEqualTo(before + 3);
  }

  @Test
  void dailyLimitAnswers403() {
    int used = sandbox.apiCallsUsed();
    sandbox.dailyApiLimit(used + 2);
    assertThat(client.get(V + "/limits").status()).isEqualTo(200);
    assertThat(client.query("SELECT Id FROM User LIMIT 1").status()).isEqualTo(200);
    SalesforceClient.Answer over = client.query("SELECT Id FROM User LIMIT 1");
    assertThat(over.status()).isEqualTo(403);
    assertThat(over.body())
        .isEqualTo("[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]");
    assertThat(over.headers().get("Sforce-Limit-Info")).isEqualTo("api-usage=" + (used + 2) + "/" + (used + 2));
    assertThat(sandbox.apiCallsUsed()).isEqualTo(used + 2);
    sandbox.dailyApiLimit(100_000);
    assertThat(client.get(V + "/limits").status()).isEqualTo(200);
  }

  @Test
  void faultsUseSalesforceBodies() {
    sandbox.faults().rateLimitNext(1, 3);
    SalesforceClient.Answer limited = client.query("SELECT Id FROM User");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.headers().get("Retry-After")).isEqualTo("3");
    assertThat(limited.errorCode()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
    sandbox.faults().failNext(1, 500);
    SalesforceClient.Answer failed = client.query("SELECT Id FROM User");
    assertThat(failed.status()).isEqualTo(500);
    assertThat(failed.errorCode()).isEqualTo("UNKNOWN_EXCEPTION");
    sandbox.faults().failNext(1, 503);
    SalesforceClient.Answer token = client.tokenRequest("grant_type", "client_credentials");
    assertThat(token.status()).isEqualTo(503);
    assertThat(token.json().get("error").asText()).isEqualTo("unknown_error");
    sandbox.faults().malformedNext(1);
    SalesforceClient.Answer broken = client.query("SELECT Id FROM User");
    assertThat(broken.status()).isEqualTo(200);
    assertThatThrownBy(broken::json).isInstanceOf(java.io.UncheckedIOException.class);
    assertThat(client.query("SELECT Id FROM User").status()).isEqualTo(200);
  }

  @Test
  void requestLogShowsEachQuery() {
    client.query("SELECT Id, Name FROM Account WHERE Name LIKE 'Acme%' ORDER BY Name LIMIT 5");
    client.get(V + "/sobjects/Contact/describe");
    client.get("/nowhere");
    List<RecordedRequest> log = sandbox.requests();
    assertThat(log).extracting(RecordedRequest::describe).containsExactly(
        "GET " + V + "/query?q=SELECT Id, Name FROM Account WHERE Name LIKE 'Acme%' ORDER BY Name LIMIT 5",
        "GET " + V + "/sobjects/Contact/describe",
        "GET /nowhere");
    assertThat(log).extracting(RecordedRequest::status).containsExactly(200, 200, 404);
    assertThat(log.get(0).query().get("q")).containsExactly(
        "SELECT Id, Name FROM Account WHERE Name LIKE 'Acme%' ORDER BY Name LIMIT 5");
  }

  @Test
  void concurrentQueriesAreAllAnswered() throws Exception {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<Integer>> sizes = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        int limit = i + 1;
        sizes.add(pool.submit(() -> client.records("SELECT Id FROM Contact ORDER BY Name LIMIT " + limit).size()));
      }
      for (int i = 0; i < sizes.size(); i++) {
        assertThat(sizes.get(i).get()).isEqualTo(i + 1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void versionsAndResources() {
    JsonNode versions = client.getWith(null, "/services/data").json();
    assertThat(versions.get(versions.size() - 1).get("url").asText()).isEqualTo("/services/data/v65.0");
    JsonNode resources = client.get(V).json();
    assertThat(resources.get("query").asText()).isEqualTo(V + "/query");
    assertThat(client.get("/services/data/latest/sobjects").status()).isEqualTo(404);
  }

  @Test
  void recordsAreDeepCopies() {
    List<com.fasterxml.jackson.databind.node.ObjectNode> contacts = sandbox.records("contact");
    assertThat(contacts).hasSizeGreaterThan(2300); // 2,200 generated and the mirrored ones
    contacts.get(0).put("LastName", "changed");
    assertThat(sandbox.records("Contact").get(0).get("LastName").asText()).isNotEqualTo("changed");
    assertThatThrownBy(() -> sandbox.records("Nope")).isInstanceOf(IllegalArgumentException.class);
  }
}
