package io.saasql.sandbox.pingone;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.saasql.sandbox.SandboxRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What a user body of {@code POST …/users}, {@code PUT …/users/{id}} and {@code PATCH
 * …/users/{id}} may say, and how it changes a stored user. Every problem of a body is collected
 * and reported at once as 400 {@code INVALID_DATA} with one detail per attribute: {@code
 * REQUIRED_VALUE} for a missing required attribute, {@code INVALID_VALUE} for a wrong type, a
 * malformed value, an unknown attribute, or a change to an attribute this route cannot change.
 *
 * <ul>
 *   <li>Writable: {@code username} and {@code email} (required), {@code name{formatted, given,
 *       middle, family, honorificPrefix, honorificSuffix}}, {@code nickname}, {@code title},
 *       {@code type}, {@code locale}, {@code preferredLanguage}, {@code timezone} (an IANA zone),
 *       {@code externalId}, {@code accountId}, {@code primaryPhone}, {@code mobilePhone}, {@code
 *       address{streetAddress, locality, region, postalCode, countryCode}} (countryCode an ISO
 *       3166 alpha-2 code), {@code photo{href}} (an http(s) URL), {@code startDate} and {@code
 *       endDate} ({@code yyyy-MM-dd}).
 *   <li>Write-only: {@code password}, a string or {@code {value, forceChange}}; kept apart from
 *       the user and never returned.
 *   <li>On create only: {@code population{id}} (an existing population of the environment) and
 *       {@code mfaEnabled}.
 *   <li>Never through this body: {@code enabled} ({@code PUT …/enabled}), {@code population}
 *       after create ({@code PUT …/population}), and the read-only {@code id}, {@code
 *       environment}, {@code account}, {@code createdAt}, {@code updatedAt}, {@code
 *       emailVerified}, {@code identityProvider}, {@code lifecycle}, {@code mfaEnabled} after
 *       create, {@code memberOfGroupIDs}, {@code memberOfGroupNames}. On PUT and PATCH these may
 *       be sent with their current value (a GET body sent back), which changes nothing; any other
 *       value is rejected. {@code _links} is ignored.
 * </ul>
 */
final class UserWriteSchema {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  /** How a body applies to a user. */
  enum Mode {
    /** POST: a new user; absent attributes stay absent. */
    CREATE,
    /** PUT: writable attributes the body omits are cleared. */
    REPLACE,
    /** PATCH: attributes the body omits are kept, {@code null} clears one. */
    UPDATE
  }

  /** The user a valid body produces, and the password it set (null when it set none). */
  record Applied(ObjectNode user, String password) {}

