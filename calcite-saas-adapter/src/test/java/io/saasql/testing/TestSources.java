package io.saasql.testing;

import io.saasql.sandbox.RecordedRequest;
import io.saasql.sandbox.backlog.BacklogSandbox;
import io.saasql.sandbox.bitbucket.BitbucketSandbox;
import io.saasql.sandbox.pingone.PingOneSandbox;
import io.saasql.sandbox.salesforce.SalesforceSandbox;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The sandboxes every test in a JVM shares (started once, never per test class), and connections
 * to models over them with the same settings users get from the README.
 */
public final class TestSources {
  private static BacklogSandbox backlog;
  private static PingOneSandbox pingone;
  private static SalesforceSandbox salesforce;
  private static BitbucketSandbox bitbucket;

  private TestSources() {}

  /** The shared Backlog sandbox, started on first use. */
  public static synchronized BacklogSandbox backlog() {
    if (backlog == null) {
      backlog = new BacklogSandbox();
      backlog.start();
      Runtime.getRuntime().addShutdownHook(new Thread(backlog::close));
    }
    return backlog;
  }

  /** The shared Bitbucket sandbox, started on first use. */
  public static synchronized BitbucketSandbox bitbucket() {
    if (bitbucket == null) {
      bitbucket = new BitbucketSandbox();
      bitbucket.start();
      Runtime.getRuntime().addShutdownHook(new Thread(bitbucket::close));
    }
    return bitbucket;
  }

  /**
   * A model with the Bitbucket workspace {@code acme} as schema {@code bitbucket} (pushdown on)
   * and {@code bitbucket_nopush}, and {@code bitbucket_all} with no workspace; OAuth client
   * credentials, the secret from the system property BITBUCKET_CLIENT_SECRET.
   */
  public static String bitbucketModel() {
    return "{\"version\":\"1.0\",\"defaultSchema\":\"bitbucket\",\"schemas\":["
        + bitbucketSchema("bitbucket", "acme", true, "") + ","
        + bitbucketSchema("bitbucket_nopush", "acme", false, "") + ","
        + bitbucketSchema("bitbucket_all", null, true, "") + "]}";
  }

  /**
   * The tests' schemas send as fast as the sandboxes answer (the suite makes thousands of requests
   * a minute with the same credentials); tests of the rate limit set their own ({@code extra}
   * operands come after this one and win).
   */
  private static final String NO_RATE_LIMIT = "\"rateLimit\":\"none\",";

  /** One Bitbucket schema over the shared sandbox; {@code extra} adds operands. */
  public static String bitbucketSchema(String name, String workspace, boolean pushdown,
      String extra) {
    BitbucketSandbox s = bitbucket();
    System.setProperty("BITBUCKET_CLIENT_SECRET", s.clientSecret());
    return "{\"name\":\"" + name + "\",\"type\":\"custom\","
        + "\"factory\":\"io.saasql.bitbucket.BitbucketSchemaFactory\",\"operand\":{"
        + (workspace == null ? "" : "\"workspace\":\"" + workspace + "\",")
        + (extra.contains("accessToken") || extra.contains("email") ? ""
            : "\"clientId\":\"" + s.clientId() + "\",\"clientSecret\":\"${BITBUCKET_CLIENT_SECRET}\","
                + "\"tokenUrl\":\"" + s.tokenUrl() + "\",")
        + "\"baseUrl\":\"" + s.baseUrl() + "\","
        + "\"maxRetryWaitSeconds\":\"5\"," + NO_RATE_LIMIT + "\"pushdown\":" + pushdown + extra
        + "}}";
  }

  /** The shared Salesforce sandbox, started on first use. */
  public static synchronized SalesforceSandbox salesforce() {
    if (salesforce == null) {
      salesforce = new SalesforceSandbox();
      salesforce.start();
      Runtime.getRuntime().addShutdownHook(new Thread(salesforce::close));
    }
    return salesforce;
  }

  /**
   * A model with schema {@code salesforce} (pushdown on) and {@code salesforce_nopush} (pushdown
   * off), client credentials flow; the secret comes from the system property
   * SALESFORCE_CLIENT_SECRET.
   */
  public static String salesforceModel() {
    return "{\"version\":\"1.0\",\"defaultSchema\":\"salesforce\",\"schemas\":["
        + salesforceSchema("salesforce", true, "") + ","
        + salesforceSchema("salesforce_nopush", false, "") + "]}";
  }

