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
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the Salesforce REST API (v65.0) of one org at {@code http://127.0.0.1:<port>}:
 * the OAuth token endpoint of one connected app (client credentials, refresh token, JWT bearer),
 * bearer-token sessions that expire, the daily API request limit with {@code Sforce-Limit-Info},
 * global and object describe, single records, and SOQL through {@code /query} and {@code
 * /queryAll} with query-locator paging (aggregate queries, with GROUP BY and HAVING, answer
 * {@code AggregateResult} records in one page, at most 2,000 of them). Seeded with a
 * deterministic org: 25 users, 500 accounts (39 of them the Heroku Connect mirrored accounts of
 * the demo Postgres, same Ids), 2,200 contacts, 1,500 opportunities and 800 {@code Invoice__c}.
 *
 * <p>Writes: {@code POST /sobjects/{Object}/}, {@code PATCH} and {@code DELETE
 * /sobjects/{Object}/{id}}, and sObject Collections ({@code POST}, {@code PATCH} and {@code
 * DELETE /composite/sobjects}, up to 200 records, with {@code allOrNone}), validated against the
 * describe metadata with Salesforce's error bodies. Deleted records go to the recycle bin: hidden
 * from {@code /query}, visible to {@code /queryAll}. Each write is one API call, like a read; the
 * token endpoint is no write (see {@link #isWrite}). Besides the base's write faults, {@link
 * #failRecordsAfter} makes single records fail, e.g. the 137th of 500.
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
  /** Records (or Ids) one sObject Collections request may carry. */
  private static final int MAX_COLLECTION_SIZE = 200;

  /**
   * The kinds of record writes
   * {@link #failRecordsAfter(int, int, String, String, RecordOperation...)} counts.
   */
  public enum RecordOperation {
    CREATE,
    UPDATE,
    DELETE
  }

  private final SettableClock clock;
  private final SalesforceDataSet data = SalesforceSeed.create();
  private final SoqlExecutor soql = new SoqlExecutor(data);
  private final Sessions sessions;
  private final OAuthTokenEndpoint oauth;
  private final QueryCursors cursors;
  private final ApiUsage usage = new ApiUsage();
  private final String integrationUserId;
  private final SObjectWrites writes;

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
    this.writes = new SObjectWrites(data, this.clock);
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
        .get(v + "/limits/recordCount", r -> read(() -> recordCounts(r)))
        .get(v + "/sobjects", r -> read(() -> describeGlobal(r)))
        .get(v + "/sobjects/{name}/describe", r -> read(() -> describeObject(r)))
        .get(v + "/sobjects/{name}", r -> read(() -> objectInfo(r)))
        .get(v + "/sobjects/{name}/{id}", r -> read(() -> oneRecord(r)))
        .get(v + "/query", r -> query(r, false))
        .get(v + "/queryAll", r -> query(r, true))
        .get(v + "/query/{locator}", this::moreRecords)
        .get(v + "/queryAll/{locator}", this::moreRecords)
        .post(v + "/sobjects/{name}", this::createRecord)
        .patch(v + "/sobjects/{name}/{id}", this::updateRecord)
        .delete(v + "/sobjects/{name}/{id}", this::deleteRecord)
        .post(v + "/composite/sobjects", this::createRecords)
        .patch(v + "/composite/sobjects", this::updateRecords)
        .delete(v + "/composite/sobjects", this::deleteRecords);
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

  /**
   * {@code http://127.0.0.1:<port>}: the token endpoint is
   * {@code loginUrl() + "/services/oauth2/token"}.
   */
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

  /** Copies of the records of {@code sObject} that are not deleted (what a query sees). */
  public List<ObjectNode> liveRecords(String sObject) {
    return records(sObject).stream()
        .filter(r -> !r.has("IsDeleted") || !r.get("IsDeleted").asBoolean())
        .toList();
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

  /**
   * A deep copy of one record (deleted ones included) as {@link #records} lists it, or null when
   * the object has no record with this Id (15 or 18 characters).
   *
   * @throws IllegalArgumentException for an unknown sObject
   */
  public ObjectNode record(String sObject, String id) {
    return underReadLock(
        () -> {
          SObjectType type =
              data.type(sObject)
                  .orElseThrow(() -> new IllegalArgumentException("no sObject " + sObject));
          ObjectNode r = SalesforceIds.normalize(id).map(i -> data.records(type).get(i))
              .orElse(null);
          return r == null ? null : r.deepCopy();
        });
  }

  /**
   * Deep copies of the records of an sObject (deleted ones included) whose field has this value,
   * compared as text ({@code "2500"} finds the number 2500), in Id order.
   *
   * @throws IllegalArgumentException for an unknown sObject or field
   */
  public List<ObjectNode> findRecords(String sObject, String field, String value) {
    return underReadLock(
        () -> {
          SObjectType type =
              data.type(sObject)
                  .orElseThrow(() -> new IllegalArgumentException("no sObject " + sObject));
          SObjectField f =
              type.field(field)
                  .orElseThrow(() ->
                      new IllegalArgumentException("no field " + field + " on " + sObject));
          List<ObjectNode> found = new ArrayList<>();
          for (ObjectNode r : data.records(type).values()) {
            JsonNode v = r.get(f.name);
            if (v != null && !v.isNull() && v.asText().equals(value)) {
              found.add(r.deepCopy());
            }
          }
          return found;
        });
  }

  /**
   * The Ids of the records created through the API since the sandbox was made (single creates and
   * collections; not those an allOrNone request rolled back), in creation order.
   */
  public List<String> createdIds() {
    return underReadLock(writes::createdIds);
  }

  /** How many records were created through the API (see {@link #createdIds()}). */
  public int createdCount() {
    return createdIds().size();
  }

  /**
   * After {@code n} more records are created (in single creates and collections alike), every
   * further record fails with {@code statusCode}, until {@link #clearRecordFailures()}. A record
   * that fails its own validation neither counts nor takes the injected failure. In a collection
   * the failing records get {@code success:false} and, without allOrNone, the records before them
   * stay created; a single create answers 400 {@code [{"message":…,"errorCode":statusCode,
   * "fields":[]}]}. This is a record-level fault: the request itself succeeds (a collection
   * answers 200), so {@code faults().failWritesAfter}, which counts HTTP requests, counts it as
   * a successful write.
   */
  public void failRecordsAfter(int n, String statusCode) {
    failRecordsAfter(n, Integer.MAX_VALUE, statusCode, defaultMessage(statusCode),
        RecordOperation.CREATE);
  }

  /**
   * The general form of {@link #failRecordsAfter(int, String)}: after {@code n} more records of
   * the given operations are saved, the next {@code failures} of them fail ({@link
   * Integer#MAX_VALUE}: all) with {@code statusCode} and {@code message}; later ones succeed
   * again. Records an allOrNone request rolls back give their count back; failures delivered stay
   * spent, so a retried batch gets past a one-off failure. Replaces any rule armed before.
   */
  public void failRecordsAfter(int n, int failures, String statusCode, String message,
      RecordOperation... operations) {
    if (n < 0 || failures < 0) {
      throw new IllegalArgumentException("negative count: " + n + ", " + failures);
    }
    if (operations.length == 0) {
      throw new IllegalArgumentException("no operation to fail");
    }
    java.util.Objects.requireNonNull(statusCode, "statusCode");
    java.util.Objects.requireNonNull(message, "message");
    underWriteLock(
        () -> {
          writes.failRecordsAfter(java.util.EnumSet.copyOf(List.of(operations)), n, failures,
              statusCode, message);
          return null;
        });
  }

  /** Disarms {@link #failRecordsAfter}. */
  public void clearRecordFailures() {
    underWriteLock(
        () -> {
          writes.clearRecordFailures();
          return null;
        });
  }

  private static String defaultMessage(String statusCode) {
    return switch (statusCode) {
      case "UNABLE_TO_LOCK_ROW" -> "unable to obtain exclusive access to this record";
      case "STORAGE_LIMIT_EXCEEDED" -> "storage limit exceeded";
      case "DUPLICATES_DETECTED" -> "Use one of these records?";
      case "FIELD_CUSTOM_VALIDATION_EXCEPTION" -> "The record failed a validation rule.";
      default -> "The record could not be saved: " + statusCode;
    };
  }

  /**
   * Releases every query locator now rather than 15 minutes after its last use: each keeps its
   * query's rows, and a test that reads a large sObject hundreds of times would otherwise hold
   * them all. Only between queries: a query still paging would find its locator gone.
   */
  public void releaseQueryLocators() {
    cursors.clear();
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

  /**
   * {@code GET /limits/recordCount[?sObjects=A,B]}: the records (deleted ones aside) of every
   * object, or of those named, as {@code {"sObjects":[{"count":N,"name":"Account"}, …]}}.
   */
  private SandboxResponse recordCounts(SandboxRequest request) {
    versionPath(request);
    String named = request.queryValue("sObjects").orElse(null);
    java.util.Set<String> only = named == null || named.isBlank() ? java.util.Set.of()
        : java.util.Set.of(named.split(","));
    ObjectNode body = F.objectNode();
    ArrayNode list = body.putArray("sObjects");
    for (SObjectType t : data.types()) {
      if (only.isEmpty() || only.contains(t.name)) {
        long live = data.records(t).values().stream()
            .filter(r -> !r.has("IsDeleted") || !r.get("IsDeleted").asBoolean()).count();
        list.addObject().put("count", live).put("name", t.name);
      }
    }
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
    // An aggregate query's answer (at most 2,000 groups) comes whole, never with a locator.
    if (rows.size() <= batch || result.aggregate()) {
      return ok(page(result.totalSize(), true, null, rows));
    }
    QueryCursors.Cursor cursor = cursors.open(rows, batch);
    return ok(page(result.totalSize(), false, nextUrl(base, cursor.locator, batch),
        rows.subList(0, batch)));
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

  // ---- writes ----

  private SandboxResponse createRecord(SandboxRequest request) {
    versionPath(request);
    SObjectType type = writableType(request);
    LocatedJson json = LocatedJson.parse(request.body());
    SObjectWrites.Values values = SObjectWrites.decode(type, rootObject(json), json, "");
    if (values.hasId()) {
      throw idInBody();
    }
    String owner = sessionUser(request);
    SObjectWrites.Outcome outcome =
        underWriteLock(() -> writes.create(new SObjectWrites.Transaction(), type, values, owner));
    if (!outcome.ok()) {
      throw outcome.error().toException();
    }
    return SandboxResponse.json(201, outcome.toJson());
  }

  private SandboxResponse updateRecord(SandboxRequest request) {
    versionPath(request);
    SObjectType type = writableType(request);
    LocatedJson json = LocatedJson.parse(request.body());
    SObjectWrites.Values values = SObjectWrites.decode(type, rootObject(json), json, "");
    if (values.hasId()) {
      throw idInBody();
    }
    String id = request.pathParameter("id");
    SObjectWrites.Outcome outcome =
        underWriteLock(
            () ->
                writes.update(new SObjectWrites.Transaction(), type, liveRecord(type, id), values));
    if (!outcome.ok()) {
      throw outcome.error().toException();
    }
    return noContent();
  }

  private SandboxResponse deleteRecord(SandboxRequest request) {
    versionPath(request);
    SObjectType type = writableType(request);
    String id = request.pathParameter("id");
    SObjectWrites.Outcome outcome =
        underWriteLock(
            () -> writes.delete(new SObjectWrites.Transaction(), type, liveRecord(type, id)));
    if (!outcome.ok()) {
      throw outcome.error().toException();
    }
    return noContent();
  }

  /** The record a single update or delete names, or the API's 404/400 for the Id. */
  private ObjectNode liveRecord(SObjectType type, String id) {
    SObjectWrites.Lookup lookup = writes.find(type, id);
    return switch (lookup.resolution()) {
      case FOUND -> lookup.record();
      case NOT_AN_ID, MISSING -> throw SalesforceError.notFound();
      case OTHER_OBJECT -> throw SalesforceError.save(400, "MALFORMED_ID",
          SObjectWrites.idLabel(type) + ": id value of incorrect type: " + id, List.of("Id"));
      case DELETED -> throw SalesforceError.api(404, "ENTITY_IS_DELETED", "entity is deleted");
    };
  }

  /** One record of a collection request: its object and its values. */
  private record Item(SObjectType type, SObjectWrites.Values values) {}

  /** A parsed {@code {"allOrNone":…,"records":[…]}}. */
  private record Batch(boolean allOrNone, List<Item> items) {}

  private SandboxResponse createRecords(SandboxRequest request) {
    versionPath(request);
    Batch batch = batch(request);
    String owner = sessionUser(request);
    return underWriteLock(
        () -> {
          SObjectWrites.Transaction tx = new SObjectWrites.Transaction();
          List<SObjectWrites.Outcome> outcomes = new ArrayList<>();
          for (Item item : batch.items()) {
            outcomes.add(writes.create(tx, item.type(), item.values(), owner));
          }
          return ok(results(tx, outcomes, batch.allOrNone()));
        });
  }

  private SandboxResponse updateRecords(SandboxRequest request) {
    versionPath(request);
    Batch batch = batch(request);
    return underWriteLock(
        () -> {
          SObjectWrites.Transaction tx = new SObjectWrites.Transaction();
          List<SObjectWrites.Outcome> outcomes = new ArrayList<>();
          for (Item item : batch.items()) {
            outcomes.add(updateOne(tx, item));
          }
          return ok(results(tx, outcomes, batch.allOrNone()));
        });
  }

  private SObjectWrites.Outcome updateOne(SObjectWrites.Transaction tx, Item item) {
    String id = item.values().id();
    if (id == null) {
      return SObjectWrites.Outcome.failed(
          SaveError.of("MISSING_ARGUMENT", "Id not specified in an update call"));
    }
    SObjectWrites.Lookup lookup = writes.find(item.type(), id);
    return switch (lookup.resolution()) {
      case FOUND -> writes.update(tx, item.type(), lookup.record(), item.values());
      case NOT_AN_ID, OTHER_OBJECT -> SObjectWrites.Outcome.failed(
          SaveError.of("MALFORMED_ID",
              SObjectWrites.idLabel(item.type()) + ": id value of incorrect type: " + id, "Id"));
      case MISSING -> SObjectWrites.Outcome.failed(
          SaveError.of("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id"));
      case DELETED -> SObjectWrites.Outcome.failed(SaveError.of("ENTITY_IS_DELETED",
          "entity is deleted"));
    };
  }

  private SandboxResponse deleteRecords(SandboxRequest request) {
    versionPath(request);
    List<String> ids = new ArrayList<>();
    for (String value : request.queryValues("ids")) {
      for (String id : value.split(",")) {
        if (!id.isBlank()) {
          ids.add(id.strip());
        }
      }
    }
    if (ids.isEmpty()) {
      throw SalesforceError.api(400, "MISSING_ARGUMENT", "ids: Required parameter is missing");
    }
    if (ids.size() > MAX_COLLECTION_SIZE) {
      throw tooManyRecords();
    }
    boolean allOrNone = request.queryValue("allOrNone").map("true"::equalsIgnoreCase).orElse(false);
    return underWriteLock(
        () -> {
          SObjectWrites.Transaction tx = new SObjectWrites.Transaction();
          List<SObjectWrites.Outcome> outcomes = new ArrayList<>();
          for (String id : ids) {
            SObjectWrites.Lookup lookup = writes.find(null, id);
            outcomes.add(
                switch (lookup.resolution()) {
                  case FOUND -> writes.delete(tx, lookup.type(), lookup.record());
                  case NOT_AN_ID, OTHER_OBJECT -> SObjectWrites.Outcome.failed(
                      SaveError.of("MALFORMED_ID", "malformed id " + id));
                  case MISSING -> SObjectWrites.Outcome.failed(
                      SaveError.of("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id"));
                  case DELETED -> SObjectWrites.Outcome.failed(
                      SaveError.of("ENTITY_IS_DELETED", "entity is deleted"));
                });
          }
          return ok(results(tx, outcomes, allOrNone));
        });
  }

  /**
   * The result array of a collection request. With allOrNone and any failure, every change is
   * undone: failed records keep their error, the others report the rollback.
   */
  private static ArrayNode results(
      SObjectWrites.Transaction tx, List<SObjectWrites.Outcome> outcomes, boolean allOrNone) {
    boolean rollback = allOrNone && outcomes.stream().anyMatch(o -> !o.ok());
    if (rollback) {
      tx.rollback();
    }
    ArrayNode body = F.arrayNode();
    for (SObjectWrites.Outcome o : outcomes) {
      body.add(
          rollback && o.ok()
              ? SObjectWrites.Outcome.failed(
                      SaveError.of(SObjectWrites.ROLLED_BACK, SObjectWrites.ROLLED_BACK_MESSAGE))
                  .toJson()
              : o.toJson());
    }
    return body;
  }

  /** Parses a collection body; what cannot be deserialized fails the whole request. */
  private Batch batch(SandboxRequest request) {
    LocatedJson json = LocatedJson.parse(request.body());
    JsonNode root = json.root();
    if (!root.isObject()) {
      throw json.cannotDeserialize("SObjectCollectionRequest", "");
    }
    boolean allOrNone = false;
    JsonNode flag = root.get("allOrNone");
    if (flag != null && !flag.isNull()) {
      if (flag.isBoolean()) {
        allOrNone = flag.booleanValue();
      } else if (flag.isTextual()
          && (flag.textValue().equalsIgnoreCase("true")
              || flag.textValue().equalsIgnoreCase("false"))) {
        allOrNone = flag.textValue().equalsIgnoreCase("true");
      } else {
        throw json.cannotDeserialize("boolean", "/allOrNone");
      }
    }
    JsonNode records = root.get("records");
    if (records == null || records.isNull()) {
      throw SalesforceError.api(400, LocatedJson.JSON_PARSER_ERROR,
          "records: Required field is missing");
    }
    if (!records.isArray()) {
      throw json.cannotDeserialize("list", "/records");
    }
    if (records.size() > MAX_COLLECTION_SIZE) {
      throw tooManyRecords();
    }
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      String pointer = LocatedJson.child("/records", i);
      JsonNode record = records.get(i);
      if (!record.isObject()) {
        throw json.cannotDeserialize("SObject", pointer);
      }
      String typeName = record.path("attributes").path("type").asText("");
      if (typeName.isBlank()) {
        throw SalesforceError.api(400, "INVALID_TYPE",
            "Missing entity type information. sObject requires a separate 'type' field be sent.");
      }
      SObjectType type =
          data.type(typeName)
              .orElseThrow(
                  () ->
                      SalesforceError.api(400, "INVALID_TYPE",
                          "sObject type '" + typeName + "' is not supported. If you are attempting"
                              + " to use a custom object, be sure to append the '__c' after the"
                              + " entity name. Please reference your WSDL or the describe call for"
                              + " the appropriate names."));
      items.add(new Item(type, SObjectWrites.decode(type, (ObjectNode) record, json, pointer)));
    }
    return new Batch(allOrNone, items);
  }

  private static SalesforceError tooManyRecords() {
    return SalesforceError.api(400, "EXCEEDED_ID_LIMIT",
        "record limit reached. cannot submit more than " + MAX_COLLECTION_SIZE
            + " records into this call");
  }

  private static SalesforceError idInBody() {
    return SalesforceError.api(400, "INVALID_FIELD",
        "The Id field should not be specified in the sobject data.");
  }

  private static ObjectNode rootObject(LocatedJson json) {
    if (!json.root().isObject()) {
      throw json.cannotDeserialize("SObject", "");
    }
    return (ObjectNode) json.root();
  }

  /** The object a single-record write names; 405 when describe says it cannot be written. */
  private SObjectType writableType(SandboxRequest request) {
    SObjectType type = type(request);
    if (!type.writable) {
      throw new io.saasql.sandbox.SandboxResponseException(
          methodNotAllowed(request, List.of("GET")), type.name + " is read-only");
    }
    return type;
  }

  /** The user of the request's session: the default owner of what it creates. */
  private String sessionUser(SandboxRequest request) {
    return sessions.find(bearerToken(request)).map(Sessions.Session::userId)
        .orElse(integrationUserId);
  }

  private static SandboxResponse noContent() {
    return new SandboxResponse(204, java.util.Map.of(), new byte[0]);
  }

  // ---- SandboxServer hooks ----

  /** Token requests are POSTs but write nothing: the write faults leave them alone. */
  @Override
  protected boolean isWrite(SandboxRequest request) {
    return super.isWrite(request) && !request.path().startsWith("/services/oauth2/");
  }

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
          SalesforceError.apiResponse(403, "REQUEST_LIMIT_EXCEEDED",
              "TotalRequests Limit exceeded."));
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
      case 403 -> SalesforceError.apiResponse(403, "REQUEST_LIMIT_EXCEEDED",
          "TotalRequests Limit exceeded.");
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

  private <T> T underWriteLock(Supplier<T> action) {
    return locked(data.lock().writeLock(), action);
  }

  private <T> T underReadLock(Supplier<T> action) {
    return locked(data.lock().readLock(), action);
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
            + " -d client_secret=" + sandbox.clientSecret() + " " + sandbox.loginUrl()
            + TOKEN_PATH);
    new CountDownLatch(1).await();
  }
}
