package io.saasql.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SOQL over HTTP: every operator, literal and clause, checked against the seed records evaluated
 * independently in the test, and the errors for what Salesforce refuses.
 */
class SoqlQueryTest {
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

  // ---- helpers ----

  private static List<ObjectNode> live(String sObject) {
    return sandbox.liveRecords(sObject);
  }

  /** Ids of the live records matching a predicate, in Id order. */
  private static List<String> expectedIds(String sObject, Predicate<ObjectNode> p) {
    return live(sObject).stream().filter(p).map(r -> r.get("Id").asText()).toList();
  }

  private static List<String> ids(JsonNode records) {
    List<String> ids = new ArrayList<>();
    records.forEach(r -> ids.add(r.get("Id").asText()));
    return ids;
  }

  private static List<String> names(JsonNode records) {
    List<String> names = new ArrayList<>();
    records.forEach(r -> names.add(r.get("Name").asText()));
    return names;
  }

  private static List<String> queryIds(String soql) {
    return ids(client.records(soql));
  }

  private static String text(ObjectNode r, String field) {
    return r.get(field).isNull() ? null : r.get(field).asText();
  }

  private static SalesforceClient.Answer error(String soql) {
    SalesforceClient.Answer a = client.query(soql);
    assertThat(a.status()).as(soql).isEqualTo(400);
    return a;
  }

  // ---- selection ----

  @Test
  void selectsFieldsInDescribeCasingWithAttributes() {
    JsonNode records = client.records("select name, INDUSTRY, id from account where ID = '0015g0000000d1MAAQ'");
    assertThat(records).hasSize(1);
    JsonNode acme = records.get(0);
    assertThat(acme.fieldNames()).toIterable().containsExactly("attributes", "Name", "Industry", "Id");
    assertThat(acme.get("attributes").get("type").asText()).isEqualTo("Account");
    assertThat(acme.get("attributes").get("url").asText())
        .isEqualTo("/services/data/v65.0/sobjects/Account/0015g0000000d1MAAQ");
    assertThat(acme.get("Name").asText()).isEqualTo("Acme Corporation");

    JsonNode body = client.query("SELECT Id FROM Account").json();
    assertThat(body.fieldNames()).toIterable().containsExactly("totalSize", "done", "records");
    assertThat(body.get("totalSize").asInt()).isEqualTo(495);
    assertThat(ids(body.get("records"))).isEqualTo(expectedIds("Account", r -> true));
  }

  @Test
  void valuesInApiFormat() {
    JsonNode r = client.records("SELECT AnnualRevenue, NumberOfEmployees, CreatedDate, Backlog_Project_Id__c,"
        + " IsDeleted, Rating FROM Account WHERE Id = '0015g0000000d1MAAQ'").get(0);
    assertThat(r.get("AnnualRevenue").isDouble()).isTrue();
    assertThat(r.get("AnnualRevenue").asDouble()).isEqualTo(3.89107E8);
    assertThat(r.get("NumberOfEmployees").isInt()).isTrue();
    assertThat(r.get("CreatedDate").asText()).isEqualTo("2023-06-02T13:25:00.000+0000");
    assertThat(r.get("Backlog_Project_Id__c").asDouble()).isEqualTo(1.0);
    assertThat(r.get("IsDeleted").isBoolean()).isTrue();
    JsonNode c = client.records("SELECT Birthdate FROM Contact WHERE Birthdate != null LIMIT 1").get(0);
    assertThat(c.get("Birthdate").asText()).matches("\\d{4}-\\d\\d-\\d\\d");
    JsonNode i = client.records("SELECT Reminder_Time__c FROM Invoice__c WHERE Reminder_Time__c != null LIMIT 1").get(0);
    assertThat(i.get("Reminder_Time__c").asText()).matches("\\d\\d:\\d\\d:00\\.000Z");
  }