  /** One Salesforce schema over the shared sandbox; {@code extra} adds operands. */
  public static String salesforceSchema(String name, boolean pushdown, String extra) {
    SalesforceSandbox s = salesforce();
    System.setProperty("SALESFORCE_CLIENT_SECRET", s.clientSecret());
    return "{\"name\":\"" + name + "\",\"type\":\"custom\","
        + "\"factory\":\"io.saasql.salesforce.SalesforceSchemaFactory\",\"operand\":{"
        + "\"clientId\":\"" + s.clientId() + "\",\"loginUrl\":\"" + s.loginUrl() + "\","
        + (extra.contains("privateKeyFile") ? "" : "\"clientSecret\":\"${SALESFORCE_CLIENT_SECRET}\",")
        + "\"maxRetryWaitSeconds\":\"5\"," + NO_RATE_LIMIT + "\"pushdown\":" + pushdown + extra
        + "}}";
  }

  /** The shared PingOne sandbox, started on first use. */
  public static synchronized PingOneSandbox pingone() {
    if (pingone == null) {
      pingone = new PingOneSandbox();
      pingone.start();
      Runtime.getRuntime().addShutdownHook(new Thread(pingone::close));
    }
    return pingone;
  }

  /**
   * A model with the PingOne environments {@code Administrators} and {@code Production} as schemas
   * of those names (pushdown on) and {@code …_nopush} (pushdown off); client secrets are read from
   * the system properties PINGONE_ADMINISTRATORS_SECRET and PINGONE_PRODUCTION_SECRET.
   */
  public static String pingoneModel() {
    return "{\"version\":\"1.0\",\"defaultSchema\":\"Administrators\",\"schemas\":["
        + pingoneSchema("Administrators", "Administrators", true, "") + ","
        + pingoneSchema("Administrators_nopush", "Administrators", false, "") + ","
        + pingoneSchema("Production", "Production", true, "") + ","
        + pingoneSchema("Production_nopush", "Production", false, "") + "]}";
  }

  /** One PingOne schema over the shared sandbox; {@code extra} adds operands ({@code ,"k":"v"}). */
  public static String pingoneSchema(String name, String environment, boolean pushdown,
      String extra) {
    PingOneSandbox s = pingone();
    String env = s.environmentId(environment);
    String secretProperty = "PINGONE_" + environment.toUpperCase(java.util.Locale.ROOT) + "_SECRET";
    System.setProperty(secretProperty, s.clientSecret(environment));
    return "{\"name\":\"" + name + "\",\"type\":\"custom\","
        + "\"factory\":\"io.saasql.pingone.PingOneSchemaFactory\",\"operand\":{"
        + "\"environmentId\":\"" + env + "\",\"clientId\":\"" + s.clientId(environment) + "\","
        + "\"clientSecret\":\"${" + secretProperty + "}\",\"baseUrl\":\"" + s.baseUrl() + "\","
        + "\"tokenUrl\":\"" + s.authBaseUrl() + "/" + env + "/as/token\","
        + "\"maxRetryWaitSeconds\":\"5\"," + NO_RATE_LIMIT + "\"pushdown\":" + pushdown + extra
        + "}}";
  }

  /**
   * A model with schema {@code backlog} (pushdown on), {@code backlog_nopush} (pushdown off) and
   * {@code backlog_serial} (pushdown on, one request at a time) over the shared sandbox; the API key is read from the system property BACKLOG_API_KEY, the
   * way a user's model reads it from the environment.
   */
  public static String backlogModel() {
    BacklogSandbox s = backlog();
    System.setProperty("BACKLOG_API_KEY", s.apiKey());
    return "{\"version\":\"1.0\",\"defaultSchema\":\"backlog\",\"schemas\":["
        + backlogSchema("backlog", s.baseUrl(), true) + ","
        + backlogSchema("backlog_nopush", s.baseUrl(), false) + ","
        + backlogSchema("backlog_serial", s.baseUrl(), "BACKLOG_API_KEY", true,
            ",\"maxConcurrentRequests\":1") + "]}";
  }

