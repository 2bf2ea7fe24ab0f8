package io.saasql.core.plan;

import io.saasql.sandbox.RecordedRequest;
import io.saasql.sandbox.SandboxServer;
import io.saasql.testing.TestSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bind joins, proven by the sandboxes' request logs: a join whose small side holds N distinct
 * non-NULL keys makes ⌈N / batch⌉ requests to the other side's API, which together carry
 * exactly those keys, each once, in the API's own syntax (Backlog {@code id[]}, SOQL
 * {@code IN}, BBQL {@code id = … OR …}, a SCIM filter of {@code email eq}), and no request for a
 * NULL key; the rows are those of the same join with pushdown off. INNER and LEFT joins; keys
 * with quotes; requests one after another and at the same time.
 */
class BindJoinTest {
  private static Connection calcite;

  @BeforeAll static void setUp() throws Exception {
    String model = "{\"version\":\"1.0\",\"schemas\":["
        + TestSources.bitbucketSchema("bitbucket", "acme", true, "") + ","
        + TestSources.bitbucketSchema("bitbucket_nopush", "acme", false, "") + ","
        + TestSources.backlogSchema("backlog", TestSources.backlog().baseUrl(), true) + ","
        + TestSources.backlogSchema("backlog_nopush", TestSources.backlog().baseUrl(), false)
        + "," + TestSources.backlogSchema("backlog_serial", TestSources.backlog().baseUrl(),
            "BACKLOG_API_KEY", true, ",\"maxConcurrentRequests\":1")
        + "," + TestSources.pingoneSchema("pingone", "Production", true, "") + ","
        + TestSources.pingoneSchema("pingone_nopush", "Production", false, "") + ","
        + TestSources.salesforceSchema("salesforce", true, "") + ","
        + TestSources.salesforceSchema("salesforce_nopush", false, "") + "]}";
    System.setProperty("BACKLOG_API_KEY", TestSources.backlog().apiKey());
    calcite = TestSources.connect(model);
  }

  @AfterAll static void tearDown() throws Exception {
    calcite.close();
  }

  // ---- Backlog: id[] ----

  @Test void backlogKeysTravelAsIdParametersOnceEachAndNullsNever() throws Exception {
    String sql = "SELECT k.id, i.Summary FROM (VALUES (1), (5), (NULL), (5), (9), (999999))"
        + " AS k(id) LEFT JOIN %s.Issues i ON i.Id = k.id";
    List<RecordedRequest> sent = run(sql, "backlog", TestSources.backlog());
    assertThat(plan(sql.formatted("backlog"))).contains("RestBindJoin");
    assertThat(sent).singleElement().satisfies(r -> {
      assertThat(r.path()).isEqualTo("/api/v2/issues");
      assertThat(r.query().get("id[]")).containsExactly("1", "5", "9", "999999");
    });
  }

  @Test void inAndExistsSubqueriesBindTheirKeysToo() throws Exception {
    String keys = "(VALUES (1), (5), (NULL), (5), (9), (999999)) AS k(id)";
    for (String sql : List.of(
        "SELECT k.id FROM " + keys + " WHERE k.id IN (SELECT Id FROM %s.Issues)",
        "SELECT k.id FROM " + keys + " WHERE EXISTS (SELECT 1 FROM %s.Issues i WHERE i.Id = k.id)",
        "SELECT k.id FROM " + keys
            + " WHERE NOT EXISTS (SELECT 1 FROM %s.Issues i WHERE i.Id = k.id)")) {
      assertThat(plan(sql.formatted("backlog"))).as(sql).contains("RestBindJoin");
      List<RecordedRequest> sent = run(sql, "backlog", TestSources.backlog());
      assertThat(sent).as(sql).singleElement().satisfies(r -> {
        assertThat(r.path()).isEqualTo("/api/v2/issues");
        assertThat(r.query().get("id[]")).containsExactlyInAnyOrder("1", "5", "9", "999999");
      });
    }
  }