  @Test
  void parentRelationshipFields() {
    JsonNode records = client.records("SELECT LastName, Account.Name, Account.Owner.Name, AccountId FROM Contact"
        + " WHERE Account.Name = 'acme corporation' ORDER BY LastName LIMIT 3");
    assertThat(records).hasSize(3);
    JsonNode first = records.get(0);
    assertThat(first.fieldNames()).toIterable().containsExactly("attributes", "LastName", "Account", "AccountId");
    JsonNode account = first.get("Account");
    assertThat(account.get("attributes").get("type").asText()).isEqualTo("Account");
    assertThat(account.get("attributes").get("url").asText())
        .isEqualTo("/services/data/v65.0/sobjects/Account/0015g0000000d1MAAQ");
    assertThat(account.get("Name").asText()).isEqualTo("Acme Corporation");
    assertThat(account.get("Owner").get("Name").asText()).isEqualTo("Aiko Tanaka");
    assertThat(account.get("Owner").get("attributes").get("type").asText()).isEqualTo("User");

    JsonNode orphan = client.records("SELECT Id, Account.Name FROM Contact WHERE AccountId = null LIMIT 1").get(0);
    assertThat(orphan.get("Account").isNull()).isTrue();
    assertThat(client.records("SELECT Name, Account__r.Name FROM Invoice__c WHERE Account__r.Industry = 'Banking'"))
        .allSatisfy(r -> assertThat(r.get("Account__r").get("Name").isTextual()).isTrue());
    // "Account.Name" on Account qualifies the field with the object's own name.
    assertThat(client.records("SELECT Account.Name FROM Account WHERE Account.Id = '0015g0000000d1MAAQ'")
        .get(0).get("Name").asText()).isEqualTo("Acme Corporation");
  }

  // ---- operators ----

  @Test
  void comparisonOperatorsOnNumbers() {
    BigDecimal billion = new BigDecimal("1000000000");
    Predicate<ObjectNode> hasRevenue = r -> !r.get("AnnualRevenue").isNull();
    java.util.function.Function<ObjectNode, Integer> cmp =
        r -> r.get("AnnualRevenue").decimalValue().compareTo(billion);
    assertThat(queryIds("SELECT Id FROM Account WHERE AnnualRevenue > 1000000000"))
        .isEqualTo(expectedIds("Account", r -> hasRevenue.test(r) && cmp.apply(r) > 0)).isNotEmpty();
    assertThat(queryIds("SELECT Id FROM Account WHERE AnnualRevenue >= 1000000000.00"))
        .isEqualTo(expectedIds("Account", r -> hasRevenue.test(r) && cmp.apply(r) >= 0));
    assertThat(queryIds("SELECT Id FROM Account WHERE AnnualRevenue < 1e9".replace("1e9", "1000000000")))
        .isEqualTo(expectedIds("Account", r -> hasRevenue.test(r) && cmp.apply(r) < 0));
    assertThat(queryIds("SELECT Id FROM Account WHERE AnnualRevenue <= 1000000000"))
        .isEqualTo(expectedIds("Account", r -> hasRevenue.test(r) && cmp.apply(r) <= 0));
    assertThat(queryIds("SELECT Id FROM Account WHERE NumberOfEmployees = 2500"))
        .isEqualTo(expectedIds("Account", r -> r.get("NumberOfEmployees").asInt(-1) == 2500)).isNotEmpty();
    assertThat(queryIds("SELECT Id FROM Account WHERE AnnualRevenue = 389107000"))
        .containsExactly("0015g0000000d1MAAQ");
    assertThat(queryIds("SELECT Id FROM Invoice__c WHERE Amount__c < 150.5"))
        .isEqualTo(expectedIds("Invoice__c", r -> r.get("Amount__c").asDouble() < 150.5));
    assertThat(queryIds("SELECT Id FROM Invoice__c WHERE Amount__c > -1")).hasSize(796);
    assertThat(queryIds("SELECT Id FROM Opportunity WHERE Probability = 100"))
        .isEqualTo(expectedIds("Opportunity", r -> r.get("StageName").asText().equals("Closed Won")));
  }

  @Test
  void equalityAndInequalityOnStringsIgnoreCase() {
    assertThat(names(client.records("SELECT Name FROM Account WHERE Name = 'acme widgets'")))
        .containsExactly("ACME Widgets", "Acme Widgets");
    assertThat(names(client.records("SELECT Name FROM Account WHERE Name = 'ACME WIDGETS'"))).hasSize(2);
    assertThat(client.records("SELECT LastName FROM Contact WHERE LastName = 'McDonald'"))
        .extracting(r -> r.get("LastName").asText()).containsExactly("McDonald", "MCDONALD", "mcdonald");
    assertThat(names(client.records("SELECT Name FROM Account WHERE Name = 'CAFÉ ZOË LTD'")))
        .containsExactly("Café Zoë Ltd");
    assertThat(client.records("SELECT Id FROM Contact WHERE LastName = '山田'")).hasSize(1);
    // != and <> are the same; a null field is unequal to every value.
    Predicate<ObjectNode> notTech = r -> !"technology".equalsIgnoreCase(text(r, "Industry"));
    assertThat(queryIds("SELECT Id FROM Account WHERE Industry != 'TECHNOLOGY'"))
        .isEqualTo(expectedIds("Account", notTech));
    assertThat(queryIds("SELECT Id FROM Account WHERE Industry <> 'technology'"))
        .isEqualTo(expectedIds("Account", notTech))
        .containsAll(expectedIds("Account", r -> r.get("Industry").isNull()));
    // Range comparison on strings, case-insensitive.
    assertThat(queryIds("SELECT Id FROM Account WHERE Name < 'b'"))
        .isEqualTo(expectedIds("Account", r -> r.get("Name").asText().toUpperCase(Locale.ROOT).compareTo("B") < 0));
  }

