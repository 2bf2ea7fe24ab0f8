package io.saasql.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.saasql.sandbox.SandboxRequest;
import io.saasql.sandbox.SandboxResponse;
import io.saasql.sandbox.SandboxServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the Salesforce REST API (v65.0) of one org at {@code http://127.0.0.1:<port>}:
 * the OAuth token endpoint of one connected app (client credentials, refresh token, JWT bearer),
 * bearer-token sessions that expire, the daily API request limit with {@code Sforce-Limit-Info},
 * global and object describe, single records, and SOQL through {@code /query} and {@code
 * /queryAll} with query-locator paging. Seeded with a deterministic org: 25 users, 500 accounts
 * (39 of them the Heroku Connect mirrored accounts of the demo Postgres, same Ids), 2,200
 * contacts, 1,500 opportunities and 800 {@code Invoice__c}.
 *
 * <p>Writes (POST/PATCH/DELETE of sObjects and sObject Collections) are not served yet and
 * answer 405 {@code METHOD_NOT_ALLOWED}.
 */
public final class SalesforceSandbox extends SandboxServer {
  /** The API version the sandbox speaks; any {@code vNN.N} is accepted in paths. */
  public static final String API_VERSION = "65.0";

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Pattern VERSION = Pattern.compile("v(\\d{2,3}\\.\\d)");
  private static final Pattern LOCATOR = Pattern.compile("([0-9A-Za-z]{15,18})-(\\d{1,9})");
  private static final String DATA = "/services/data";
  private static final String TOKEN_PATH = "/services/oauth2/token";
  private static final int DEFAULT_BATCH_SIZE = 2000;
  private static final int MIN_BATCH_SIZE = 200;

  private final SettableClock clock;
  private final SalesforceDataSet data = SalesforceSeed.create();
  private final SoqlExecutor soql = new SoqlExecutor(data);
  private final Sessions sessions;
  private final OAuthTokenEndpoint oauth;
  private final QueryCursors cursors;
  private final ApiUsage usage = new ApiUsage();
  private final String integrationUserId;

  /** A sandbox seeded with the default deterministic org; call {@link #start()} next. */
  public SalesforceSandbox() {
    this(Clock.systemUTC());
  }

  /** A sandbox on another clock, for tests of expiry. */
  SalesforceSandbox(Clock clock) {
    super("salesforce");
    this.clock = new SettableClock(clock);
    this.sessions = new Sessions(this.clock);
    this.cursors = new QueryCursors(this.clock);
    this.integrationUserId = userIdOf(SalesforceSeed.INTEGRATION_USERNAME);
    this.oauth =
        new OAuthTokenEndpoint(
            this.clock, sessions, integrationUserId, SalesforceSeed.INTEGRATION_USERNAME,
            this::loginUrl);
    String v = DATA + "/{version}";
    routes()
        .post(TOKEN_PATH, oauth::token)
        .get(TOKEN_PATH, r -> {
          throw SalesforceError.oauth("invalid_request", "must use HTTP POST");
        })
        .get("/id/{orgId}/{userId}", this::identity)
        .get(DATA, r -> versions())
        .get(v, r -> resources(r))
        .get(v + "/limits", r -> limits(r))
        .get(v + "/sobjects", r -> read(() -> describeGlobal(r)))
        .get(v + "/sobjects/{name}/describe", r -> read(() -> describeObject(r)))
        .get(v + "/sobjects/{name}", r -> read(() -> objectInfo(r)))
        .get(v + "/sobjects/{name}/{id}", r -> read(() -> oneRecord(r)))
        .get(v + "/query", r -> query(r, false))
        .get(v + "/queryAll", r -> query(r, true))
        .get(v + "/query/{locator}", this::moreRecords)
        .get(v + "/queryAll/{locator}", this::moreRecords)
        // Writes come later; registering the paths makes them answer 405 rather than 404.
        .post(v + "/sobjects/{name}", r -> notYet(r))
        .patch(v + "/sobjects/{name}/{id}", r -> notYet(r))
        .delete(v + "/sobjects/{name}/{id}", r -> notYet(r))
        .post(v + "/composite/sobjects", r -> notYet(r))
        .patch(v + "/composite/sobjects", r -> notYet(r))
        .delete(v + "/composite/sobjects", r -> notYet(r));
  }

  @Override
  public SalesforceSandbox start() {
    super.start();
    return this;
  }

  /** Starts (or restarts after {@link #close()}); query locators do not survive a restart. */
  @Override
  public SalesforceSandbox start(int port) {
    super.start(port);
    cursors.clear();
    return this;
  }

  /** {@code http://127.0.0.1:<port>}: where the API is, also the token's {@code instance_url}. */
  public String instanceUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** {@code http://127.0.0.1:<port>}: the token endpoint is {@code loginUrl() + "/services/oauth2/token"}. */
  public String loginUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** {@code "65.0"}. */
  public String apiVersion() {
    return API_VERSION;
  }

  /** The connected app's consumer key. */
  public String clientId() {
    return oauth.clientId();
  }

  /** The connected app's consumer secret; random per instance. */
  public String clientSecret() {
    return oauth.clientSecret();
  }

  /** A valid refresh token of the connected app; random per instance. */
  public String refreshToken() {
    return oauth.refreshToken();
  }

  /** The username a JWT bearer assertion must name in {@code sub}. */
  public String jwtUsername() {
    return oauth.jwtUsername();
  }

  /**
   * The PKCS#8 PEM private key of an RSA key pair generated per instance; its public key is the
   * connected app's certificate for the JWT bearer flow.
   */
  public String privateKeyPem() {
    return oauth.privateKeyPem();
  }

  /** How long tokens issued from now on stay valid (default two hours). */
  public void sessionLifetime(Duration d) {
    sessions.lifetime(d);
  }

  /** Ends every session: every token issued so far answers 401 INVALID_SESSION_ID. */
  public void expireAllSessions() {
    sessions.expireAll();
  }

  /** How many access tokens the token endpoint has issued. */
  public int tokensIssued() {
    return oauth.tokensIssued();
  }

  /** The org's daily API request limit (default 100,000); calls beyond it answer 403. */
  public void dailyApiLimit(int limit) {
    usage.limit(limit);
  }

  /** API calls counted so far (those under {@code /services/data/vXX.X} with a valid session). */
  public int apiCallsUsed() {
    return usage.used();
  }

  /**
   * Deep copies of every record of an sObject (deleted ones included) in Id order, with every
   * field under its describe name as a query returns it, without {@code attributes}.
   *
   * @throws IllegalArgumentException for an unknown sObject
   */
  public List<ObjectNode> records(String sObject) {
    return underReadLock(
        () -> {
          SObjectType type =
              data.type(sObject)
                  .orElseThrow(() -> new IllegalArgumentException("no sObject " + sObject));
          List<ObjectNode> copies = new ArrayList<>();
          data.records(type).values().forEach(r -> copies.add(r.deepCopy()));
          return copies;
        });
  }

  /** Moves the sandbox's clock forward (tests of session and locator expiry). */
  void advanceClock(Duration d) {
    clock.advance(d);
  }

  int openQueryLocators() {
    return cursors.open();
  }

  // ---- routes ----

  private SandboxResponse versions() {
    ArrayNode body = F.arrayNode();
    String[][] releases = {
      {"Winter '25", "62.0"}, {"Spring '25", "63.0"}, {"Summer '25", "64.0"}, {"Winter '26", "65.0"}
    };
    for (String[] r : releases) {
      ObjectNode v = body.addObject();
      v.put("label", r[0]);
      v.put("url", DATA + "/v" + r[1]);
      v.put("version", r[1]);
    }
    return ok(body);
  }

  private SandboxResponse resources(SandboxRequest request) {
    String base = versionPath(request);
    ObjectNode body = F.objectNode();
    for (String name : List.of("limits", "sobjects", "query", "queryAll", "composite")) {
      body.put(name, base + "/" + name);
    }
    return ok(body);
  }

  private SandboxResponse limits(SandboxRequest request) {
    versionPath(request);
    ObjectNode body = F.objectNode();
    ObjectNode daily = body.putObject("DailyApiRequests");
    daily.put("Max", usage.limit());
    daily.put("Remaining", Math.max(0, usage.limit() - usage.used()));
    return ok(body);
  }

  private SandboxResponse identity(SandboxRequest request) {
    if (!OAuthTokenEndpoint.ORG_ID.equals(request.pathParameter("orgId"))) {
      throw SalesforceError.notFound();
    }
    ObjectNode user =
        underReadLock(() -> data.find(request.pathParameter("userId")).map(ObjectNode::deepCopy))
            .filter(u -> u.get("Id").asText().startsWith("005"))
            .orElseThrow(SalesforceError::notFound);
    ObjectNode body = F.objectNode();
    body.put("id", loginUrl() + "/id/" + OAuthTokenEndpoint.ORG_ID + "/" + user.get("Id").asText());
    body.put("asserted_user", true);
    body.put("user_id", user.get("Id").asText());
    body.put("organization_id", OAuthTokenEndpoint.ORG_ID);
    body.put("username", user.get("Username").asText());
    body.put("display_name", user.get("Name").asText());
    body.put("email", user.get("Email").asText());
    body.put("active", user.get("IsActive").asBoolean());
    body.put("user_type", "STANDARD");
    body.put("language", "en_US");
    body.put("locale", "en_US");
    body.put("utcOffset", 0);
    ObjectNode urls = body.putObject("urls");
    String data = instanceUrl() + DATA + "/v{version}/";
    urls.put("rest", data);
    urls.put("sobjects", data + "sobjects/");
    urls.put("query", data + "query/");
    return ok(body);
  }

  private SandboxResponse describeGlobal(SandboxRequest request) {
    String base = versionPath(request);
    ObjectNode body = F.objectNode();
    body.put("encoding", "UTF-8");
    body.put("maxBatchSize", 200);
    ArrayNode list = body.putArray("sobjects");
    data.types().forEach(t -> list.add(t.globalEntry(base)));
    return ok(body);
  }

  private SandboxResponse describeObject(SandboxRequest request) {
    String base = versionPath(request);
    return ok(type(request).describe(base, data.types()));
  }

  private SandboxResponse objectInfo(SandboxRequest request) {
    String base = versionPath(request);
    ObjectNode body = F.objectNode();
    body.set("objectDescribe", type(request).globalEntry(base));
    body.putArray("recentItems");
    return ok(body);
  }

  private SandboxResponse oneRecord(SandboxRequest request) {
    String base = versionPath(request);
    SObjectType type = type(request);
    ObjectNode record =
        SalesforceIds.normalize(request.pathParameter("id"))
            .map(id -> data.records(type).get(id))
            .orElseThrow(SalesforceError::notFound);
    if (record.has("IsDeleted") && record.get("IsDeleted").asBoolean()) {
      throw SalesforceError.api(404, "ENTITY_IS_DELETED", "entity is deleted");
    }
    ObjectNode body = SoqlExecutor.withAttributes(type, record.get("Id").asText(), base);
    Optional<String> fields = request.queryValue("fields");
    if (fields.isEmpty() || fields.get().isBlank()) {
      record.fields().forEachRemaining(e -> body.set(e.getKey(), e.getValue().deepCopy()));
      return ok(body);
    }
    for (String name : fields.get().split(",")) {
      String trimmed = name.strip();
      SObjectField field =
          type.field(trimmed)
              .orElseThrow(
                  () ->
                      SalesforceError.api(400, SoqlException.INVALID_FIELD,
                          "No such column '" + trimmed + "' on entity '" + type.name + "'. If you"
                              + " are attempting to use a custom field, be sure to append the"
                              + " '__c' after the custom field name. Please reference your WSDL"
                              + " or the describe call for the appropriate names."));
      body.set(field.name, record.get(field.name).deepCopy());
    }
    if (!body.has("Id")) {
      body.put("Id", record.get("Id").asText());
    }
    return ok(body);
  }

  private SandboxResponse query(SandboxRequest request, boolean includeDeleted) {
    String base = versionPath(request);
    String q = request.queryValue("q").orElse(null);
    if (q == null || q.isBlank()) {
      throw SalesforceError.api(400, SoqlException.MALFORMED_QUERY,
          "A query string has to be specified");
    }
    SoqlExecutor.Result result;
    try {
      SoqlQuery parsed = SoqlParser.parse(q);
      result = underReadLock(() -> soql.execute(parsed, includeDeleted, base));
    } catch (SoqlException e) {
      throw SalesforceError.api(400, e.errorCode(), e.describe(q));
    }
    int batch = batchSize(request).orElse(DEFAULT_BATCH_SIZE);
    List<ObjectNode> rows = result.records();
    if (rows.size() <= batch) {
      return ok(page(result.totalSize(), true, null, rows));
    }
    QueryCursors.Cursor cursor = cursors.open(rows, batch);
    return ok(page(result.totalSize(), false, nextUrl(base, cursor.locator, batch), rows.subList(0, batch)));
  }

  private SandboxResponse moreRecords(SandboxRequest request) {
    String base = versionPath(request);
    Matcher m = LOCATOR.matcher(request.pathParameter("locator"));
    QueryCursors.Cursor cursor =
        m.matches() ? cursors.find(m.group(1)).orElse(null) : null;
    int offset = m.matches() ? Integer.parseInt(m.group(2)) : -1;
    if (cursor == null || offset > cursor.rows.size()) {
      throw SalesforceError.api(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
    }
    int batch = batchSize(request).orElse(cursor.batchSize);
    int end = Math.min(cursor.rows.size(), offset + batch);
    boolean done = end >= cursor.rows.size();
    return ok(page(cursor.rows.size(), done, done ? null : nextUrl(base, cursor.locator, end),
        cursor.rows.subList(offset, end)));
  }

  private static ObjectNode page(int totalSize, boolean done, String next, List<ObjectNode> rows) {
    ObjectNode body = F.objectNode();
    body.put("totalSize", totalSize);
    body.put("done", done);
    if (next != null) {
      body.put("nextRecordsUrl", next);
    }
    ArrayNode records = body.putArray("records");
    rows.forEach(records::add);
    return body;
  }

  private static String nextUrl(String base, String locator, int offset) {
    return base + "/query/" + locator + "-" + offset;
  }

  /** {@code Sforce-Query-Options: batchSize=N}, clamped to 200–2,000 as Salesforce does. */
  private static Optional<Integer> batchSize(SandboxRequest request) {
    String header = request.header("sforce-query-options");
    if (header == null) {
      return Optional.empty();
    }
    for (String option : header.split(",")) {
      String[] kv = option.split("=", 2);
      if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("batchSize")) {
        try {
          int n = Integer.parseInt(kv[1].strip());
          return Optional.of(Math.max(MIN_BATCH_SIZE, Math.min(DEFAULT_BATCH_SIZE, n)));
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  private SandboxResponse notYet(SandboxRequest request) {
    versionPath(request);
    throw new io.saasql.sandbox.SandboxResponseException(
        methodNotAllowed(request, List.of("GET", "HEAD")), "writes are not served yet");
  }

  // ---- SandboxServer hooks ----

  @Override
  protected Optional<SandboxResponse> authenticate(SandboxRequest request) {
    String path = request.path();
    boolean api = isApiPath(path);
    if (!api && !path.startsWith("/id/")) {
      return Optional.empty();
    }
    if (sessions.find(bearerToken(request)).isEmpty()) {
      return Optional.of(SalesforceError.invalidSession());
    }
    if (api && !usage.tryConsume()) {
      return Optional.of(
          SalesforceError.apiResponse(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded."));
    }
    return Optional.empty();
  }

  @Override
  protected SandboxResponse rateLimitedResponse(SandboxRequest request, int retryAfterSeconds) {
    SandboxResponse response =
        request.path().startsWith(TOKEN_PATH)
            ? SalesforceError.oauthResponse(429, "unknown_error", "retry your request")
            : SalesforceError.apiResponse(429, "REQUEST_LIMIT_EXCEEDED",
                "ConcurrentPerOrgLongTxn Limit exceeded.");
    return retryAfterSeconds < 0
        ? response
        : response.withHeader("Retry-After", String.valueOf(retryAfterSeconds));
  }

  @Override
  protected SandboxResponse failureResponse(SandboxRequest request, int httpStatus) {
    if (request.path().startsWith(TOKEN_PATH)) {
      return SalesforceError.oauthResponse(httpStatus, "unknown_error", "retry your request");
    }
    return switch (httpStatus) {
      case 400 -> SalesforceError.apiResponse(400, "MALFORMED_QUERY", "Bad request");
      case 401 -> SalesforceError.invalidSession();
      case 403 -> SalesforceError.apiResponse(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
      case 404 -> SalesforceError.notFoundResponse();
      case 503 -> SalesforceError.apiResponse(503, "SERVER_UNAVAILABLE",
          "Server temporarily unavailable. Please try again later.");
      default -> SalesforceError.apiResponse(httpStatus, "UNKNOWN_EXCEPTION",
          "An unexpected error occurred. Please include this ErrorId if you contact support:"
              + " 1234567890-12345 (-1234567890)");
    };
  }

  @Override
  protected SandboxResponse routeNotFound(SandboxRequest request) {
    return SalesforceError.notFoundResponse();
  }

  @Override
  protected SandboxResponse methodNotAllowed(SandboxRequest request, List<String> allowed) {
    List<String> methods = new ArrayList<>(allowed);
    if (methods.contains("GET") && !methods.contains("HEAD")) {
      methods.add(methods.indexOf("GET") + 1, "HEAD");
    }
    return SalesforceError.frameworkResponse(405, "METHOD_NOT_ALLOWED",
            "HTTP Method '" + request.method() + "' not allowed. Allowed are "
                + String.join(",", methods))
        .withHeader("Allow", String.join(", ", methods));
  }

  @Override
  protected SandboxResponse decorate(SandboxRequest request, SandboxResponse response) {
    if (isApiPath(request.path()) && response.status() != 401) {
      return response.withHeader("Sforce-Limit-Info", usage.header());
    }
    return response;
  }

  // ---- helpers ----

  private static boolean isApiPath(String path) {
    return path.startsWith(DATA + "/v");
  }

  private static String bearerToken(SandboxRequest request) {
    String header = request.header("authorization");
    if (header == null) {
      return null;
    }
    String[] parts = header.strip().split("\\s+", 2);
    if (parts.length != 2) {
      return null;
    }
    String scheme = parts[0].toLowerCase(Locale.ROOT);
    return scheme.equals("bearer") || scheme.equals("oauth") ? parts[1] : null;
  }

  /** {@code /services/data/vNN.N} of the request; 404 for a path segment that is no version. */
  private static String versionPath(SandboxRequest request) {
    String version = request.pathParameter("version");
    if (!VERSION.matcher(version).matches()) {
      throw SalesforceError.notFound();
    }
    return DATA + "/" + version;
  }

  private SObjectType type(SandboxRequest request) {
    return data.type(request.pathParameter("name")).orElseThrow(SalesforceError::notFound);
  }

  private String userIdOf(String username) {
    return data.records(data.type("User").orElseThrow()).values().stream()
        .filter(u -> u.get("Username").asText().equals(username))
        .map(u -> u.get("Id").asText())
        .findFirst()
        .orElseThrow();
  }

  private SandboxResponse read(Supplier<SandboxResponse> handler) {
    return underReadLock(handler);
  }

  private <T> T underReadLock(Supplier<T> action) {
    Lock lock = data.lock().readLock();
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  private static SandboxResponse ok(JsonNode body) {
    return SandboxResponse.json(200, body);
  }

  /** A clock that tests can move forward. */
  private static final class SettableClock extends Clock {
    private final Clock base;
    private volatile Duration offset = Duration.ZERO;

    SettableClock(Clock base) {
      this.base = base;
    }

    void advance(Duration d) {
      offset = offset.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return base.instant().plus(offset);
    }
  }

  /**
   * Starts a sandbox and waits until the process is stopped. Argument: the port (default 8090,
   * 0 for any free port). Prints the URLs and the connected app's credentials.
   */
  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8090;
    SalesforceSandbox sandbox = new SalesforceSandbox().start(port);
    Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "salesforce-sandbox-stop"));
    System.out.println("Salesforce sandbox: " + sandbox.instanceUrl() + DATA + "/v" + API_VERSION);
    System.out.println("Token endpoint:     " + sandbox.loginUrl() + TOKEN_PATH);
    System.out.println("Client id:          " + sandbox.clientId());
    System.out.println("Client secret:      " + sandbox.clientSecret());
    System.out.println("Refresh token:      " + sandbox.refreshToken());
    System.out.println("JWT username:       " + sandbox.jwtUsername());
    System.out.println(
        "Try: curl -s -d grant_type=client_credentials -d client_id=" + sandbox.clientId()
            + " -d client_secret=" + sandbox.clientSecret() + " " + sandbox.loginUrl() + TOKEN_PATH);
    new CountDownLatch(1).await();
  }
}
