package io.saasql.sandbox.pingone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * User writes: create, replace, update, delete, and the enabled and population sub-resources,
 * with their validation errors, over real HTTP; the store is checked after each write.
 */
class PingOneUserWritesTest {
  private static final String ADMINS = "Administrators";
  private static final String PROD = "Production";
  private static final AtomicInteger NEXT = new AtomicInteger();

  private static PingOneSandbox sandbox;
  private static PingOneClient client;
  private static String token;
  private static String prodToken;
  private static String users;
  private static String defaultPopulation;
  private static String contractors;

  @BeforeAll
  static void start() {
    sandbox = new PingOneSandbox().start();
    client = new PingOneClient(sandbox);
    token = client.token(ADMINS);
    prodToken = client.token(PROD);
    users = "/environments/" + sandbox.environmentId(ADMINS) + "/users";
    for (ObjectNode p : sandbox.populations(ADMINS)) {
      if (p.get("default").asBoolean()) {
        defaultPopulation = p.get("id").asText();
      }
      if (p.get("name").asText().equals("Contractors")) {
        contractors = p.get("id").asText();
      }
    }
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static ObjectNode json(String text) {
    try {
      return (ObjectNode) PingOneClient.MAPPER.readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A username no other test uses. */
  private static String newUsername() {
    return "writer" + NEXT.incrementAndGet();
  }

  private static ObjectNode minimal(String username) {
    ObjectNode body = PingOneClient.MAPPER.createObjectNode();
    body.put("username", username);
    body.put("email", username + "@example.org");
    return body;
  }

  /** Creates a user with a name, title and address; returns it as the POST answered. */
  private static JsonNode create(String username) {
    ObjectNode body = minimal(username);
    ObjectNode name = body.putObject("name");
    name.put("given", "Wanda");
    name.put("family", "Writer");
    body.put("title", "Technical Writer");
    body.put("nickname", "Wan");
    ObjectNode address = body.putObject("address");
    address.put("locality", "Denver");
    address.put("countryCode", "US");
    PingOneClient.Answer a = client.json(token, "POST", users, body);
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    return a.json();
  }

  private static void assertError(
      PingOneClient.Answer a, int status, String code, String... detailCodeAndTargets) {
    assertThat(a.status()).as(a.body()).isEqualTo(status);
    JsonNode error = a.json();
    if (detailCodeAndTargets.length == 0) {
      assertThat(error.fieldNames()).toIterable().containsExactly("id", "code", "message");
    } else {
      assertThat(error.fieldNames()).toIterable()
          .containsExactly("id", "code", "message", "details");
    }
    assertThat(UUID.fromString(error.get("id").asText())).isNotNull();
    assertThat(error.get("code").asText()).isEqualTo(code);
    List<String> details = new ArrayList<>();
    for (JsonNode d : error.path("details")) {
      assertThat(d.fieldNames()).toIterable().containsExactly("code", "target", "message");
      assertThat(d.get("message").asText()).isNotBlank();
      details.add(d.get("code").asText() + " " + d.get("target").asText());
    }
    assertThat(details).containsExactly(detailCodeAndTargets);
  }

  private static Instant instant(JsonNode user, String attribute) {
    return Instant.parse(user.get(attribute).asText());
  }

  // ---- create ----

  @Test
  void createAnswers201WithTheUserAsGetShowsIt() {
    int before = sandbox.userCount(ADMINS);
    String username = newUsername();
    ObjectNode body = minimal(username);
    ObjectNode name = body.putObject("name");
    name.put("given", "Zoë");
    name.put("family", "O'Writer");
    name.put("middle", "Q.");
    name.put("formatted", "Zoë Q. O'Writer");
    body.put("nickname", "Zed \"the\" Writer");
    body.put("title", "Writer\\Editor");
    body.put("type", "Contractor");
    body.put("locale", "de-DE");
    body.put("preferredLanguage", "de");
    body.put("timezone", "Europe/Berlin");
    body.put("externalId", "E999001");
    body.put("accountId", "A123456");
    body.put("primaryPhone", "+4930555000");
    body.put("mobilePhone", "+4930555001");
    ObjectNode address = body.putObject("address");
    address.put("streetAddress", "1 Unter den Linden");
    address.put("locality", "Berlin");
    address.put("region", "Berlin");
    address.put("postalCode", "10117");
    address.put("countryCode", "DE");
    body.putObject("photo").put("href", "https://images.example.com/avatars/zed.png");
    body.put("startDate", "2026-01-01");
    body.put("endDate", "2026-06-30");
    body.put("password", "S3cret!pass");
    Instant sent = Instant.now().minusSeconds(1);

    PingOneClient.Answer a = client.json(token, "POST", users, body);

    assertThat(a.status()).as(a.body()).isEqualTo(201);
    assertThat(a.headers().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
    JsonNode user = a.json();
    String id = user.get("id").asText();
    assertThat(UUID.fromString(id).toString()).isEqualTo(id);
    assertThat(user.fieldNames()).toIterable()
        .containsExactly("_links", "id", "environment", "account", "accountId", "address",
            "createdAt", "email", "emailVerified", "enabled", "externalId", "identityProvider",
            "lifecycle", "locale", "mfaEnabled", "mobilePhone", "name", "nickname", "photo",
            "population", "preferredLanguage", "primaryPhone", "startDate", "endDate", "timezone",
            "title", "type", "updatedAt", "username");
    assertThat(user.at("/_links/self/href").asText()).isEqualTo(sandbox.baseUrl() + users + "/" + id);
    assertThat(user.at("/environment/id").asText()).isEqualTo(sandbox.environmentId(ADMINS));
    assertThat(user.at("/population/id").asText()).isEqualTo(defaultPopulation);
    assertThat(user.get("enabled").asBoolean()).isTrue();
    assertThat(user.at("/lifecycle/status").asText()).isEqualTo("ACCOUNT_OK");
    assertThat(user.at("/account/status").asText()).isEqualTo("OK");
    assertThat(user.at("/account/canAuthenticate").asBoolean()).isTrue();
    assertThat(user.at("/identityProvider/type").asText()).isEqualTo("PING_ONE");
    assertThat(user.get("emailVerified").asBoolean()).isFalse();
    assertThat(user.get("mfaEnabled").asBoolean()).isFalse();
    assertThat(user.get("username").asText()).isEqualTo(username);
    assertThat(user.get("email").asText()).isEqualTo(username + "@example.org");
    assertThat(user.get("name")).isEqualTo(json(
        "{\"formatted\":\"Zoë Q. O'Writer\",\"given\":\"Zoë\",\"middle\":\"Q.\",\"family\":\"O'Writer\"}"));
    assertThat(user.get("address")).isEqualTo(address);
    assertThat(user.get("nickname").asText()).isEqualTo("Zed \"the\" Writer");
    assertThat(user.get("title").asText()).isEqualTo("Writer\\Editor");
    assertThat(user.has("password")).isFalse();
    assertThat(a.body()).doesNotContain("S3cret!pass");
    // timestamps: now, after every seeded one
    assertThat(user.get("createdAt").asText()).isEqualTo(user.get("updatedAt").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    assertThat(instant(user, "createdAt"))
        .isAfter(sent).isBefore(Instant.now().plusSeconds(1))
        .isAfter(Instant.parse("2025-12-31T23:00:00Z"));

    // the store, a GET and the list all see it
    assertThat(sandbox.userCount(ADMINS)).isEqualTo(before + 1);
    assertThat(client.get(token, users + "/" + id).json()).isEqualTo(user);
    assertThat(sandbox.user(ADMINS, id)).isEqualTo(user);
    assertThat(sandbox.userByUsername(ADMINS, username)).contains((ObjectNode) user);
    assertThat(sandbox.userByUsername(ADMINS, username.toUpperCase())).contains((ObjectNode) user);
    assertThat(sandbox.password(ADMINS, id)).contains("S3cret!pass");
    List<ObjectNode> all = sandbox.users(ADMINS);
    assertThat(all.get(all.size() - 1)).isEqualTo(user); // listed in creation order: last
    JsonNode filtered =
        client.get(token, users, "filter", "username eq \"" + username + "\"").json();
    assertThat(filtered.get("count").asInt()).isEqualTo(1);
    assertThat(filtered.at("/_embedded/users/0")).isEqualTo(user);
    JsonNode count = client.get(token, users, "limit", "1").json();
    assertThat(count.get("count").asInt()).isEqualTo(before + 1);
  }

  @Test
  void createInAGivenPopulationWithImportMediaTypeAndPasswordObject() {
    long contractorsBefore = populationUserCount(contractors);
    ObjectNode body = minimal(newUsername());
    body.putObject("population").put("id", contractors);
    body.putObject("password").put("value", "An0ther!").put("forceChange", true);
    body.put("mfaEnabled", true);
    PingOneClient.Answer a =
        client.send(token, "POST", users,
            "application/vnd.pingidentity.user.import+json", body.toString());
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    JsonNode user = a.json();
    assertThat(user.at("/population/id").asText()).isEqualTo(contractors);
    assertThat(user.get("mfaEnabled").asBoolean()).isTrue();
    assertThat(user.has("name")).isFalse();
    assertThat(sandbox.password(ADMINS, user.get("id").asText())).contains("An0ther!");
    assertThat(populationUserCount(contractors)).isEqualTo(contractorsBefore + 1);
    // minimal users get ids that differ
    JsonNode other = client.json(token, "POST", users, minimal(newUsername())).json();
    assertThat(other.get("id").asText()).isNotEqualTo(user.get("id").asText());
    assertThat(other.at("/population/id").asText()).isEqualTo(defaultPopulation);
    assertThat(instant(other, "createdAt")).isAfter(instant(user, "createdAt"));
  }

  private static long populationUserCount(String populationId) {
    return client.get(token, "/environments/" + sandbox.environmentId(ADMINS) + "/populations/"
        + populationId).json().get("userCount").asLong();
  }

  @Test
  void createWithoutRequiredAttributesIs400RequiredValue() {
    int before = sandbox.userCount(ADMINS);
    assertError(client.json(token, "POST", users, "{}"), 400, "INVALID_DATA",
        "REQUIRED_VALUE username", "REQUIRED_VALUE email");
    PingOneClient.Answer a =
        client.json(token, "POST", users, "{\"username\":\"\",\"email\":null,\"title\":\"T\"}");
    assertError(a, 400, "INVALID_DATA", "REQUIRED_VALUE username", "REQUIRED_VALUE email");
    assertThat(a.json().get("message").asText())
        .isEqualTo("The request could not be completed. One or more validation errors were in the request.");
    assertThat(a.json().at("/details/0/message").asText()).isEqualTo("A value for username is required");
    assertThat(sandbox.userCount(ADMINS)).isEqualTo(before);
  }

  @Test
  void createRejectsEachInvalidAttributeWithItsTarget() {
    int before = sandbox.userCount(ADMINS);
    String u = newUsername();
    Map<String, String> cases = new java.util.LinkedHashMap<>();
    // fragment (added to a valid body) → expected detail
    cases.put("\"username\":123", "INVALID_VALUE username");
    cases.put("\"username\":\"has space\"", "INVALID_VALUE username");
    cases.put("\"username\":\"" + "x".repeat(129) + "\"", "INVALID_VALUE username");
    cases.put("\"email\":\"not-an-email\"", "INVALID_VALUE email");
    cases.put("\"email\":true", "INVALID_VALUE email");
    cases.put("\"name\":\"Wanda Writer\"", "INVALID_VALUE name");
    cases.put("\"name\":{\"given\":7}", "INVALID_VALUE name.given");
    cases.put("\"name\":{\"first\":\"W\"}", "INVALID_VALUE name.first");
    cases.put("\"title\":[\"a\"]", "INVALID_VALUE title");
    cases.put("\"timezone\":\"Mars/Olympus_Mons\"", "INVALID_VALUE timezone");
    cases.put("\"address\":{\"countryCode\":\"USA\"}", "INVALID_VALUE address.countryCode");
    cases.put("\"address\":{\"zip\":\"80202\"}", "INVALID_VALUE address.zip");
    cases.put("\"startDate\":\"2024-13-01\"", "INVALID_VALUE startDate");
    cases.put("\"endDate\":\"31/12/2024\"", "INVALID_VALUE endDate");
    cases.put("\"photo\":{\"href\":\"not a url\"}", "INVALID_VALUE photo.href");
    cases.put("\"employeeType\":\"Contractor\"", "INVALID_VALUE employeeType");
    cases.put("\"enabled\":true", "INVALID_VALUE enabled");
    cases.put("\"enabled\":false", "INVALID_VALUE enabled");
    cases.put("\"id\":\"" + UUID.randomUUID() + "\"", "INVALID_VALUE id");
    cases.put("\"createdAt\":\"2024-01-01T00:00:00.000Z\"", "INVALID_VALUE createdAt");
    cases.put("\"lifecycle\":{\"status\":\"VERIFICATION_REQUIRED\"}", "INVALID_VALUE lifecycle");
    cases.put("\"account\":{\"status\":\"LOCKED\"}", "INVALID_VALUE account");
    cases.put("\"emailVerified\":true", "INVALID_VALUE emailVerified");
    cases.put("\"mfaEnabled\":\"yes\"", "INVALID_VALUE mfaEnabled");
    cases.put("\"population\":{\"id\":\"" + UUID.randomUUID() + "\"}", "INVALID_VALUE population.id");
    cases.put("\"population\":{}", "REQUIRED_VALUE population.id");
    cases.put("\"population\":\"" + contractors + "\"", "INVALID_VALUE population");
    cases.put("\"password\":42", "INVALID_VALUE password");
    cases.put("\"password\":{\"value\":\"x\",\"expires\":1}", "INVALID_VALUE password.expires");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      String body = "{\"username\":\"" + u + "\",\"email\":\"" + u + "@example.org\"," + c.getKey() + "}";
      // duplicate keys are malformed JSON, so a fragment for username or email replaces it
      if (c.getKey().startsWith("\"username\"") || c.getKey().startsWith("\"email\"")) {
        body = "{" + c.getKey() + ","
            + (c.getKey().startsWith("\"username\"")
                ? "\"email\":\"" + u + "@example.org\""
                : "\"username\":\"" + u + "\"")
            + "}";
      }
      PingOneClient.Answer a = client.json(token, "POST", users, body);
      assertError(a, 400, "INVALID_DATA", c.getValue());
    }
    // a population of another environment does not exist here
    String prodPopulation = sandbox.populations(PROD).get(0).get("id").asText();
    assertError(
        client.json(token, "POST", users,
            (JsonNode) minimal(u).set("population", json("{\"id\":\"" + prodPopulation + "\"}"))),
        400, "INVALID_DATA", "INVALID_VALUE population.id");
    // several problems are reported together, in body order
    assertError(
        client.json(token, "POST", users,
            "{\"email\":\"nope\",\"timezone\":\"Nowhere\",\"enabled\":false,\"foo\":1}"),
        400, "INVALID_DATA",
        "INVALID_VALUE email", "INVALID_VALUE timezone", "INVALID_VALUE enabled",
        "INVALID_VALUE foo", "REQUIRED_VALUE username");
    assertThat(sandbox.userCount(ADMINS)).isEqualTo(before);
    assertThat(sandbox.userByUsername(ADMINS, u)).isEmpty();
  }

  @Test
  void nullOptionalAttributesOnCreateAreAbsent() {
    ObjectNode body = minimal(newUsername());
    body.putNull("title");
    body.putNull("population");
    body.putNull("enabled");
    body.putObject("name").put("given", "G").putNull("family");
    JsonNode user = client.json(token, "POST", users, body).json();
    assertThat(user.has("title")).isFalse();
    assertThat(user.get("name")).isEqualTo(json("{\"given\":\"G\"}"));
    assertThat(user.at("/population/id").asText()).isEqualTo(defaultPopulation);
    assertThat(user.get("enabled").asBoolean()).isTrue();
  }

  @Test
  void duplicateUsernameIs409UniquenessViolation() {
    int before = sandbox.userCount(ADMINS);
    for (String taken : List.of("cobrien", "COBrien")) {
      PingOneClient.Answer a = client.json(token, "POST", users, minimal(taken));
      assertError(a, 409, "UNIQUENESS_VIOLATION", "UNIQUENESS_VIOLATION username");
      assertThat(a.json().at("/details/0/message").asText()).contains(taken);
    }
    // the same username in another environment is fine
    String username = newUsername();
    assertThat(client.json(token, "POST", users, minimal(username)).status()).isEqualTo(201);
    assertThat(
        client.json(prodToken, "POST", "/environments/" + sandbox.environmentId(PROD) + "/users",
            minimal(username)).status()).isEqualTo(201);
    assertThat(client.json(token, "POST", users, minimal(username)).status()).isEqualTo(409);
    assertThat(sandbox.userCount(ADMINS)).isEqualTo(before + 1);
    // validation problems are reported before uniqueness
    assertError(
        client.json(token, "POST", users, "{\"username\":\"cobrien\",\"email\":\"x\"}"),
        400, "INVALID_DATA", "INVALID_VALUE email");
  }

  @Test
  void bodiesThatAreNotAJsonObjectAreRejected() {
    int before = sandbox.userCount(ADMINS);
    for (String body : List.of("{\"username\":", "[]", "\"user\"", "{} {}", "",
        "{\"username\":\"a\",\"username\":\"b\",\"email\":\"a@b.cd\"}")) {
      PingOneClient.Answer a = client.json(token, "POST", users, body);
      assertError(a, 400, "INVALID_REQUEST", "INVALID_VALUE body");
      assertThat(a.json().get("message").asText())
          .isEqualTo("The request could not be completed. The request was malformed or invalid.");
    }
    String valid = minimal(newUsername()).toString();
    assertError(
        client.send(token, "POST", users, "text/plain", valid),
        415, "INVALID_REQUEST", "INVALID_VALUE Content-Type");
    assertError(
        client.send(token, "POST", users,
            "application/x-www-form-urlencoded", "username=a&email=a%40b.cd"),
        415, "INVALID_REQUEST", "INVALID_VALUE Content-Type");
    assertThat(
        client.send(token, "POST", users,
            "application/json; charset=utf-8", valid).status()).isEqualTo(201);
    assertThat(sandbox.userCount(ADMINS)).isEqualTo(before + 1);
  }

  @Test
  void writesNeedATokenForTheirEnvironment() {
    int before = sandbox.userCount(ADMINS);
    String body = minimal(newUsername()).toString();
    assertThat(client.json(null, "POST", users, body).status()).isEqualTo(401);
    assertThat(client.json("not-a-token", "POST", users, body).status()).isEqualTo(401);
    PingOneClient.Answer other = client.json(prodToken, "POST", users, body);
    assertThat(other.status()).isEqualTo(403);
    assertThat(other.json().get("code").asText()).isEqualTo("ACCESS_FAILED");
    String someone = users + "/" + sandbox.users(ADMINS).get(3).get("id").asText();
    assertThat(client.json(prodToken, "DELETE", someone, (String) null).status()).isEqualTo(403);
    assertThat(client.json(prodToken, "PATCH", someone, "{\"title\":\"x\"}").status()).isEqualTo(403);
    assertThat(sandbox.userCount(ADMINS)).isEqualTo(before);
  }

  // ---- update (PATCH) ----

  @Test
  void patchChangesPresentAttributesClearsNullsAndKeepsTheRest() {
    JsonNode created = create(newUsername());
    String id = created.get("id").asText();
    String path = users + "/" + id;
    ObjectNode patch =
        json("{\"title\":\"Senior Writer\",\"nickname\":null,\"name\":{\"family\":\"Wright\","
            + "\"middle\":\"M.\"},\"address\":{\"locality\":null},\"type\":\"Employee\"}");

    PingOneClient.Answer a = client.json(token, "PATCH", path, patch);

    assertThat(a.status()).as(a.body()).isEqualTo(200);
    JsonNode user = a.json();
    assertThat(user.get("title").asText()).isEqualTo("Senior Writer");
    assertThat(user.get("type").asText()).isEqualTo("Employee");
    assertThat(user.has("nickname")).isFalse();
    // nested objects merge: given kept, family changed, middle added (in the API's order)
    assertThat(user.get("name")).isEqualTo(json("{\"given\":\"Wanda\",\"middle\":\"M.\",\"family\":\"Wright\"}"));
    assertThat(user.get("address")).isEqualTo(json("{\"countryCode\":\"US\"}"));
    // the rest is kept
    for (String kept : List.of("id", "environment", "account", "createdAt", "email", "enabled",
        "lifecycle", "population", "username", "_links")) {
      assertThat(user.get(kept)).as(kept).isEqualTo(created.get(kept));
    }
    assertThat(instant(user, "updatedAt")).isAfter(instant(created, "updatedAt"));
    assertThat(client.get(token, path).json()).isEqualTo(user);
    assertThat(sandbox.user(ADMINS, id)).isEqualTo(user);

    // clearing every sub-attribute removes the object
    JsonNode cleared = client.json(token, "PATCH", path, "{\"address\":{\"countryCode\":null}}").json();
    assertThat(cleared.has("address")).isFalse();
    assertThat(instant(cleared, "updatedAt")).isAfter(instant(user, "updatedAt"));
    assertThat(client.json(token, "PATCH", path, "{\"name\":null}").json().has("name")).isFalse();
  }

  @Test
  void patchKeepsASeededUsersPlaceInTheList() {
    List<ObjectNode> before = sandbox.users(PROD);
    ObjectNode seeded = before.get(500);
    String path = "/environments/" + sandbox.environmentId(PROD) + "/users/" + seeded.get("id").asText();
    JsonNode user = client.json(prodToken, "PATCH", path, "{\"title\":\"Renamed Title\"}").json();
    assertThat(user.get("title").asText()).isEqualTo("Renamed Title");
    assertThat(instant(user, "updatedAt")).isAfter(instant(seeded, "updatedAt"));
    List<ObjectNode> after = sandbox.users(PROD);
    assertThat(after).hasSameSizeAs(before);
    assertThat(after.get(500)).isEqualTo(user);
    ObjectNode expected = seeded.deepCopy();
    expected.put("title", "Renamed Title");
    expected.set("updatedAt", user.get("updatedAt"));
    assertThat(user).isEqualTo(expected);
    assertThat(
        client.get(prodToken, "/environments/" + sandbox.environmentId(PROD) + "/users",
            "filter", "title eq \"Renamed Title\"").json().get("count").asInt()).isEqualTo(1);
  }

  @Test
  void patchValidation() {
    JsonNode created = create(newUsername());
    String path = users + "/" + created.get("id").asText();
    assertError(client.json(token, "PATCH", path, "{\"username\":null}"), 400, "INVALID_DATA",
        "REQUIRED_VALUE username");
    assertError(client.json(token, "PATCH", path, "{\"email\":\"\"}"), 400, "INVALID_DATA",
        "REQUIRED_VALUE email");
    assertError(client.json(token, "PATCH", path, "{\"enabled\":false}"), 400, "INVALID_DATA",
        "INVALID_VALUE enabled");
    assertError(client.json(token, "PATCH", path, "{\"population\":{\"id\":\"" + contractors + "\"}}"),
        400, "INVALID_DATA", "INVALID_VALUE population");
    assertError(client.json(token, "PATCH", path, "{\"id\":\"" + UUID.randomUUID() + "\"}"),
        400, "INVALID_DATA", "INVALID_VALUE id");
    assertError(client.json(token, "PATCH", path, "{\"mfaEnabled\":true}"), 400, "INVALID_DATA",
        "INVALID_VALUE mfaEnabled");
    assertError(client.json(token, "PATCH", path, "{\"updatedAt\":\"2020-01-01T00:00:00.000Z\"}"),
        400, "INVALID_DATA", "INVALID_VALUE updatedAt");
    assertError(client.json(token, "PATCH", path, "{\"startDate\":\"tomorrow\",\"bogus\":true}"),
        400, "INVALID_DATA", "INVALID_VALUE startDate", "INVALID_VALUE bogus");
    assertError(client.json(token, "PATCH", path, "{\"username\":\"COBRIEN\"}"),
        409, "UNIQUENESS_VIOLATION", "UNIQUENESS_VIOLATION username");
    // nothing changed
    assertThat(sandbox.user(ADMINS, created.get("id").asText())).isEqualTo(created);
    // a user may change the case of its own username
    String upper = created.get("username").asText().toUpperCase();
    JsonNode renamed = client.json(token, "PATCH", path, "{\"username\":\"" + upper + "\"}").json();
    assertThat(renamed.get("username").asText()).isEqualTo(upper);
  }

  @Test
  void aGetBodySentBackChangesNothingButUpdatedAt() {
    JsonNode created = create(newUsername());
    String path = users + "/" + created.get("id").asText();
    for (String method : List.of("PATCH", "PUT")) {
      // the current body, memberOfGroupIDs and updatedAt included
      JsonNode roundTrip = client.get(token, path, "include", "memberOfGroupIDs").json();
      assertThat(roundTrip.has("memberOfGroupIDs")).isTrue();
      PingOneClient.Answer a = client.json(token, method, path, roundTrip);
      assertThat(a.status()).as(method + " " + a.body()).isEqualTo(200);
      ObjectNode expected = created.deepCopy();
      expected.set("updatedAt", a.json().get("updatedAt"));
      assertThat(a.json()).as(method).isEqualTo(expected);
    }
  }

  // ---- replace (PUT) ----

  @Test
  void putReplacesAndClearsOmittedAttributes() {
    JsonNode created = create(newUsername());
    String id = created.get("id").asText();
    String path = users + "/" + id;
    String username = newUsername();
    ObjectNode body = minimal(username);
    body.putObject("name").put("given", "Rita");
    body.put("locale", "en-GB");

    PingOneClient.Answer a = client.json(token, "PUT", path, body);

    assertThat(a.status()).as(a.body()).isEqualTo(200);
    JsonNode user = a.json();
    assertThat(user.get("username").asText()).isEqualTo(username);
    assertThat(user.get("email").asText()).isEqualTo(username + "@example.org");
    assertThat(user.get("name")).isEqualTo(json("{\"given\":\"Rita\"}"));
    assertThat(user.get("locale").asText()).isEqualTo("en-GB");
    for (String cleared : List.of("title", "nickname", "address")) {
      assertThat(user.has(cleared)).as(cleared).isFalse();
    }
    // what a user body cannot change survives a replace
    for (String kept : List.of("id", "environment", "account", "createdAt", "emailVerified",
        "enabled", "identityProvider", "lifecycle", "mfaEnabled", "population")) {
      assertThat(user.get(kept)).as(kept).isEqualTo(created.get(kept));
    }
    assertThat(instant(user, "updatedAt")).isAfter(instant(created, "updatedAt"));
    assertThat(client.get(token, path).json()).isEqualTo(user);
    assertThat(sandbox.userByUsername(ADMINS, created.get("username").asText())).isEmpty();
    assertThat(sandbox.userByUsername(ADMINS, username)).contains((ObjectNode) user);
  }

  @Test
  void putValidation() {
    JsonNode created = create(newUsername());
    String path = users + "/" + created.get("id").asText();
    assertError(client.json(token, "PUT", path, "{\"title\":\"Only a title\"}"), 400,
        "INVALID_DATA", "REQUIRED_VALUE username", "REQUIRED_VALUE email");
    ObjectNode disabled = minimal(created.get("username").asText()).put("enabled", false);
    assertError(client.json(token, "PUT", path, disabled), 400, "INVALID_DATA",
        "INVALID_VALUE enabled");
    assertError(client.json(token, "PUT", path, minimal("mtwain")), 409, "UNIQUENESS_VIOLATION",
        "UNIQUENESS_VIOLATION username");
    assertError(client.json(token, "PUT", path, "[1]"), 400, "INVALID_REQUEST",
        "INVALID_VALUE body");
    assertThat(sandbox.user(ADMINS, created.get("id").asText())).isEqualTo(created);
  }

  // ---- delete ----

  @Test
  void deleteAnswers204AndTheUserIsGoneEverywhere() {
    int before = sandbox.userCount(ADMINS);
    Map<String, List<String>> members = sandbox.groupMembers(ADMINS);
    // a seeded user with groups
    Map<String, Integer> groupCounts = new java.util.HashMap<>();
    members.values().forEach(ids -> ids.forEach(u -> groupCounts.merge(u, 1, Integer::sum)));
    ObjectNode victim =
        sandbox.users(ADMINS).stream()
            .filter(u -> groupCounts.getOrDefault(u.get("id").asText(), 0) >= 2)
            .findFirst()
            .orElseThrow();
    String id = victim.get("id").asText();
    List<String> groups = sandbox.groupIdsOf(ADMINS, id);
    String path = users + "/" + id;

    PingOneClient.Answer a = client.json(token, "DELETE", path, (String) null);

    assertThat(a.status()).isEqualTo(204);
    assertThat(a.body()).isEmpty();
    PingOneClient.Answer get = client.get(token, path);
    assertThat(get.status()).isEqualTo(404);
    assertThat(get.json().get("code").asText()).isEqualTo("NOT_FOUND");
    assertThat(get.json().get("message").asText()).isEqualTo("Unable to find user with ID: " + id);
    assertThat(sandbox.user(ADMINS, id)).isNull();
    assertThat(sandbox.userByUsername(ADMINS, victim.get("username").asText())).isEmpty();
    assertThat(sandbox.userCount(ADMINS)).isEqualTo(before - 1);
    assertThat(sandbox.users(ADMINS)).extracting(u -> u.get("id").asText()).doesNotContain(id);
    assertThat(client.get(token, users, "limit", "1").json().get("count").asInt()).isEqualTo(before - 1);
    // it left its groups, and only it did
    assertThat(sandbox.groupIdsOf(ADMINS, id)).isEmpty();
    Map<String, List<String>> after = sandbox.groupMembers(ADMINS);
    for (String groupId : groups) {
      assertThat(after.get(groupId)).doesNotContain(id).hasSize(members.get(groupId).size() - 1);
      assertThat(
          client.get(token, users, "filter", "memberOfGroups[id eq \"" + groupId + "\"]")
              .json().get("count").asInt())
          .isEqualTo(after.get(groupId).size());
    }
    assertThat(client.get(token, path + "/memberOfGroups").status()).isEqualTo(404);
    // every route on it is 404 now
    assertThat(client.json(token, "DELETE", path, (String) null).status()).isEqualTo(404);
    assertError(client.json(token, "PATCH", path, "{\"title\":\"x\"}"), 404, "NOT_FOUND");
    assertThat(client.json(token, "PUT", path, minimal(newUsername())).status()).isEqualTo(404);
    assertThat(client.json(token, "PUT", path + "/enabled", "{\"enabled\":true}").status()).isEqualTo(404);
    assertThat(sandbox.userCount(ADMINS)).isEqualTo(before - 1);
    // its username is free again
    assertThat(client.json(token, "POST", users, minimal(victim.get("username").asText())).status())
        .isEqualTo(201);
  }

  @Test
  void deleteOfACreatedUserAndAnUnknownId() {
    JsonNode created = create(newUsername());
    String path = users + "/" + created.get("id").asText();
    assertThat(client.json(token, "DELETE", path, (String) null).status()).isEqualTo(204);
    assertThat(sandbox.password(ADMINS, created.get("id").asText())).isEmpty();
    String unknown = UUID.randomUUID().toString();
    PingOneClient.Answer a = client.json(token, "DELETE", users + "/" + unknown, (String) null);
    assertThat(a.status()).isEqualTo(404);
    assertThat(a.json().get("message").asText()).isEqualTo("Unable to find user with ID: " + unknown);
  }

  @Test
  void pagingAcrossWritesNeitherRepeatsNorSkipsTheUsersThatStay() {
    String prodUsers = "/environments/" + sandbox.environmentId(PROD) + "/users";
    JsonNode first = client.get(prodToken, prodUsers, "limit", "200").json();
    List<String> seen = new ArrayList<>();
    first.at("/_embedded/users").forEach(u -> seen.add(u.get("id").asText()));
    // delete one user already seen and one not yet seen, create one
    List<ObjectNode> all = sandbox.users(PROD);
    String seenVictim = all.get(10).get("id").asText();
    String unseenVictim = all.get(700).get("id").asText();
    assertThat(client.json(prodToken, "DELETE", prodUsers + "/" + seenVictim, (String) null).status())
        .isEqualTo(204);
    assertThat(client.json(prodToken, "DELETE", prodUsers + "/" + unseenVictim, (String) null).status())
        .isEqualTo(204);
    String createdId =
        client.json(prodToken, "POST", prodUsers, minimal(newUsername())).json().get("id").asText();
    String next = first.at("/_links/next/href").asText();
    while (!next.isEmpty()) {
      JsonNode page = client.getUrl(prodToken, next).json();
      page.at("/_embedded/users").forEach(u -> seen.add(u.get("id").asText()));
      next = page.at("/_links/next/href").asText();
    }
    List<String> expected = new ArrayList<>();
    all.forEach(u -> expected.add(u.get("id").asText()));
    expected.remove(unseenVictim);
    expected.add(createdId);
    assertThat(seen).doesNotHaveDuplicates().isEqualTo(expected);
  }

  // ---- enabled ----

  @Test
  void enabledIsChangedOnlyThroughItsOwnRoute() {
    JsonNode created = create(newUsername());
    String id = created.get("id").asText();
    String path = users + "/" + id;
    JsonNode enabled = client.get(token, path + "/enabled").json();
    assertThat(enabled).isEqualTo(json("{\"_links\":{\"self\":{\"href\":\"" + sandbox.baseUrl() + path
        + "/enabled\"},\"user\":{\"href\":\"" + sandbox.baseUrl() + path + "\"}},\"enabled\":true}"));

    PingOneClient.Answer a = client.json(token, "PUT", path + "/enabled", "{\"enabled\":false}");

    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(a.json().get("enabled").asBoolean()).isFalse();
    assertThat(a.json().at("/_links/self/href").asText()).isEqualTo(sandbox.baseUrl() + path + "/enabled");
    JsonNode user = client.get(token, path).json();
    assertThat(user.get("enabled").asBoolean()).isFalse();
    assertThat(instant(user, "updatedAt")).isAfter(instant(created, "updatedAt"));
    assertThat(sandbox.user(ADMINS, id).get("enabled").asBoolean()).isFalse();
    assertThat(client.get(token, path + "/enabled").json().get("enabled").asBoolean()).isFalse();
    assertThat(
        client.get(token, users, "filter",
            "enabled eq false and username eq \"" + created.get("username").asText() + "\"")
            .json().get("count").asInt()).isEqualTo(1);
    // now PATCH may send enabled:false (unchanged) but not true
    assertThat(client.json(token, "PATCH", path, "{\"enabled\":false,\"title\":\"T\"}").status())
        .isEqualTo(200);
    assertError(client.json(token, "PATCH", path, "{\"enabled\":true}"), 400, "INVALID_DATA",
        "INVALID_VALUE enabled");

    assertError(client.json(token, "PUT", path + "/enabled", "{}"), 400, "INVALID_DATA",
        "REQUIRED_VALUE enabled");
    assertError(client.json(token, "PUT", path + "/enabled", "{\"enabled\":\"yes\"}"), 400,
        "INVALID_DATA", "INVALID_VALUE enabled");
    assertError(client.json(token, "PUT", path + "/enabled", "{\"enabled\":true,\"locked\":true}"),
        400, "INVALID_DATA", "INVALID_VALUE locked");
    assertError(
        client.json(token, "PUT", path + "/enabled",
            "{\"enabled\":true,\"id\":\"" + UUID.randomUUID() + "\"}"),
        400, "INVALID_DATA", "INVALID_VALUE id");
    assertThat(client.json(token, "PUT", path + "/enabled",
        "{\"enabled\":true,\"id\":\"" + id + "\"}").json().get("enabled").asBoolean()).isTrue();
    assertThat(sandbox.user(ADMINS, id).get("enabled").asBoolean()).isTrue();
    assertThat(client.json(token, "PUT", users + "/" + UUID.randomUUID() + "/enabled",
        "{\"enabled\":true}").status()).isEqualTo(404);
  }

  // ---- population ----

  @Test
  void populationIsChangedOnlyThroughItsOwnRoute() {
    JsonNode created = create(newUsername());
    String id = created.get("id").asText();
    String path = users + "/" + id;
    long contractorsBefore = populationUserCount(contractors);
    long defaultBefore = populationUserCount(defaultPopulation);
    String envUrl = sandbox.baseUrl() + "/environments/" + sandbox.environmentId(ADMINS);
    assertThat(client.get(token, path + "/population").json()).isEqualTo(json(
        "{\"_links\":{\"self\":{\"href\":\"" + envUrl + "/populations/" + defaultPopulation
            + "\"},\"environment\":{\"href\":\"" + envUrl + "\"}},\"id\":\"" + defaultPopulation + "\"}"));

    PingOneClient.Answer a =
        client.json(token, "PUT", path + "/population", "{\"id\":\"" + contractors + "\"}");

    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(a.json().get("id").asText()).isEqualTo(contractors);
    assertThat(a.json().at("/_links/self/href").asText()).isEqualTo(envUrl + "/populations/" + contractors);
    JsonNode user = client.get(token, path).json();
    assertThat(user.at("/population/id").asText()).isEqualTo(contractors);
    assertThat(user.fieldNames()).toIterable().containsExactlyElementsOf(() -> created.fieldNames());
    assertThat(instant(user, "updatedAt")).isAfter(instant(created, "updatedAt"));
    assertThat(populationUserCount(contractors)).isEqualTo(contractorsBefore + 1);
    assertThat(populationUserCount(defaultPopulation)).isEqualTo(defaultBefore - 1);
    assertThat(
        client.get(token, users, "filter", "population.id eq \"" + contractors
            + "\" and username eq \"" + created.get("username").asText() + "\"")
            .json().get("count").asInt()).isEqualTo(1);

    assertError(client.json(token, "PUT", path + "/population", "{}"), 400, "INVALID_DATA",
        "REQUIRED_VALUE id");
    assertError(client.json(token, "PUT", path + "/population", "{\"id\":5}"), 400,
        "INVALID_DATA", "INVALID_VALUE id");
    assertError(
        client.json(token, "PUT", path + "/population", "{\"id\":\"" + UUID.randomUUID() + "\"}"),
        400, "INVALID_DATA", "INVALID_VALUE id");
    assertError(
        client.json(token, "PUT", path + "/population",
            "{\"id\":\"" + contractors + "\",\"name\":\"Contractors\"}"),
        400, "INVALID_DATA", "INVALID_VALUE name");
    assertThat(sandbox.user(ADMINS, id).at("/population/id").asText()).isEqualTo(contractors);
  }

  @Test
  void updatedAtMovesForwardOnEveryWrite() {
    JsonNode created = create(newUsername());
    String path = users + "/" + created.get("id").asText();
    Instant last = instant(created, "updatedAt");
    for (int i = 0; i < 5; i++) {
      JsonNode user = client.json(token, "PATCH", path, "{\"title\":\"T" + i + "\"}").json();
      Instant updated = instant(user, "updatedAt");
      assertThat(updated).isAfter(last);
      assertThat(Duration.between(last, updated)).isLessThan(Duration.ofSeconds(5));
      last = updated;
    }
  }
}