  @Test
  void inAndNotIn() {
    Set<String> wanted = Set.of("technology", "finance");
    assertThat(queryIds("SELECT Id FROM Account WHERE Industry IN ('Technology', 'FINANCE')"))
        .isEqualTo(expectedIds("Account", r -> wanted.contains(String.valueOf(text(r, "Industry")).toLowerCase(Locale.ROOT))));
    assertThat(queryIds("SELECT Id FROM Account WHERE Industry NOT IN ('Technology', 'FINANCE')"))
        .isEqualTo(expectedIds("Account", r -> !wanted.contains(String.valueOf(text(r, "Industry")).toLowerCase(Locale.ROOT))));
    assertThat(queryIds("SELECT Id FROM Account WHERE Industry IN ('Technology', null)"))
        .isEqualTo(expectedIds("Account", r -> r.get("Industry").isNull() || r.get("Industry").asText().equals("Technology")));
    assertThat(queryIds("SELECT Id FROM Account WHERE Id IN ('0015g0000000d1MAAQ', '0015g00000014GX')"))
        .containsExactly("0015g0000000d1MAAQ", "0015g00000014GXAAY");
    assertThat(queryIds("SELECT Id FROM Account WHERE NumberOfEmployees IN (12, 45)"))
        .isEqualTo(expectedIds("Account", r -> Set.of(12, 45).contains(r.get("NumberOfEmployees").asInt(-1))));
    assertThat(queryIds("SELECT Id FROM Opportunity WHERE CloseDate IN (2024-03-01, 2024-03-02)"))
        .isEqualTo(expectedIds("Opportunity", r -> Set.of("2024-03-01", "2024-03-02").contains(r.get("CloseDate").asText())));
  }

  @Test
  void likeWithWildcardsAndEscapes() {
    assertThat(names(client.records("SELECT Name FROM Account WHERE Name LIKE 'acme%' ORDER BY Name")))
        .containsExactly("Acme Corporation", "ACME Widgets", "Acme Widgets");
    assertThat(names(client.records("SELECT Name FROM Account WHERE Name LIKE '100%'")))
        .containsExactlyInAnyOrder("100% Natural Foods", "1000 Natural Foods");
    assertThat(names(client.records("SELECT Name FROM Account WHERE Name LIKE '100\\%%'")))
        .containsExactly("100% Natural Foods");
    assertThat(names(client.records("SELECT Name FROM Account WHERE Name LIKE 'under_score%'")))
        .containsExactlyInAnyOrder("Under_score Labs", "UnderXscore Labs");
    assertThat(names(client.records("SELECT Name FROM Account WHERE Name LIKE 'Under\\_score%'")))
        .containsExactly("Under_score Labs");
    assertThat(names(client.records("SELECT Name FROM Account WHERE Name LIKE '%\\_%'")))
        .containsExactlyInAnyOrder("Under_score Labs", "It's 50% Off_Retail \\ \"Outlet\"");
    assertThat(client.records("SELECT Email FROM Contact WHERE Email LIKE 'jane\\_doe@%'"))
        .extracting(r -> r.get("Email").asText()).containsExactly("jane_doe@example.com");
    assertThat(client.records("SELECT Email FROM Contact WHERE Email LIKE 'jane_doe@%'")).hasSize(2);
    assertThat(queryIds("SELECT Id FROM Contact WHERE Title LIKE '%engineer%'"))
        .isEqualTo(expectedIds("Contact", r -> text(r, "Title") != null
            && r.get("Title").asText().toLowerCase(Locale.ROOT).contains("engineer")));
    assertThat(client.records("SELECT Id FROM Contact WHERE Title LIKE 'VP Sales \\\\ Marketing'")).hasSize(1);
    assertThat(names(client.records("SELECT Name FROM Account WHERE Name LIKE 'caf_ zo_ ltd'")))
        .containsExactly("Café Zoë Ltd");
  }

