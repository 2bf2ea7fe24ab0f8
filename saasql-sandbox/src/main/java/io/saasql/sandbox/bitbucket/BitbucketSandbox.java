package io.saasql.sandbox.bitbucket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.saasql.sandbox.SandboxRequest;
import io.saasql.sandbox.SandboxResponse;
import io.saasql.sandbox.SandboxServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A stand-in for the Bitbucket Cloud REST API 2.0 at {@code http://127.0.0.1:<port>/2.0}, with
 * the OAuth token endpoint at {@code /site/oauth2/access_token}: workspaces and their members,
 * repositories, issues (with 410 for deleted ones and 404 for a repository without a tracker),
 * issue comments and pull requests, with BBQL filtering ({@code q}), {@code sort}, Bitbucket's page
 * objects, error bodies and {@code X-RateLimit-*} headers.
 *
 * <p>Every {@code /2.0} request needs {@code Authorization: Bearer <token>} (an OAuth token from
 * the token endpoint or the static {@link #accessToken()}) or {@code Authorization: Basic
 * base64(email:apiToken)}. Every credential sees both workspaces.
 *
 * <p>Issues can be written: {@code POST …/issues} creates one (201, the issue, and a {@code
 * Location} header with its absolute URL on this server), {@code PUT …/issues/{id}} changes the
 * fields given (200, the issue; {@code null} clears an assignee, milestone, version or component;
 * {@code updated_on} moves forward), {@code DELETE …/issues/{id}} deletes it (204; then 410 as for
 * the seeded deleted issues). Bodies are JSON objects checked as {@code IssueBody} says; an
 * invalid one gets a 400 naming its fields. New ids continue the repository's sequence. Every
 * credential acts as {@link #apiUser()}, the reporter of created issues. The token endpoint is not
 * a write for the write faults.
 *
 * <p>Seeded with a deterministic data set: workspaces {@code acme} and {@code globex}, six
 * repositories ({@code acme/infra} without an issue tracker), 1,118 issues (ids 17 and 203 of
 * {@code acme/api} deleted) and 550 pull requests.
 */
public final class BitbucketSandbox extends SandboxServer {
  /** The path prefix of every API route. */
  public static final String API_PREFIX = "/2.0";
  /** The path of the OAuth 2.0 token endpoint. */
  public static final String TOKEN_PATH = "/site/oauth2/access_token";

  static final String RATE_LIMITED = "Rate limit for this resource has been exceeded";

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String REPO = API_PREFIX + "/repositories/{workspace}/{repo_slug}";

  private final BitbucketDataSet data = BitbucketSeed.create();
  private final Clock clock = Clock.systemUTC();
  private final BitbucketCredentials credentials = new BitbucketCredentials(clock);
  private final BitbucketRateLimits rateLimits = new BitbucketRateLimits(clock);

  /** A sandbox seeded with the default deterministic data set; call {@link #start()} next. */
  public BitbucketSandbox() {
    super("bitbucket");
    String v2 = API_PREFIX;
    routes()
        .post(TOKEN_PATH, this::token)
        .get(v2 + "/workspaces", r -> read(() -> listWorkspaces(r)))
        .get(v2 + "/workspaces/{workspace}", r -> read(() -> ok(workspace(r).deepCopy())))
        .get(v2 + "/workspaces/{workspace}/members", r -> read(() -> listMembers(r)))
        .get(v2 + "/repositories/{workspace}", r -> read(() -> listRepositories(r)))
        .get(REPO, r -> read(() -> ok(repository(r).deepCopy())))
        .get(REPO + "/issues", r -> read(() -> listIssues(r)))
        .get(REPO + "/issues/{issue_id}", r -> read(() -> ok(issue(r).deepCopy())))
        .get(REPO + "/issues/{issue_id}/comments", r -> read(() -> listComments(r)))
        .get(REPO + "/pullrequests", r -> read(() -> listPullRequests(r)))
        .get(REPO + "/pullrequests/{pull_request_id}", r -> read(() -> onePullRequest(r)))
        .post(REPO + "/issues", r -> write(() -> createIssue(r)))
        .add("PUT", REPO + "/issues/{issue_id}", r -> write(() -> updateIssue(r)))
        .delete(REPO + "/issues/{issue_id}", r -> write(() -> deleteIssue(r)));
  }

  @Override
  public BitbucketSandbox start() {
    super.start();
    return this;
  }

  @Override
  public BitbucketSandbox start(int port) {
    super.start(port);
    return this;
  }

  /** {@code http://127.0.0.1:<port>/2.0}, without a trailing slash. */
  public String baseUrl() {
    return origin() + API_PREFIX;
  }

  /** {@code http://127.0.0.1:<port>/site/oauth2/access_token}. */
  public String tokenUrl() {
    return origin() + TOKEN_PATH;
  }

  /** The OAuth consumer's key; random per instance. */
  public String clientId() {
    return credentials.clientId();
  }

  /** The OAuth consumer's secret; random per instance. */
  public String clientSecret() {
    return credentials.clientSecret();
  }

  /**
   * A long-lived access token (like a workspace access token) for {@code Bearer}; random per
   * instance.
   */
  public String accessToken() {
    return credentials.accessToken();
  }

  /** The Atlassian account e-mail for Basic auth with {@link #apiToken()}. */
  public String userEmail() {
    return credentials.userEmail();
  }

  /** The API token for Basic auth with {@link #userEmail()}; random per instance. */
  public String apiToken() {
    return credentials.apiToken();
  }

  /**
   * The lifetime of OAuth tokens issued from now on (default 7200 s); also their
   * {@code expires_in}.
   */
  public void tokenLifetime(Duration d) {
    credentials.lifetime(d);
  }

  /** Every OAuth token issued so far is expired from now on; the access token is not affected. */
  public void expireAllTokens() {
    credentials.expireAll();
  }

  /**
   * Deep copies of the workspaces in slug order, as {@code GET /workspaces/{slug}} returns them.
   */
  public List<ObjectNode> workspaces() {
    return underReadLock(() -> sorted(data.workspaces.values(), FieldCatalog.WORKSPACE));
  }

  /**
   * Deep copies of a workspace's memberships, as {@code GET /workspaces/{slug}/members} lists them.
   */
  public List<ObjectNode> members(String workspace) {
    return underReadLock(() -> sorted(memberships(knownWorkspace(workspace)), FieldCatalog.MEMBER));
  }

  /** Deep copies of a workspace's repositories in full-name order, as {@code GET} returns each. */
  public List<ObjectNode> repositories(String workspace) {
    return underReadLock(
        () -> {
          knownWorkspace(workspace);
          return sorted(data.repositoriesOf(workspace), FieldCatalog.REPOSITORY);
        });
  }

  /**
   * Deep copies of a repository's live issues in id order, exactly as {@code GET …/issues/{id}}
   * returns each; empty for a repository without an issue tracker.
   */
  public List<ObjectNode> issues(String workspace, String repoSlug) {
    return underReadLock(
        () -> {
          BitbucketDataSet.Tracker tracker =
              data.trackers.get(knownRepository(workspace, repoSlug));
          return tracker == null
              ? List.of()
              : BitbucketDataSet.deepCopies(tracker.issues.values());
        });
  }

  /**
   * A deep copy of one issue exactly as {@code GET …/issues/{id}} returns it; null when the
   * repository has no issue tracker or the issue was never created or is deleted.
   */
  public ObjectNode issue(String workspace, String repoSlug, int id) {
    return underReadLock(
        () -> {
          BitbucketDataSet.Tracker tracker =
              data.trackers.get(knownRepository(workspace, repoSlug));
          ObjectNode issue = tracker == null ? null : tracker.issues.get((long) id);
          return issue == null ? null : issue.deepCopy();
        });
  }

  /**
   * The highest issue id a repository has given, deleted issues included: the next created issue
   * gets one more. 0 for a repository without an issue tracker.
   */
  public long lastIssueId(String workspace, String repoSlug) {
    return underReadLock(
        () -> {
          BitbucketDataSet.Tracker tracker =
              data.trackers.get(knownRepository(workspace, repoSlug));
          return tracker == null ? 0L : tracker.lastId;
        });
  }

  /** The ids of a repository's deleted issues (those answering 410), ascending. */
  public List<Long> deletedIssueIds(String workspace, String repoSlug) {
    return underReadLock(
        () -> {
          BitbucketDataSet.Tracker tracker =
              data.trackers.get(knownRepository(workspace, repoSlug));
          return tracker == null ? List.<Long>of() : List.copyOf(tracker.deleted);
        });
  }

  /** The milestone names an issue of this repository may have; empty without a tracker. */
  public List<String> milestoneNames(String workspace, String repoSlug) {
    return trackerNames(workspace, repoSlug, t -> t.milestones);
  }

  /** The version names an issue of this repository may have; empty without a tracker. */
  public List<String> versionNames(String workspace, String repoSlug) {
    return trackerNames(workspace, repoSlug, t -> t.versions);
  }

  /** The component names an issue of this repository may have; empty without a tracker. */
  public List<String> componentNames(String workspace, String repoSlug) {
    return trackerNames(workspace, repoSlug, t -> t.components);
  }

  /**
   * A deep copy of the account every credential acts as, the {@code reporter} of the issues the API
   * creates (a member of both workspaces).
   */
  public ObjectNode apiUser() {
    return underReadLock(() -> apiUserNode().deepCopy());
  }

  /** Deep copies of one issue's comments in id order, as {@code GET …/comments} lists them. */
  public List<ObjectNode> comments(String workspace, String repoSlug, long issueId) {
    return underReadLock(
        () -> {
          BitbucketDataSet.Tracker tracker =
              data.trackers.get(knownRepository(workspace, repoSlug));
          return tracker == null
              ? List.of()
              : BitbucketDataSet.deepCopies(tracker.comments.getOrDefault(issueId, List.of()));
        });
  }

  /**
   * Deep copies of a repository's pull requests (every state) in id order, as
   * {@code GET …/pullrequests/{id}} returns each.
   */
  public List<ObjectNode> pullRequests(String workspace, String repoSlug) {
    return underReadLock(
        () ->
            BitbucketDataSet.deepCopies(
                data.pullRequests.get(knownRepository(workspace, repoSlug)).values()));
  }

  private List<String> trackerNames(
      String workspace,
      String repoSlug,
      Function<BitbucketDataSet.Tracker, Map<String, ObjectNode>> list) {
    return underReadLock(
        () -> {
          BitbucketDataSet.Tracker tracker =
              data.trackers.get(knownRepository(workspace, repoSlug));
          return tracker == null ? List.<String>of() : List.copyOf(list.apply(tracker).keySet());
        });
  }

  // ---- routes ----

  private SandboxResponse token(SandboxRequest request) {
    if (!credentials.isClient(request.header("authorization"))) {
      return oauthError("invalid_client", "Invalid OAuth client credentials");
    }
    List<String> grant = request.form().get("grant_type");
    if (grant.isEmpty()) {
      return oauthError("invalid_request", "Missing grant_type parameter");
    }
    if (!grant.get(0).equals("client_credentials")) {
      return oauthError("unsupported_grant_type", "Unsupported grant type: " + grant.get(0));
    }
    ObjectNode body = F.objectNode();
    body.put("access_token", credentials.issue());
    body.put("scopes", "repository issue pullrequest account");
    body.put("token_type", "bearer");
    body.put("expires_in", credentials.lifetime().toSeconds());
    body.put("state", "client_credentials");
    return ok(body).withHeader("Cache-Control", "no-store");
  }

  private static SandboxResponse oauthError(String error, String description) {
    ObjectNode body = F.objectNode();
    body.put("error", error);
    body.put("error_description", description);
    return SandboxResponse.json(400, body);
  }

  private SandboxResponse listWorkspaces(SandboxRequest request) {
    checkRole(request, List.of("owner", "collaborator", "member"));
    return page(request, FieldCatalog.WORKSPACE, ListQuery.MAX_PAGELEN,
        data.workspaces.values(), n -> true);
  }

  private SandboxResponse listMembers(SandboxRequest request) {
    return page(request, FieldCatalog.MEMBER, ListQuery.MAX_PAGELEN,
        memberships(workspace(request)), n -> true);
  }

  private SandboxResponse listRepositories(SandboxRequest request) {
    checkRole(request, List.of("member", "contributor", "admin", "owner"));
    ObjectNode ws = workspace(request);
    return page(
        request,
        FieldCatalog.REPOSITORY,
        ListQuery.MAX_PAGELEN,
        data.repositoriesOf(ws.get("slug").asText()),
        n -> true);
  }

  private SandboxResponse listIssues(SandboxRequest request) {
    return page(request, FieldCatalog.ISSUE, ListQuery.MAX_PAGELEN,
        tracker(request).issues.values(), n -> true);
  }

  private SandboxResponse listComments(SandboxRequest request) {
    BitbucketDataSet.Tracker tracker = tracker(request);
    long id = liveIssueId(request, tracker);
    return page(
        request,
        FieldCatalog.ISSUE_COMMENT,
        ListQuery.MAX_PAGELEN,
        tracker.comments.getOrDefault(id, List.of()),
        n -> true);
  }

  private SandboxResponse listPullRequests(SandboxRequest request) {
    ObjectNode repo = repository(request);
    List<String> states = new ArrayList<>(request.queryValues("state"));
    for (String state : states) {
      if (!BitbucketSeed.PR_STATES.contains(state)) {
        throw BitbucketError.badRequest("Invalid state: " + state);
      }
    }
    if (states.isEmpty() && !queryMentionsState(request)) {
      states.add("OPEN");
    }
    Predicate<JsonNode> inStates =
        states.isEmpty() ? n -> true : n -> states.contains(n.path("state").asText());
    return page(
        request,
        FieldCatalog.PULL_REQUEST,
        ListQuery.MAX_PULL_REQUEST_PAGELEN,
        data.pullRequests.get(repo.get("full_name").asText()).values(),
        inStates);
  }

  /**
   * Whether {@code q} compares {@code state}: then the default {@code state=OPEN} does not apply,
   * so that {@code q=state="MERGED"} lists merged pull requests as on Bitbucket.
   */
  private static boolean queryMentionsState(SandboxRequest request) {
    Optional<String> q = request.queryValue("q");
    if (q.isEmpty() || q.get().isBlank()) {
      return false;
    }
    try {
      return BbqlFilter.mentions(BbqlParser.parse(q.get()), "state");
    } catch (BbqlException e) {
      return false; // ListQuery reports the error
    }
  }

  private SandboxResponse createIssue(SandboxRequest request) {
    ObjectNode repo = repository(request);
    BitbucketDataSet.Tracker tracker = tracker(request);
    String workspace = repo.at("/workspace/slug").asText();
    Map<String, JsonNode> changes =
        IssueBody.changes(request, IssueBody.Mode.CREATE, data, tracker, workspace);
    long id = tracker.lastId + 1;
    // never before the newest issue, so that id order stays created_on order
    Instant newest =
        tracker.issues.isEmpty() ? Instant.EPOCH
            : instant(tracker.issues.lastEntry().getValue(), "created_on");
    ObjectNode issue = BitbucketSeed.newIssue(repo, id, apiUserNode(), after(newest));
    changes.forEach(issue::set);
    tracker.lastId = id;
    tracker.issues.put(id, issue);
    tracker.comments.put(id, new ArrayList<>());
    String location =
        origin(request) + API_PREFIX + "/repositories/" + repo.get("full_name").asText()
            + "/issues/" + id;
    return SandboxResponse.json(201, issue.deepCopy()).withHeader("Location", location);
  }

  private SandboxResponse updateIssue(SandboxRequest request) {
    ObjectNode repo = repository(request);
    BitbucketDataSet.Tracker tracker = tracker(request);
    long id = liveIssueId(request, tracker);
    Map<String, JsonNode> changes =
        IssueBody.changes(
            request, IssueBody.Mode.UPDATE, data, tracker, repo.at("/workspace/slug").asText());
    ObjectNode issue = tracker.issues.get(id);
    boolean edited =
        (changes.containsKey("title") && !changes.get("title").equals(issue.get("title")))
            || (changes.containsKey("content")
                && !changes.get("content").get("raw").equals(issue.at("/content/raw")));
    changes.forEach(issue::set);
    String now = BitbucketSeed.formatDateTime(after(instant(issue, "updated_on")));
    issue.put("updated_on", now);
    if (edited) {
      issue.put("edited_on", now);
    }
    if (changes.containsKey("title")) {
      for (ObjectNode comment : tracker.comments.getOrDefault(id, List.of())) {
        ((ObjectNode) comment.get("issue")).set("title", issue.get("title").deepCopy());
      }
    }
    return ok(issue.deepCopy());
  }

  private SandboxResponse deleteIssue(SandboxRequest request) {
    BitbucketDataSet.Tracker tracker = tracker(request);
    long id = liveIssueId(request, tracker);
    tracker.issues.remove(id);
    tracker.comments.remove(id);
    tracker.deleted.add(id);
    return new SandboxResponse(204, Map.of(), new byte[0]);
  }

  /** Now to the microsecond, but always later than {@code previous}. */
  private Instant after(Instant previous) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return now.isAfter(previous) ? now : previous.plus(1, ChronoUnit.MICROS);
  }

  private static Instant instant(JsonNode object, String field) {
    return OffsetDateTime.parse(object.get(field).asText()).toInstant();
  }

  private ObjectNode apiUserNode() {
    return data.users.get(BitbucketSeed.uuid("user:" + BitbucketSeed.API_USER));
  }

  private SandboxResponse onePullRequest(SandboxRequest request) {
    ObjectNode repo = repository(request);
    Long id = BitbucketDataSet.parseId(request.pathParameter("pull_request_id"));
    ObjectNode pr =
        id == null ? null : data.pullRequests.get(repo.get("full_name").asText()).get(id);
    if (pr == null) {
      throw BitbucketError.notFound("Resource not found");
    }
    return ok(pr.deepCopy());
  }

  private SandboxResponse page(
      SandboxRequest request,
      FieldCatalog catalog,
      int maxPagelen,
      java.util.Collection<ObjectNode> objects,
      Predicate<JsonNode> extra) {
    ListQuery query = ListQuery.parse(request, origin(request), catalog, maxPagelen, extra);
    return ok(query.page(objects));
  }

  private static void checkRole(SandboxRequest request, List<String> roles) {
    Optional<String> role = request.queryValue("role");
    if (role.isPresent() && !roles.contains(role.get())) {
      throw BitbucketError.badRequest("Invalid role: " + role.get());
    }
  }

  private ObjectNode workspace(SandboxRequest request) {
    String id = request.pathParameter("workspace");
    return data.workspace(id)
        .orElseThrow(() -> BitbucketError.notFound("No workspace with identifier '" + id + "'."));
  }

  private ObjectNode repository(SandboxRequest request) {
    Optional<ObjectNode> ws = data.workspace(request.pathParameter("workspace"));
    return ws.flatMap(
            w -> data.repository(w.get("slug").asText(), request.pathParameter("repo_slug")))
        .orElseThrow(() -> BitbucketError.notFound(BitbucketError.NO_REPOSITORY));
  }

  private BitbucketDataSet.Tracker tracker(SandboxRequest request) {
    ObjectNode repo = repository(request);
    BitbucketDataSet.Tracker tracker = data.trackers.get(repo.get("full_name").asText());
    if (tracker == null) {
      throw BitbucketError.notFound("Repository has no issue tracker.");
    }
    return tracker;
  }

  private ObjectNode issue(SandboxRequest request) {
    BitbucketDataSet.Tracker tracker = tracker(request);
    return tracker.issues.get(liveIssueId(request, tracker));
  }

  /** The {@code issue_id} of a live issue; 410 for a deleted one, 404 for one never created. */
  private static long liveIssueId(SandboxRequest request, BitbucketDataSet.Tracker tracker) {
    String raw = request.pathParameter("issue_id");
    Long id = BitbucketDataSet.parseId(raw);
    if (id != null && tracker.deleted.contains(id)) {
      throw new BitbucketError(410, "Resource removed", "Issue #" + id + " has been deleted.");
    }
    if (id == null || !tracker.issues.containsKey(id)) {
      throw new BitbucketError(404, "Resource not found", "There is no issue with id " + raw + ".");
    }
    return id;
  }

  private List<ObjectNode> memberships(ObjectNode ws) {
    List<ObjectNode> result = new ArrayList<>();
    String slug = ws.get("slug").asText();
    for (String uuid : data.members.get(slug)) {
      ObjectNode user = data.users.get(uuid);
      ObjectNode m = F.objectNode();
      m.put("type", "workspace_membership");
      m.set("user", user.deepCopy());
      m.set("workspace", BitbucketSeed.workspaceSummary(ws));
      m.putObject("links").putObject("self").put("href",
          BitbucketSeed.API + "/workspaces/" + slug + "/members/"
              + uuid.replace("{", "%7B").replace("}", "%7D"));
      result.add(m);
    }
    return result;
  }

  private ObjectNode knownWorkspace(String slug) {
    ObjectNode ws = data.workspaces.get(slug);
    if (ws == null) {
      throw new IllegalArgumentException("no workspace " + slug + " in the Bitbucket sandbox");
    }
    return ws;
  }

  private String knownRepository(String workspace, String repoSlug) {
    String fullName = workspace + "/" + repoSlug;
    if (!data.repositories.containsKey(fullName)) {
      throw new IllegalArgumentException("no repository " + fullName + " in the Bitbucket sandbox");
    }
    return fullName;
  }

  private static List<ObjectNode> sorted(java.util.Collection<ObjectNode> objects,
      FieldCatalog catalog) {
    return BitbucketDataSet.deepCopies(objects.stream().sorted(catalog.defaultOrder()).toList());
  }

  // ---- SandboxServer hooks ----

  /** Token requests are not writes: the write faults count issue creates, updates and deletes. */
  @Override
  protected boolean isWrite(SandboxRequest request) {
    return !request.path().equals(TOKEN_PATH) && super.isWrite(request);
  }

  @Override
  protected Optional<SandboxResponse> authenticate(SandboxRequest request) {
    if (request.path().equals(TOKEN_PATH)) {
      return Optional.empty(); // the token endpoint authenticates the OAuth client itself
    }
    BitbucketCredentials.Check check = credentials.check(request.header("authorization"));
    if (check instanceof BitbucketCredentials.Refused refused) {
      return Optional.of(BitbucketError.unauthorized(refused.message()));
    }
    return Optional.empty();
  }

  @Override
  protected SandboxResponse rateLimitedResponse(SandboxRequest request, int retryAfterSeconds) {
    SandboxResponse response = BitbucketError.response(429, RATE_LIMITED);
    return retryAfterSeconds < 0
        ? response
        : response.withHeader("Retry-After", String.valueOf(retryAfterSeconds));
  }

  @Override
  protected SandboxResponse failureResponse(SandboxRequest request, int httpStatus) {
    return BitbucketError.forStatus(httpStatus);
  }

  @Override
  protected SandboxResponse routeNotFound(SandboxRequest request) {
    return BitbucketError.response(404, "Resource not found", BitbucketError.NO_API_DETAIL);
  }

  @Override
  protected SandboxResponse methodNotAllowed(SandboxRequest request, List<String> allowed) {
    return BitbucketError.response(405, "Method not allowed")
        .withHeader("Allow", String.join(", ", allowed));
  }

  /**
   * Adds {@code X-RateLimit-Limit}, {@code X-RateLimit-Resource} and {@code X-RateLimit-NearLimit}
   * to {@code /2.0} answers of requests made with the access token, as Bitbucket does only for
   * access tokens (not for OAuth consumers or API tokens).
   */
  @Override
  protected SandboxResponse decorate(SandboxRequest request, SandboxResponse response) {
    if (!request.path().startsWith(API_PREFIX + "/")
        || !credentials.isAccessToken(request.header("authorization"))) {
      return response;
    }
    BitbucketRateLimits.Snapshot s = rateLimits.consume();
    boolean near = response.status() == 429 || s.nearLimit();
    return response
        .withHeader("X-RateLimit-Limit", String.valueOf(s.limit()))
        .withHeader("X-RateLimit-Resource", BitbucketRateLimits.RESOURCE)
        .withHeader("X-RateLimit-NearLimit", String.valueOf(near));
  }

  // ---- helpers ----

  private String origin() {
    return "http://127.0.0.1:" + port();
  }

  /** The scheme, host and port the client used, for absolute {@code next} links. */
  private String origin(SandboxRequest request) {
    String host = request.header("host");
    return host == null || host.isBlank() ? origin() : "http://" + host;
  }

  private SandboxResponse read(Supplier<SandboxResponse> handler) {
    return underReadLock(handler);
  }

  private SandboxResponse write(Supplier<SandboxResponse> handler) {
    return locked(data.lock().writeLock(), handler);
  }

  private <T> T underReadLock(Supplier<T> action) {
    return locked(data.lock().readLock(), action);
  }

  private static SandboxResponse ok(JsonNode body) {
    return SandboxResponse.json(200, body);
  }

  /**
   * Starts a sandbox and waits until the process is stopped. Argument: the port (default 8090,
   * 0 for any free port). Prints the URLs and every credential.
   */
  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8090;
    BitbucketSandbox sandbox = new BitbucketSandbox().start(port);
    Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "bitbucket-sandbox-stop"));
    System.out.println("Bitbucket sandbox: " + sandbox.baseUrl());
    System.out.println("Token endpoint:    " + sandbox.tokenUrl());
    System.out.println("OAuth client id:   " + sandbox.clientId());
    System.out.println("OAuth secret:      " + sandbox.clientSecret());
    System.out.println("Access token:      " + sandbox.accessToken());
    System.out.println("Basic e-mail:      " + sandbox.userEmail());
    System.out.println("API token:         " + sandbox.apiToken());
    System.out.println(
        "Try: curl -H 'Authorization: Bearer "
            + sandbox.accessToken()
            + "' '"
            + sandbox.baseUrl()
            + "/repositories/acme/api/issues?pagelen=2'");
    new CountDownLatch(1).await();
  }
}
