package io.saasql.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.saasql.sandbox.RecordedRequest;
import io.saasql.sandbox.salesforce.SalesforceSandbox.RecordOperation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The write routes: single creates, updates and deletes, sObject Collections, their validation
 * errors, the store after each write, injected record failures and the base's write faults.
 */
class SalesforceWritesTest {
  private static final String V = "/services/data/v65.0";
  private static final String ACME = "0015g0000000d1MAAQ";
  /** "O'Reilly Freight": in the recycle bin. */
  private static final String DELETED_ACCOUNT = "0015g000000AIPGAA4";
  /** A well-formed Account Id no record has. */
  private static final String NO_ACCOUNT = "0015g0000000000AAA";
  private static final String A_USER = "0055g00000000G8AAI";
  private static SalesforceSandbox sandbox;
  private static SalesforceClient client;
  private static String integrationUser;

  @BeforeAll
  static void start() {
    sandbox = new SalesforceSandbox().start();
    client = new SalesforceClient(sandbox);
    integrationUser =
        sandbox.findRecords("User", "Username", SalesforceSeed.INTEGRATION_USERNAME).get(0).get("Id").asText();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @BeforeEach
  void clean() {
    sandbox.faults().reset();
    sandbox.clearRecordFailures();
    client.token();
    sandbox.clearRequests();
  }

  /** JSON written with single quotes. */
  private static String j(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  private static SalesforceClient.Answer post(String object, String json) {
    return client.send("POST", V + "/sobjects/" + object + "/", j(json));
  }

  private static SalesforceClient.Answer patch(String object, String id, String json) {
    return client.send("PATCH", V + "/sobjects/" + object + "/" + id, j(json));
  }

  private static SalesforceClient.Answer delete(String object, String id) {
    return client.send("DELETE", V + "/sobjects/" + object + "/" + id, null);
  }

  private static SalesforceClient.Answer collection(String method, String json) {
    return client.send(method, V + "/composite/sobjects", j(json));
  }

  private static String createAccount(String name) {
    SalesforceClient.Answer a = post("Account", "{'Name':'" + name + "'}");
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    return a.json().get("id").asText();
  }

  private static String lastId(String object) {
    List<ObjectNode> all = sandbox.records(object);
    return all.get(all.size() - 1).get("Id").asText();
  }

  // ---- single creates ----

  @Test
  void createReturnsTheNewIdAndStoresSystemFields() {
    int accounts = sandbox.records("Account").size();
    String previousLast = lastId("Account");
    Instant before = Instant.now().minusSeconds(1);
    SalesforceClient.Answer a =
        post("Account", "{'Name':'Sandbox Writes Ltd','industry':'Technology','NumberOfEmployees':42,"
            + "'AnnualRevenue':1234.56,'Website':'','attributes':{'type':'Account'}}");
    assertThat(a.status()).isEqualTo(201);
    String id = a.json().get("id").asText();
    assertThat(a.body()).isEqualTo("{\"id\":\"" + id + "\",\"success\":true,\"errors\":[]}");
    assertThat(a.headers().get("Content-Type")).startsWith("application/json");
    assertThat(a.headers().get("Location")).isNull();
    assertThat(id).hasSize(18).startsWith("0015g0").isGreaterThan(previousLast);
    assertThat(SalesforceIds.normalize(id.toLowerCase())).contains(id);

    ObjectNode r = sandbox.record("Account", id);
    assertThat(r.get("Id").asText()).isEqualTo(id);
    assertThat(r.get("Name").asText()).isEqualTo("Sandbox Writes Ltd");
    assertThat(r.get("Industry").asText()).isEqualTo("Technology");
    assertThat(r.get("NumberOfEmployees").isInt()).isTrue();
    assertThat(r.get("NumberOfEmployees").asInt()).isEqualTo(42);
    assertThat(r.get("AnnualRevenue").asDouble()).isEqualTo(1235.0); // currency(18, 0)
    assertThat(r.get("Website").isNull()).isTrue(); // "" is stored as null
    assertThat(r.get("OwnerId").asText()).isEqualTo(integrationUser);
    assertThat(r.get("IsDeleted").asBoolean()).isFalse();
    assertThat(r.get("Rating").isNull()).isTrue();
    String created = r.get("CreatedDate").asText();
    assertThat(created).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+0000");
    assertThat(SalesforceSeed.parseDateTime(created)).isBetween(before, Instant.now().plusSeconds(1));
    assertThat(r.get("LastModifiedDate").asText()).isEqualTo(created);
    assertThat(r.get("SystemModstamp").asText()).isEqualTo(created);
    assertThat(r.fieldNames()).toIterable().containsExactlyElementsOf(
        () -> sandbox.records("Account").get(0).fieldNames());

    // The store, the single GET and SOQL see it; Id order puts it last.
    assertThat(sandbox.records("Account")).hasSize(accounts + 1);
    assertThat(lastId("Account")).isEqualTo(id);
    assertThat(sandbox.createdIds()).endsWith(id);
    JsonNode got = client.get(V + "/sobjects/Account/" + id).json();
    assertThat(got.get("Name").asText()).isEqualTo("Sandbox Writes Ltd");
    assertThat(got.get("attributes").get("url").asText()).isEqualTo(V + "/sobjects/Account/" + id);
    JsonNode rows = client.records("SELECT Id, Owner.Name FROM Account WHERE Name = 'Sandbox Writes Ltd'");
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("Id").asText()).isEqualTo(id);
    assertThat(rows.get(0).at("/Owner/Name").asText()).isEqualTo("Integration User");
  }

  @Test
  void newIdsContinueTheObjectsSequence() {
    long last = SalesforceIds.number(lastId("Opportunity"));
    String first =
        post("Opportunity", "{'Name':'Seq 1','StageName':'Prospecting','CloseDate':'2026-01-31'}").json().get("id").asText();
    String second =
        post("Opportunity", "{'Name':'Seq 2','StageName':'Prospecting','CloseDate':'2026-01-31'}").json().get("id").asText();
    assertThat(SalesforceIds.number(first)).isEqualTo(last + 1);
    assertThat(SalesforceIds.number(second)).isEqualTo(last + 2);
    assertThat(first).startsWith("006");
    assertThat(sandbox.createdIds()).containsSubsequence(first, second);
  }

  @Test
  void derivedFieldsOfContactOpportunityAndInvoice() {
    int lastInvoice =
        sandbox.records("Invoice__c").stream()
            .mapToInt(r -> Integer.parseInt(r.get("Name").asText().substring(4)))
            .max()
            .orElseThrow();
    String contact =
        post("Contact", "{'FirstName':'Ada','LastName':'Lovelace','AccountId':'0015g0000000d1M',"
            + "'Email':'ada@example.com','Birthdate':'1815-12-10'}").json().get("id").asText();
    ObjectNode c = sandbox.record("Contact", contact);
    assertThat(contact).startsWith("003");
    assertThat(c.get("Name").asText()).isEqualTo("Ada Lovelace");
    assertThat(c.get("AccountId").asText()).isEqualTo(ACME); // 15 characters in, 18 stored
    assertThat(c.get("Birthdate").asText()).isEqualTo("1815-12-10");
    assertThat(c.get("HasOptedOutOfEmail").asBoolean()).isFalse();
    assertThat(client.records("SELECT Name FROM Contact WHERE Account.Name = 'Acme Corporation'"
        + " AND LastName = 'Lovelace'")).hasSize(1);

    String opportunity =
        post("Opportunity", "{'Name':'Big Deal','StageName':'Negotiation/Review','CloseDate':'2026-03-31',"
            + "'Amount':'1000.005','AccountId':'" + ACME + "'}").json().get("id").asText();
    ObjectNode o = sandbox.record("Opportunity", opportunity);
    assertThat(o.get("Probability").asDouble()).isEqualTo(90.0);
    assertThat(o.get("Amount").asDouble()).isEqualTo(1000.01);
    assertThat(o.get("IsClosed").asBoolean()).isFalse();
    assertThat(o.get("IsWon").asBoolean()).isFalse();
    assertThat(o.get("CloseDate").asText()).isEqualTo("2026-03-31");
    String won =
        post("Opportunity", "{'Name':'Won Deal','StageName':'Closed Won','CloseDate':'2026-03-31','Probability':95}")
            .json().get("id").asText();
    assertThat(sandbox.record("Opportunity", won).get("Probability").asDouble()).isEqualTo(95.0);
    assertThat(sandbox.record("Opportunity", won).get("IsWon").asBoolean()).isTrue();

    String invoice =
        post("Invoice__c", "{'Account__c':'" + ACME + "','Amount__c':99.5,'Status__c':'Draft',"
            + "'Due_Date__c':'2026-01-31','Reminder_Time__c':'09:30','Payment_Methods__c':'Card;Cheque',"
            + "'Paid__c':'false'}").json().get("id").asText();
    ObjectNode i = sandbox.record("Invoice__c", invoice);
    assertThat(invoice).startsWith("a0X");
    assertThat(i.get("Name").asText()).isEqualTo(String.format("INV-%05d", lastInvoice + 1));
    assertThat(i.get("Reminder_Time__c").asText()).isEqualTo("09:30:00.000Z");
    assertThat(i.get("Payment_Methods__c").asText()).isEqualTo("Card;Cheque");
    assertThat(i.get("Paid__c").asBoolean()).isFalse();
    String next = post("Invoice__c", "{'Amount__c':1}").json().get("id").asText();
    assertThat(sandbox.record("Invoice__c", next).get("Name").asText())
        .isEqualTo(String.format("INV-%05d", lastInvoice + 2));
  }

  @Test
  void createValidationErrors() {
    int accounts = sandbox.records("Account").size();
    int created = sandbox.createdCount();
    expectError(post("Account", "{'Name':'X','Foo__c':1}"), 400,
        "[{\"message\":\"No such column 'Foo__c' on sobject of type Account\",\"errorCode\":\"INVALID_FIELD\"}]");
    expectError(post("Account", "{'Id':'" + ACME + "','Name':'X'}"), 400,
        "[{\"message\":\"The Id field should not be specified in the sobject data.\",\"errorCode\":\"INVALID_FIELD\"}]");
    expectError(post("Account", "{'Name':'X','CreatedDate':'2024-01-01T00:00:00Z','IsDeleted':true}"), 400,
        "[{\"message\":\"Unable to create/update fields: CreatedDate, IsDeleted. Please check the security"
            + " settings of this field and verify that it is read/write for your profile or permission set.\","
            + "\"errorCode\":\"INVALID_FIELD_FOR_INSERT_UPDATE\",\"fields\":[\"CreatedDate\",\"IsDeleted\"]}]");
    expectError(post("Contact", "{'LastName':'X','Name':'Full'}"), 400,
        "[{\"message\":\"Unable to create/update fields: Name. Please check the security settings of this"
            + " field and verify that it is read/write for your profile or permission set.\","
            + "\"errorCode\":\"INVALID_FIELD_FOR_INSERT_UPDATE\",\"fields\":[\"Name\"]}]");

    // Required fields: nillable false, createable, no default.
    String nameMissing =
        "[{\"message\":\"Required fields are missing: [Name]\",\"errorCode\":\"REQUIRED_FIELD_MISSING\",\"fields\":[\"Name\"]}]";
    expectError(post("Account", "{'Industry':'Technology'}"), 400, nameMissing);
    expectError(post("Account", "{'Name':''}"), 400, nameMissing);
    expectError(post("Account", "{'Name':null}"), 400, nameMissing);
    expectError(post("Opportunity", "{'Amount':5}"), 400,
        "[{\"message\":\"Required fields are missing: [Name, StageName, CloseDate]\","
            + "\"errorCode\":\"REQUIRED_FIELD_MISSING\",\"fields\":[\"Name\",\"StageName\",\"CloseDate\"]}]");
    expectError(post("Contact", "{'FirstName':'Only'}"), 400,
        "[{\"message\":\"Required fields are missing: [LastName]\",\"errorCode\":\"REQUIRED_FIELD_MISSING\","
            + "\"fields\":[\"LastName\"]}]");

    // Wrong types fail in the JSON deserializer, with the token and where it ended.
    expectError(post("Account", "{'Name':'X','NumberOfEmployees':'many'}"), 400,
        "[{\"message\":\"Cannot deserialize instance of int from VALUE_STRING value many or request may be"
            + " missing a required field at [line:1, column:39]\",\"errorCode\":\"JSON_PARSER_ERROR\"}]");
    expectError(post("Account", "{'Name':'X','NumberOfEmployees':1.5}"), 400,
        "[{\"message\":\"Cannot deserialize instance of int from VALUE_NUMBER_FLOAT value 1.5 or request may"
            + " be missing a required field at [line:1, column:36]\",\"errorCode\":\"JSON_PARSER_ERROR\"}]");
    assertThat(post("Account", "{'Name':'X','AnnualRevenue':'lots'}").errorMessage())
        .startsWith("Cannot deserialize instance of currency from VALUE_STRING value lots");
    assertThat(post("Opportunity", "{'Name':'X','StageName':'Prospecting','CloseDate':'2024-13-45'}").errorMessage())
        .isEqualTo("Cannot deserialize instance of date from VALUE_STRING value 2024-13-45 or request may be"
            + " missing a required field at [line:1, column:63]");
    assertThat(post("Opportunity", "{'Name':'X','StageName':'Prospecting','CloseDate':'2024-01-01T00:00:00Z'}")
        .errorCode()).isEqualTo("JSON_PARSER_ERROR");
    assertThat(post("Contact", "{'LastName':'X','HasOptedOutOfEmail':'yes'}").errorMessage())
        .startsWith("Cannot deserialize instance of boolean from VALUE_STRING value yes");
    assertThat(post("Account", "{'Name':{'first':'X'}}").errorMessage())
        .startsWith("Cannot deserialize instance of string from START_OBJECT value {");
    assertThat(post("Account", "{'Name':'X','CreatedDate':'yesterday'}").errorMessage())
        .startsWith("Cannot deserialize instance of datetime from VALUE_STRING value yesterday");
    assertThat(post("Invoice__c", "{'Reminder_Time__c':'25:00'}").errorMessage())
        .startsWith("Cannot deserialize instance of time from VALUE_STRING value 25:00");
    expectError(client.send("POST", V + "/sobjects/Account", "{\"Name\": }"), 400,
        "[{\"message\":\"Unexpected character ('}' (code 125)): expected a value at [line:1, column:10]\","
            + "\"errorCode\":\"JSON_PARSER_ERROR\"}]");
    expectError(client.send("POST", V + "/sobjects/Account", ""), 400,
        "[{\"message\":\"The HTTP entity body is required, but this request has no entity body.\","
            + "\"errorCode\":\"JSON_PARSER_ERROR\"}]");
    assertThat(client.send("POST", V + "/sobjects/Account", "[]").errorMessage())
        .startsWith("Cannot deserialize instance of SObject from START_ARRAY value [");

    // Values checked against describe.
    String longName = "N".repeat(256);
    expectError(post("Account", "{'Name':'" + longName + "'}"), 400,
        "[{\"message\":\"Account Name: data value too large: " + longName + " (max length=255)\","
            + "\"errorCode\":\"STRING_TOO_LONG\",\"fields\":[\"Name\"]}]");
    assertThat(post("Account", "{'Name':'" + "N".repeat(255) + "'}").status()).isEqualTo(201);
    expectError(post("Account", "{'Name':'X','NumberOfEmployees':100000000}"), 400,
        "[{\"message\":\"Employees: value outside of valid range on numeric field: 100000000\","
            + "\"errorCode\":\"NUMBER_OUTSIDE_VALID_RANGE\",\"fields\":[\"NumberOfEmployees\"]}]");
    expectError(post("Contact", "{'LastName':'X','Email':'not-an-email'}"), 400,
        "[{\"message\":\"Email: invalid email address: not-an-email\",\"errorCode\":\"INVALID_EMAIL_ADDRESS\","
            + "\"fields\":[\"Email\"]}]");

    // References.
    expectError(post("Contact", "{'LastName':'X','AccountId':'abc'}"), 400,
        "[{\"message\":\"Account ID: id value of incorrect type: abc\",\"errorCode\":\"MALFORMED_ID\","
            + "\"fields\":[\"AccountId\"]}]");
    expectError(post("Contact", "{'LastName':'X','AccountId':'" + A_USER + "'}"), 400,
        "[{\"message\":\"Account ID: id value of incorrect type: " + A_USER + "\","
            + "\"errorCode\":\"FIELD_INTEGRITY_EXCEPTION\",\"fields\":[\"AccountId\"]}]");
    expectError(post("Contact", "{'LastName':'X','AccountId':'" + NO_ACCOUNT + "'}"), 400,
        "[{\"message\":\"invalid cross reference id\",\"errorCode\":\"INVALID_CROSS_REFERENCE_KEY\",\"fields\":[]}]");
    expectError(post("Contact", "{'LastName':'X','AccountId':'" + DELETED_ACCOUNT + "'}"), 400,
        "[{\"message\":\"entity is deleted\",\"errorCode\":\"ENTITY_IS_DELETED\",\"fields\":[]}]");
    expectError(post("Account", "{'Name':'X','OwnerId':'" + ACME + "'}"), 400,
        "[{\"message\":\"Owner ID: id value of incorrect type: " + ACME + "\","
            + "\"errorCode\":\"FIELD_INTEGRITY_EXCEPTION\",\"fields\":[\"OwnerId\"]}]");
    String owned = createAccountOwnedBy(A_USER);
    assertThat(sandbox.record("Account", owned).get("OwnerId").asText()).isEqualTo(A_USER);

    // Objects: unknown, and one describe says is not createable.
    expectError(post("Nope__c", "{'Name':'X'}"), 404,
        "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"The requested resource does not exist\"}]");
    SalesforceClient.Answer user = post("User", "{'LastName':'X'}");
    assertThat(user.status()).isEqualTo(405);
    assertThat(user.errorMessage()).isEqualTo("HTTP Method 'POST' not allowed. Allowed are GET,HEAD");

    // Only the two valid creates were stored.
    assertThat(sandbox.records("Account")).hasSize(accounts + 2);
    assertThat(sandbox.createdCount()).isEqualTo(created + 2);
  }

  private static String createAccountOwnedBy(String owner) {
    SalesforceClient.Answer a = post("Account", "{'Name':'Owned','OwnerId':'" + owner.substring(0, 15) + "'}");
    assertThat(a.status()).isEqualTo(201);
    return a.json().get("id").asText();
  }

  private static void expectError(SalesforceClient.Answer answer, int status, String body) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.body()).isEqualTo(body);
  }

  // ---- single updates ----

  @Test
  void updateChangesFieldsClearsNullsAndMovesStampsForward() {
    String id = "0015g0000001VViAAM"; // Initech Software
    ObjectNode before = sandbox.record("Account", id);
    assertThat(before.get("Website").isNull()).isFalse();
    SalesforceClient.Answer a =
        patch("Account", id, "{'Phone':'+1-555-0000','website':null,'NumberOfEmployees':'1300'}");
    assertThat(a.status()).isEqualTo(204);
    assertThat(a.body()).isEmpty();
    assertThat(a.headers().get("Sforce-Limit-Info")).startsWith("api-usage=");

    ObjectNode after = sandbox.record("Account", id);
    assertThat(after.get("Phone").asText()).isEqualTo("+1-555-0000");
    assertThat(after.get("Website").isNull()).isTrue();
    assertThat(after.get("NumberOfEmployees").asInt()).isEqualTo(1300);
    assertThat(after.get("Name")).isEqualTo(before.get("Name"));
    assertThat(after.get("CreatedDate")).isEqualTo(before.get("CreatedDate"));
    Instant modified = SalesforceSeed.parseDateTime(after.get("LastModifiedDate").asText());
    assertThat(modified).isAfter(SalesforceSeed.parseDateTime(before.get("LastModifiedDate").asText()));
    assertThat(after.get("SystemModstamp")).isEqualTo(after.get("LastModifiedDate"));
    JsonNode row = client.records("SELECT Phone, Website FROM Account WHERE Id = '" + id + "'").get(0);
    assertThat(row.get("Phone").asText()).isEqualTo("+1-555-0000");
    assertThat(row.get("Website").isNull()).isTrue();

    // The 15-character Id and a case-folded 18-character one name the same record; every update
    // moves the stamps forward, even one that changes nothing.
    assertThat(patch("Account", id.substring(0, 15), "{'Rating':'Hot'}").status()).isEqualTo(204);
    assertThat(patch("Account", id.toLowerCase(), "{}").status()).isEqualTo(204);
    ObjectNode last = sandbox.record("Account", id);
    assertThat(last.get("Rating").asText()).isEqualTo("Hot");
    assertThat(SalesforceSeed.parseDateTime(last.get("SystemModstamp").asText())).isAfter(modified);
  }

  @Test
  void updateKeepsDerivedFieldsInStep() {
    String contact = post("Contact", "{'FirstName':'Grace','LastName':'Brewster'}").json().get("id").asText();
    assertThat(patch("Contact", contact, "{'LastName':'Hopper'}").status()).isEqualTo(204);
    assertThat(sandbox.record("Contact", contact).get("Name").asText()).isEqualTo("Grace Hopper");
    assertThat(patch("Contact", contact, "{'FirstName':null}").status()).isEqualTo(204);
    assertThat(sandbox.record("Contact", contact).get("Name").asText()).isEqualTo("Hopper");
    assertThat(patch("Contact", contact, "{'HasOptedOutOfEmail':true}").status()).isEqualTo(204);
    assertThat(patch("Contact", contact, "{'HasOptedOutOfEmail':null}").status()).isEqualTo(204);
    assertThat(sandbox.record("Contact", contact).get("HasOptedOutOfEmail").asBoolean()).isFalse();

    String opportunity =
        post("Opportunity", "{'Name':'Stage Walk','StageName':'Prospecting','CloseDate':'2026-06-30'}")
            .json().get("id").asText();
    assertThat(sandbox.record("Opportunity", opportunity).get("Probability").asDouble()).isEqualTo(10.0);
    assertThat(patch("Opportunity", opportunity, "{'StageName':'Closed Won'}").status()).isEqualTo(204);
    ObjectNode won = sandbox.record("Opportunity", opportunity);
    assertThat(won.get("Probability").asDouble()).isEqualTo(100.0);
    assertThat(won.get("IsClosed").asBoolean()).isTrue();
    assertThat(won.get("IsWon").asBoolean()).isTrue();
  }

  @Test
  void updateErrors() {
    String id = "0015g0000002O04AAE"; // Stark Energy Systems
    ObjectNode before = sandbox.record("Account", id);
    expectError(patch("Account", id, "{'Name':null}"), 400,
        "[{\"message\":\"Required fields are missing: [Name]\",\"errorCode\":\"REQUIRED_FIELD_MISSING\",\"fields\":[\"Name\"]}]");
    expectError(patch("Account", id, "{'Name':'Y','SystemModstamp':'2030-01-01T00:00:00.000+0000'}"), 400,
        "[{\"message\":\"Unable to create/update fields: SystemModstamp. Please check the security settings of"
            + " this field and verify that it is read/write for your profile or permission set.\","
            + "\"errorCode\":\"INVALID_FIELD_FOR_INSERT_UPDATE\",\"fields\":[\"SystemModstamp\"]}]");
    expectError(patch("Account", id, "{'Id':'" + id + "','Name':'Y'}"), 400,
        "[{\"message\":\"The Id field should not be specified in the sobject data.\",\"errorCode\":\"INVALID_FIELD\"}]");
    assertThat(patch("Account", id, "{'Bogus':1}").errorCode()).isEqualTo("INVALID_FIELD");
    assertThat(patch("Account", id, "{'NumberOfEmployees':true}").errorMessage())
        .startsWith("Cannot deserialize instance of int from VALUE_TRUE value true");
    assertThat(patch("Account", id, "").errorCode()).isEqualTo("JSON_PARSER_ERROR");
    String notFound = "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"The requested resource does not exist\"}]";
    expectError(patch("Account", NO_ACCOUNT, "{'Name':'Y'}"), 404, notFound);
    expectError(patch("Account", "nonsense", "{'Name':'Y'}"), 404, notFound);
    expectError(patch("Account", DELETED_ACCOUNT, "{'Name':'Y'}"), 404,
        "[{\"message\":\"entity is deleted\",\"errorCode\":\"ENTITY_IS_DELETED\"}]");
    String contact = sandbox.records("Contact").get(0).get("Id").asText();
    expectError(patch("Account", contact, "{'Name':'Y'}"), 400,
        "[{\"message\":\"Account ID: id value of incorrect type: " + contact + "\",\"errorCode\":\"MALFORMED_ID\","
            + "\"fields\":[\"Id\"]}]");
    expectError(patch("Account", id, "{'Website':'" + "w".repeat(256) + "'}"), 400,
        "[{\"message\":\"Website: data value too large: " + "w".repeat(256) + " (max length=255)\","
            + "\"errorCode\":\"STRING_TOO_LONG\",\"fields\":[\"Website\"]}]");
    SalesforceClient.Answer user = patch("User", A_USER, "{'Title':'X'}");
    assertThat(user.status()).isEqualTo(405);
    assertThat(user.errorMessage()).isEqualTo("HTTP Method 'PATCH' not allowed. Allowed are GET,HEAD");
    assertThat(sandbox.record("Account", id)).isEqualTo(before);
  }

  // ---- single deletes ----

  @Test
  void deleteMovesTheRecordAndItsChildrenToTheRecycleBin() {
    String account = createAccount("Doomed Holdings");
    String contact =
        post("Contact", "{'LastName':'Doomed','AccountId':'" + account + "'}").json().get("id").asText();
    String invoice = post("Invoice__c", "{'Account__c':'" + account + "'}").json().get("id").asText();
    int live = client.query("SELECT COUNT() FROM Account").json().get("totalSize").asInt();

    SalesforceClient.Answer a = delete("Account", account);
    assertThat(a.status()).isEqualTo(204);
    assertThat(a.body()).isEmpty();
    ObjectNode gone = sandbox.record("Account", account);
    assertThat(gone.get("IsDeleted").asBoolean()).isTrue();
    assertThat(gone.get("SystemModstamp").asText()).isGreaterThanOrEqualTo(gone.get("CreatedDate").asText());
    assertThat(sandbox.record("Contact", contact).get("IsDeleted").asBoolean()).isTrue();
    assertThat(sandbox.record("Invoice__c", invoice).get("IsDeleted").asBoolean()).isTrue();

    assertThat(client.query("SELECT COUNT() FROM Account").json().get("totalSize").asInt()).isEqualTo(live - 1);
    assertThat(client.records("SELECT Id FROM Account WHERE Name = 'Doomed Holdings'")).isEmpty();
    JsonNode all = client.queryAll("SELECT Id, IsDeleted FROM Account WHERE Name = 'Doomed Holdings'").json();
    assertThat(all.get("totalSize").asInt()).isEqualTo(1);
    assertThat(all.at("/records/0/IsDeleted").asBoolean()).isTrue();
    assertThat(client.records("SELECT Id FROM Contact WHERE LastName = 'Doomed'")).isEmpty();
    expectError(client.get(V + "/sobjects/Account/" + account), 404,
        "[{\"message\":\"entity is deleted\",\"errorCode\":\"ENTITY_IS_DELETED\"}]");

    expectError(delete("Account", account), 404,
        "[{\"message\":\"entity is deleted\",\"errorCode\":\"ENTITY_IS_DELETED\"}]");
    expectError(delete("Account", NO_ACCOUNT), 404,
        "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"The requested resource does not exist\"}]");
    assertThat(delete("Contact", ACME).errorCode()).isEqualTo("MALFORMED_ID");
    SalesforceClient.Answer user = delete("User", A_USER);
    assertThat(user.status()).isEqualTo(405);
    assertThat(sandbox.record("User", A_USER)).isNotNull();
  }

  @Test
  void otherMethodsAnswer405WithTheAllowedOnes() {
    SalesforceClient.Answer put = client.send("PUT", V + "/sobjects/Account/" + ACME, "{}");
    assertThat(put.status()).isEqualTo(405);
    assertThat(put.errorCode()).isEqualTo("METHOD_NOT_ALLOWED");
    assertThat(put.errorMessage()).isEqualTo("HTTP Method 'PUT' not allowed. Allowed are GET,HEAD,PATCH,DELETE");
    SalesforceClient.Answer get = client.get(V + "/composite/sobjects");
    assertThat(get.status()).isEqualTo(405);
    assertThat(get.errorMessage()).isEqualTo("HTTP Method 'GET' not allowed. Allowed are POST,PATCH,DELETE");
    assertThat(client.send("POST", V + "/sobjects/Account/" + ACME, "{}").status()).isEqualTo(405);
  }

  // ---- sObject Collections ----

  @Test
  void collectionCreateReportsEachRecordInOrder() {
    int created = sandbox.createdCount();
    SalesforceClient.Answer a =
        collection("POST", "{'allOrNone':false,'records':["
            + "{'attributes':{'type':'Account'},'Name':'Coll A'},"
            + "{'attributes':{'type':'Contact'},'LastName':'Coll','AccountId':'" + ACME + "'},"
            + "{'attributes':{'type':'Account'},'Industry':'Energy'},"
            + "{'attributes':{'type':'Account'},'Name':'Coll B'},"
            + "{'attributes':{'type':'Account'},'Id':'" + ACME + "','Name':'Coll C'},"
            + "{'attributes':{'type':'User'},'LastName':'Nobody'}]}");
    assertThat(a.status()).isEqualTo(200);
    JsonNode results = a.json();
    assertThat(results).hasSize(6);
    String accountA = results.get(0).get("id").asText();
    assertThat(results.get(0).toString()).isEqualTo("{\"id\":\"" + accountA + "\",\"success\":true,\"errors\":[]}");
    assertThat(results.get(1).get("id").asText()).startsWith("003");
    assertThat(results.get(2).toString()).isEqualTo(
        "{\"success\":false,\"errors\":[{\"statusCode\":\"REQUIRED_FIELD_MISSING\","
            + "\"message\":\"Required fields are missing: [Name]\",\"fields\":[\"Name\"]}]}");
    assertThat(results.get(3).get("success").asBoolean()).isTrue();
    assertThat(results.get(4).toString()).isEqualTo(
        "{\"success\":false,\"errors\":[{\"statusCode\":\"INVALID_FIELD_FOR_INSERT_UPDATE\","
            + "\"message\":\"cannot specify Id in an insert call\",\"fields\":[\"Id\"]}]}");
    assertThat(results.get(5).toString()).isEqualTo(
        "{\"success\":false,\"errors\":[{\"statusCode\":\"INVALID_TYPE_FOR_OPERATION\","
            + "\"message\":\"entity type cannot be inserted: User\",\"fields\":[]}]}");
    assertThat(sandbox.record("Account", accountA).get("Name").asText()).isEqualTo("Coll A");
    assertThat(sandbox.record("Account", results.get(3).get("id").asText()).get("Name").asText()).isEqualTo("Coll B");
    assertThat(sandbox.createdIds()).endsWith(accountA, results.get(1).get("id").asText(),
        results.get(3).get("id").asText());
    assertThat(sandbox.createdCount()).isEqualTo(created + 3);
    assertThat(sandbox.record("Account", ACME).get("Name").asText()).isEqualTo("Acme Corporation");
  }

  @Test
  void collectionCreateWithAllOrNoneRollsEverythingBack() {
    int accounts = sandbox.records("Account").size();
    int created = sandbox.createdCount();
    SalesforceClient.Answer a =
        collection("POST", "{'allOrNone':true,'records':["
            + "{'attributes':{'type':'Account'},'Name':'AON A'},"
            + "{'attributes':{'type':'Account'},'Name':''},"
            + "{'attributes':{'type':'Contact'},'LastName':'AON'}]}");
    assertThat(a.status()).isEqualTo(200);
    String rolledBack =
        "{\"success\":false,\"errors\":[{\"statusCode\":\"ALL_OR_NONE_OPERATION_ROLLED_BACK\",\"message\":"
            + "\"Record rolled back because not all records were valid and the request was using AllOrNone"
            + " header\",\"fields\":[]}]}";
    assertThat(a.json().get(0).toString()).isEqualTo(rolledBack);
    assertThat(a.json().get(1).at("/errors/0/statusCode").asText()).isEqualTo("REQUIRED_FIELD_MISSING");
    assertThat(a.json().get(2).toString()).isEqualTo(rolledBack);
    assertThat(sandbox.records("Account")).hasSize(accounts);
    assertThat(sandbox.findRecords("Account", "Name", "AON A")).isEmpty();
    assertThat(sandbox.findRecords("Contact", "LastName", "AON")).isEmpty();
    assertThat(sandbox.createdCount()).isEqualTo(created);

    // All valid: all created.
    SalesforceClient.Answer ok =
        collection("POST", "{'allOrNone':'true','records':[{'attributes':{'type':'Account'},'Name':'AON A'}]}");
    assertThat(ok.json().get(0).get("success").asBoolean()).isTrue();
    assertThat(sandbox.findRecords("Account", "Name", "AON A")).hasSize(1);
  }

  @Test
  void collectionRequestErrorsFailTheWholeRequest() {
    int created = sandbox.createdCount();
    expectError(collection("POST", "{'records':[{'attributes':{'type':'Account'},'Name':'Whole 1'},"
            + "{'attributes':{'type':'Account'},'Name':'Whole 2','Nope':1}]}"), 400,
        "[{\"message\":\"No such column 'Nope' on sobject of type Account\",\"errorCode\":\"INVALID_FIELD\"}]");
    assertThat(collection("POST", "{'records':[{'attributes':{'type':'Account'},'Name':'Whole 1',"
        + "'NumberOfEmployees':'x'}]}").errorMessage())
        .isEqualTo("Cannot deserialize instance of int from VALUE_STRING value x or request may be missing a"
            + " required field at [line:1, column:86]");
    expectError(collection("POST", "{'records':[{'Name':'Whole 1'}]}"), 400,
        "[{\"message\":\"Missing entity type information. sObject requires a separate 'type' field be sent.\","
            + "\"errorCode\":\"INVALID_TYPE\"}]");
    assertThat(collection("POST", "{'records':[{'attributes':{'type':'Nope__c'},'Name':'Whole 1'}]}").errorMessage())
        .startsWith("sObject type 'Nope__c' is not supported.");
    assertThat(collection("POST", "{'allOrNone':false}").errorCode()).isEqualTo("JSON_PARSER_ERROR");
    assertThat(collection("POST", "{'records':{}}").errorMessage())
        .startsWith("Cannot deserialize instance of list from START_OBJECT value {");
    assertThat(collection("POST", "{'allOrNone':'maybe','records':[]}").errorMessage())
        .startsWith("Cannot deserialize instance of boolean from VALUE_STRING value maybe");
    assertThat(collection("POST", "{'records':[]}").body()).isEqualTo("[]");

    StringBuilder tooMany = new StringBuilder("{'records':[");
    for (int i = 0; i < 201; i++) {
      tooMany.append(i == 0 ? "" : ",").append("{'attributes':{'type':'Account'},'Name':'Many ").append(i).append("'}");
    }
    expectError(collection("POST", tooMany + "]}"), 400,
        "[{\"message\":\"record limit reached. cannot submit more than 200 records into this call\","
            + "\"errorCode\":\"EXCEEDED_ID_LIMIT\"}]");
    assertThat(sandbox.createdCount()).isEqualTo(created);
    assertThat(sandbox.findRecords("Account", "Name", "Whole 1")).isEmpty();
  }

  @Test
  void collectionUpdate() {
    String a = createAccount("Upd A");
    String b = createAccount("Upd B");
    String contact = sandbox.records("Contact").get(5).get("Id").asText();
    SalesforceClient.Answer answer =
        collection("PATCH", "{'records':["
            + "{'attributes':{'type':'Account'},'id':'" + a + "','Industry':'Retail'},"
            + "{'attributes':{'type':'Account'},'Industry':'Retail'},"
            + "{'attributes':{'type':'Account'},'Id':'" + NO_ACCOUNT + "','Industry':'Retail'},"
            + "{'attributes':{'type':'Account'},'Id':'" + DELETED_ACCOUNT + "','Industry':'Retail'},"
            + "{'attributes':{'type':'Account'},'Id':'" + contact + "','Industry':'Retail'},"
            + "{'attributes':{'type':'Account'},'Id':'" + b + "','Name':null},"
            + "{'attributes':{'type':'Contact'},'Id':'" + contact + "','Title':'Chief Tester'}]}");
    assertThat(answer.status()).isEqualTo(200);
    JsonNode r = answer.json();
    assertThat(r.get(0).toString()).isEqualTo("{\"id\":\"" + a + "\",\"success\":true,\"errors\":[]}");
    assertThat(r.get(1).at("/errors/0").toString()).isEqualTo(
        "{\"statusCode\":\"MISSING_ARGUMENT\",\"message\":\"Id not specified in an update call\",\"fields\":[]}");
    assertThat(r.get(2).at("/errors/0").toString()).isEqualTo(
        "{\"statusCode\":\"INVALID_CROSS_REFERENCE_KEY\",\"message\":\"invalid cross reference id\",\"fields\":[]}");
    assertThat(r.get(3).at("/errors/0").toString()).isEqualTo(
        "{\"statusCode\":\"ENTITY_IS_DELETED\",\"message\":\"entity is deleted\",\"fields\":[]}");
    assertThat(r.get(4).at("/errors/0").toString()).isEqualTo(
        "{\"statusCode\":\"MALFORMED_ID\",\"message\":\"Account ID: id value of incorrect type: " + contact
            + "\",\"fields\":[\"Id\"]}");
    assertThat(r.get(5).at("/errors/0/statusCode").asText()).isEqualTo("REQUIRED_FIELD_MISSING");
    assertThat(r.get(6).get("id").asText()).isEqualTo(contact);
    assertThat(sandbox.record("Account", a).get("Industry").asText()).isEqualTo("Retail");
    assertThat(sandbox.record("Account", b).get("Name").asText()).isEqualTo("Upd B");
    assertThat(sandbox.record("Contact", contact).get("Title").asText()).isEqualTo("Chief Tester");

    // allOrNone: the valid update is undone, stamps included.
    ObjectNode before = sandbox.record("Account", a);
    SalesforceClient.Answer aon =
        collection("PATCH", "{'allOrNone':true,'records':["
            + "{'attributes':{'type':'Account'},'Id':'" + a + "','Industry':'Media'},"
            + "{'attributes':{'type':'Account'},'Id':'" + b + "','Name':''}]}");
    assertThat(aon.json().get(0).at("/errors/0/statusCode").asText()).isEqualTo("ALL_OR_NONE_OPERATION_ROLLED_BACK");
    assertThat(aon.json().get(1).at("/errors/0/statusCode").asText()).isEqualTo("REQUIRED_FIELD_MISSING");
    assertThat(sandbox.record("Account", a)).isEqualTo(before);
  }

  @Test
  void collectionDelete() {
    String a = createAccount("Del A");
    String b = createAccount("Del B");
    String c = createAccount("Del C");
    SalesforceClient.Answer answer =
        client.send("DELETE", V + "/composite/sobjects?ids=" + a + "," + NO_ACCOUNT + ",bad," + DELETED_ACCOUNT
            + "," + b + "&allOrNone=false", null);
    assertThat(answer.status()).isEqualTo(200);
    JsonNode r = answer.json();
    assertThat(r.get(0).toString()).isEqualTo("{\"id\":\"" + a + "\",\"success\":true,\"errors\":[]}");
    assertThat(r.get(1).at("/errors/0/statusCode").asText()).isEqualTo("INVALID_CROSS_REFERENCE_KEY");
    assertThat(r.get(2).at("/errors/0").toString()).isEqualTo(
        "{\"statusCode\":\"MALFORMED_ID\",\"message\":\"malformed id bad\",\"fields\":[]}");
    assertThat(r.get(3).toString()).isEqualTo(
        "{\"success\":false,\"errors\":[{\"statusCode\":\"ENTITY_IS_DELETED\",\"message\":\"entity is deleted\",\"fields\":[]}]}");
    assertThat(r.get(4).get("id").asText()).isEqualTo(b);
    assertThat(sandbox.record("Account", a).get("IsDeleted").asBoolean()).isTrue();
    assertThat(sandbox.record("Account", b).get("IsDeleted").asBoolean()).isTrue();
    assertThat(client.records("SELECT Id FROM Account WHERE Name LIKE 'Del %'")).hasSize(1);

    // allOrNone is a query parameter here.
    SalesforceClient.Answer aon =
        client.send("DELETE", V + "/composite/sobjects?ids=" + c + "," + a + "&allOrNone=true", null);
    assertThat(aon.json().get(0).at("/errors/0/statusCode").asText()).isEqualTo("ALL_OR_NONE_OPERATION_ROLLED_BACK");
    assertThat(aon.json().get(1).at("/errors/0/statusCode").asText()).isEqualTo("ENTITY_IS_DELETED");
    assertThat(sandbox.record("Account", c).get("IsDeleted").asBoolean()).isFalse();

    assertThat(client.send("DELETE", V + "/composite/sobjects", null).status()).isEqualTo(400);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 201; i++) {
      ids.add(NO_ACCOUNT);
    }
    assertThat(client.send("DELETE", V + "/composite/sobjects?ids=" + String.join(",", ids), null).errorCode())
        .isEqualTo("EXCEEDED_ID_LIMIT");
  }

  // ---- injected record failures ----

  /** Posts accounts "prefix 1" … "prefix n" in collections of at most 200; returns every result. */
  private static List<JsonNode> createInBatches(String prefix, int n, boolean allOrNone) {
    List<JsonNode> results = new ArrayList<>();
    for (int from = 1; from <= n; from += 200) {
      StringBuilder body = new StringBuilder("{'allOrNone':" + allOrNone + ",'records':[");
      for (int i = from; i < Math.min(n + 1, from + 200); i++) {
        body.append(i == from ? "" : ",").append("{'attributes':{'type':'Account'},'Name':'")
            .append(prefix).append(' ').append(i).append("'}");
      }
      SalesforceClient.Answer a = collection("POST", body + "]}");
      assertThat(a.status()).isEqualTo(200);
      a.json().forEach(results::add);
    }
    return results;
  }

  @Test
  void row137Of500Fails() {
    int created = sandbox.createdCount();
    sandbox.failRecordsAfter(136, 1, "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record",
        RecordOperation.CREATE);
    List<JsonNode> results = createInBatches("Row", 500, false);
    assertThat(results).hasSize(500);
    for (int i = 0; i < 500; i++) {
      assertThat(results.get(i).get("success").asBoolean()).as("row " + (i + 1)).isEqualTo(i != 136);
    }
    assertThat(results.get(136).toString()).isEqualTo(
        "{\"success\":false,\"errors\":[{\"statusCode\":\"UNABLE_TO_LOCK_ROW\","
            + "\"message\":\"unable to obtain exclusive access to this record\",\"fields\":[]}]}");
    assertThat(sandbox.createdCount()).isEqualTo(created + 499);
    assertThat(sandbox.findRecords("Account", "Name", "Row 137")).isEmpty();
    assertThat(sandbox.findRecords("Account", "Name", "Row 136")).hasSize(1);
    assertThat(sandbox.findRecords("Account", "Name", "Row 500")).hasSize(1);
  }

  @Test
  void everyRecordFailsAfterN() {
    sandbox.failRecordsAfter(1, "FIELD_CUSTOM_VALIDATION_EXCEPTION");
    assertThat(post("Account", "{'Name':'Sticky 1'}").status()).isEqualTo(201);
    expectError(post("Account", "{'Name':'Sticky 2'}"), 400,
        "[{\"message\":\"The record failed a validation rule.\",\"errorCode\":\"FIELD_CUSTOM_VALIDATION_EXCEPTION\","
            + "\"fields\":[]}]");
    // A record that fails its own validation keeps its own error.
    assertThat(post("Account", "{'Industry':'Energy'}").errorCode()).isEqualTo("REQUIRED_FIELD_MISSING");
    JsonNode results =
        collection("POST", "{'records':[{'attributes':{'type':'Account'},'Name':'Sticky 3'},"
            + "{'attributes':{'type':'Account'},'Name':'Sticky 4'}]}").json();
    assertThat(results.findValuesAsText("statusCode"))
        .containsExactly("FIELD_CUSTOM_VALIDATION_EXCEPTION", "FIELD_CUSTOM_VALIDATION_EXCEPTION");
    // Updates and deletes are not affected by a create rule.
    String sticky = sandbox.findRecords("Account", "Name", "Sticky 1").get(0).get("Id").asText();
    assertThat(patch("Account", sticky, "{'Rating':'Cold'}").status()).isEqualTo(204);
    sandbox.clearRecordFailures();
    assertThat(post("Account", "{'Name':'Sticky 5'}").status()).isEqualTo(201);
  }

  @Test
  void rolledBackRecordsGiveTheirCountBack() {
    sandbox.failRecordsAfter(2, 1, "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record",
        RecordOperation.CREATE);
    List<JsonNode> first = createInBatches("Retry", 4, true);
    assertThat(first).extracting(r -> r.at("/errors/0/statusCode").asText()).containsExactly(
        "ALL_OR_NONE_OPERATION_ROLLED_BACK", "ALL_OR_NONE_OPERATION_ROLLED_BACK", "UNABLE_TO_LOCK_ROW",
        "ALL_OR_NONE_OPERATION_ROLLED_BACK");
    assertThat(sandbox.findRecords("Account", "Name", "Retry 1")).isEmpty();
    // The retry gets past the one-off failure.
    List<JsonNode> retry = createInBatches("Retry", 4, true);
    assertThat(retry).allMatch(r -> r.get("success").asBoolean());
    assertThat(sandbox.findRecords("Account", "Name", "Retry 4")).hasSize(1);
  }

  @Test
  void updatesAndDeletesCanFailToo() {
    String id = createAccount("Flaky");
    sandbox.failRecordsAfter(0, 1, "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record",
        RecordOperation.UPDATE, RecordOperation.DELETE);
    expectError(patch("Account", id, "{'Rating':'Warm'}"), 400,
        "[{\"message\":\"unable to obtain exclusive access to this record\",\"errorCode\":\"UNABLE_TO_LOCK_ROW\","
            + "\"fields\":[]}]");
    assertThat(sandbox.record("Account", id).get("Rating").isNull()).isTrue();
    assertThat(patch("Account", id, "{'Rating':'Warm'}").status()).isEqualTo(204);
    sandbox.failRecordsAfter(0, 1, "UNABLE_TO_LOCK_ROW", "locked", RecordOperation.DELETE);
    assertThat(delete("Account", id).errorCode()).isEqualTo("UNABLE_TO_LOCK_ROW");
    assertThat(delete("Account", id).status()).isEqualTo(204);
    assertThatThrownBy(() -> sandbox.failRecordsAfter(0, 1, "X", "y"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---- the base's write faults ----

  @Test
  void failWritesAfterCountsRequestsNotTokens() {
    String id = createAccount("Fault Target");
    sandbox.faults().failWritesAfter(2, 503);
    assertThat(client.newToken()).isNotEmpty(); // a POST, but no write
    assertThat(post("Account", "{'Industry':'Energy'}").status()).isEqualTo(400); // failed: does not count
    assertThat(post("Account", "{'Name':'Fault 1'}").status()).isEqualTo(201);
    // A collection is one request, even with a failed record.
    SalesforceClient.Answer mixed =
        collection("POST", "{'records':[{'attributes':{'type':'Account'},'Name':'Fault 2'},"
            + "{'attributes':{'type':'Account'},'Name':''}]}");
    assertThat(mixed.status()).isEqualTo(200);
    assertThat(mixed.json().get(1).get("success").asBoolean()).isFalse();

    ObjectNode before = sandbox.record("Account", id);
    expectError(patch("Account", id, "{'Rating':'Hot'}"), 503,
        "[{\"message\":\"Server temporarily unavailable. Please try again later.\",\"errorCode\":\"SERVER_UNAVAILABLE\"}]");
    assertThat(delete("Account", id).status()).isEqualTo(503);
    assertThat(post("Account", "{'Name':'Fault 3'}").status()).isEqualTo(503);
    assertThat(sandbox.record("Account", id)).isEqualTo(before);
    assertThat(sandbox.findRecords("Account", "Name", "Fault 3")).isEmpty();
    // Reads and tokens go on.
    assertThat(client.get(V + "/sobjects/Account/" + id).status()).isEqualTo(200);
    assertThat(client.tokenRequest("grant_type", "client_credentials", "client_id", sandbox.clientId(),
        "client_secret", sandbox.clientSecret()).status()).isEqualTo(200);
    sandbox.faults().reset();
    assertThat(patch("Account", id, "{'Rating':'Hot'}").status()).isEqualTo(204);
  }

  @Test
  void applyThenStallAppliesTheWriteButTheClientTimesOut() {
    OkHttpClient impatient = new OkHttpClient.Builder().readTimeout(200, TimeUnit.MILLISECONDS).build();
    sandbox.faults().applyThenStallNext(1, Duration.ofMillis(1200));
    assertThatThrownBy(() -> client.send(impatient, "POST", V + "/sobjects/Account", j("{'Name':'Stalled Ltd'}")))
        .hasCauseInstanceOf(java.net.SocketTimeoutException.class);
    assertThat(sandbox.findRecords("Account", "Name", "Stalled Ltd")).hasSize(1);
    // Only the next write stalls; reads never do.
    assertThat(client.send(impatient, "GET", V + "/limits", null).status()).isEqualTo(200);
  }

  // ---- usage and the request log ----

  @Test
  void writesCountAsApiCallsAndAreLogged() {
    int used = sandbox.apiCallsUsed();
    SalesforceClient.Answer a = post("Account", "{'Name':'Logged Ltd'}");
    String id = a.json().get("id").asText();
    collection("POST", "{'records':[{'attributes':{'type':'Account'},'Name':'Logged 2'}]}");
    SalesforceClient.Answer d = delete("Account", id);
    assertThat(sandbox.apiCallsUsed()).isEqualTo(used + 3);
    assertThat(a.headers().get("Sforce-Limit-Info")).isEqualTo("api-usage=" + (used + 1) + "/100000");
    assertThat(d.headers().get("Sforce-Limit-Info")).isEqualTo("api-usage=" + (used + 3) + "/100000");
    List<RecordedRequest> log = sandbox.requests();
    assertThat(log).extracting(RecordedRequest::describe).containsExactly(
        "POST " + V + "/sobjects/Account/", "POST " + V + "/composite/sobjects",
        "DELETE " + V + "/sobjects/Account/" + id);
    assertThat(log).extracting(RecordedRequest::status).containsExactly(201, 200, 204);
    assertThat(log.get(0).body()).isEqualTo("{\"Name\":\"Logged Ltd\"}");

    // Over the daily limit a write is refused like a read, and changes nothing.
    sandbox.dailyApiLimit(sandbox.apiCallsUsed());
    try {
      assertThat(post("Account", "{'Name':'Over Limit'}").errorCode()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
      assertThat(sandbox.findRecords("Account", "Name", "Over Limit")).isEmpty();
    } finally {
      sandbox.dailyApiLimit(100_000);
    }
  }

  @Test
  void recordAccessorsAreDeepCopies() {
    ObjectNode acme = sandbox.record("Account", ACME.substring(0, 15));
    acme.put("Name", "changed");
    assertThat(sandbox.record("account", ACME).get("Name").asText()).isEqualTo("Acme Corporation");
    assertThat(sandbox.record("Account", NO_ACCOUNT)).isNull();
    assertThat(sandbox.record("Account", "nonsense")).isNull();
    assertThat(sandbox.record("Account", DELETED_ACCOUNT).get("IsDeleted").asBoolean()).isTrue();
    assertThat(sandbox.findRecords("Account", "NumberOfEmployees", "2500")).extracting(r -> r.get("Id").asText())
        .contains(ACME);
    assertThatThrownBy(() -> sandbox.record("Nope", ACME)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sandbox.findRecords("Account", "Nope", "x")).isInstanceOf(IllegalArgumentException.class);
  }
}