  @Test
  void stringLiteralEscapes() {
    assertThat(names(client.records("SELECT Name FROM Account WHERE Name = 'O\\'Reilly Media'")))
        .containsExactly("O'Reilly Media");
    assertThat(names(client.records("SELECT Name FROM Account WHERE Name = 'Back\\\\Slash Studios'")))
        .containsExactly("Back\\Slash Studios");
    assertThat(names(client.records("SELECT Name FROM Account WHERE Name = 'The \\\"Quoted\\\" Company'")))
        .containsExactly("The \"Quoted\" Company");
    assertThat(names(client.records("SELECT Name FROM Account WHERE Name = 'The \"Quoted\" Company'")))
        .containsExactly("The \"Quoted\" Company");
    assertThat(names(client.records(
        "SELECT Name FROM Account WHERE Name = 'It\\'s 50% Off_Retail \\\\ \\\"Outlet\\\"'")))
        .containsExactly("It's 50% Off_Retail \\ \"Outlet\"");
    assertThat(client.records("SELECT Name FROM Account WHERE Name = 'line\\nbreak'")).isEmpty();
    // O'Reilly Freight is in the recycle bin: only queryAll sees it.
    assertThat(client.records("SELECT Name FROM Account WHERE Name LIKE 'O\\'Reilly%'"))
        .extracting(r -> r.get("Name").asText()).containsExactly("O'Reilly Media");
    SalesforceClient.Answer illegal = error("SELECT Id FROM Account WHERE Name = 'a\\x'");
    assertThat(illegal.errorCode()).isEqualTo("MALFORMED_QUERY");
    assertThat(illegal.errorMessage()).contains("Illegal character sequence '\\x' in string literal.");
    assertThat(error("SELECT Id FROM Account WHERE Name = 'unterminated").errorCode()).isEqualTo("MALFORMED_QUERY");
  }

  @Test
  void nullComparisons() {
    assertThat(queryIds("SELECT Id FROM Account WHERE Industry = null"))
        .isEqualTo(expectedIds("Account", r -> r.get("Industry").isNull())).isNotEmpty();
    assertThat(queryIds("SELECT Id FROM Account WHERE Industry != NULL"))
        .isEqualTo(expectedIds("Account", r -> !r.get("Industry").isNull()));
    assertThat(queryIds("SELECT Id FROM Contact WHERE Birthdate = null"))
        .isEqualTo(expectedIds("Contact", r -> r.get("Birthdate").isNull()));
    // A null field fails a range comparison and LIKE, and NOT turns that into a match.
    assertThat(queryIds("SELECT Id FROM Account WHERE NOT AnnualRevenue > 0"))
        .isEqualTo(expectedIds("Account", r -> r.get("AnnualRevenue").isNull()));
    assertThat(queryIds("SELECT Id FROM Contact WHERE NOT Email LIKE '%'"))
        .isEqualTo(expectedIds("Contact", r -> r.get("Email").isNull()));
    // Booleans: null matches false.
    assertThat(queryIds("SELECT Id FROM Contact WHERE HasOptedOutOfEmail = null AND MailingCountry = 'Japan'"))
        .isEqualTo(queryIds("SELECT Id FROM Contact WHERE HasOptedOutOfEmail = false AND MailingCountry = 'Japan'"))
        .isNotEmpty();
  }