  @Test void backlogKeysBeyondOneBatchMakeOneRequestPerBatch() throws Exception {
    List<Long> ids = new ArrayList<>();
    for (long id = 1; id <= 250; id++) {
      ids.add(id * 7 % 2650 + 1);
    }
    String values = ids.stream().map(i -> "(" + i + ")").collect(Collectors.joining(", "));
    String sql = "SELECT k.id, i.Summary, i.StatusId FROM (VALUES " + values + ", (NULL))"
        + " AS k(id) JOIN %s.Issues i ON i.Id = k.id";
    int batch = batch(plan(sql.formatted("backlog")));
    // A batch of 100 ids answered by a full page of 100 issues is followed by one empty page
    // (Backlog's offset paging has no total): the batches are the distinct id lists sent.
    List<List<String>> batches = run(sql, "backlog", TestSources.backlog()).stream()
        .map(r -> r.query().get("id[]")).distinct().toList();
    Set<Long> distinct = new LinkedHashSet<>(ids);
    assertThat(batches).hasSize((distinct.size() + batch - 1) / batch);
    List<String> carried = batches.stream().flatMap(List::stream).toList();
    assertThat(carried).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
        distinct.stream().map(String::valueOf).toList());
  }

  @Test void batchesRunAtTheSameTimeOrInTurnWithTheSameRequestsAndRows() throws Exception {
    StringBuilder values = new StringBuilder();
    for (int id = 1; id <= 400; id += 1) {
      values.append(values.length() == 0 ? "" : ", ").append("(").append(id * 3).append(")");
    }
    String sql = "SELECT k.id, i.Summary FROM (VALUES " + values + ") AS k(id)"
        + " JOIN %s.Issues i ON i.Id = k.id ORDER BY k.id";
    SandboxServer backlog = TestSources.backlog();
    backlog.clearRequests();
    List<List<Object>> parallel = TestSources.rows(calcite, sql.formatted("backlog"));
    Set<String> parallelSent = described(backlog.requests());
    backlog.clearRequests();
    List<List<Object>> serial = TestSources.rows(calcite, sql.formatted("backlog_serial"));
    Set<String> serialSent = described(backlog.requests());
    assertThat(parallel).hasSizeGreaterThan(300).isEqualTo(serial)
        .isEqualTo(TestSources.rows(calcite, sql.formatted("backlog_nopush")));
    assertThat(parallelSent).hasSizeGreaterThan(1).isEqualTo(serialSent);
  }

  // ---- PingOne: a SCIM filter of email eq ----

  @Test void pingOneEmailsTravelInOneScimFilterEscapedAndNullsNever() throws Exception {
    List<String> emails = TestSources.pingone().users("Production").stream()
        .map(u -> u.get("email").asText()).limit(6).toList();
    String values = emails.stream().map(BindJoinTest::text).collect(Collectors.joining(", "));
    String sql = "SELECT k.email, u.Username FROM (VALUES " + values
        + ", (NULL), " + text(emails.get(0)) + ", " + text("o'brien\"x\\y@example.com") + ")"
        + " AS k(email) LEFT JOIN %s.Users u ON u.Email = k.email";
    List<RecordedRequest> sent = run(sql, "pingone", TestSources.pingone());
    List<RecordedRequest> listings = sent.stream()
        .filter(r -> r.path().endsWith("/users")).toList();
    assertThat(listings).singleElement();
    List<String> carried = scimEmails(listings.get(0).query().get("filter").get(0));
    List<String> want = new ArrayList<>(emails);
    want.add("o'brien\"x\\y@example.com");
    assertThat(carried).containsExactlyInAnyOrderElementsOf(want);
  }

  @Test void pingOneEmailsBeyondOneFilterMakeOneListingPerBatch() throws Exception {
    List<String> emails = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      emails.add("someone%04d@nowhere.example".formatted(i));
    }
    TestSources.pingone().users("Production").stream().limit(20)
        .forEach(u -> emails.add(u.get("email").asText()));
    String values = emails.stream().map(BindJoinTest::text).collect(Collectors.joining(", "));
    String sql = "SELECT k.email, u.Username FROM (VALUES " + values + ") AS k(email)"
        + " JOIN %s.Users u ON u.Email = k.email";
    List<RecordedRequest> listings = run(sql, "pingone", TestSources.pingone()).stream()
        .filter(r -> r.path().endsWith("/users")).toList();
    List<List<String>> batches = listings.stream()
        .map(r -> scimEmails(r.query().get("filter").get(0))).toList();
    int largest = batches.stream().mapToInt(List::size).max().orElseThrow();
    assertThat(listings).hasSizeGreaterThan(1).hasSize((emails.size() + largest - 1) / largest);
    assertThat(batches.stream().flatMap(List::stream).toList()).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(emails);
    // Every URL stays within the 8 KB request line servers and proxies accept.
    for (RecordedRequest r : listings) {
      String encoded = java.net.URLEncoder.encode(r.query().get("filter").get(0),
          java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
      assertThat(encoded.length()).isLessThanOrEqualTo(8000);
    }
  }

  // ---- Salesforce: SOQL IN ----

  @Test void salesforceIdsTravelInOneSoqlInAndAKeyNoQueryCarriesReadsTheSideOnce()
      throws Exception {
    List<String> ids = TestSources.salesforce().liveRecords("Contact").stream()
        .map(r -> r.get("Id").asText()).limit(5).toList();
    String values = ids.stream().map(BindJoinTest::text).collect(Collectors.joining(", "));
    String sql = "SELECT k.id, c.LastName FROM (VALUES " + values + ", (NULL), "
        + text(ids.get(1)) + ") AS k(id) JOIN %s.Contact c ON c.Id = k.id";
    TestSources.rows(calcite, sql.formatted("salesforce")); // describes Contact
    assertThat(plan(sql.formatted("salesforce"))).contains("RestBindJoin");
    List<RecordedRequest> queries = run(sql, "salesforce", TestSources.salesforce()).stream()
        .filter(r -> r.path().endsWith("/query")).toList();
    assertThat(queries).singleElement().satisfies(r -> {
      String soql = r.query().get("q").get(0);
      assertThat(soql).contains("Id IN (");
      assertThat(quoted(soql.substring(soql.indexOf("Id IN (")), "'"))
          .containsExactlyInAnyOrderElementsOf(ids);
    });
    // '003x''y' is no Salesforce Id, so no query can carry it: Contact is read whole, once.
    String awkward = sql.replace(") AS k(id)", ", " + text("003x'y") + ") AS k(id)");
    queries = run(awkward, "salesforce", TestSources.salesforce()).stream()
        .filter(r -> r.path().endsWith("/query")).toList();
    assertThat(queries).singleElement()
        .satisfies(r -> assertThat(r.query().get("q").get(0)).doesNotContain("Id IN ("));
  }

  @Test void theSmallSideIsReadFirstByTheOrgsRecordCounts() throws Exception {
    // Salesforce's record counts say User is small: its e-mails go to PingOne in one filter,
    // instead of every PingOne user being read to ask Salesforce for their e-mails.
    String sql = "SELECT s.Name, u.Username FROM salesforce.\"User\" s"
        + " JOIN %s.Users u ON u.Email = s.Email";
    List<String> emails = TestSources.salesforce().liveRecords("User").stream()
        .map(u -> u.path("Email").asText(null)).filter(java.util.Objects::nonNull).distinct()
        .toList();
    List<RecordedRequest> listings = run(sql, "pingone", TestSources.pingone()).stream()
        .filter(r -> r.path().endsWith("/users")).toList();
    assertThat(listings).singleElement().satisfies(r -> assertThat(
        scimEmails(r.query().get("filter").get(0))).containsExactlyInAnyOrderElementsOf(emails));
  }

  @Test void keysThatWouldTakeMoreRequestsThanTheWholeSideReadItOnce() throws Exception {
    // 1,200 PingOne e-mails against Salesforce's User, which one SOQL query reads whole: however
    // the planner orders the join, Salesforce answers at most that one query.
    String sql = "SELECT s.Name, u.Username FROM pingone.Users u"
        + " JOIN %s.\"User\" s ON s.Email = u.Email";
    TestSources.rows(calcite, sql.formatted("salesforce")); // describes User
    List<RecordedRequest> queries = run(sql, "salesforce", TestSources.salesforce()).stream()
        .filter(r -> r.path().endsWith("/query")).toList();
    assertThat(queries).hasSizeLessThanOrEqualTo(1);
  }

  // ---- Bitbucket: RepoSlug paths, BBQL ids ----

  @Test void bitbucketSlugsSkipTheRepositoryListing() throws Exception {
    String sql = "SELECT k.slug, b.Id FROM (VALUES " + text("api") + ", " + text("web")
        + ", (NULL), " + text("api") + ")"
        + " AS k(slug) JOIN %s.Issues b ON b.RepoSlug = k.slug AND b.Kind = 'bug'";
    List<RecordedRequest> sent = run(sql, "bitbucket", TestSources.bitbucket());
    assertThat(sent).noneMatch(r -> r.path().equals("/2.0/repositories/acme"));
    assertThat(sent.stream().map(r -> r.path()).collect(Collectors.toSet())).containsExactly(
        "/2.0/repositories/acme/api/issues", "/2.0/repositories/acme/web/issues");
    assertThat(sent).allSatisfy(r -> assertThat(r.query().get("q").get(0)).contains("bug"));
  }

  @Test void bitbucketIdsTravelInOneBbqlQuery() throws Exception {
    String sql = "SELECT k.id, b.Title FROM (VALUES (3), (5), (NULL), (8), (3)) AS k(id)"
        + " JOIN (SELECT * FROM %s.Issues WHERE RepoSlug = 'api') b ON b.Id = k.id";
    List<RecordedRequest> sent = run(sql, "bitbucket", TestSources.bitbucket());
    assertThat(sent).singleElement().satisfies(r -> {
      assertThat(r.path()).isEqualTo("/2.0/repositories/acme/api/issues");
      assertThat(ids(r.query().get("q").get(0))).containsExactlyInAnyOrder("3", "5", "8");
    });
  }

  // ---- helpers ----

  /**
   * Runs {@code sql} over the pushed schema, returning the requests it made of {@code sandbox}
   * (token requests aside), and checks its rows against the same join with pushdown off.
   */
  private static List<RecordedRequest> run(String sql, String schema, SandboxServer sandbox)
      throws Exception {
    sandbox.clearRequests();
    List<List<Object>> pushed = TestSources.rows(calcite, sql.formatted(schema));
    List<RecordedRequest> sent = sandbox.requests().stream()
        .filter(r -> r.method().equals("GET") && r.status() != 429).toList();
    assertThat(pushed).containsExactlyInAnyOrderElementsOf(
        TestSources.rows(calcite, sql.formatted(schema + "_nopush")));
    return sent;
  }

  /** A VALUES row of one text value (VARCHAR: a CHAR literal would be padded to the longest). */
  private static String text(String value) {
    return "(CAST('" + value.replace("'", "''") + "' AS VARCHAR(200)))";
  }

  private static String plan(String sql) throws Exception {
    try (Statement s = calcite.createStatement();
         ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** The batch size EXPLAIN states for the bind join. */
  private static int batch(String plan) {
    Matcher m = Pattern.compile("batch=\\[up to (\\d+) keys]").matcher(plan);
    assertThat(m.find()).as(plan).isTrue();
    return Integer.parseInt(m.group(1));
  }

  private static Set<String> described(List<RecordedRequest> requests) {
    return requests.stream().map(RecordedRequest::describe).collect(Collectors.toCollection(
        HashSet::new));
  }

  private static List<String> scimEmails(String filter) {
    return quoted(filter, "\"");
  }

  /** The string literals in a filter, quoted with {@code quote}, backslash escapes undone. */
  private static List<String> quoted(String text, String quote) {
    Matcher m = Pattern.compile(quote + "((?:[^" + quote + "\\\\]|\\\\.)*)" + quote)
        .matcher(text);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1).replaceAll("\\\\(.)", "$1"));
    }
    return out;
  }

  private static List<String> ids(String bbql) {
    Matcher m = Pattern.compile("id = (\\d+)").matcher(bbql);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
