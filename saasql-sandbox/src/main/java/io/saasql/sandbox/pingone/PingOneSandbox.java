package io.saasql.sandbox.pingone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.saasql.sandbox.SandboxRequest;
import io.saasql.sandbox.SandboxResponse;
import io.saasql.sandbox.SandboxServer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * A stand-in for the PingOne Platform API: the API at {@code http://127.0.0.1:<port>/v1} and the
 * auth host at {@code http://127.0.0.1:<port>} on the same port. A worker app per environment
 * gets client-credentials tokens at {@code POST /{envId}/as/token}; API calls need such a token
 * as {@code Authorization: Bearer …}, valid only for its own environment. Serves environments,
 * users (SCIM {@code filter}, {@code limit}, {@code cursor}, {@code include=memberOfGroupIDs}),
 * a user's group memberships, groups and populations, with PingOne's paging shape and error
 * bodies. Seeded with a deterministic data set: environments {@code Administrators} (2,500 users)
 * and {@code Production} (1,200 users).
 *
 * <p>Users can be written: {@code POST …/users} (201 with the new user), {@code PUT
 * …/users/{id}} (replace: omitted attributes cleared), {@code PATCH …/users/{id}} (omitted kept,
 * {@code null} clears), {@code DELETE …/users/{id}} (204; the user leaves its groups), and {@code
 * PUT …/users/{id}/enabled} and {@code PUT …/users/{id}/population}, the only ways to change
 * those two. Bodies are validated as {@link UserWriteSchema} says; a duplicate username is 409
 * {@code UNIQUENESS_VIOLATION}. Writes hold the data set's write lock, so every later read sees
 * them; token requests are not writes for the write faults.
 */
public final class PingOneSandbox extends SandboxServer {
  /** The API path prefix. */
  public static final String API_PREFIX = "/v1";
  /** How many objects a users page holds at most, whatever {@code limit} says. */
  public static final int USERS_PAGE_CAP = 200;
  /** The largest {@code limit} accepted. */
  public static final int MAX_LIMIT = 1000;
  /** The {@code limit} used when none is given. */
  public static final int DEFAULT_LIMIT = 100;

  /** Worker-app client authentication by {@code Authorization: Basic} (the default). */
  public static final String CLIENT_SECRET_BASIC = "CLIENT_SECRET_BASIC";
  /** Worker-app client authentication by {@code client_id}/{@code client_secret} in the body. */
  public static final String CLIENT_SECRET_POST = "CLIENT_SECRET_POST";

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String ENV = API_PREFIX + "/environments/{envId}";

  private final PingOneDataSet data = PingOneSeed.create();
  private final Clock clock = Clock.systemUTC();
  private final PingOneTokens tokens = new PingOneTokens(clock);
  /** The time stamp of the last write; guarded by the data set's write lock. */
  private Instant lastWrite;
  private final Map<String, String> secrets = new LinkedHashMap<>();
  private final Map<String, String> authMethods = new ConcurrentHashMap<>();
  private volatile boolean filtersIgnoreCase;

  /** A sandbox seeded with the default deterministic data set; call {@link #start()} next. */
  public PingOneSandbox() {
    super("pingone");
    SecureRandom random = new SecureRandom();
    for (String name : data.environments.keySet()) {
      byte[] secret = new byte[48];
      random.nextBytes(secret);
      secrets.put(name, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
      authMethods.put(name, CLIENT_SECRET_BASIC);
    }
    routes()
        .post("/{envId}/as/token", this::token)
        .get(API_PREFIX + "/environments", r -> read(() -> listEnvironments(r)))
        .get(ENV, r -> read(() -> oneEnvironment(r)))
        .get(ENV + "/users", r -> read(() -> listUsers(r)))
        .get(ENV + "/users/{userId}", r -> read(() -> oneUser(r)))
        .get(ENV + "/users/{userId}/memberOfGroups", r -> read(() -> memberOfGroups(r)))
        .get(ENV + "/groups", r -> read(() -> listGroups(r)))
        .get(ENV + "/groups/{groupId}", r -> read(() -> oneGroup(r)))
        .get(ENV + "/populations", r -> read(() -> listPopulations(r)))
        .get(ENV + "/populations/{populationId}", r -> read(() -> onePopulation(r)))
        .post(ENV + "/users", r -> write(() -> createUser(r)))
        .add("PUT", ENV + "/users/{userId}", r -> write(() -> replaceUser(r)))
        .patch(ENV + "/users/{userId}", r -> write(() -> updateUser(r)))
        .delete(ENV + "/users/{userId}", r -> write(() -> deleteUser(r)))
        .get(ENV + "/users/{userId}/enabled", r -> read(() -> userEnabled(r)))
        .add("PUT", ENV + "/users/{userId}/enabled", r -> write(() -> setUserEnabled(r)))
        .get(ENV + "/users/{userId}/population", r -> read(() -> userPopulation(r)))
        .add("PUT", ENV + "/users/{userId}/population", r -> write(() -> setUserPopulation(r)));
  }

  @Override
  public PingOneSandbox start() {
    super.start();
    return this;
  }

  @Override
  public PingOneSandbox start(int port) {
    super.start(port);
    return this;
  }

  /** The API root, {@code http://127.0.0.1:<port>/v1}, without a trailing slash. */
  public String baseUrl() {
    return authBaseUrl() + API_PREFIX;
  }

  /**
   * The auth host root, {@code http://127.0.0.1:<port>}; an environment's token URL is {@code
   * authBaseUrl() + "/" + envId + "/as/token"}.
   */
  public String authBaseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** The id of the environment with this name ({@code "Administrators"}, {@code "Production"}). */
  public String environmentId(String name) {
    return environment(name).id;
  }

  /** The client id of the environment's worker app (stable across runs). */
  public String clientId(String environmentName) {
    return environment(environmentName).workerClientId;
  }

  /** The client secret of the environment's worker app (random per sandbox instance). */
  public String clientSecret(String environmentName) {
    environment(environmentName);
    return secrets.get(environmentName);
  }

  /**
   * How the environment's worker app must authenticate at the token endpoint: {@link
   * #CLIENT_SECRET_BASIC} (the default) or {@link #CLIENT_SECRET_POST}; the other method is then
   * refused with 401 {@code invalid_client}.
   */
  public void clientAuthMethod(String environmentName, String method) {
    environment(environmentName);
    if (!CLIENT_SECRET_BASIC.equals(method) && !CLIENT_SECRET_POST.equals(method)) {
      throw new IllegalArgumentException(
          "client auth method must be " + CLIENT_SECRET_BASIC + " or " + CLIENT_SECRET_POST
              + ", not " + method);
    }
    authMethods.put(environmentName, method);
  }

  /**
   * The lifetime of tokens issued from now on (default 3600 s); tokens already issued keep
   * theirs.
   */
  public void tokenLifetime(Duration d) {
    tokens.lifetime(d);
  }

  /**
   * How {@code filter} compares strings. PingOne documents its SCIM values as compared exactly
   * (the default, false); with true, every string attribute but identifiers ({@code id}, {@code
   * externalId}, {@code population.id}, {@code accountId}) compares ignoring case, as RFC 7644
   * §3.4.2.2 does for attributes that are not {@code caseExact}, so that a client can prove it
   * copes with either reading.
   */
  public void filtersIgnoreCase(boolean ignoreCase) {
    this.filtersIgnoreCase = ignoreCase;
  }

  /** Every token issued so far is expired from now on; API calls with them get 401. */
  public void expireAllTokens() {
    tokens.expireAll();
  }

  /** How many tokens the token endpoint has issued. */
  public int tokensIssued() {
    return tokens.issuedCount();
  }

  /**
   * Deep copies of the environment's users in list order, each exactly as {@code GET
   * …/users/{id}} returns it (the sandbox must be started: {@code _links} carry its port).
   */
  public List<ObjectNode> users(String environmentName) {
    PingOneDataSet.Environment env = environment(environmentName);
    return underReadLock(
        () -> env.users.all().stream().map(u -> renderUser(env, u, false, false)).toList());
  }

  /**
   * A deep copy of one user exactly as {@code GET …/users/{id}} returns it, or null when the
   * environment has no user with this id (never created, or deleted).
   */
  public ObjectNode user(String environmentName, String id) {
    PingOneDataSet.Environment env = environment(environmentName);
    return underReadLock(
        () -> {
          ObjectNode stored = env.users.get(id);
          return stored == null ? null : renderUser(env, stored, false, false);
        });
  }

  /**
   * The user with this username (compared ignoring case, as uniqueness is), as {@code GET
   * …/users/{id}} returns it.
   */
  public Optional<ObjectNode> userByUsername(String environmentName, String username) {
    PingOneDataSet.Environment env = environment(environmentName);
    return underReadLock(
        () ->
            findByUsername(env, username).map(u -> renderUser(env, u, false, false)));
  }

  /** How many users the environment has now. */
  public int userCount(String environmentName) {
    PingOneDataSet.Environment env = environment(environmentName);
    return underReadLock(env.users::size);
  }

  /**
   * The password last set for a user through the API (write-only: no route returns it), or empty
   * when none was set or the user does not exist.
   */
  public Optional<String> password(String environmentName, String userId) {
    PingOneDataSet.Environment env = environment(environmentName);
    return underReadLock(() -> Optional.ofNullable(env.passwords.get(userId)));
  }

  /** The ids of the groups a user is a direct member of, in the order joined. */
  public List<String> groupIdsOf(String environmentName, String userId) {
    PingOneDataSet.Environment env = environment(environmentName);
    return underReadLock(() -> List.copyOf(env.groupIdsOf(userId)));
  }

  /**
   * Deep copies of the environment's groups, each exactly as {@code GET …/groups/{id}} returns
   * it.
   */
  public List<ObjectNode> groups(String environmentName) {
    PingOneDataSet.Environment env = environment(environmentName);
    return underReadLock(
        () -> env.groups.all().stream().map(g -> render(env, "groups", g)).toList());
  }

  /**
   * Deep copies of the environment's populations, each exactly as {@code GET
   * …/populations/{id}} returns it.
   */
  public List<ObjectNode> populations(String environmentName) {
    PingOneDataSet.Environment env = environment(environmentName);
    return underReadLock(
        () -> env.populations.all().stream().map(p -> renderPopulation(env, p)).toList());
  }

  /** Group id → the ids of its direct member users, for every group of the environment. */
  public Map<String, List<String>> groupMembers(String environmentName) {
    PingOneDataSet.Environment env = environment(environmentName);
    return underReadLock(
        () -> {
          Map<String, List<String>> result = new LinkedHashMap<>();
          for (ObjectNode group : env.groups.all()) {
            String id = group.get("id").asText();
            result.put(id, List.copyOf(env.members.getOrDefault(id, Set.of())));
          }
          return result;
        });
  }

  private PingOneDataSet.Environment environment(String name) {
    PingOneDataSet.Environment env = data.environments.get(name);
    if (env == null) {
      throw new IllegalArgumentException(
          "no environment named " + name + "; there are " + data.environments.keySet());
    }
    return env;
  }

  // ---- token endpoint ----

  private SandboxResponse token(SandboxRequest request) {
    String envId = request.pathParameter("envId");
    PingOneDataSet.Environment env = data.environmentById(envId).orElse(null);
    if (env == null) {
      return PingOneError.response(
          404, PingOneError.NOT_FOUND, "Unable to find environment with ID: " + envId);
    }
    String contentType = request.contentType();
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      return oauthError(400, "invalid_request",
          "Request denied: the body must be application/x-www-form-urlencoded", false);
    }
    var form = request.form();
    String authorization = request.header("authorization");
    boolean basic =
        authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    boolean secretInBody = !form.get("client_secret").isEmpty();
    if (basic && secretInBody) {
      return oauthError(400, "invalid_request",
          "Request denied: more than one client authentication method was used", false);
    }
    String clientId;
    String clientSecret;
    String method;
    if (basic) {
      method = CLIENT_SECRET_BASIC;
      String decoded;
      try {
        decoded =
            new String(
                Base64.getDecoder().decode(authorization.substring(6).trim()),
                StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return oauthError(401, "invalid_client",
            "Request denied: malformed Basic authorization header", true);
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        return oauthError(401, "invalid_client",
            "Request denied: malformed Basic authorization header", true);
      }
      clientId = formDecode(decoded.substring(0, colon));
      clientSecret = formDecode(decoded.substring(colon + 1));
    } else if (secretInBody) {
      method = CLIENT_SECRET_POST;
      clientId = form.get("client_id").isEmpty() ? null : form.get("client_id").get(0);
      clientSecret = form.get("client_secret").get(0);
    } else {
      return oauthError(401, "invalid_client",
          "Request denied: client authentication is required", false);
    }
    if (clientId == null || !clientId.equals(env.workerClientId)) {
      return oauthError(401, "invalid_client",
          "Request denied: unknown client for this environment", basic);
    }
    String required = authMethods.get(env.name);
    if (!required.equals(method)) {
      return oauthError(401, "invalid_client",
          "Request denied: Unsupported authentication method (the application requires "
              + required + ")",
          basic);
    }
    if (!secrets.get(env.name).equals(clientSecret)) {
      return oauthError(401, "invalid_client", "Request denied: invalid client credentials", basic);
    }
    List<String> grantTypes = form.get("grant_type");
    if (grantTypes.isEmpty()) {
      return oauthError(400, "invalid_request", "Request denied: grant_type is required", false);
    }
    if (!grantTypes.get(0).equals("client_credentials")) {
      return oauthError(400, "unsupported_grant_type",
          "Request denied: unsupported grant type " + grantTypes.get(0), false);
    }
    PingOneTokens.Issued issued =
        tokens.issue(env.id, data.organizationId, env.workerClientId,
            authBaseUrl() + "/" + env.id + "/as");
    ObjectNode body = F.objectNode();
    body.put("access_token", issued.token());
    body.put("token_type", "Bearer");
    body.put("expires_in", issued.expiresIn());
    body.put("scope", "");
    return SandboxResponse.json(200, body)
        .withHeader("Cache-Control", "no-store")
        .withHeader("Pragma", "no-cache");
  }

  private static String formDecode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  private static SandboxResponse oauthError(
      int status, String error, String description, boolean basicChallenge) {
    ObjectNode body = F.objectNode();
    body.put("error", error);
    body.put("error_description", description);
    SandboxResponse response =
        SandboxResponse.json(status, body).withHeader("Cache-Control", "no-store");
    return basicChallenge
        ? response.withHeader("WWW-Authenticate", "Basic realm=\"PingOne\"")
        : response;
  }

  private static boolean isTokenPath(String path) {
    String[] segments = path.split("/", -1);
    return segments.length == 4
        && segments[0].isEmpty()
        && !segments[1].isEmpty()
        && segments[2].equals("as")
        && segments[3].equals("token");
  }

  // ---- routes ----

  private SandboxResponse listEnvironments(SandboxRequest request) {
    // A worker app's token reaches only its own environment, so that is all the list shows.
    String envId = bearerGrant(request).environmentId();
    List<ObjectNode> visible = new ArrayList<>();
    for (PingOneDataSet.Environment env : data.environments.values()) {
      if (env.id.equals(envId)) {
        visible.add(renderEnvironment(env));
      }
    }
    ObjectNode body = F.objectNode();
    body.putObject("_links").putObject("self").put("href", requestUrl(request));
    ArrayNode items = body.putObject("_embedded").putArray("environments");
    visible.forEach(items::add);
    body.put("count", visible.size());
    body.put("size", visible.size());
    return ok(body);
  }

  private SandboxResponse oneEnvironment(SandboxRequest request) {
    return ok(renderEnvironment(env(request)));
  }

  private boolean matches(ScimFilter filter, JsonNode resource) {
    return filtersIgnoreCase ? filter.matchesIgnoringCase(resource) : filter.matches(resource);
  }

  private SandboxResponse listUsers(SandboxRequest request) {
    PingOneDataSet.Environment env = env(request);
    Includes includes = includes(request);
    Optional<ScimFilter> filter = filter(request, FilterSchema.USERS);
    boolean needsGroups = filter.map(f -> f.mentions("memberOfGroups")).orElse(false);
    Predicate<ObjectNode> predicate =
        filter
            .<Predicate<ObjectNode>>map(
                f -> u -> matches(f, needsGroups ? withMemberships(env, u) : u))
            .orElse(u -> true);
    return page(
        request,
        "users",
        List.copyOf(env.users.all()),
        u -> env.users.sequenceOf(u.get("id").asText()),
        predicate,
        USERS_PAGE_CAP,
        u -> renderUser(env, u, includes.groupIds(), includes.groupNames()));
  }

  private SandboxResponse oneUser(SandboxRequest request) {
    PingOneDataSet.Environment env = env(request);
    Includes includes = includes(request);
    return ok(renderUser(env, user(env, request), includes.groupIds(), includes.groupNames()));
  }

  private SandboxResponse memberOfGroups(SandboxRequest request) {
    PingOneDataSet.Environment env = env(request);
    ObjectNode user = user(env, request);
    String userId = user.get("id").asText();
    List<ObjectNode> memberships = new ArrayList<>();
    for (String groupId : env.groupIdsOf(userId)) {
      ObjectNode group = env.groups.get(groupId);
      if (group == null) {
        continue;
      }
      ObjectNode m = F.objectNode();
      ObjectNode links = m.putObject("_links");
      links.putObject("self")
          .put("href", apiRoot() + userPath(env, userId) + "/memberOfGroups/" + groupId);
      links.putObject("group")
          .put("href", apiRoot() + "/environments/" + env.id + "/groups/" + groupId);
      m.put("id", groupId);
      m.putObject("environment").put("id", env.id);
      m.put("name", group.get("name").asText());
      m.put("type", "DIRECT");
      memberships.add(m);
    }
    return page(
        request,
        "groupMemberships",
        memberships,
        m -> memberships.indexOf(m) + 1L,
        m -> true,
        MAX_LIMIT,
        m -> m);
  }

  private SandboxResponse listGroups(SandboxRequest request) {
    PingOneDataSet.Environment env = env(request);
    Optional<ScimFilter> filter = filter(request, FilterSchema.GROUPS);
    return page(
        request,
        "groups",
        List.copyOf(env.groups.all()),
        g -> env.groups.sequenceOf(g.get("id").asText()),
        filter.<Predicate<ObjectNode>>map(f -> g -> matches(f, g)).orElse(g -> true),
        MAX_LIMIT,
        g -> render(env, "groups", g));
  }

  private SandboxResponse oneGroup(SandboxRequest request) {
    PingOneDataSet.Environment env = env(request);
    String id = request.pathParameter("groupId");
    ObjectNode group = env.groups.get(id);
    if (group == null) {
      throw PingOneError.notFound("Unable to find group with ID: " + id);
    }
    return ok(render(env, "groups", group));
  }

  private SandboxResponse listPopulations(SandboxRequest request) {
    PingOneDataSet.Environment env = env(request);
    Optional<ScimFilter> filter = filter(request, FilterSchema.POPULATIONS);
    return page(
        request,
        "populations",
        List.copyOf(env.populations.all()),
        p -> env.populations.sequenceOf(p.get("id").asText()),
        filter.<Predicate<ObjectNode>>map(f -> p -> matches(f, p)).orElse(p -> true),
        MAX_LIMIT,
        p -> renderPopulation(env, p));
  }

  private SandboxResponse onePopulation(SandboxRequest request) {
    PingOneDataSet.Environment env = env(request);
    String id = request.pathParameter("populationId");
    ObjectNode population = env.populations.get(id);
    if (population == null) {
      throw PingOneError.notFound("Unable to find population with ID: " + id);
    }
    return ok(renderPopulation(env, population));
  }

  // ---- user writes ----

  private SandboxResponse createUser(SandboxRequest request) {
    PingOneDataSet.Environment env = env(request);
    ObjectNode body = UserWriteSchema.body(request);
    String now = nextTimestamp();
    ObjectNode skeleton = F.objectNode();
    skeleton.put("id", UUID.randomUUID().toString());
    skeleton.putObject("environment").put("id", env.id);
    ObjectNode account = skeleton.putObject("account");
    account.put("canAuthenticate", true);
    account.put("status", "OK");
    skeleton.put("createdAt", now);
    skeleton.put("emailVerified", false);
    skeleton.put("enabled", true);
    skeleton.putObject("identityProvider").put("type", "PING_ONE");
    skeleton.putObject("lifecycle").put("status", "ACCOUNT_OK");
    skeleton.put("mfaEnabled", false);
    String defaultPopulation = env.defaultPopulationId();
    if (defaultPopulation != null) {
      skeleton.putObject("population").put("id", defaultPopulation);
    }
    skeleton.put("updatedAt", now);
    UserWriteSchema.Applied applied =
        UserWriteSchema.apply(
            UserWriteSchema.Mode.CREATE, body, skeleton, null,
            id -> env.populations.get(id) != null);
    ObjectNode user = applied.user();
    requireUniqueUsername(env, user.get("username").asText(), null);
    env.users.add(user);
    if (applied.password() != null) {
      env.passwords.put(user.get("id").asText(), applied.password());
    }
    return SandboxResponse.json(201, renderUser(env, user, false, false));
  }

  private SandboxResponse replaceUser(SandboxRequest request) {
    return changeUser(request, UserWriteSchema.Mode.REPLACE);
  }

  private SandboxResponse updateUser(SandboxRequest request) {
    return changeUser(request, UserWriteSchema.Mode.UPDATE);
  }

  private SandboxResponse changeUser(SandboxRequest request, UserWriteSchema.Mode mode) {
    PingOneDataSet.Environment env = env(request);
    ObjectNode body = UserWriteSchema.body(request);
    ObjectNode stored = user(env, request);
    String id = stored.get("id").asText();
    ObjectNode view = renderUser(env, stored, true, true);
    view.remove("_links");
    UserWriteSchema.Applied applied =
        UserWriteSchema.apply(mode, body, stored, view, p -> env.populations.get(p) != null);
    ObjectNode user = applied.user();
    requireUniqueUsername(env, user.get("username").asText(), id);
    user.put("updatedAt", nextTimestamp());
    env.users.add(user); // same id: replaces in place, list position and cursor sequence kept
    if (applied.password() != null) {
      env.passwords.put(id, applied.password());
    }
    return ok(renderUser(env, user, false, false));
  }

  private SandboxResponse deleteUser(SandboxRequest request) {
    PingOneDataSet.Environment env = env(request);
    ObjectNode stored = user(env, request);
    env.removeUser(stored.get("id").asText());
    return new SandboxResponse(204, Map.of(), new byte[0]);
  }

  private SandboxResponse userEnabled(SandboxRequest request) {
    PingOneDataSet.Environment env = env(request);
    return ok(renderEnabled(env, user(env, request)));
  }

  private SandboxResponse setUserEnabled(SandboxRequest request) {
    PingOneDataSet.Environment env = env(request);
    ObjectNode body = UserWriteSchema.body(request);
    ObjectNode stored = user(env, request);
    String id = stored.get("id").asText();
    List<PingOneError.Detail> details = new ArrayList<>();
    rejectOthers(body, Set.of("enabled", "id", "_links"), details);
    checkSameId(body, id, details);
    JsonNode enabled = body.get("enabled");
    if (enabled == null || enabled.isNull()) {
      details.add(new PingOneError.Detail(PingOneError.REQUIRED_VALUE, "enabled",
          "A value for enabled is required"));
    } else if (!enabled.isBoolean()) {
      details.add(new PingOneError.Detail(PingOneError.INVALID_VALUE, "enabled",
          "enabled must be a boolean"));
    }
    if (!details.isEmpty()) {
      throw PingOneError.invalidData(details);
    }
    ObjectNode user = stored.deepCopy();
    user.put("enabled", enabled.booleanValue());
    user.put("updatedAt", nextTimestamp());
    env.users.add(user);
    return ok(renderEnabled(env, user));
  }

  private SandboxResponse userPopulation(SandboxRequest request) {
    PingOneDataSet.Environment env = env(request);
    return ok(renderUserPopulation(env, user(env, request)));
  }

  private SandboxResponse setUserPopulation(SandboxRequest request) {
    PingOneDataSet.Environment env = env(request);
    ObjectNode body = UserWriteSchema.body(request);
    ObjectNode stored = user(env, request);
    List<PingOneError.Detail> details = new ArrayList<>();
    rejectOthers(body, Set.of("id", "_links"), details);
    JsonNode id = body.get("id");
    if (id == null || id.isNull() || (id.isTextual() && id.asText().isBlank())) {
      details.add(new PingOneError.Detail(PingOneError.REQUIRED_VALUE, "id",
          "A value for id (the population's id) is required"));
    } else if (!id.isTextual()) {
      details.add(new PingOneError.Detail(PingOneError.INVALID_VALUE, "id",
          "id must be a string"));
    } else if (env.populations.get(id.asText()) == null) {
      details.add(new PingOneError.Detail(PingOneError.INVALID_VALUE, "id",
          "No population with ID " + id.asText() + " exists in this environment"));
    }
    if (!details.isEmpty()) {
      throw PingOneError.invalidData(details);
    }
    ObjectNode user = stored.deepCopy();
    user.putObject("population").put("id", id.asText());
    user.put("updatedAt", nextTimestamp());
    env.users.add(UserWriteSchema.canonical(user));
    return ok(renderUserPopulation(env, user));
  }

  private static void rejectOthers(
      ObjectNode body, Set<String> allowed, List<PingOneError.Detail> details) {
    body.fieldNames().forEachRemaining(name -> {
      if (!allowed.contains(name)) {
        details.add(new PingOneError.Detail(PingOneError.INVALID_VALUE, name,
            "Attribute '" + name + "' is not defined for this resource"));
      }
    });
  }

  private static void checkSameId(ObjectNode body, String id, List<PingOneError.Detail> details) {
    JsonNode sent = body.get("id");
    if (sent != null && !sent.isNull() && !(sent.isTextual() && sent.asText().equals(id))) {
      details.add(new PingOneError.Detail(PingOneError.INVALID_VALUE, "id",
          "id is read-only and must be the user's id " + id));
    }
  }

  private static Optional<ObjectNode> findByUsername(
      PingOneDataSet.Environment env, String username) {
    return env.users.all().stream()
        .filter(u -> u.path("username").asText().equalsIgnoreCase(username))
        .findFirst();
  }

  /** 409 when another user (not {@code selfId}) has this username, ignoring case. */
  private static void requireUniqueUsername(
      PingOneDataSet.Environment env, String username, String selfId) {
    Optional<ObjectNode> other = findByUsername(env, username);
    if (other.isPresent() && !other.get().get("id").asText().equals(selfId)) {
      throw PingOneError.uniquenessViolation(
          "username",
          "username must be unique within the environment; another user already has '"
              + username + "'");
    }
  }

  /**
   * A {@code createdAt}/{@code updatedAt} value for a write happening now: the current time to
   * the millisecond, always later than the previous write's (callers hold the write lock).
   */
  private String nextTimestamp() {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    if (lastWrite != null && !now.isAfter(lastWrite)) {
      now = lastWrite.plusMillis(1);
    }
    lastWrite = now;
    return PingOneSeed.formatDateTime(now);
  }

  // ---- request parts ----

  /** The environment of the path; {@link #authenticate} already checked the token may use it. */
  private PingOneDataSet.Environment env(SandboxRequest request) {
    String id = request.pathParameter("envId");
    return data.environmentById(id)
        .orElseThrow(() -> PingOneError.notFound("Unable to find environment with ID: " + id));
  }

  private static ObjectNode user(PingOneDataSet.Environment env, SandboxRequest request) {
    String id = request.pathParameter("userId");
    ObjectNode user = env.users.get(id);
    if (user == null) {
      throw PingOneError.notFound("Unable to find user with ID: " + id);
    }
    return user;
  }

  private record Includes(boolean groupIds, boolean groupNames) {}

  private static Includes includes(SandboxRequest request) {
    boolean ids = false;
    boolean names = false;
    for (String value : request.queryValues("include")) {
      for (String part : value.split(",")) {
        String p = part.trim();
        if (p.equals("memberOfGroupIDs")) {
          ids = true;
        } else if (p.equals("memberOfGroupNames")) {
          names = true;
        } else {
          throw PingOneError.invalidValue(
              "include",
              "Unsupported include value '" + p
                  + "'; supported values are memberOfGroupIDs and memberOfGroupNames");
        }
      }
    }
    return new Includes(ids, names);
  }

  private static Optional<ScimFilter> filter(SandboxRequest request, FilterSchema schema) {
    Optional<String> text = request.queryValue("filter");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(ScimFilter.parse(text.get()).validate(schema));
    } catch (ScimFilter.InvalidFilterException e) {
      throw PingOneError.invalidValue("filter", e.getMessage());
    }
  }

  private static int limit(SandboxRequest request) {
    Optional<String> raw = request.queryValue("limit");
    if (raw.isEmpty()) {
      return DEFAULT_LIMIT;
    }
    int limit;
    try {
      limit = Integer.parseInt(raw.get().trim());
    } catch (NumberFormatException e) {
      throw PingOneError.invalidValue(
          "limit",
          "limit must be an integer between 1 and " + MAX_LIMIT + ", not '" + raw.get() + "'");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw PingOneError.invalidValue(
          "limit", "limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
    }
    return limit;
  }

  // ---- paging ----

  /**
   * One page of a list answer: the items (in order) that match, after the cursor, at most {@code
   * min(limit, cap)} of them; {@code count} is every match, {@code size} this page; {@code
   * _links.next} repeats the request's parameters with a new cursor, absent on the last page.
   */
  private SandboxResponse page(
      SandboxRequest request,
      String embeddedName,
      List<ObjectNode> items,
      ToLongFunction<ObjectNode> sequence,
      Predicate<ObjectNode> filter,
      int cap,
      Function<ObjectNode, ObjectNode> render) {
    int limit = limit(request);
    String scope = request.queryValue("filter").orElse("");
    long after = cursor(request, scope);
    List<ObjectNode> matching = items.stream().filter(filter).toList();
    int start = 0;
    while (start < matching.size() && sequence.applyAsLong(matching.get(start)) <= after) {
      start++;
    }
    int end = Math.min(matching.size(), start + Math.min(limit, cap));
    ObjectNode body = F.objectNode();
    ObjectNode links = body.putObject("_links");
    links.putObject("self").put("href", requestUrl(request));
    if (end < matching.size()) {
      String next = encodeCursor(sequence.applyAsLong(matching.get(end - 1)), scope);
      links.putObject("next").put("href", urlWithCursor(request, next));
    }
    ArrayNode embedded = body.putObject("_embedded").putArray(embeddedName);
    for (ObjectNode item : matching.subList(start, end)) {
      embedded.add(render.apply(item));
    }
    body.put("count", matching.size());
    body.put("size", end - start);
    return ok(body);
  }

  private static long cursor(SandboxRequest request, String scope) {
    Optional<String> raw = request.queryValue("cursor");
    if (raw.isEmpty()) {
      return 0;
    }
    try {
      String decoded =
          new String(Base64.getUrlDecoder().decode(raw.get()), StandardCharsets.UTF_8);
      String[] parts = decoded.split("\\|", -1);
      if (parts.length == 3 && parts[0].equals("p1")) {
        long after = Long.parseLong(parts[1]);
        if (!parts[2].equals(scopeHash(scope))) {
          throw PingOneError.invalidValue(
              "cursor", "The cursor belongs to a different filter; follow _links.next as given");
        }
        return after;
      }
    } catch (IllegalArgumentException e) {
      // not base64 or not a number: fall through
    }
    throw PingOneError.invalidValue("cursor", "Invalid cursor: " + raw.get());
  }

  private static String encodeCursor(long after, String scope) {
    String raw = "p1|" + after + "|" + scopeHash(scope);
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static String scopeHash(String scope) {
    return Integer.toHexString(scope.hashCode());
  }

  // ---- rendering ----

  private String apiRoot() {
    return baseUrl();
  }

  private static String userPath(PingOneDataSet.Environment env, String userId) {
    return "/environments/" + env.id + "/users/" + userId;
  }

  private ObjectNode renderEnvironment(PingOneDataSet.Environment env) {
    ObjectNode node = F.objectNode();
    ObjectNode links = node.putObject("_links");
    links.putObject("self").put("href", apiRoot() + "/environments/" + env.id);
    links.putObject("organization")
        .put("href", apiRoot() + "/organizations/" + data.organizationId);
    node.setAll(env.json.deepCopy());
    return node;
  }

  /** A deep copy with {@code _links.self} first, as PingOne puts it. */
  private ObjectNode render(PingOneDataSet.Environment env, String collection, ObjectNode stored) {
    ObjectNode node = F.objectNode();
    node.putObject("_links")
        .putObject("self")
        .put("href",
            apiRoot() + "/environments/" + env.id + "/" + collection + "/"
                + stored.get("id").asText());
    node.setAll(stored.deepCopy());
    return node;
  }

  private ObjectNode renderPopulation(PingOneDataSet.Environment env, ObjectNode stored) {
    ObjectNode node = render(env, "populations", stored);
    node.put("userCount", (int) env.usersInPopulation(stored.get("id").asText()));
    return node;
  }

  private ObjectNode renderUser(
      PingOneDataSet.Environment env, ObjectNode stored, boolean groupIds, boolean groupNames) {
    ObjectNode node = render(env, "users", stored);
    String id = stored.get("id").asText();
    if (groupIds) {
      ArrayNode ids = node.putArray("memberOfGroupIDs");
      env.groupIdsOf(id).forEach(ids::add);
    }
    if (groupNames) {
      ArrayNode names = node.putArray("memberOfGroupNames");
      for (String groupId : env.groupIdsOf(id)) {
        ObjectNode group = env.groups.get(groupId);
        if (group != null) {
          names.add(group.get("name").asText());
        }
      }
    }
    return node;
  }

  private ObjectNode renderEnabled(PingOneDataSet.Environment env, ObjectNode user) {
    String userUrl = apiRoot() + userPath(env, user.get("id").asText());
    ObjectNode node = F.objectNode();
    ObjectNode links = node.putObject("_links");
    links.putObject("self").put("href", userUrl + "/enabled");
    links.putObject("user").put("href", userUrl);
    node.put("enabled", user.path("enabled").asBoolean(true));
    return node;
  }

  private ObjectNode renderUserPopulation(PingOneDataSet.Environment env, ObjectNode user) {
    String populationId = user.path("population").path("id").asText(null);
    ObjectNode node = F.objectNode();
    ObjectNode links = node.putObject("_links");
    links.putObject("self")
        .put("href", apiRoot() + "/environments/" + env.id + "/populations/" + populationId);
    links.putObject("environment").put("href", apiRoot() + "/environments/" + env.id);
    node.put("id", populationId);
    return node;
  }

  /** A shallow view of a user with {@code memberOfGroups:[{id},…]}, for filter evaluation. */
  private static ObjectNode withMemberships(PingOneDataSet.Environment env, ObjectNode user) {
    ObjectNode view = F.objectNode();
    view.setAll(user);
    ArrayNode groups = view.putArray("memberOfGroups");
    for (String groupId : env.groupIdsOf(user.get("id").asText())) {
      groups.addObject().put("id", groupId);
    }
    return view;
  }

  /** The absolute URL of the request, parameters re-encoded in the order sent. */
  private String requestUrl(SandboxRequest request) {
    return authBaseUrl() + request.path() + queryString(request.query().entries(), null);
  }

  private String urlWithCursor(SandboxRequest request, String cursor) {
    return authBaseUrl() + request.path() + queryString(request.query().entries(), cursor);
  }

  /** {@code ?a=1&b=2} in the order sent; with a cursor, any old one replaced by it at the end. */
  private static String queryString(
      java.util.Collection<Map.Entry<String, String>> entries, String cursor) {
    List<String> pairs = new ArrayList<>();
    for (Map.Entry<String, String> e : entries) {
      if (cursor == null || !e.getKey().equals("cursor")) {
        pairs.add(encode(e.getKey()) + "=" + encode(e.getValue()));
      }
    }
    if (cursor != null) {
      pairs.add("cursor=" + encode(cursor));
    }
    return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
  }

  /** Percent-encodes everything but RFC 3986 unreserved characters (a space is %20). */
  static String encode(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return out.toString();
  }

  // ---- SandboxServer hooks ----

  /** Token requests are not writes: the write faults count only API writes. */
  @Override
  protected boolean isWrite(SandboxRequest request) {
    return !isTokenPath(request.path()) && super.isWrite(request);
  }

  @Override
  protected Optional<SandboxResponse> authenticate(SandboxRequest request) {
    if (isTokenPath(request.path())) {
      return Optional.empty(); // the token endpoint authenticates the client itself
    }
    String token = bearerToken(request);
    PingOneTokens.Check check = tokens.check(token);
    if (check == PingOneTokens.Check.UNKNOWN) {
      return Optional.of(
          PingOneError.response(401, PingOneError.UNAUTHORIZED, PingOneError.MSG_NO_ACCESS)
              .withHeader("WWW-Authenticate",
                  token == null ? "Bearer" : "Bearer error=\"invalid_token\""));
    }
    if (check == PingOneTokens.Check.EXPIRED) {
      return Optional.of(
          PingOneError.response(401, PingOneError.UNAUTHORIZED, PingOneError.MSG_TOKEN_EXPIRED)
              .withHeader("WWW-Authenticate",
                  "Bearer error=\"invalid_token\","
                      + " error_description=\"The access token expired\""));
    }
    String tokenEnv = tokens.grant(token).environmentId();
    String[] segments = request.path().split("/", -1);
    // /v1/environments/{envId}/…: segments "", "v1", "environments", envId, …
    if (segments.length >= 4
        && segments[1].equals("v1")
        && segments[2].equals("environments")
        && !segments[3].isEmpty()
        && !segments[3].equals(tokenEnv)) {
      return Optional.of(
          PingOneError.response(403, PingOneError.ACCESS_FAILED, PingOneError.MSG_NO_ACCESS));
    }
    return Optional.empty();
  }

  private static String bearerToken(SandboxRequest request) {
    String authorization = request.header("authorization");
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = authorization.substring(7).trim();
    return token.isEmpty() ? null : token;
  }

  private PingOneTokens.Grant bearerGrant(SandboxRequest request) {
    return tokens.grant(bearerToken(request));
  }

  @Override
  protected SandboxResponse rateLimitedResponse(SandboxRequest request, int retryAfterSeconds) {
    SandboxResponse response =
        PingOneError.response(
            429, PingOneError.REQUEST_LIMITED, PingOneError.MSG_REQUEST_LIMITED);
    return retryAfterSeconds < 0
        ? response
        : response.withHeader("Retry-After", String.valueOf(retryAfterSeconds));
  }

  @Override
  protected SandboxResponse failureResponse(SandboxRequest request, int httpStatus) {
    return PingOneError.forStatus(httpStatus);
  }

  @Override
  protected SandboxResponse routeNotFound(SandboxRequest request) {
    return PingOneError.response(404, PingOneError.NOT_FOUND, PingOneError.MSG_NOT_FOUND);
  }

  @Override
  protected SandboxResponse methodNotAllowed(SandboxRequest request, List<String> allowed) {
    return PingOneError.response(
            405,
            PingOneError.METHOD_NOT_ALLOWED,
            "The request could not be completed. The requested method is not allowed.")
        .withHeader("Allow", String.join(", ", new LinkedHashSet<>(allowed)));
  }

  // ---- helpers ----

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
   * Starts a sandbox and waits until the process is stopped. Argument: the port (default 8092, 0
   * for any free port). Prints the URLs, environment ids and worker-app credentials.
   */
  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8092;
    PingOneSandbox sandbox = new PingOneSandbox().start(port);
    Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "pingone-sandbox-stop"));
    System.out.println("PingOne sandbox API:  " + sandbox.baseUrl());
    System.out.println("PingOne sandbox auth: " + sandbox.authBaseUrl());
    for (String name : List.of(PingOneSeed.ADMINISTRATORS, PingOneSeed.PRODUCTION)) {
      System.out.println(
          name + ": environment " + sandbox.environmentId(name) + ", client id "
              + sandbox.clientId(name) + ", client secret " + sandbox.clientSecret(name));
    }
    String env = sandbox.environmentId(PingOneSeed.ADMINISTRATORS);
    System.out.println(
        "Try: TOKEN=$(curl -s -u '" + sandbox.clientId(PingOneSeed.ADMINISTRATORS) + ":"
            + sandbox.clientSecret(PingOneSeed.ADMINISTRATORS)
            + "' -d grant_type=client_credentials '" + sandbox.authBaseUrl() + "/" + env
            + "/as/token' | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')");
    System.out.println(
        "     curl -H \"Authorization: Bearer $TOKEN\" '" + sandbox.baseUrl() + "/environments/"
            + env + "/users?limit=2'");
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