  @Test
  void booleansDatesAndDateTimes() {
    assertThat(queryIds("SELECT Id FROM Contact WHERE HasOptedOutOfEmail = TRUE"))
        .isEqualTo(expectedIds("Contact", r -> r.get("HasOptedOutOfEmail").asBoolean())).isNotEmpty();
    assertThat(queryIds("SELECT Id FROM Opportunity WHERE CloseDate >= 2024-01-01 AND CloseDate < 2025-01-01"))
        .isEqualTo(expectedIds("Opportunity", r -> r.get("CloseDate").asText().startsWith("2024")));
    assertThat(queryIds("SELECT Id FROM Contact WHERE Birthdate > 1990-06-30"))
        .isEqualTo(expectedIds("Contact", r -> text(r, "Birthdate") != null
            && r.get("Birthdate").asText().compareTo("1990-06-30") > 0));
    Instant start = Instant.parse("2024-01-01T00:00:00Z");
    List<String> since2024 = expectedIds("Account", r -> createdDate(r).compareTo(start) >= 0);
    assertThat(queryIds("SELECT Id FROM Account WHERE CreatedDate >= 2024-01-01T00:00:00Z")).isEqualTo(since2024);
    assertThat(queryIds("SELECT Id FROM Account WHERE CreatedDate >= 2024-01-01T01:00:00+01:00")).isEqualTo(since2024);
    assertThat(queryIds("SELECT Id FROM Account WHERE CreatedDate >= 2023-12-31T19:00:00-05:00")).isEqualTo(since2024);
    assertThat(queryIds("SELECT Id FROM Account WHERE CreatedDate >= 2024-01-01T00:00:00.000Z")).isEqualTo(since2024);
    assertThat(queryIds("SELECT Id FROM Account WHERE CreatedDate = 2023-06-02T13:25:00Z"))
        .containsExactly("0015g0000000d1MAAQ");
    assertThat(queryIds("SELECT Id FROM Invoice__c WHERE Reminder_Time__c >= 12:00:00.000Z"))
        .isEqualTo(expectedIds("Invoice__c", r -> text(r, "Reminder_Time__c") != null
            && r.get("Reminder_Time__c").asText().compareTo("12:00:00.000Z") >= 0));

    SalesforceClient.Answer quotedDate = error("SELECT Id FROM Account WHERE CreatedDate > '2024-01-01'");
    assertThat(quotedDate.errorCode()).isEqualTo("MALFORMED_QUERY");
    assertThat(quotedDate.errorMessage()).endsWith(
        "value of filter criterion for field 'CreatedDate' must be of type dateTime and should not be enclosed in quotes");
    assertThat(error("SELECT Id FROM Opportunity WHERE CloseDate = '2024-01-01'").errorCode()).isEqualTo("MALFORMED_QUERY");
    assertThat(error("SELECT Id FROM Account WHERE CreatedDate > 2024-01-01").errorCode()).isEqualTo("MALFORMED_QUERY");
    assertThat(error("SELECT Id FROM Opportunity WHERE CloseDate > 2024-02-30").errorCode()).isEqualTo("MALFORMED_QUERY");
    assertThat(error("SELECT Id FROM Account WHERE Name = 5").errorMessage())
        .endsWith("must be of type string and should be enclosed in quotes");
    assertThat(error("SELECT Id FROM Account WHERE NumberOfEmployees = '5'").errorCode()).isEqualTo("MALFORMED_QUERY");
    assertThat(error("SELECT Id FROM Account WHERE IsDeleted = 'true'").errorCode()).isEqualTo("MALFORMED_QUERY");
    SalesforceClient.Answer badId = error("SELECT Id FROM Account WHERE Id = 'abc'");
    assertThat(badId.errorCode()).isEqualTo("INVALID_QUERY_FILTER_OPERATOR");
    assertThat(badId.errorMessage()).endsWith("invalid ID field: abc");
  }

