package io.saasql.sandbox.backlog;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.saasql.sandbox.SandboxRequest;
import io.saasql.sandbox.SandboxResponse;
import io.saasql.sandbox.SandboxServer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A stand-in for Nulab's Backlog API v2 at {@code http://127.0.0.1:<port>/api/v2}: API-key auth
 * on every request, the issue list with its filters, sort and offset paging, issue count, one
 * issue by id or key, projects with their statuses and issue types, users, priorities and the
 * rate-limit buckets, with Backlog's error bodies and {@code X-RateLimit-*} headers. Seeded with
 * a deterministic data set of four projects, twelve users and 2,650 issues.
 *
 * <p>Issues can be added ({@code POST /issues} → 201), updated ({@code PATCH /issues/:idOrKey}
 * → 200) and deleted ({@code DELETE /issues/:idOrKey} → 200), with form-encoded parameters
 * checked as {@link IssueWrites} describes. Every write is made as the API key's user ({@link
 * #API_KEY_USER_ID}); new issues continue the id and per-project keyId sequences, and reads see
 * each write at once. Writes count against the {@code update} rate-limit bucket.
 *
 * <p>{@link #withGeneratedIssues} makes a read-only sandbox whose issues are generated on demand
 * instead (a million of them need no more memory than one page), for load and streaming tests.
 */
public final class BacklogSandbox extends SandboxServer {
  /** The path prefix of every route. */
  public static final String API_PREFIX = "/api/v2";

  /** The id of the user the API key belongs to: the creator and updater of every write. */
  public static final long API_KEY_USER_ID = IssueWrites.API_USER_ID;

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final String apiKey = UUID.randomUUID().toString().replace("-", "");
  private final BacklogDataSet data;
  private final IssueWrites writes;
  /** The generated issues served instead of {@code data.issues}, or null. */
  private final GeneratedIssues generated;
  private final Clock clock;
  private final BacklogRateLimits rateLimits;
  /** Counts writes, so that a kept listing is used only for the data it was made from. */
  private final AtomicLong version = new AtomicLong();
  private volatile Listing lastListing;

  /** A sandbox seeded with the default deterministic data set; call {@link #start()} next. */
  public BacklogSandbox() {
    this(Clock.systemUTC());
  }

  /**
   * A sandbox whose writes take their timestamps ({@code created}, {@code updated}) and whose
   * rate-limit windows take their time from {@code clock}.
   */
  public BacklogSandbox(Clock clock) {
    this(clock, BacklogSeed.create(), null);
  }

  /**
   * A read-only sandbox with the default projects, users and catalogs and {@code issues}
   * generated issues instead of the seeded ones; call {@link #start()} next. Issue {@code n} (1 ≤
   * n ≤ issues) is made from its id whenever it is asked for, so the size costs no memory. Every
   * issue belongs to one of the three active projects in turn, and ids follow creation time.
   * Listings without filters (sorted by {@code created} or {@code updated}, the default) are
   * answered at any size; filtered listings and counts up to 100,000 issues. Writes are refused
   * with 400.
   */
  public static BacklogSandbox withGeneratedIssues(int issues) {
    BacklogDataSet catalogs = BacklogSeed.catalogs();
    return new BacklogSandbox(Clock.systemUTC(), catalogs, new GeneratedIssues(catalogs, issues));
  }

  private BacklogSandbox(Clock clock, BacklogDataSet data, GeneratedIssues generated) {
    super("backlog");
    this.data = data;
    this.writes = new IssueWrites(data);
    this.generated = generated;
    this.clock = clock;
    this.rateLimits = new BacklogRateLimits(clock);
    String v2 = API_PREFIX;
    routes()
        .get(v2 + "/issues", r -> read(() -> listIssues(r)))
        .get(v2 + "/issues/count", r -> read(() -> countIssues(r)))
        .get(v2 + "/issues/{idOrKey}", r -> read(() -> oneIssue(r)))
        .get(v2 + "/projects", r -> read(() -> listProjects(r)))
        .get(v2 + "/projects/{idOrKey}", r -> read(() -> ok(project(r).deepCopy())))
        .get(v2 + "/projects/{idOrKey}/statuses", r -> read(() -> projectList(r, data.statuses)))
        .get(
            v2 + "/projects/{idOrKey}/issueTypes",
            r -> read(() -> projectList(r, data.issueTypes)))
        .get(
            v2 + "/projects/{idOrKey}/categories",
            r -> read(() -> projectList(r, data.categories)))
        .get(v2 + "/projects/{idOrKey}/versions", r -> read(() -> projectList(r, data.versions)))
        .get(v2 + "/users", r -> read(() -> ok(array(data.users.values()))))
        .get(v2 + "/users/{id}", r -> read(() -> oneUser(r)))
        .get(v2 + "/priorities", r -> read(() -> ok(array(data.priorities))))
        .get(v2 + "/resolutions", r -> read(() -> ok(array(data.resolutions))))
        .get(v2 + "/rateLimit", r -> ok(rateLimits.toJson()))
        .post(v2 + "/issues", r -> write(() -> createIssue(r)))
        .patch(v2 + "/issues/{idOrKey}", r -> write(() -> updateIssue(r)))
        .delete(v2 + "/issues/{idOrKey}", r -> write(() -> deleteIssue(r)));
  }

  @Override
  public BacklogSandbox start() {
    super.start();
    return this;
  }

  @Override
  public BacklogSandbox start(int port) {
    super.start(port);
    return this;
  }

  /** {@code http://127.0.0.1:<port>/api/v2}, without a trailing slash. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port() + API_PREFIX;
  }

  /** The API key every request must carry as {@code apiKey=…}; random per instance. */
  public String apiKey() {
    return apiKey;
  }

  /**
   * Deep copies of the current issues in id order, each as {@code GET /issues/{id}} returns it
   * (for a sandbox of generated issues: every one of them, made now).
   */
  public List<ObjectNode> issues() {
    if (generated != null) {
      return new java.util.ArrayList<>(generated.all());
    }
    return underReadLock(() -> BacklogDataSet.deepCopies(data.issues.values()));
  }

  /** A deep copy of the issue with this id as {@code GET /issues/{id}} returns it, or null. */
  public ObjectNode issue(long id) {
    if (generated != null) {
      return generated.issue(id);
    }
    return underReadLock(
        () -> {
          ObjectNode issue = data.issues.get(id);
          return issue == null ? null : issue.deepCopy();
        });
  }

  /** A deep copy of the issue with this key (e.g. {@code SALES-12}), or null. */
  public ObjectNode issueByKey(String issueKey) {
    if (generated != null) {
      return generated.issue(issueKey).orElse(null);
    }
    return underReadLock(
        () -> data.issues.values().stream()
            .filter(i -> i.get("issueKey").asText().equals(issueKey))
            .findFirst()
            .map(ObjectNode::deepCopy)
            .orElse(null));
  }

  /** How many issues there are now, in every project (what {@code GET /issues/count} counts). */
  public int issueCount() {
    return generated != null ? generated.size() : underReadLock(data.issues::size);
  }

  /** The highest issue id ever given out (deleted issues included): the next one is this + 1. */
  public long lastIssueId() {
    return generated != null ? generated.size() : underReadLock(() -> data.lastIssueId);
  }

  /** The comments added to an issue by updates ({@code comment=…}), oldest first. */
  public List<String> comments(long issueId) {
    return underReadLock(() -> List.copyOf(data.comments.getOrDefault(issueId, List.of())));
  }

  /** Deep copies of the projects, as {@code GET /projects} returns them. */
  public List<ObjectNode> projects() {
    return underReadLock(() -> BacklogDataSet.deepCopies(data.projects.values()));
  }

  /** Deep copies of the users, as {@code GET /users} returns them. */
  public List<ObjectNode> users() {
    return underReadLock(() -> BacklogDataSet.deepCopies(data.users.values()));
  }

  // ---- routes ----

  private SandboxResponse listIssues(SandboxRequest request) {
    IssueSearch search = IssueSearch.parse(request);
    if (generated != null) {
      return ok(array(generated.page(search)));
    }
    // Paging through a listing asks for the same filtered, sorted issues again and again: keep
    // the last listing until the next write.
    Listing listing = lastListing;
    if (listing == null || listing.version() != version.get()
        || !listing.key().equals(search.listingKey())) {
      listing = new Listing(search.listingKey(), version.get(),
          search.ordered(data.issues.values()));
      lastListing = listing;
    }
    // No copies: the page is serialized here, under the read lock.
    return ok(F.arrayNode().addAll(search.slice(listing.ordered())));
  }

  /** The matching issues of a listing in order, for the data as of a version. */
  private record Listing(String key, long version, List<ObjectNode> ordered) {}

  private SandboxResponse countIssues(SandboxRequest request) {
    IssueSearch search = IssueSearch.parse(request);
    ObjectNode body = F.objectNode();
    body.put("count", generated != null ? generated.count(search)
        : search.matching(data.issues.values()).size());
    return ok(body);
  }

  private SandboxResponse oneIssue(SandboxRequest request) {
    String idOrKey = request.pathParameter("idOrKey");
    return (generated != null ? generated.issue(idOrKey) : data.issue(idOrKey))
        .map(i -> ok(i.deepCopy()))
        .orElseThrow(() -> BacklogError.noResource("No issue."));
  }

  private SandboxResponse listProjects(SandboxRequest request) {
    Optional<String> archived = request.queryValue("archived");
    if (archived.isPresent() && !List.of("true", "false").contains(archived.get())) {
      throw BacklogError.invalidRequest("Invalid value for archived: " + archived.get());
    }
    ArrayNode body = F.arrayNode();
    for (ObjectNode project : data.projects.values()) {
      if (archived.isEmpty()
          || project.get("archived").asBoolean() == Boolean.parseBoolean(archived.get())) {
        body.add(project.deepCopy());
      }
    }
    return ok(body);
  }

  private ObjectNode project(SandboxRequest request) {
    return data.project(request.pathParameter("idOrKey"))
        .orElseThrow(() -> BacklogError.noResource("No project."));
  }

  private SandboxResponse projectList(
      SandboxRequest request, java.util.Map<Long, List<ObjectNode>> byProject) {
    long projectId = project(request).get("id").asLong();
    return ok(array(byProject.getOrDefault(projectId, List.of())));
  }

  private SandboxResponse oneUser(SandboxRequest request) {
    Long id = BacklogDataSet.parseId(request.pathParameter("id"));
    ObjectNode user = id == null ? null : data.users.get(id);
    if (user == null) {
      throw BacklogError.noResource("No user.");
    }
    return ok(user.deepCopy());
  }

  private SandboxResponse createIssue(SandboxRequest request) {
    ObjectNode created = writes.create(WriteParameters.of(request), now());
    // Backlog points Location at the issue's page in the web app, not at the API.
    String page = "http://127.0.0.1:" + port() + "/view/" + created.get("issueKey").asText();
    return SandboxResponse.json(201, created.deepCopy()).withHeader("Location", page);
  }

  private SandboxResponse updateIssue(SandboxRequest request) {
    ObjectNode existing = existingIssue(request);
    return ok(writes.update(existing, WriteParameters.of(request), now()).deepCopy());
  }

  private SandboxResponse deleteIssue(SandboxRequest request) {
    ObjectNode existing = existingIssue(request);
    return ok(writes.delete(existing, WriteParameters.of(request)).deepCopy());
  }

  private ObjectNode existingIssue(SandboxRequest request) {
    return data.issue(request.pathParameter("idOrKey"))
        .orElseThrow(() -> BacklogError.noResource("No issue."));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  // ---- SandboxServer hooks ----

  @Override
  protected Optional<SandboxResponse> authenticate(SandboxRequest request) {
    if (request.queryValues("apiKey").contains(apiKey)) {
      return Optional.empty();
    }
    return Optional.of(
        BacklogError.response(401, BacklogError.AUTHENTICATION, "Authentication failure."));
  }

  @Override
  protected SandboxResponse rateLimitedResponse(SandboxRequest request, int retryAfterSeconds) {
    SandboxResponse response =
        BacklogError.response(429, BacklogError.TOO_MANY_REQUESTS, "Too many requests.");
    return retryAfterSeconds < 0
        ? response
        : response.withHeader("Retry-After", String.valueOf(retryAfterSeconds));
  }

  @Override
  protected SandboxResponse failureResponse(SandboxRequest request, int httpStatus) {
    return BacklogError.forStatus(httpStatus);
  }

  @Override
  protected SandboxResponse routeNotFound(SandboxRequest request) {
    return BacklogError.response(404, BacklogError.NO_RESOURCE, "No such resource.");
  }

  @Override
  protected SandboxResponse methodNotAllowed(SandboxRequest request, List<String> allowed) {
    return BacklogError.response(405, BacklogError.INVALID_REQUEST, "Method not allowed.")
        .withHeader("Allow", String.join(", ", allowed));
  }

  @Override
  protected SandboxResponse decorate(SandboxRequest request, SandboxResponse response) {
    String bucket = isWrite(request) ? "update" : "read";
    BacklogRateLimits.Snapshot s = rateLimits.consume(bucket);
    int remaining = response.status() == 429 ? 0 : s.remaining();
    return response
        .withHeader("X-RateLimit-Limit", String.valueOf(s.limit()))
        .withHeader("X-RateLimit-Remaining", String.valueOf(remaining))
        .withHeader("X-RateLimit-Reset", String.valueOf(s.reset()));
  }

  // ---- helpers ----

  private SandboxResponse read(Supplier<SandboxResponse> handler) {
    return underReadLock(handler);
  }

  private SandboxResponse write(Supplier<SandboxResponse> handler) {
    if (generated != null) {
      throw BacklogError.invalidRequest("This sandbox serves generated issues and is read-only.");
    }
    return locked(data.lock().writeLock(), () -> {
      try {
        return handler.get();
      } finally {
        version.incrementAndGet();
      }
    });
  }

  private <T> T underReadLock(Supplier<T> action) {
    return locked(data.lock().readLock(), action);
  }

  private static SandboxResponse ok(com.fasterxml.jackson.databind.JsonNode body) {
    return SandboxResponse.json(200, body);
  }

  private static ArrayNode array(Collection<ObjectNode> nodes) {
    ArrayNode array = F.arrayNode();
    nodes.forEach(n -> array.add(n.deepCopy()));
    return array;
  }

  /**
   * Starts a sandbox and waits until the process is stopped. Argument: the port (default 8089,
   * 0 for any free port). Prints the base URL and the API key.
   */
  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8089;
    BacklogSandbox sandbox = new BacklogSandbox().start(port);
    Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "backlog-sandbox-stop"));
    System.out.println("Backlog sandbox: " + sandbox.baseUrl());
    System.out.println("API key:         " + sandbox.apiKey());
    System.out.println(
        "Try: curl '" + sandbox.baseUrl() + "/issues?count=2&apiKey=" + sandbox.apiKey() + "'");
    new CountDownLatch(1).await();
  }
}
