package io.saasql.benchmark;

import static io.saasql.benchmark.PostgresMirror.Column.of;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.saasql.benchmark.PostgresMirror.Column;
import io.saasql.benchmark.PostgresMirror.Type;
import io.saasql.sandbox.postgres.DemoPostgres;
import io.saasql.sandbox.RecordedRequest;
import io.saasql.sandbox.SandboxServer;
import io.saasql.sandbox.backlog.BacklogSandbox;
import io.saasql.sandbox.bitbucket.BitbucketSandbox;
import io.saasql.sandbox.pingone.PingOneSandbox;
import io.saasql.sandbox.salesforce.SalesforceSandbox;
import io.saasql.testing.TestSources;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the benchmark runs against: the four sandboxes of the tests, a second Backlog sandbox with
 * generated issues for the large scan, the demo Postgres with copies of the sandboxes' data
 * (schema {@value PostgresMirror#SCHEMA}), and one Calcite connection whose model has every
 * source three times: with pushdown ({@code backlog}, {@code Administrators}, …), without (the
 * naive adapter: {@code backlog_nopush}, …) and with pushdown but one request at a time
 * ({@code "maxConcurrentRequests": 1}: {@code backlog_serial}, …).
 */
final class BenchEnvironment implements AutoCloseable {
  static final String WORKSPACE = "acme";
  static final String ENVIRONMENT = "Administrators";
  static final List<String> REPOSITORIES = List.of("api", "web", "mobile");

  final BacklogSandbox backlog = TestSources.backlog();
  final BacklogSandbox large;
  final BitbucketSandbox bitbucket = TestSources.bitbucket();
  final PingOneSandbox pingone = TestSources.pingone();
  final SalesforceSandbox salesforce = TestSources.salesforce();
  final DemoPostgres demoPostgres = DemoPostgres.shared();
  final Connection calcite;
  private final String rateLimit;
  final Connection postgres;

  /** {@code rateLimit}: the sandboxes' enforced limit as a {@code rateLimit} operand. */
  BenchEnvironment(int largeIssues, String rateLimit) throws SQLException {
    this.rateLimit = rateLimit;
    large = BacklogSandbox.withGeneratedIssues(largeIssues).start();
    calcite = TestSources.connect(model());
    postgres = demoPostgres.dataSource().getConnection();
  }

  /** Every sandbox by the name the report uses. */
  Map<String, SandboxServer> sandboxes() {
    Map<String, SandboxServer> all = new LinkedHashMap<>();
    all.put("backlog", backlog);
    all.put("backlog (generated)", large);
    all.put("bitbucket", bitbucket);
    all.put("pingone", pingone);
    all.put("salesforce", salesforce);
    return all;
  }

  /** Sets every sandbox's per-request latency and enforced rate limit (requests &lt;= 0: none). */
  void faults(Duration latency, int requests, Duration window) {
    for (SandboxServer s : sandboxes().values()) {
      s.faults().reset();
      s.faults().latency(latency);
      if (requests > 0) {
        s.faults().enforceRateLimit(requests, window);
      }
    }
  }

  void clearRequests() {
    sandboxes().values().forEach(SandboxServer::clearRequests);
  }

  /** The requests each sandbox received since {@link #clearRequests()}. */
  Map<String, List<RecordedRequest>> requests() {
    Map<String, List<RecordedRequest>> out = new LinkedHashMap<>();
    sandboxes().forEach((name, s) -> out.put(name, s.requests()));
    return out;
  }

  /** A set of schemas in the model: name suffix, pushdown, maxConcurrentRequests (0: default). */
  private record SchemaSet(String suffix, boolean pushdown, int maxConcurrentRequests,
      String rateLimit) {}

  /**
   * The model: each source with pushdown (at the default maxConcurrentRequests, 4), without it
   * ({@code _nopush}), and with pushdown one request at a time ({@code _serial}); Postgres as
   * {@code pg} (the Heroku Connect schema {@code salesforce}) and {@code pgbench} (schema
   * {@value PostgresMirror#SCHEMA}: the copies and the bind-join keys).
   */
  String model() {
    List<String> schemas = new ArrayList<>();
    // The sandboxes' enforced limit is a fault the run switches on and off; only the _limited
    // schemas know it (the others send as fast as the sandboxes answer, as before rateLimit).
    for (SchemaSet set : List.of(new SchemaSet("", true, 0, "none"),
        new SchemaSet("_nopush", false, 0, "none"), new SchemaSet("_serial", true, 1, "none"),
        new SchemaSet("_limited", true, 0, rateLimit))) {
      String suffix = set.suffix();
      schemas.add(schema("backlog" + suffix, "io.saasql.backlog.BacklogSchemaFactory", set,
          "\"baseUrl\":\"" + backlog.baseUrl() + "\",\"apiKey\":\"" + backlog.apiKey() + "\""));
      schemas.add(schema("backlog_large" + suffix, "io.saasql.backlog.BacklogSchemaFactory", set,
          "\"baseUrl\":\"" + large.baseUrl() + "\",\"apiKey\":\"" + large.apiKey() + "\""));
      schemas.add(schema("bitbucket" + suffix, "io.saasql.bitbucket.BitbucketSchemaFactory", set,
          "\"workspace\":\"" + WORKSPACE + "\",\"clientId\":\"" + bitbucket.clientId()
              + "\",\"clientSecret\":\"" + bitbucket.clientSecret() + "\",\"tokenUrl\":\""
              + bitbucket.tokenUrl() + "\",\"baseUrl\":\"" + bitbucket.baseUrl() + "\""));
      String env = pingone.environmentId(ENVIRONMENT);
      schemas.add(schema(ENVIRONMENT + suffix, "io.saasql.pingone.PingOneSchemaFactory", set,
          "\"environmentId\":\"" + env + "\",\"clientId\":\"" + pingone.clientId(ENVIRONMENT)
              + "\",\"clientSecret\":\"" + pingone.clientSecret(ENVIRONMENT) + "\",\"baseUrl\":\""
              + pingone.baseUrl() + "\",\"tokenUrl\":\"" + pingone.authBaseUrl() + "/" + env
              + "/as/token\""));
      schemas.add(schema("salesforce" + suffix, "io.saasql.salesforce.SalesforceSchemaFactory",
          set, "\"clientId\":\"" + salesforce.clientId() + "\",\"clientSecret\":\""
              + salesforce.clientSecret() + "\",\"loginUrl\":\"" + salesforce.loginUrl() + "\""));
    }
    schemas.add(jdbcSchema("pg", "salesforce"));
    schemas.add(jdbcSchema("pgbench", PostgresMirror.SCHEMA));
    return "{\"version\":\"1.0\",\"defaultSchema\":\"backlog\",\"schemas\":["
        + String.join(",", schemas) + "]}";
  }

  /** A schema of the demo Postgres. */
  private String jdbcSchema(String name, String postgresSchema) {
    return "{\"name\":\"" + name + "\",\"type\":\"jdbc\",\"jdbcUrl\":\""
        + demoPostgres.jdbcUrl() + "\",\"jdbcUser\":\"" + demoPostgres.user()
        + "\",\"jdbcPassword\":\"" + demoPostgres.password() + "\",\"jdbcSchema\":\""
        + postgresSchema + "\"}";
  }

  private static String schema(String name, String factory, SchemaSet set, String operands) {
    return "{\"name\":\"" + name + "\",\"type\":\"custom\",\"factory\":\"" + factory
        + "\",\"operand\":{" + operands + ",\"pushdown\":" + set.pushdown()
        + ",\"rateLimit\":\"" + set.rateLimit() + "\""
        + (set.maxConcurrentRequests() > 0
            ? ",\"maxConcurrentRequests\":" + set.maxConcurrentRequests() : "") + "}}";
  }

  /** Loads the copies in Postgres, straight from the sandboxes' JSON. */
  void loadCopies() throws SQLException {
    PostgresMirror.load(postgres, "backlog_issues", List.of(
        of("id", Type.INTEGER, "/id"), of("issuekey", Type.TEXT, "/issueKey"),
        of("projectid", Type.INTEGER, "/projectId"), of("summary", Type.TEXT, "/summary"),
        of("statusid", Type.INTEGER, "/status/id"), of("statusname", Type.TEXT, "/status/name"),
        of("assigneeid", Type.INTEGER, "/assignee/id"),
        of("assigneemail", Type.TEXT, "/assignee/mailAddress"),
        of("created", Type.TIMESTAMP, "/created")), backlog.issues(), "id");
    PostgresMirror.load(postgres, "backlog_large", List.of(
        of("id", Type.INTEGER, "/id"), of("summary", Type.TEXT, "/summary"),
        of("statusname", Type.TEXT, "/status/name")), large.issues(), "id");

    List<JsonNode> issues = new ArrayList<>();
    for (String repo : REPOSITORIES) {
      for (ObjectNode issue : bitbucket.issues(WORKSPACE, repo)) {
        issue.set("@repo", TextNode.valueOf(repo));
        issues.add(issue);
      }
    }
    PostgresMirror.load(postgres, "bitbucket_issues", List.of(
        of("reposlug", Type.TEXT, "/@repo"), of("id", Type.INTEGER, "/id"),
        of("title", Type.TEXT, "/title"), of("state", Type.TEXT, "/state"),
        of("kind", Type.TEXT, "/kind"), of("priority", Type.TEXT, "/priority"),
        of("createdon", Type.TIMESTAMP, "/created_on")), issues, "reposlug, id");

    PostgresMirror.load(postgres, "pingone_users", List.of(
        of("id", Type.TEXT, "/id"), of("username", Type.TEXT, "/username"),
        of("email", Type.TEXT, "/email"), of("title", Type.TEXT, "/title"),
        of("employeetype", Type.TEXT, "/type"), of("createdat", Type.TIMESTAMP, "/createdAt")),
        pingone.users(ENVIRONMENT), "id");

    PostgresMirror.load(postgres, "sf_account", List.of(
        of("id", Type.TEXT, "/Id"), of("name", Type.TEXT, "/Name"),
        of("industry", Type.TEXT, "/Industry"), of("annualrevenue", Type.DOUBLE, "/AnnualRevenue"),
        of("backlog_project_id__c", Type.DOUBLE, "/Backlog_Project_Id__c"),
        of("systemmodstamp", Type.TIMESTAMP, "/SystemModstamp")), live("Account"), "id");
    PostgresMirror.load(postgres, "sf_contact", List.of(
        of("id", Type.TEXT, "/Id"), of("name", Type.TEXT, "/Name"),
        of("email", Type.TEXT, "/Email"), of("accountid", Type.TEXT, "/AccountId")),
        live("Contact"), "id");
    PostgresMirror.load(postgres, "sf_opportunity", List.of(
        of("id", Type.TEXT, "/Id"), of("name", Type.TEXT, "/Name"),
        of("stagename", Type.TEXT, "/StageName"), of("amount", Type.DOUBLE, "/Amount"),
        of("isclosed", Type.BOOLEAN, "/IsClosed"), of("closedate", Type.DATE, "/CloseDate")),
        live("Opportunity"), "id");
    PostgresMirror.load(postgres, "sf_user", List.of(
        of("id", Type.TEXT, "/Id"), of("name", Type.TEXT, "/Name"),
        of("username", Type.TEXT, "/Username"), of("email", Type.TEXT, "/Email")),
        live("User"), "id");
    PostgresMirror.load(postgres, "bind_keys", List.of(
        of("pair", Type.TEXT, "/pair"), of("n", Type.INTEGER, "/n"),
        of("ikey", Type.INTEGER, "/ikey"), of("skey", Type.TEXT, "/skey")), bindKeys(),
        "pair, n");
  }

  /** The most keys a bind-join query of the benchmark takes from {@code bench.bind_keys}. */
  static final int BIND_KEYS = 1000;

  /**
   * The keys of the bind-join queries: per source ({@code pair}) rows n = 1 … {@value #BIND_KEYS}
   * (a query with k keys takes n &lt;= k), an integer key {@code ikey} or a text key
   * {@code skey}. Backlog: issue ids spread over the seeded issues, every 10th above them (no such
   * issue), and n = 25, 75, … repeating the key of n - 24. Bitbucket: ids 1 … 1,000 in a spread
   * order (repository {@code api} has 318 issues, so most find nothing). PingOne: e-mails of
   * distinct users, every 50th NULL. Salesforce: Ids of distinct live contacts.
   */
  private List<ObjectNode> bindKeys() {
    List<ObjectNode> rows = new ArrayList<>();
    int issues = backlog.issueCount();
    List<ObjectNode> users = pingone.users(ENVIRONMENT);
    List<ObjectNode> contacts = live("Contact");
    for (int n = 1; n <= BIND_KEYS; n++) {
      int k = n - 1;
      int issue = n % 10 == 0 ? issues + n
          : 1 + (n % 50 == 25 ? k - 24 : k) * 1031 % issues;
      rows.add(bindKey("backlog", n).put("ikey", issue));
      rows.add(bindKey("bitbucket", n).put("ikey", 1 + (k * 337 + 6) % 1000));
      ObjectNode user = bindKey("pingone", n);
      if (n % 50 != 0) {
        user.set("skey", users.get(k * 7 % users.size()).get("email"));
      }
      rows.add(user);
      rows.add(bindKey("salesforce", n)
          .set("skey", contacts.get(k * 7 % contacts.size()).get("Id")));
    }
    return rows;
  }

  private static ObjectNode bindKey(String pair, int n) {
    ObjectNode row = JsonNodeFactory.instance.objectNode();
    row.put("pair", pair);
    row.put("n", n);
    return row;
  }

  /** The records a SOQL query (not queryAll) sees: those not in the recycle bin. */
  List<ObjectNode> live(String sObject) {
    return salesforce.liveRecords(sObject);
  }

  @Override
  public void close() throws SQLException {
    try {
      PostgresMirror.drop(postgres);
    } finally {
      calcite.close();
      postgres.close();
      large.close();
    }
  }
}