  private static Instant createdDate(ObjectNode r) {
    return OffsetDateTime.parse(r.get("CreatedDate").asText(), DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ"))
        .toInstant();
  }

  @Test
  void includesAndExcludesOnMultiSelectPicklists() {
    Predicate<ObjectNode> card = r -> methods(r).contains("Card");
    Predicate<ObjectNode> bankAndDebit = r -> methods(r).containsAll(List.of("Bank Transfer", "Direct Debit"));
    assertThat(queryIds("SELECT Id FROM Invoice__c WHERE Payment_Methods__c INCLUDES ('card')"))
        .isEqualTo(expectedIds("Invoice__c", card)).isNotEmpty();
    assertThat(queryIds("SELECT Id FROM Invoice__c WHERE Payment_Methods__c INCLUDES ('Card', 'Bank Transfer;Direct Debit')"))
        .isEqualTo(expectedIds("Invoice__c", card.or(bankAndDebit)));
    assertThat(queryIds("SELECT Id FROM Invoice__c WHERE Payment_Methods__c EXCLUDES ('Card', 'Cheque')"))
        .isEqualTo(expectedIds("Invoice__c", r -> !methods(r).contains("Card") && !methods(r).contains("Cheque")));
    assertThat(queryIds("SELECT Id FROM Invoice__c WHERE Payment_Methods__c = 'Cheque;Card'"))
        .isEqualTo(expectedIds("Invoice__c", r -> methods(r).equals(Set.of("Card", "Cheque"))));
    assertThat(error("SELECT Id FROM Account WHERE Name INCLUDES ('x')").errorMessage())
        .endsWith("includes or excludes operator only valid on multipicklist field");
  }

  private static Set<String> methods(ObjectNode r) {
    return r.get("Payment_Methods__c").isNull()
        ? Set.of()
        : new HashSet<>(Arrays.asList(r.get("Payment_Methods__c").asText().split(";")));
  }

  @Test
  void andOrNotWithParentheses() {
    Predicate<ObjectNode> techOrFinance =
        r -> "Technology".equals(text(r, "Industry")) || "Finance".equals(text(r, "Industry"));
    Predicate<ObjectNode> big = r -> r.get("AnnualRevenue").asDouble(0) > 100_000_000;
    Predicate<ObjectNode> usa = r -> "USA".equals(text(r, "BillingCountry"));
    assertThat(queryIds("SELECT Id FROM Account WHERE (Industry = 'Technology' OR Industry = 'Finance')"
        + " AND AnnualRevenue > 100000000"))
        .isEqualTo(expectedIds("Account", techOrFinance.and(big))).isNotEmpty();
    assertThat(queryIds("SELECT Id FROM Account WHERE Industry = 'Technology' OR (Industry = 'Finance'"
        + " AND AnnualRevenue > 100000000)"))
        .isEqualTo(expectedIds("Account", r -> "Technology".equals(text(r, "Industry"))
            || ("Finance".equals(text(r, "Industry")) && big.test(r))));
    assertThat(queryIds("SELECT Id FROM Account WHERE NOT (Industry = 'Technology' OR Industry = 'Finance')"
        + " AND BillingCountry = 'USA' AND AnnualRevenue > 100000000"))
        .isEqualTo(expectedIds("Account", techOrFinance.negate().and(usa).and(big)));
    assertThat(queryIds("SELECT Id FROM Account WHERE ((Industry = 'Technology') OR (NOT BillingCountry != 'USA'))"))
        .isEqualTo(expectedIds("Account", r -> "Technology".equals(text(r, "Industry")) || usa.test(r)));
    assertThat(queryIds("SELECT Id FROM Account WHERE Industry = 'Technology' AND BillingCountry = 'USA'"
        + " AND NOT Name LIKE 'A%'"))
        .isEqualTo(expectedIds("Account", r -> "Technology".equals(text(r, "Industry")) && usa.test(r)
            && !r.get("Name").asText().toUpperCase(Locale.ROOT).startsWith("A")));

    SalesforceClient.Answer mixed =
        error("SELECT Id FROM Account WHERE Industry = 'Technology' AND BillingCountry = 'USA' OR Name = 'x'");
    assertThat(mixed.errorCode()).isEqualTo("MALFORMED_QUERY");
    assertThat(mixed.errorMessage()).endsWith("unexpected token: 'OR'");
    assertThat(error("SELECT Id FROM Account WHERE Name = 'a' OR Name = 'b' AND Name = 'c'").errorMessage())
        .endsWith("unexpected token: 'AND'");
    assertThat(error("SELECT Id FROM Account WHERE (Name = 'a'").errorMessage()).endsWith("unexpected token: <EOF>");
  }

  // ---- ORDER BY, LIMIT, OFFSET, COUNT() ----

  @Test
  void orderByWithNullsFirstAndLast() {
    Comparator<ObjectNode> byRevenue = Comparator.comparing(r -> r.get("AnnualRevenue").asDouble());
    List<ObjectNode> accounts = live("Account");
    List<String> nulls = accounts.stream().filter(r -> r.get("AnnualRevenue").isNull()).map(r -> r.get("Id").asText()).toList();
    List<ObjectNode> withRevenue = accounts.stream().filter(r -> !r.get("AnnualRevenue").isNull()).toList();
    List<String> ascending = withRevenue.stream().sorted(byRevenue).map(r -> r.get("Id").asText()).toList();
    List<String> descending = withRevenue.stream().sorted(byRevenue.reversed()).map(r -> r.get("Id").asText()).toList();

    assertThat(queryIds("SELECT Id FROM Account ORDER BY AnnualRevenue")).isEqualTo(concat(nulls, ascending));
    assertThat(queryIds("SELECT Id FROM Account ORDER BY AnnualRevenue ASC NULLS FIRST")).isEqualTo(concat(nulls, ascending));
    assertThat(queryIds("SELECT Id FROM Account ORDER BY AnnualRevenue NULLS LAST")).isEqualTo(concat(ascending, nulls));
    assertThat(queryIds("SELECT Id FROM Account ORDER BY AnnualRevenue DESC")).isEqualTo(concat(nulls, descending));
    assertThat(queryIds("SELECT Id FROM Account ORDER BY AnnualRevenue DESC NULLS LAST")).isEqualTo(concat(descending, nulls));

    List<String> byName = names(client.records("SELECT Name FROM Account WHERE Name LIKE '%widgets' ORDER BY Name DESC, Id"));
    assertThat(byName).containsExactly("ACME Widgets", "Acme Widgets");
    List<String> industries = new ArrayList<>();
    client.records("SELECT Industry, Name FROM Account ORDER BY Industry NULLS LAST, Name")
        .forEach(r -> industries.add(r.get("Industry").isNull() ? null : r.get("Industry").asText()));
    assertThat(industries.subList(0, industries.size() - 30).stream().filter(s -> s != null).toList())
        .isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
    assertThat(industries.get(industries.size() - 1)).isNull();
    assertThat(queryIds("SELECT Id FROM Contact ORDER BY Account.Name, Id LIMIT 5")).hasSize(5);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  @Test
  void limitAndOffset() {
    List<String> all = queryIds("SELECT Id FROM Contact WHERE MailingCountry = 'Japan' ORDER BY Id");
    assertThat(queryIds("SELECT Id FROM Contact WHERE MailingCountry = 'Japan' ORDER BY Id LIMIT 10 OFFSET 5"))
        .isEqualTo(all.subList(5, 15));
    assertThat(queryIds("SELECT Id FROM Contact WHERE MailingCountry = 'Japan' ORDER BY Id OFFSET 7"))
        .isEqualTo(all.subList(7, all.size()));
    JsonNode limited = client.query("SELECT Id FROM Contact LIMIT 3").json();
    assertThat(limited.get("totalSize").asInt()).isEqualTo(3);
    assertThat(client.records("SELECT Id FROM Contact LIMIT 0")).isEmpty();
    assertThat(client.query("SELECT Id FROM Contact ORDER BY Id LIMIT 5 OFFSET 2000").json().get("totalSize").asInt())
        .isEqualTo(5);
    SalesforceClient.Answer tooFar = error("SELECT Id FROM Contact ORDER BY Id LIMIT 5 OFFSET 2001");
    assertThat(tooFar.errorCode()).isEqualTo("NUMBER_OUTSIDE_VALID_RANGE");
    assertThat(tooFar.errorMessage()).endsWith("Maximum SOQL offset allowed is 2000");
    assertThat(error("SELECT Id FROM Contact OFFSET 5 LIMIT 5").errorCode()).isEqualTo("MALFORMED_QUERY");
    assertThat(error("SELECT Id FROM Contact LIMIT -1").errorCode()).isEqualTo("MALFORMED_QUERY");
  }

  @Test
  void countQueries() {
    JsonNode all = client.query("SELECT COUNT() FROM Contact").json();
    assertThat(all.get("totalSize").asInt()).isEqualTo(live("Contact").size());
    assertThat(all.get("done").asBoolean()).isTrue();
    assertThat(all.get("records")).isEmpty();
    assertThat(client.query("select count() from Account where Industry = 'Technology'").json().get("totalSize").asInt())
        .isEqualTo(expectedIds("Account", r -> "Technology".equals(text(r, "Industry"))).size());
    assertThat(client.query("SELECT COUNT() FROM Account LIMIT 7").json().get("totalSize").asInt()).isEqualTo(7);
    assertThat(client.queryAll("SELECT COUNT() FROM Account").json().get("totalSize").asInt()).isEqualTo(500);
    // COUNT() is alone in SELECT, and takes no GROUP BY or ORDER BY (COUNT(Id) does: see
    // SoqlAggregateTest).
    assertThat(error("SELECT COUNT() FROM Account ORDER BY Name").errorMessage())
        .endsWith("COUNT() can not be used with ORDER BY: use COUNT(fieldName) instead");
    assertThat(error("SELECT COUNT() FROM Account GROUP BY Industry").errorCode()).isEqualTo("MALFORMED_QUERY");
    assertThat(error("SELECT Name, COUNT() FROM Account").errorCode()).isEqualTo("MALFORMED_QUERY");
    assertThat(error("SELECT COUNT(), Name FROM Account").errorCode()).isEqualTo("MALFORMED_QUERY");
  }

  // ---- errors ----

  @Test
  void unknownNonFilterableAndNonSortableFieldsAreInvalidField() {
    SalesforceClient.Answer unknown = error("SELECT Foo FROM Account");
    assertThat(unknown.errorCode()).isEqualTo("INVALID_FIELD");
    assertThat(unknown.errorMessage()).isEqualTo(
        "\nSELECT Foo FROM Account\n       ^\nERROR at Row:1:Column:8\nNo such column 'Foo' on entity"
            + " 'Account'. If you are attempting to use a custom field, be sure to append the '__c'"
            + " after the custom field name. Please reference your WSDL or the describe call for"
            + " the appropriate names.");
    assertThat(error("SELECT Id FROM Account WHERE Foo__c = 'x'").errorMessage())
        .contains("No such column 'Foo__c' on entity 'Account'");
    assertThat(error("SELECT Id FROM Account ORDER BY Bar").errorCode()).isEqualTo("INVALID_FIELD");
    SalesforceClient.Answer notFilterable = error("SELECT Id FROM Account WHERE Description = 'x'");
    assertThat(notFilterable.errorCode()).isEqualTo("INVALID_FIELD");
    assertThat(notFilterable.errorMessage()).endsWith("field 'Description' can not be filtered in a query call");
    assertThat(error("SELECT Id FROM Account WHERE Description LIKE '%x%'").errorCode()).isEqualTo("INVALID_FIELD");
    SalesforceClient.Answer notSortable = error("SELECT Id FROM Account ORDER BY description");
    assertThat(notSortable.errorCode()).isEqualTo("INVALID_FIELD");
    assertThat(notSortable.errorMessage()).endsWith("field 'Description' can not be sorted in a query call");
    assertThat(error("SELECT Id FROM Invoice__c ORDER BY Payment_Methods__c").errorCode()).isEqualTo("INVALID_FIELD");
    // Selecting a non-filterable field is fine.
    assertThat(client.records("SELECT Description FROM Account WHERE Id = '0015g0000000d1MAAQ'")).hasSize(1);
    assertThat(error("SELECT Id, Foo.Name FROM Contact").errorMessage())
        .contains("Didn't understand relationship 'Foo' in field path.");
    assertThat(error("SELECT Id FROM Contact WHERE Account.Nope = 'x'").errorMessage())
        .contains("No such column 'Nope' on entity 'Account'");
  }

  @Test
  void unknownOrNonQueryableObjectsAreInvalidType() {
    SalesforceClient.Answer unknown = error("SELECT Id FROM Foo");
    assertThat(unknown.errorCode()).isEqualTo("INVALID_TYPE");
    assertThat(unknown.errorMessage()).contains("sObject type 'Foo' is not supported.");
    assertThat(error("SELECT Id FROM AggregateResult").errorMessage()).endsWith("entity type AggregateResult does not support query");
  }

  @Test
  void malformedQueries() {
    SalesforceClient.Answer doubleQuoted = error("SELECT Id FROM Account WHERE Name = \"Acme\"");
    assertThat(doubleQuoted.errorCode()).isEqualTo("MALFORMED_QUERY");
    assertThat(doubleQuoted.errorMessage()).contains("ERROR at Row:1:Column:37");
    for (String soql : List.of(
        "SELECT * FROM Account",
        "SELECT Id FROM Account WHERE",
        "SELECT Id Account",
        "SELECT FROM Account",
        "SELECT Id FROM Account WHERE Name NOT LIKE 'a%'",
        "SELECT Id FROM Account WHERE Name LIKE 5",
        "SELECT Id, Name, name FROM Account",
        "SELECT Id FROM Account GROUP BY Industry",
        "SELECT Id FROM Account a",
        "SELECT Id FROM Account WHERE CreatedDate = TODAY",
        "SELECT Id FROM Account WHERE Name = :name",
        "SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact)",
        "SELECT Id, (SELECT Id FROM Contacts) FROM Account",
        "SELECT Id FROM Account WHERE Name IN ()",
        "SELECT Id FROM Account ORDER BY Name NULLS",
        "SELECT Id FROM Account LIMIT 5 FOR UPDATE",
        "SELECT Id FROM Account;",
        "DELETE FROM Account")) {
      assertThat(error(soql).errorCode()).as(soql).isEqualTo("MALFORMED_QUERY");
    }
    String longWhere = "SELECT Id FROM Account WHERE Name IN (" + "'abcdefghij',".repeat(400) + "'x')";
    SalesforceClient.Answer tooLong = error(longWhere);
    assertThat(tooLong.errorCode()).isEqualTo("MALFORMED_QUERY");
    assertThat(tooLong.errorMessage()).contains("4000");
    String justFits = "SELECT Id FROM Account WHERE Name IN (" + "'abcdefghij',".repeat(300) + "'x')";
    assertThat(client.query(justFits).status()).isEqualTo(200);
    SalesforceClient.Answer missing = client.get("/services/data/v65.0/query");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.errorCode()).isEqualTo("MALFORMED_QUERY");
    SalesforceClient.Answer multiLine = error("SELECT Id\nFROM Account\nWHERE Nope = 1");
    assertThat(multiLine.errorMessage()).startsWith("\nWHERE Nope = 1\n      ^\nERROR at Row:3:Column:7\n");
  }

  @Test
  void idsAreNormalised() {
    assertThat(queryIds("SELECT Id FROM Account WHERE Id = '0015g0000000d1M'")).containsExactly("0015g0000000d1MAAQ");
    assertThat(queryIds("SELECT Id FROM Account WHERE Id = '0015G0000000D1MAAQ'")).containsExactly("0015g0000000d1MAAQ");
    assertThat(queryIds("SELECT Id FROM Contact WHERE AccountId = '0015g0000000d1MAAQ'"))
        .isEqualTo(expectedIds("Contact", r -> "0015g0000000d1MAAQ".equals(text(r, "AccountId"))));
    List<String> sorted = live("Account").stream().map(r -> r.get("Id").asText()).sorted().collect(Collectors.toList());
    assertThat(queryIds("SELECT Id FROM Account ORDER BY Id")).isEqualTo(sorted);
    assertThat(queryIds("SELECT Id FROM Account WHERE Id > '0015g00000A00000'".replace("A00000", "A0000")))
        .isEqualTo(sorted.stream().filter(id -> id.compareTo("0015g00000A0000") > 0).toList());
  }
}
