package io.saasql.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The seeded org: sizes, Ids, references, the mirrored accounts, awkward rows, determinism. */
class SalesforceSeedTest {
  private static SalesforceSandbox sandbox;

  @BeforeAll
  static void create() {
    sandbox = new SalesforceSandbox();
  }

  @AfterAll
  static void close() {
    sandbox.close();
  }

  private static Map<String, ObjectNode> byId(String sObject) {
    Map<String, ObjectNode> map = new HashMap<>();
    sandbox.records(sObject).forEach(r -> map.put(r.get("Id").asText(), r));
    return map;
  }

  private static long deleted(String sObject) {
    return sandbox.records(sObject).stream().filter(r -> r.get("IsDeleted").asBoolean()).count();
  }

  @Test
  void sizes() {
    assertThat(sandbox.records("User")).hasSize(25);
    assertThat(sandbox.records("Account")).hasSize(500);
    assertThat(deleted("Account")).isEqualTo(5);
    // 2,200 generated contacts and the ones mirrored in the demo Postgres (some of a deleted account).
    assertThat(sandbox.records("Contact")).hasSizeGreaterThan(2300);
    assertThat(deleted("Contact")).isGreaterThan(9);
    assertThat(sandbox.records("Opportunity")).hasSize(1500);
    assertThat(deleted("Opportunity")).isEqualTo(7);
    assertThat(sandbox.records("Invoice__c")).hasSize(800);
    assertThat(deleted("Invoice__c")).isEqualTo(4);
  }

  @Test
  void idsAreValidUniqueAndInOrder() {
    Map<String, String> prefixes = Map.of("User", "005", "Account", "001", "Contact", "003",
        "Opportunity", "006", "Invoice__c", "a0X");
    Set<String> all = new HashSet<>();
    prefixes.forEach((sObject, prefix) -> {
      List<String> ids = sandbox.records(sObject).stream().map(r -> r.get("Id").asText()).toList();
      assertThat(ids).allSatisfy(id -> {
        assertThat(id).hasSize(18).startsWith(prefix);
        assertThat(SalesforceIds.withChecksum(id.substring(0, 15))).isEqualTo(id);
      });
      if (!sObject.equals("User")) {
        assertThat(ids).isSorted();
      }
      all.addAll(ids);
    });
    assertThat(all).hasSize(25 + 500 + sandbox.records("Contact").size() + 1500 + 800);
    assertThat(SalesforceIds.normalize("0015G0000000D1MAAQ")).contains("0015g0000000d1MAAQ");
    assertThat(SalesforceIds.normalize("0015g0000000d1M")).contains("0015g0000000d1MAAQ");
    assertThat(SalesforceIds.normalize("0015g0000000d1")).isEmpty();
  }

  @Test
  void referencesResolve() {
    Map<String, ObjectNode> users = byId("User");
    Map<String, ObjectNode> accounts = byId("Account");
    for (String sObject : List.of("Account", "Contact", "Opportunity", "Invoice__c")) {
      assertThat(sandbox.records(sObject)).allSatisfy(r -> assertThat(users).containsKey(r.get("OwnerId").asText()));
    }
    for (String[] ref : new String[][] {{"Contact", "AccountId"}, {"Opportunity", "AccountId"}, {"Invoice__c", "Account__c"}}) {
      assertThat(sandbox.records(ref[0])).allSatisfy(r -> {
        // A deleted record may point at a deleted account (they went to the recycle bin together).
        if (!r.get(ref[1]).isNull() && !r.path("IsDeleted").asBoolean(false)) {
          ObjectNode account = accounts.get(r.get(ref[1]).asText());
          assertThat(account).isNotNull();
          assertThat(account.get("IsDeleted").asBoolean()).isFalse();
        }
      });
    }
    assertThat(sandbox.records("Opportunity")).allSatisfy(r -> {
      assertThat(r.get("IsWon").asBoolean()).isEqualTo(r.get("StageName").asText().equals("Closed Won"));
      assertThat(r.get("IsClosed").asBoolean()).isEqualTo(r.get("StageName").asText().startsWith("Closed"));
    });
    assertThat(sandbox.records("Contact")).allSatisfy(r -> assertThat(r.get("Name").asText())
        .isEqualTo(r.get("FirstName").isNull() ? r.get("LastName").asText()
            : r.get("FirstName").asText() + " " + r.get("LastName").asText()));
    assertThat(sandbox.records("Account")).allSatisfy(r ->
        assertThat(r.get("LastModifiedDate").asText()).isGreaterThanOrEqualTo(r.get("CreatedDate").asText()));
  }

