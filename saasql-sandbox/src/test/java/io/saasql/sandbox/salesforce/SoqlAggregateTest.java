package io.saasql.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SOQL aggregate queries over HTTP: GROUP BY, HAVING, the aggregate functions, aliases, ORDER BY
 * on aggregates and the AggregateResult records, each checked against the seed records grouped
 * and aggregated independently in the test; and the errors Salesforce gives.
 */
class SoqlAggregateTest {
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

  private static String text(JsonNode r, String field) {
    JsonNode v = r.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** A field's text without case, as SOQL groups text; null stays null. */
  private static String fold(String s) {
    return s == null ? null : s.toUpperCase(Locale.ROOT);
  }

  /** The records grouped by a key, groups in first-seen (Id) order; null keys allowed. */
  private static <K> Map<K, List<ObjectNode>> groups(List<ObjectNode> rows, Function<ObjectNode, K> key) {
    Map<K, List<ObjectNode>> groups = new LinkedHashMap<>();
    for (ObjectNode r : rows) {
      groups.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r);
    }
    return groups;
  }

  private static List<BigDecimal> numbers(List<ObjectNode> rows, String field) {
    return rows.stream().map(r -> r.get(field)).filter(v -> !v.isNull()).map(JsonNode::decimalValue).toList();
  }