  /** Checks a string value; returns the problem, or null when the value is fine. */
  private interface Check extends Function<String, String> {}

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{M}\\p{N}._-]+");
  private static final int USERNAME_MAX = 128;
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

  private static final Check ANY = v -> null;
  private static final Check USERNAME_CHECK =
      v -> {
        if (v.isBlank()) {
          return null; // reported as REQUIRED_VALUE
        }
        if (v.length() > USERNAME_MAX) {
          return "username must be at most " + USERNAME_MAX + " characters long";
        }
        return EMAIL.matcher(v).matches() || USERNAME.matcher(v).matches()
            ? null
            : "username must be an e-mail address or consist of letters, marks, digits, dots,"
                + " underscores and hyphens, not '" + v + "'";
      };
  private static final Check EMAIL_CHECK =
      v -> v.isBlank() || EMAIL.matcher(v).matches()
          ? null
          : "email must be a well-formed e-mail address, not '" + v + "'";
  private static final Check TIMEZONE =
      v -> ZoneId.getAvailableZoneIds().contains(v)
          ? null
          : "timezone must be an IANA time zone such as America/Denver, not '" + v + "'";
  private static final Check COUNTRY =
      v -> COUNTRIES.contains(v)
          ? null
          : "address.countryCode must be an ISO 3166-1 alpha-2 country code such as US, not '"
              + v + "'";
  private static final Check URL =
      v -> {
        try {
          URI uri = new URI(v);
          if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
              && uri.getHost() != null) {
            return null;
          }
        } catch (URISyntaxException e) {
          // fall through
        }
        return "photo.href must be an absolute http(s) URL, not '" + v + "'";
      };

  private static Check date(String name) {
    return v -> {
      try {
        LocalDate.parse(v);
        return null;
      } catch (DateTimeParseException e) {
        return name + " must be a date as yyyy-MM-dd, not '" + v + "'";
      }
    };
  }

  /** A writable attribute: a string with a check, or an object of such strings. */
  private record Attribute(Check check, Map<String, Check> subAttributes) {
    boolean isObject() {
      return subAttributes != null;
    }
  }

  /** Writable attributes, in the order the API lists a user's attributes. */
  private static final Map<String, Attribute> WRITABLE = new LinkedHashMap<>();

  /** Attributes only the service sets (or only other routes change). */
  private static final Set<String> READ_ONLY =
      Set.of("id", "environment", "account", "createdAt", "updatedAt", "emailVerified",
          "identityProvider", "lifecycle", "memberOfGroupIDs", "memberOfGroupNames");

  /** The order of a stored user's attributes (others go last), as the seed stores them. */
  private static final List<String> ORDER =
      List.of("id", "environment", "account", "accountId", "address", "createdAt", "email",
          "emailVerified", "enabled", "externalId", "identityProvider", "lifecycle", "locale",
          "mfaEnabled", "mobilePhone", "name", "nickname", "photo", "population",
          "preferredLanguage", "primaryPhone", "startDate", "endDate", "timezone", "title", "type",
          "updatedAt", "username");

  static {
    Map<String, Check> name = new LinkedHashMap<>();
    for (String s :
        List.of("formatted", "given", "middle", "family", "honorificPrefix", "honorificSuffix")) {
      name.put(s, ANY);
    }
    Map<String, Check> address = new LinkedHashMap<>();
    address.put("streetAddress", ANY);
    address.put("locality", ANY);
    address.put("region", ANY);
    address.put("postalCode", ANY);
    address.put("countryCode", COUNTRY);
    WRITABLE.put("accountId", string(ANY));
    WRITABLE.put("address", new Attribute(null, address));
    WRITABLE.put("email", string(EMAIL_CHECK));
    WRITABLE.put("externalId", string(ANY));
    WRITABLE.put("locale", string(ANY));
    WRITABLE.put("mobilePhone", string(ANY));
    WRITABLE.put("name", new Attribute(null, name));
    WRITABLE.put("nickname", string(ANY));
    WRITABLE.put("photo", new Attribute(null, Map.of("href", URL)));
    WRITABLE.put("preferredLanguage", string(ANY));
    WRITABLE.put("primaryPhone", string(ANY));
    WRITABLE.put("startDate", string(date("startDate")));
    WRITABLE.put("endDate", string(date("endDate")));
    WRITABLE.put("timezone", string(TIMEZONE));
    WRITABLE.put("title", string(ANY));
    WRITABLE.put("type", string(ANY));
    WRITABLE.put("username", string(USERNAME_CHECK));
  }

  private static Attribute string(Check check) {
    return new Attribute(check, null);
  }

  private UserWriteSchema() {}

  /**
   * The request body as a JSON object: 415 when it is not sent as JSON ({@code application/json}
   * or any {@code application/…+json}), 400 {@code INVALID_REQUEST} when it is not one JSON
   * object.
   */
  static ObjectNode body(SandboxRequest request) {
    String contentType = request.contentType();
    String media =
        contentType == null
            ? ""
            : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!media.equals("application/json")
        && !(media.startsWith("application/") && media.endsWith("+json"))) {
      throw PingOneError.unsupportedMediaType(contentType);
    }
    if (request.body().isBlank()) {
      throw PingOneError.invalidRequest("The request body is empty; send a JSON object");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(request.body());
    } catch (JsonProcessingException e) {
      throw PingOneError.invalidRequest(
          "The request body is not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw PingOneError.invalidRequest("The request body must be a JSON object");
    }
    return (ObjectNode) node;
  }

  /**
   * Applies a body to a user.
   *
   * @param current for {@link Mode#CREATE} the new user's service-set attributes (id, dates,
   *     defaults, the default population); otherwise the stored user
   * @param view for PUT/PATCH, the user as a GET with both group includes shows it: what
   *     read-only attributes are compared with; unused on create
   * @param populationExists whether the environment has a population with this id
   * @throws PingOneError 400 INVALID_DATA with every problem found
   */
  static Applied apply(
      Mode mode,
      ObjectNode body,
      ObjectNode current,
      ObjectNode view,
      Predicate<String> populationExists) {
    List<PingOneError.Detail> details = new ArrayList<>();
    ObjectNode result = current.deepCopy();
    if (mode == Mode.REPLACE) {
      WRITABLE.keySet().forEach(result::remove);
    }
    String password = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      JsonNode value = e.getValue();
      Attribute attribute = WRITABLE.get(name);
      if (attribute != null) {
        applyWritable(mode, name, attribute, value, result, details);
      } else if (name.equals("_links")) {
        continue;
      } else if (name.equals("password")) {
        password = password(value, details);
      } else if (name.equals("population")) {
        if (mode == Mode.CREATE) {
          population(value, result, populationExists, details);
        } else if (!same(value, view.get(name))) {
          details.add(invalid("population",
              "The population cannot be changed by updating the user; use PUT"
                  + " /environments/{envID}/users/{userID}/population"));
        }
      } else if (name.equals("enabled")) {
        if (mode == Mode.CREATE ? !value.isNull() : !same(value, view.get(name))) {
          details.add(invalid("enabled",
              "enabled cannot be set in the user body; use PUT"
                  + " /environments/{envID}/users/{userID}/enabled"));
        }
      } else if (name.equals("mfaEnabled") && mode == Mode.CREATE) {
        if (value.isBoolean()) {
          result.put(name, value.booleanValue());
        } else if (!value.isNull()) {
          details.add(invalid(name, "mfaEnabled must be a boolean"));
        }
      } else if (READ_ONLY.contains(name) || name.equals("mfaEnabled")) {
        if (mode == Mode.CREATE ? !value.isNull() : !same(value, view.get(name))) {
          details.add(invalid(name, name + " is read-only and cannot be set"));
        }
      } else {
        details.add(invalid(name, "Attribute '" + name + "' is not defined in the user schema"));
      }
    }
    for (String required : List.of("username", "email")) {
      JsonNode v = result.get(required);
      boolean reported = details.stream().anyMatch(d -> d.target().equals(required));
      if (!reported && (v == null || !v.isTextual() || v.asText().isBlank())) {
        details.add(new PingOneError.Detail(PingOneError.REQUIRED_VALUE, required,
            "A value for " + required + " is required"));
      }
    }
    if (!details.isEmpty()) {
      throw PingOneError.invalidData(details);
    }
    return new Applied(canonical(result), password);
  }

  private static void applyWritable(
      Mode mode,
      String name,
      Attribute attribute,
      JsonNode value,
      ObjectNode result,
      List<PingOneError.Detail> details) {
    if (value.isNull()) {
      result.remove(name);
      return;
    }
    if (!attribute.isObject()) {
      stringValue(name, attribute.check(), value, details).ifPresent(s -> result.put(name, s));
      return;
    }
    if (!value.isObject()) {
      details.add(invalid(name, name + " must be an object"));
      return;
    }
    JsonNode existing = result.get(name);
    ObjectNode merged =
        mode == Mode.UPDATE && existing != null && existing.isObject()
            ? ((ObjectNode) existing).deepCopy()
            : F.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String sub = e.getKey();
      String target = name + "." + sub;
      Check check = attribute.subAttributes().get(sub);
      if (check == null) {
        details.add(
            invalid(target, "Attribute '" + target + "' is not defined in the user schema"));
      } else if (e.getValue().isNull()) {
        merged.remove(sub);
      } else {
        stringValue(target, check, e.getValue(), details).ifPresent(s -> merged.put(sub, s));
      }
    }
    if (merged.isEmpty()) {
      result.remove(name);
    } else {
      ObjectNode ordered = F.objectNode();
      for (String sub : attribute.subAttributes().keySet()) {
        if (merged.has(sub)) {
          ordered.set(sub, merged.get(sub));
        }
      }
      result.set(name, ordered);
    }
  }

  private static Optional<String> stringValue(
      String target, Check check, JsonNode value, List<PingOneError.Detail> details) {
    if (!value.isTextual()) {
      details.add(invalid(target, target + " must be a string"));
      return Optional.empty();
    }
    String problem = check.apply(value.asText());
    if (problem != null) {
      details.add(invalid(target, problem));
      return Optional.empty();
    }
    return Optional.of(value.asText());
  }

  private static String password(JsonNode value, List<PingOneError.Detail> details) {
    if (value.isNull()) {
      return null;
    }
    JsonNode text = value;
    if (value.isObject()) {
      text = value.get("value");
      for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
        String sub = it.next();
        if (!sub.equals("value") && !sub.equals("forceChange")) {
          details.add(invalid("password." + sub,
              "Attribute 'password." + sub + "' is not defined in the user schema"));
        }
      }
      JsonNode force = value.get("forceChange");
      if (force != null && !force.isBoolean() && !force.isNull()) {
        details.add(invalid("password.forceChange", "password.forceChange must be a boolean"));
      }
    }
    if (text == null || !text.isTextual() || text.asText().isEmpty()) {
      details.add(invalid(value.isObject() ? "password.value" : "password",
          "password must be a non-empty string or {\"value\": \"…\"}"));
      return null;
    }
    return text.asText();
  }

  private static void population(
      JsonNode value,
      ObjectNode result,
      Predicate<String> populationExists,
      List<PingOneError.Detail> details) {
    if (value.isNull()) {
      return; // the default population stays
    }
    if (!value.isObject()) {
      details.add(invalid("population", "population must be an object {\"id\": \"…\"}"));
      return;
    }
    for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
      String sub = it.next();
      if (!sub.equals("id")) {
        details.add(invalid("population." + sub,
            "Attribute 'population." + sub + "' is not defined in the user schema"));
      }
    }
    JsonNode id = value.get("id");
    if (id == null || id.isNull() || (id.isTextual() && id.asText().isBlank())) {
      details.add(new PingOneError.Detail(PingOneError.REQUIRED_VALUE, "population.id",
          "A value for population.id is required"));
    } else if (!id.isTextual()) {
      details.add(invalid("population.id", "population.id must be a string"));
    } else if (!populationExists.test(id.asText())) {
      details.add(invalid("population.id",
          "No population with ID " + id.asText() + " exists in this environment"));
    } else {
      result.putObject("population").put("id", id.asText());
    }
  }

  /** Whether a sent value equals the current one (null and absent being the same). */
  private static boolean same(JsonNode sent, JsonNode current) {
    boolean sentEmpty = sent == null || sent.isNull();
    boolean currentEmpty = current == null || current.isNull();
    if (sentEmpty || currentEmpty) {
      return sentEmpty && currentEmpty;
    }
    return sent.equals(current);
  }

  private static PingOneError.Detail invalid(String target, String message) {
    return new PingOneError.Detail(PingOneError.INVALID_VALUE, target, message);
  }

  /** A copy with the attributes in the order the API stores them; unknown ones last. */
  static ObjectNode canonical(ObjectNode user) {
    ObjectNode ordered = F.objectNode();
    for (String name : ORDER) {
      if (user.has(name)) {
        ordered.set(name, user.get(name));
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = user.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!ordered.has(e.getKey())) {
        ordered.set(e.getKey(), e.getValue());
      }
    }
    return ordered;
  }
}