  @Test
  void mirroredContactsMatchTheHerokuConnectSeed() throws IOException {
    String sql;
    try (InputStream in = getClass().getResourceAsStream("/demo/heroku-connect.sql")) {
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Pattern row = Pattern.compile("\\(\\d+, '(0035\\w{14})', '(\\w{18})', (?:NULL|'[^']*'), '((?:[^']|'')*)', '((?:[^']|'')*)'");
    Matcher m = row.matcher(sql);
    Map<String, ObjectNode> contacts = byId("Contact");
    int seen = 0;
    while (m.find()) {
      ObjectNode c = contacts.get(m.group(1));
      assertThat(c).as(m.group(1)).isNotNull();
      assertThat(c.get("AccountId").asText()).isEqualTo(m.group(2));
      assertThat(c.get("LastName").asText()).isEqualTo(m.group(3).replace("''", "'"));
      assertThat(c.get("Name").asText()).isEqualTo(m.group(4).replace("''", "'"));
      seen++;
    }
    assertThat(seen).isGreaterThan(100);
  }

  @Test
  void mirroredAccountsMatchTheHerokuConnectSeed() throws IOException {
    String sql;
    try (InputStream in = getClass().getResourceAsStream("/demo/heroku-connect.sql")) {
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Pattern row = Pattern.compile(
        "\\(\\d+, '(\\w{18})', '((?:[^']|'')*)', (NULL|'[^']*'), '([^']*)', '([^']*)', (NULL|[\\d.]+),"
            + " (NULL|\\d+), '(\\w+)', (NULL|\\d+), TIMESTAMP '([^']*)', TIMESTAMP '([^']*)', (true|false),");
    Matcher m = row.matcher(sql);
    Map<String, ObjectNode> accounts = byId("Account");
    List<String> seen = new ArrayList<>();
    Map<String, String[]> changed = new java.util.HashMap<>();
    for (String[] c : SalesforceSeed.CHANGED_SINCE_SYNC) {
      changed.put(c[0], c);
    }
    while (m.find()) {
      ObjectNode a = accounts.get(m.group(1));
      assertThat(a).as(m.group(1)).isNotNull();
      String[] change = changed.get(m.group(1));
      if (change != null) {
        // Edited in Salesforce after the last sync: newer than the mirror, with the new value.
        assertThat(a.get("SystemModstamp").asText())
            .isEqualTo(change[3].replace(' ', 'T') + ".000+0000")
            .isGreaterThan(m.group(11).replace(' ', 'T'));
        seen.add(m.group(1));
        continue;
      }
      assertThat(a.get("Name").asText()).isEqualTo(m.group(2).replace("''", "'"));
      assertThat(a.get("Industry").isNull() ? "NULL" : "'" + a.get("Industry").asText() + "'").isEqualTo(m.group(3));
      assertThat(a.get("Type").asText()).isEqualTo(m.group(4));
      assertThat(a.get("BillingCountry").asText()).isEqualTo(m.group(5));
      assertThat(a.get("AnnualRevenue").isNull() ? "NULL" : String.format("%.2f", a.get("AnnualRevenue").asDouble()))
          .isEqualTo(m.group(6));
      assertThat(a.get("NumberOfEmployees").isNull() ? "NULL" : a.get("NumberOfEmployees").asText()).isEqualTo(m.group(7));
      assertThat(a.get("OwnerId").asText()).isEqualTo(m.group(8));
      assertThat(a.get("Backlog_Project_Id__c").isNull() ? "NULL" : String.valueOf(a.get("Backlog_Project_Id__c").asInt()))
          .isEqualTo(m.group(9));
      assertThat(a.get("CreatedDate").asText()).isEqualTo(m.group(10).replace(' ', 'T') + ".000+0000");
      assertThat(a.get("SystemModstamp").asText()).isEqualTo(m.group(11).replace(' ', 'T') + ".000+0000");
      assertThat(a.get("IsDeleted").asBoolean()).isEqualTo(Boolean.parseBoolean(m.group(12)));
      seen.add(m.group(1));
    }
    assertThat(seen).hasSize(39);
    assertThat(sandbox.records("Account").subList(0, 39)).extracting(r -> r.get("Id").asText()).isEqualTo(seen);
  }

  @Test
  void usersIncludeTheBacklogUsers() {
    List<ObjectNode> users = sandbox.records("User");
    assertThat(users.subList(0, 12)).extracting(u -> u.get("Email").asText()).containsExactly(
        "aiko.tanaka@example.com", "ben.carter@example.com", "chloe.martin@example.com",
        "daniel.okafor@example.com", "emma.schneider@example.com", "felix.wagner@example.com",
        "grace.lee@example.com", "hiroshi.sato@example.com", "isabel.costa@example.com",
        "jonas.berg@example.com", "kenji.watanabe@example.com", "laura.rossi@example.com");
    assertThat(users.subList(0, 5)).extracting(u -> u.get("Id").asText()).containsExactly(
        "0055g00000000G8AAI", "0055g00000002JrAAI", "0055g00000004NaAAI", "0055g00000006RJAAY",
        "0055g00000008V2AAI");
    assertThat(users).filteredOn(u -> u.get("Username").asText().equals(sandbox.jwtUsername()))
        .extracting(u -> u.get("Name").asText()).containsExactly("Integration User");
    assertThat(users).filteredOn(u -> !u.get("IsActive").asBoolean()).hasSize(2);
  }

  @Test
  void awkwardTextOnlyInTheNamedRows() {
    Pattern plain = Pattern.compile("[A-Za-z0-9 .,&/:+-]*");
    Set<String> awkwardNames = sandbox.records("Account").stream()
        .map(r -> r.get("Name").asText())
        .filter(n -> !plain.matcher(n).matches())
        .collect(Collectors.toSet());
    Set<String> expected = new HashSet<>(List.of(SalesforceSeed.AWKWARD_ACCOUNTS));
    expected.removeIf(n -> plain.matcher(n).matches()); // "ACME Widgets", "1000 Natural Foods", ...
    expected.addAll(List.of("O'Reilly Freight", "Müller Maschinenbau GmbH"));
    for (String[] edge : SalesforceSeed.EDGE_CASE_ACCOUNTS) {
      if (!plain.matcher(edge[0]).matches()) {
        expected.add(edge[0]);
      }
    }
    assertThat(awkwardNames).isEqualTo(expected);
    Map<String, String> idsByName = sandbox.records("Account").stream()
        .collect(Collectors.toMap(r -> r.get("Name").asText(), r -> r.get("Id").asText(), (a, b) -> a));
    assertThat(idsByName).containsEntry("ACME Widgets", "0015g00000A0JodAAF")
        .containsEntry("Acme Widgets", "0015g00000A1ezTAAR")
        .containsEntry("O'Reilly Media", "0015g00000A2tovAAB")
        .containsEntry("Back\\Slash Studios", "0015g00000A4KvjAAF")
        .containsEntry("The \"Quoted\" Company", "0015g00000A5gWrAAJ")
        .containsEntry("100% Natural Foods", "0015g00000A76cJAAR")
        .containsEntry("Under_score Labs", "0015g00000A9ldkAAB")
        .containsEntry("Café Zoë Ltd", "0015g00000ACQgsAAH")
        .containsEntry("Ørsted Nordic AS", "0015g00000ADucxAAD")
        .containsEntry("東京ソフト株式会社", "0015g00000AFPQoAAP")
        .containsEntry("It's 50% Off_Retail \\ \"Outlet\"", "0015g00000AGYLQAA5");
    assertThat(sandbox.records("Contact")).filteredOn(r -> r.get("AccountId").asText("").equals(
        SalesforceSeed.AWKWARD_CONTACTS_ACCOUNT)).hasSizeGreaterThanOrEqualTo(SalesforceSeed.AWKWARD_CONTACTS.length);
  }

  @Test
  void deterministic() {
    SalesforceDataSet first = SalesforceSeed.build();
    SalesforceDataSet second = SalesforceSeed.build();
    for (SObjectType type : first.types()) {
      List<ObjectNode> a = new ArrayList<>(first.records(type).values());
      List<ObjectNode> b = new ArrayList<>(second.records(type).values());
      assertThat(a).as(type.name).isEqualTo(b);
      if (type.queryable) {
        assertThat(sandbox.records(type.name)).as(type.name).isEqualTo(a);
      }
    }
  }
}