  public static String backlogSchema(String name, String baseUrl, boolean pushdown) {
    return backlogSchema(name, baseUrl, "BACKLOG_API_KEY", pushdown);
  }

  /** A Backlog schema whose API key is read from the system property {@code keyProperty}. */
  public static String backlogSchema(String name, String baseUrl, String keyProperty,
      boolean pushdown) {
    return backlogSchema(name, baseUrl, keyProperty, pushdown, "");
  }

  /** As above; {@code extra} adds operands ({@code ,"k":"v"}). */
  public static String backlogSchema(String name, String baseUrl, String keyProperty,
      boolean pushdown, String extra) {
    return "{\"name\":\"" + name + "\",\"type\":\"custom\","
        + "\"factory\":\"io.saasql.backlog.BacklogSchemaFactory\",\"operand\":{"
        + "\"baseUrl\":\"" + baseUrl + "\",\"apiKey\":\"${" + keyProperty + "}\","
        + "\"maxRetryWaitSeconds\":\"5\"," + NO_RATE_LIMIT + "\"pushdown\":" + pushdown + extra
        + "}}";
  }

  /** Issues of {@link #smallBacklog()}: three pages of 100. */
  public static final int SMALL_BACKLOG_ISSUES = 250;

  private static BacklogSandbox smallBacklog;

  /**
   * A second Backlog sandbox, shared, started on first use: {@value #SMALL_BACKLOG_ISSUES}
   * generated issues (read-only), a space small enough that a few GETs by key cost more than
   * listing every issue.
   */
  public static synchronized BacklogSandbox smallBacklog() {
    if (smallBacklog == null) {
      smallBacklog = BacklogSandbox.withGeneratedIssues(SMALL_BACKLOG_ISSUES);
      smallBacklog.start();
      Runtime.getRuntime().addShutdownHook(new Thread(smallBacklog::close));
    }
    return smallBacklog;
  }

  /**
   * A model with schemas {@code backlog_small} (pushdown on) and {@code backlog_small_nopush}
   * (off) over {@link #smallBacklog()}, and {@code backlog} and {@code backlog_nopush} over the
   * shared sandbox ({@link #backlogModel()}); the small one's key from BACKLOG_SMALL_API_KEY.
   */
  public static String smallBacklogModel() {
    BacklogSandbox s = smallBacklog();
    System.setProperty("BACKLOG_SMALL_API_KEY", s.apiKey());
    String shared = backlogModel();
    return shared.substring(0, shared.length() - 2) + ","
        + backlogSchema("backlog_small", s.baseUrl(), "BACKLOG_SMALL_API_KEY", true) + ","
        + backlogSchema("backlog_small_nopush", s.baseUrl(), "BACKLOG_SMALL_API_KEY", false)
        + "]}";
  }

  /** A Calcite connection on an inline model, with case-insensitive unquoted identifiers. */
  public static Connection connect(String modelJson) throws SQLException {
    Properties p = new Properties();
    p.setProperty("model", "inline:" + modelJson);
    p.setProperty("caseSensitive", "false");
    p.setProperty("unquotedCasing", "UNCHANGED");
    p.setProperty("quotedCasing", "UNCHANGED");
    return DriverManager.getConnection("jdbc:calcite:", p);
  }

  /** A {@code jdbc:saasql:} connection (the product's driver) on an inline model. */
  public static Connection connectSaasql(String modelJson) throws SQLException {
    Properties p = new Properties();
    p.setProperty("model", "inline:" + modelJson);
    return DriverManager.getConnection(io.saasql.core.jdbc.SaasqlDriver.PREFIX, p);
  }

  /** Runs an INSERT, UPDATE or DELETE; returns its update count. */
  public static int update(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      return s.executeUpdate(sql);
    }
  }

  /** Every row of a query, each as a list of column values, in result order. */
  public static List<List<Object>> rows(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rows(rs);
    }
  }

  public static List<List<Object>> rows(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<List<Object>> out = new ArrayList<>();
    while (rs.next()) {
      List<Object> row = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        row.add(rs.getObject(i));
      }
      out.add(row);
    }
    return out;
  }

  /** The requests the Backlog sandbox received, as {@code GET /api/v2/issues?…} lines. */
  public static List<String> backlogRequests() {
    return backlog().requests().stream().map(RecordedRequest::describe).toList();
  }
}