  private static BigDecimal sum(List<BigDecimal> values) {
    return values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** An aggregate query's body, checked for what every aggregate answer has. */
  private static JsonNode aggregate(String soql, String... headers) {
    SalesforceClient.Answer a = client.query(soql, headers);
    assertThat(a.status()).as(soql + " " + a.body()).isEqualTo(200);
    JsonNode body = a.json();
    assertThat(body.fieldNames()).toIterable().as(soql).containsExactly("totalSize", "done", "records");
    assertThat(body.get("done").asBoolean()).isTrue();
    assertThat(body.get("totalSize").asInt()).isEqualTo(body.get("records").size());
    body.get("records").forEach(r -> {
      assertThat(r.get("attributes").fieldNames()).toIterable().containsExactly("type");
      assertThat(r.get("attributes").get("type").asText()).isEqualTo("AggregateResult");
    });
    return body;
  }

  private static JsonNode records(String soql) {
    return aggregate(soql).get("records");
  }

  /** The records keyed by one of their fields (folded when text). */
  private static Map<String, JsonNode> byKey(JsonNode records, String field) {
    Map<String, JsonNode> out = new HashMap<>();
    records.forEach(r -> assertThat(out.put(fold(text(r, field)), r)).as("one record per group").isNull());
    return out;
  }

  private static SalesforceClient.Answer error(String soql) {
    SalesforceClient.Answer a = client.query(soql);
    assertThat(a.status()).as(soql + " " + a.body()).isEqualTo(400);
    return a;
  }

  private static void assertError(String soql, String code, String messageEnd) {
    SalesforceClient.Answer a = error(soql);
    assertThat(a.errorCode()).as(soql).isEqualTo(code);
    assertThat(a.errorMessage()).as(soql).endsWith("\n" + messageEnd);
  }

  // ---- grouping and the functions ----

  @Test
  void groupsWithEveryFunctionAndTheRecordShape() {
    Predicate<ObjectNode> usa = r -> "USA".equalsIgnoreCase(text(r, "BillingCountry"));
    List<ObjectNode> accounts = live("Account").stream().filter(usa).toList();
    Map<String, List<ObjectNode>> expected = groups(accounts, r -> text(r, "Industry"));
    assertThat(expected).containsKey(null).hasSizeGreaterThan(5);

    JsonNode body = aggregate("SELECT Industry, COUNT(Id), COUNT(AnnualRevenue), SUM(AnnualRevenue),"
        + " AVG(AnnualRevenue), MIN(AnnualRevenue) lo, MAX(NumberOfEmployees), COUNT_DISTINCT(Type)"
        + " FROM Account WHERE BillingCountry = 'usa' GROUP BY Industry");
    JsonNode records = body.get("records");
    assertThat(body.get("totalSize").asInt()).isEqualTo(expected.size());
    assertThat(records.get(0).fieldNames()).toIterable()
        .containsExactly("attributes", "Industry", "expr0", "expr1", "expr2", "expr3", "lo", "expr4", "expr5");
    Map<String, JsonNode> actual = byKey(records, "Industry");
    assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(
        expected.keySet().stream().map(SoqlAggregateTest::fold).toList());
    expected.forEach((industry, rows) -> {
      JsonNode r = actual.get(fold(industry));
      List<BigDecimal> revenue = numbers(rows, "AnnualRevenue");
      List<BigDecimal> employees = numbers(rows, "NumberOfEmployees");
      assertThat(text(r, "Industry")).isEqualTo(industry);
      assertThat(r.get("expr0").isInt()).isTrue();
      assertThat(r.get("expr0").asInt()).as(industry).isEqualTo(rows.size());
      assertThat(r.get("expr1").asInt()).isEqualTo(revenue.size());
      if (revenue.isEmpty()) {
        assertThat(r.get("expr2").isNull()).isTrue();
        assertThat(r.get("expr3").isNull()).isTrue();
        assertThat(r.get("lo").isNull()).isTrue();
      } else {
        assertThat(r.get("expr2").isDouble()).isTrue();
        assertThat(r.get("expr2").asDouble()).isEqualTo(sum(revenue).doubleValue());
        assertThat(r.get("expr3").asDouble())
            .isCloseTo(sum(revenue).doubleValue() / revenue.size(), within(1e-3));
        assertThat(r.get("lo").decimalValue()).isEqualByComparingTo(revenue.stream().min(Comparator.naturalOrder()).get());
        // MIN and MAX keep the field's own JSON form.
        assertThat(r.get("lo").isDouble()).isTrue();
      }
      assertThat(r.get("expr4").isNull()).isEqualTo(employees.isEmpty());
      if (!employees.isEmpty()) {
        assertThat(r.get("expr4").isInt()).isTrue();
        assertThat(r.get("expr4").decimalValue()).isEqualByComparingTo(employees.stream().max(Comparator.naturalOrder()).get());
      }
      assertThat(r.get("expr5").asInt()).isEqualTo(
          rows.stream().map(x -> text(x, "Type")).filter(Objects::nonNull).distinct().count());
    });
    // Without ORDER BY, groups come by their grouped value, the null group first.
    List<String> industries = new ArrayList<>();
    records.forEach(r -> industries.add(text(r, "Industry")));
    assertThat(industries.get(0)).isNull();
    assertThat(industries.subList(1, industries.size())).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
  }

  @Test
  void aNullGroupAndFunctionsOfNothingAreNull() {
    List<ObjectNode> noRevenue = live("Account").stream().filter(r -> r.get("AnnualRevenue").isNull()).toList();
    assertThat(noRevenue).isNotEmpty();
    JsonNode records = records("SELECT Rating, COUNT(Id) n, COUNT(AnnualRevenue) c, SUM(AnnualRevenue) s,"
        + " AVG(AnnualRevenue) a, MAX(AnnualRevenue) m FROM Account WHERE AnnualRevenue = null GROUP BY Rating");
    Map<String, List<ObjectNode>> expected = groups(noRevenue, r -> text(r, "Rating"));
    assertThat(records).hasSize(expected.size());
    records.forEach(r -> {
      assertThat(r.get("n").asInt()).isEqualTo(expected.get(text(r, "Rating")).size());
      assertThat(r.get("c").asInt()).isZero();
      assertThat(r.get("s").isNull()).isTrue();
      assertThat(r.get("a").isNull()).isTrue();
      assertThat(r.get("m").isNull()).isTrue();
    });
    // The null group is a record whose grouped field is null.
    List<ObjectNode> contacts = live("Contact");
    long noLeadSource = contacts.stream().filter(r -> r.get("LeadSource").isNull()).count();
    assertThat(noLeadSource).isPositive();
    JsonNode nullGroup = byKey(records("SELECT LeadSource, COUNT(Id) FROM Contact GROUP BY LeadSource"),
        "LeadSource").get(null);
    assertThat(nullGroup.has("LeadSource")).isTrue();
    assertThat(nullGroup.get("LeadSource").isNull()).isTrue();
    assertThat(nullGroup.get("expr0").asLong()).isEqualTo(noLeadSource);
  }

  @Test
  void withoutGroupByThereIsOneRecord() {
    List<ObjectNode> accounts = live("Account");
    JsonNode records = records("SELECT COUNT(Id), COUNT_DISTINCT(Industry), MIN(CreatedDate), MAX(CreatedDate),"
        + " SUM(NumberOfEmployees), AVG(NumberOfEmployees), MIN(Name), MAX(Name) FROM Account");
    assertThat(records).hasSize(1);
    JsonNode r = records.get(0);
    assertThat(r.fieldNames()).toIterable()
        .containsExactly("attributes", "expr0", "expr1", "expr2", "expr3", "expr4", "expr5", "expr6", "expr7");
    assertThat(r.get("expr0").asInt()).isEqualTo(accounts.size());
    assertThat(r.get("expr1").asInt()).isEqualTo(
        accounts.stream().map(a -> text(a, "Industry")).filter(Objects::nonNull).collect(Collectors.toSet()).size());
    // Date-times in the same form as a plain query gives them.
    List<String> created = accounts.stream().map(a -> text(a, "CreatedDate")).sorted().toList();
    assertThat(r.get("expr2").asText()).isEqualTo(created.get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.000\\+0000");
    assertThat(r.get("expr3").asText()).isEqualTo(created.get(created.size() - 1));
    List<BigDecimal> employees = numbers(accounts, "NumberOfEmployees");
    // SUM of an int field is an integer; AVG a floating-point number.
    assertThat(r.get("expr4").isIntegralNumber()).isTrue();
    assertThat(r.get("expr4").longValue()).isEqualTo(sum(employees).longValueExact());
    assertThat(r.get("expr5").isDouble()).isTrue();
    assertThat(r.get("expr5").asDouble()).isCloseTo(sum(employees).doubleValue() / employees.size(), within(1e-6));
    // MIN and MAX of text ignore case, as ORDER BY does.
    Comparator<String> noCase = Comparator.comparing(s -> s.toUpperCase(Locale.ROOT));
    List<String> names = accounts.stream().map(a -> text(a, "Name")).sorted(noCase).toList();
    assertThat(fold(r.get("expr6").asText())).isEqualTo(fold(names.get(0)));
    assertThat(fold(r.get("expr7").asText())).isEqualTo(fold(names.get(names.size() - 1)));

    // Nothing matched: still one record, the count 0 and the rest null.
    JsonNode none = aggregate("SELECT COUNT(Id), SUM(AnnualRevenue), MAX(Name) FROM Account WHERE Name = 'no such account'");
    assertThat(none.get("totalSize").asInt()).isEqualTo(1);
    JsonNode empty = none.get("records").get(0);
    assertThat(empty.get("expr0").asInt()).isZero();
    assertThat(empty.get("expr1").isNull()).isTrue();
    assertThat(empty.get("expr2").isNull()).isTrue();

    // queryAll counts deleted records too; COUNT() keeps answering in totalSize only.
    assertThat(client.queryAll("SELECT COUNT(Id) FROM Account").json().get("records").get(0).get("expr0").asInt())
        .isEqualTo(sandbox.records("Account").size());
    JsonNode count = client.query("SELECT COUNT() FROM Account WHERE Industry = 'Banking'").json();
    assertThat(count.get("records")).isEmpty();
    assertThat(count.get("totalSize").asInt())
        .isEqualTo((int) accounts.stream().filter(a -> "Banking".equals(text(a, "Industry"))).count());
  }

  @Test
  void datesGroupAndMinMaxKeepTheirForm() {
    List<ObjectNode> march = live("Opportunity").stream()
        .filter(r -> text(r, "CloseDate").startsWith("2024-03"))
        .toList();
    Map<String, List<ObjectNode>> byDate = groups(march, r -> text(r, "CloseDate"));
    JsonNode records = records("SELECT CloseDate, COUNT(Id) FROM Opportunity"
        + " WHERE CloseDate >= 2024-03-01 AND CloseDate <= 2024-03-31 GROUP BY CloseDate");
    assertThat(records).hasSize(byDate.size());
    List<String> dates = new ArrayList<>();
    records.forEach(r -> {
      dates.add(r.get("CloseDate").asText());
      assertThat(r.get("expr0").asInt()).isEqualTo(byDate.get(r.get("CloseDate").asText()).size());
    });
    assertThat(dates).isSorted().allMatch(d -> d.matches("2024-03-\\d\\d"));

    Map<String, List<ObjectNode>> byStage = groups(live("Opportunity"), r -> text(r, "StageName"));
    JsonNode stages = records("SELECT StageName, MIN(CloseDate), MAX(CloseDate) FROM Opportunity GROUP BY StageName");
    assertThat(stages).hasSize(byStage.size());
    stages.forEach(r -> {
      List<String> closes = byStage.get(r.get("StageName").asText()).stream()
          .map(o -> text(o, "CloseDate")).sorted().toList();
      assertThat(r.get("expr0").asText()).isEqualTo(closes.get(0));
      assertThat(r.get("expr1").asText()).isEqualTo(closes.get(closes.size() - 1));
    });
  }

  @Test
  void minAndMaxOfAPicklistFollowItsValuesOrder() {
    List<String> order = Arrays.stream(SalesforceSchema.STAGES).map(s -> s[0]).toList();
    List<String> used = live("Opportunity").stream().map(r -> text(r, "StageName")).distinct()
        .sorted(Comparator.comparingInt(order::indexOf)).toList();
    JsonNode r = records("SELECT MIN(StageName), MAX(StageName) FROM Opportunity").get(0);
    assertThat(r.get("expr0").asText()).isEqualTo(used.get(0));
    assertThat(r.get("expr1").asText()).isEqualTo(used.get(used.size() - 1));
    // Not the alphabetical answer.
    assertThat(used.get(0)).isNotEqualTo(used.stream().min(Comparator.naturalOrder()).get());
  }

  @Test
  void severalGroupedFieldsAndRelationshipFields() {
    List<ObjectNode> japan = live("Contact").stream()
        .filter(r -> "Japan".equalsIgnoreCase(text(r, "MailingCountry"))).toList();
    Map<List<String>, List<ObjectNode>> expected =
        groups(japan, r -> Arrays.asList(text(r, "AccountId"), text(r, "LeadSource")));
    JsonNode records = records("SELECT AccountId, LeadSource, COUNT(Id) FROM Contact"
        + " WHERE MailingCountry = 'Japan' GROUP BY AccountId, LeadSource");
    assertThat(records).hasSize(expected.size());
    records.forEach(r -> assertThat(r.get("expr0").asInt())
        .isEqualTo(expected.get(Arrays.asList(text(r, "AccountId"), text(r, "LeadSource"))).size()));

    // A parent's field groups under its own name; a missing parent is the null group.
    Map<String, ObjectNode> accounts = new HashMap<>();
    sandbox.records("Account").forEach(a -> accounts.put(a.get("Id").asText(), a));
    Map<String, List<ObjectNode>> byIndustry = groups(live("Contact"), c -> {
      ObjectNode account = c.get("AccountId").isNull() ? null : accounts.get(c.get("AccountId").asText());
      return account == null ? null : text(account, "Industry");
    });
    JsonNode parents = records("SELECT Account.Industry, COUNT(Id) cnt FROM Contact GROUP BY Account.Industry");
    assertThat(parents.get(0).fieldNames()).toIterable().containsExactly("attributes", "Industry", "cnt");
    assertThat(parents).hasSize(byIndustry.size());
    parents.forEach(r -> assertThat(r.get("cnt").asInt()).isEqualTo(byIndustry.get(text(r, "Industry")).size()));
    assertThat(byKey(parents, "Industry")).containsKey(null);
  }

  @Test
  void textGroupsIgnoreCase() {
    List<ObjectNode> acme = live("Account").stream()
        .filter(r -> r.get("Name").asText().toUpperCase(Locale.ROOT).startsWith("ACME")).toList();
    Map<String, List<ObjectNode>> expected = groups(acme, r -> fold(text(r, "Name")));
    assertThat(expected.values()).anyMatch(g -> g.size() > 1);
    JsonNode records = records("SELECT Name, COUNT(Id) FROM Account WHERE Name LIKE 'acme%' GROUP BY Name");
    assertThat(records).hasSize(expected.size());
    records.forEach(r -> {
      List<ObjectNode> group = expected.get(fold(r.get("Name").asText()));
      assertThat(r.get("expr0").asInt()).isEqualTo(group.size());
      // The group shows its first record's spelling.
      assertThat(r.get("Name").asText()).isEqualTo(text(group.get(0), "Name"));
    });
  }

  @Test
  void aliasesNameTheColumns() {
    JsonNode r = records("SELECT Industry ind, MAX(AnnualRevenue), COUNT(Id) n, SUM(AnnualRevenue)"
        + " FROM Account WHERE Industry = 'Banking' GROUP BY Industry").get(0);
    assertThat(r.fieldNames()).toIterable().containsExactly("attributes", "ind", "expr0", "n", "expr1");
    assertThat(r.get("ind").asText()).isEqualTo("Banking");
    // Field names in the describe spelling, whatever the query's case.
    JsonNode lower = records("select industry, count(id) from account where industry = 'banking' group by INDUSTRY").get(0);
    assertThat(lower.fieldNames()).toIterable().containsExactly("attributes", "Industry", "expr0");
    assertThat(lower.get("expr0").asInt()).isEqualTo(r.get("n").asInt());
  }

  // ---- HAVING, ORDER BY, LIMIT, OFFSET ----

  @Test
  void havingFiltersGroups() {
    Map<String, List<ObjectNode>> byIndustry = groups(live("Account"), r -> text(r, "Industry"));
    Set<String> big = byIndustry.entrySet().stream().filter(e -> e.getValue().size() > 15)
        .map(e -> fold(e.getKey())).collect(Collectors.toSet());
    assertThat(big).isNotEmpty().hasSizeLessThan(byIndustry.size());
    assertThat(byKey(records("SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry HAVING COUNT(Id) > 15"),
        "Industry").keySet()).containsExactlyInAnyOrderElementsOf(big);

    // Grouped fields, OR, NOT and aggregates that are not selected.
    Set<String> bigOrBanking = new HashSet<>(big);
    bigOrBanking.add("BANKING");
    assertThat(byKey(records("SELECT Industry FROM Account GROUP BY Industry"
        + " HAVING COUNT(Id) > 15 OR Industry = 'banking'"), "Industry").keySet())
        .containsExactlyInAnyOrderElementsOf(bigOrBanking);
    Set<String> named = byIndustry.keySet().stream().filter(Objects::nonNull).map(SoqlAggregateTest::fold)
        .collect(Collectors.toSet());
    assertThat(byKey(records("SELECT Industry FROM Account GROUP BY Industry HAVING Industry != null"),
        "Industry").keySet()).containsExactlyInAnyOrderElementsOf(named);
    Set<String> rich = byIndustry.entrySet().stream()
        .filter(e -> sum(numbers(e.getValue(), "AnnualRevenue")).compareTo(new BigDecimal("20000000000")) > 0)
        .map(e -> fold(e.getKey())).collect(Collectors.toSet());
    assertThat(rich).isNotEmpty();
    assertThat(byKey(records("SELECT Industry FROM Account GROUP BY Industry"
        + " HAVING NOT SUM(AnnualRevenue) <= 20000000000"), "Industry").keySet())
        .containsExactlyInAnyOrderElementsOf(rich);

    // Literals of the function's type: a date for MAX of a date.
    Map<String, List<ObjectNode>> byStage = groups(live("Opportunity"), r -> text(r, "StageName"));
    Set<String> late = byStage.entrySet().stream()
        .filter(e -> e.getValue().stream().anyMatch(o -> text(o, "CloseDate").compareTo("2025-06-01") >= 0))
        .map(e -> fold(e.getKey())).collect(Collectors.toSet());
    assertThat(byKey(records("SELECT StageName FROM Opportunity GROUP BY StageName HAVING MAX(CloseDate) >= 2025-06-01"),
        "StageName").keySet()).containsExactlyInAnyOrderElementsOf(late);
    assertThat(byKey(records("SELECT StageName, COUNT(Id) FROM Opportunity GROUP BY StageName"
        + " HAVING MIN(Name) LIKE '%' AND COUNT(Id) IN (1, 2, 3)"), "StageName").keySet())
        .containsExactlyInAnyOrderElementsOf(byStage.entrySet().stream().filter(e -> e.getValue().size() <= 3)
            .map(e -> fold(e.getKey())).toList());

    assertError("SELECT Industry FROM Account GROUP BY Industry HAVING COUNT(Id) > '2'", "MALFORMED_QUERY",
        "value of filter criterion for field 'COUNT(Id)' must be of type double and should not be enclosed in quotes");
    assertError("SELECT Industry FROM Account GROUP BY Industry HAVING Name = 'x'", "MALFORMED_QUERY",
        "Field must be grouped or aggregated: Name");
  }

  @Test
  void orderByAggregatesAndGroupedFieldsWithLimitAndOffset() {
    Map<String, List<ObjectNode>> byIndustry = groups(live("Account"), r -> text(r, "Industry"));
    Comparator<Map.Entry<String, List<ObjectNode>>> bySizeDesc =
        Comparator.comparingInt((Map.Entry<String, List<ObjectNode>> e) -> e.getValue().size()).reversed();
    Comparator<String> nullsFirstNoCase = Comparator.nullsFirst(String.CASE_INSENSITIVE_ORDER);
    List<String> expected = byIndustry.entrySet().stream()
        .sorted(bySizeDesc.thenComparing(Map.Entry::getKey, nullsFirstNoCase))
        .map(Map.Entry::getKey).toList();
    List<String> all = industries(records(
        "SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry ORDER BY COUNT(Id) DESC, Industry"));
    assertThat(all).isEqualTo(expected);
    // Ties keep the grouped values' order.
    assertThat(industries(records("SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry ORDER BY COUNT(Id) DESC")))
        .isEqualTo(expected);
    assertThat(industries(records("SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry"
        + " ORDER BY COUNT(Id) DESC, Industry LIMIT 5 OFFSET 2"))).isEqualTo(expected.subList(2, 7));
    // An aggregate need not be selected to sort by it.
    assertThat(industries(records("SELECT Industry FROM Account GROUP BY Industry"
        + " ORDER BY COUNT(Id) DESC, Industry LIMIT 3"))).isEqualTo(expected.subList(0, 3));

    List<String> names = byIndustry.keySet().stream().filter(Objects::nonNull)
        .sorted(String.CASE_INSENSITIVE_ORDER.reversed()).toList();
    List<String> descNullsLast = new ArrayList<>(names);
    descNullsLast.add(null);
    assertThat(industries(records("SELECT Industry FROM Account GROUP BY Industry ORDER BY Industry DESC NULLS LAST")))
        .isEqualTo(descNullsLast);

    // Groups whose SUM is null sort first unless NULLS LAST.
    JsonNode bySum = records("SELECT Rating, SUM(AnnualRevenue) s FROM Account WHERE AnnualRevenue = null"
        + " OR Rating = 'Hot' GROUP BY Rating ORDER BY SUM(AnnualRevenue) NULLS LAST");
    assertThat(bySum.get(bySum.size() - 1).get("s").isNull()).isTrue();
    assertThat(bySum.get(0).get("s").isNull()).isFalse();
  }

  private static List<String> industries(JsonNode records) {
    List<String> out = new ArrayList<>();
    records.forEach(r -> out.add(text(r, "Industry")));
    return out;
  }

  @Test
  void neverContinuedAndAtMost2000Groups() {
    // The whole answer in one page, whatever the batch size asked for.
    long names = live("Account").stream().map(r -> fold(text(r, "Name"))).distinct().count();
    assertThat(names).isGreaterThan(200);
    JsonNode body = aggregate("SELECT Name, COUNT(Id) FROM Account GROUP BY Name",
        "Sforce-Query-Options", "batchSize=200");
    assertThat(body.get("records")).hasSize((int) names);

    List<ObjectNode> contacts = live("Contact");
    assertThat(contacts.size()).isGreaterThan(2000);
    SalesforceClient.Answer tooMany = error("SELECT Id, COUNT(Name) FROM Contact GROUP BY Id");
    assertThat(tooMany.errorCode()).isEqualTo("MALFORMED_QUERY");
    assertThat(tooMany.errorMessage()).isEqualTo(
        "Aggregate query does not support queryMore(), use LIMIT to restrict the results to a single batch");
    JsonNode limited = aggregate("SELECT Id, COUNT(Name) FROM Contact GROUP BY Id LIMIT 2000");
    assertThat(limited.get("totalSize").asInt()).isEqualTo(2000);
    assertThat(limited.get("records").get(0).get("Id").asText())
        .isEqualTo(contacts.stream().map(c -> text(c, "Id")).sorted().findFirst().get());
    // OFFSET too can bring the groups within 2,000.
    int offset = contacts.size() - 1990;
    assertThat(aggregate("SELECT Id, COUNT(Name) FROM Contact GROUP BY Id OFFSET " + offset)
        .get("totalSize").asInt()).isEqualTo(1990);
    assertThat(error("SELECT Id, COUNT(Name) FROM Contact GROUP BY Id OFFSET " + (offset - 11)).errorMessage())
        .startsWith("Aggregate query does not support queryMore()");
  }

  // ---- errors ----

  @Test
  void fieldsMustBeGroupedOrAggregated() {
    assertError("SELECT Name, COUNT(Id) FROM Account GROUP BY Industry", "MALFORMED_QUERY",
        "Field must be grouped or aggregated: Name");
    assertError("SELECT Name, COUNT(Id) FROM Account", "MALFORMED_QUERY",
        "Field must be grouped or aggregated: Name");
    assertError("SELECT Id FROM Account GROUP BY Industry", "MALFORMED_QUERY",
        "Field must be grouped or aggregated: Id");
    assertError("SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry ORDER BY Name", "MALFORMED_QUERY",
        "Ordered field must be grouped or aggregated: Name");
    assertError("SELECT COUNT(Id) FROM Account ORDER BY Name", "MALFORMED_QUERY",
        "Ordered field must be grouped or aggregated: Name");
    assertError("SELECT Industry, COUNT(Industry) FROM Account GROUP BY Industry", "MALFORMED_QUERY",
        "Grouped field should not be aggregated: Industry");
    assertError("SELECT Industry, industry FROM Account GROUP BY Industry", "MALFORMED_QUERY",
        "duplicate field selected: industry");
    SalesforceClient.Answer position = error("SELECT Industry, Name FROM Account GROUP BY Industry");
    assertThat(position.errorMessage()).startsWith(
        "\nSELECT Industry, Name FROM Account GROUP BY Industry\n                 ^\nERROR at Row:1:Column:18\n");
  }

  @Test
  void onlyGroupableFieldsGroup() {
    for (String field : List.of("AnnualRevenue", "Backlog_Project_Id__c", "CreatedDate", "Description")) {
      assertError("SELECT " + field + ", COUNT(Id) FROM Account GROUP BY " + field, "INVALID_FIELD",
          "field '" + field + "' can not be grouped in a query call");
    }
    for (String field : List.of("Payment_Methods__c", "Reminder_Time__c", "Name", "Amount__c")) {
      assertThat(error("SELECT COUNT(Id) FROM Invoice__c GROUP BY " + field).errorCode()).as(field)
          .isEqualTo("INVALID_FIELD");
    }
    assertError("SELECT COUNT(Id) FROM Account GROUP BY nope", "INVALID_FIELD",
        "No such column 'nope' on entity 'Account'. If you are attempting to use a custom field, be sure to"
            + " append the '__c' after the custom field name. Please reference your WSDL or the describe call"
            + " for the appropriate names.");
    // Every groupable type groups.
    assertThat(records("SELECT IsDeleted, OwnerId, NumberOfEmployees, Phone, Website, COUNT(Id) FROM Account"
        + " GROUP BY IsDeleted, OwnerId, NumberOfEmployees, Phone, Website LIMIT 10")).hasSize(10);
  }

  @Test
  void functionsOnlyTakeTheTypesTheySupport() {
    for (String[] bad : List.of(
        new String[] {"SUM(Name)", "Name", "SUM"},
        new String[] {"AVG(CreatedDate)", "CreatedDate", "AVG"},
        new String[] {"SUM(Industry)", "Industry", "SUM"},
        new String[] {"COUNT(IsDeleted)", "IsDeleted", "COUNT"},
        new String[] {"MAX(IsDeleted)", "IsDeleted", "MAX"},
        new String[] {"COUNT(Description)", "Description", "COUNT"},
        new String[] {"COUNT_DISTINCT(Description)", "Description", "COUNT_DISTINCT"})) {
      assertError("SELECT " + bad[0] + " FROM Account", "MALFORMED_QUERY",
          "field " + bad[1] + " does not support aggregate operator " + bad[2]);
    }
    assertError("SELECT MIN(Reminder_Time__c) FROM Invoice__c", "MALFORMED_QUERY",
        "field Reminder_Time__c does not support aggregate operator MIN");
    assertError("SELECT COUNT(Payment_Methods__c) FROM Invoice__c", "MALFORMED_QUERY",
        "field Payment_Methods__c does not support aggregate operator COUNT");
    assertError("SELECT SUM(Nope) FROM Account", "INVALID_FIELD",
        "No such column 'Nope' on entity 'Account'. If you are attempting to use a custom field, be sure to"
            + " append the '__c' after the custom field name. Please reference your WSDL or the describe call"
            + " for the appropriate names.");
    // Numbers of every numeric type sum; dates, ids and text count and have a MIN and MAX.
    assertThat(records("SELECT SUM(Amount), AVG(Probability) FROM Opportunity")).hasSize(1);
    assertThat(records("SELECT SUM(Backlog_Project_Id__c), AVG(AnnualRevenue) FROM Account")).hasSize(1);
    assertThat(records("SELECT COUNT_DISTINCT(OwnerId), MIN(Id), MAX(Phone), MIN(Birthdate) FROM Contact")).hasSize(1);
  }

  @Test
  void aliasesAndLimitsAsSalesforceRefusesThem() {
    assertError("SELECT COUNT(Id) n, SUM(AnnualRevenue) N FROM Account", "MALFORMED_QUERY", "duplicate alias: N");
    assertError("SELECT SUM(AnnualRevenue), COUNT(Id) expr0 FROM Account", "MALFORMED_QUERY",
        "duplicate alias: expr0");
    assertError("SELECT Name, Account.Name, COUNT(Id) FROM Contact GROUP BY Name, Account.Name", "MALFORMED_QUERY",
        "duplicate alias: Name");
    assertError("SELECT Name n FROM Account", "MALFORMED_QUERY", "only aggregate expressions use field aliasing");
    assertError("SELECT MAX(CreatedDate) FROM Account LIMIT 1", "MALFORMED_QUERY",
        "Non-grouped query that uses overall aggregate functions cannot also use LIMIT");
    assertError("SELECT COUNT() FROM Account GROUP BY Industry", "MALFORMED_QUERY",
        "COUNT() can not be used with GROUP BY or HAVING: use COUNT(fieldName) instead");
    assertError("SELECT COUNT(Id) FROM Account WHERE COUNT(Id) > 1", "MALFORMED_QUERY",
        "Aggregate functions are not allowed in WHERE: filter groups with HAVING");
    // The grouped form of LIMIT is fine ("You must use a GROUP BY clause if your query has a LIMIT
    // clause and an aggregated function").
    assertThat(records("SELECT Name, MAX(CreatedDate) FROM Account GROUP BY Name LIMIT 5")).hasSize(5);
  }
}
