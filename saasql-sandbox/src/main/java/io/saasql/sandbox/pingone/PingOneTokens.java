package io.saasql.sandbox.pingone;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The access tokens a PingOne sandbox has issued: JWT-looking strings (a real header and claims,
 * a random signature) that are valid for one environment until they expire. Thread-safe.
 */
final class PingOneTokens {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  /** What an issued token is good for. */
  record Grant(String environmentId, String clientId, Instant expiresAt) {}

  /** The outcome of checking a bearer token. */
  enum Check {
    VALID,
    UNKNOWN,
    EXPIRED
  }

  private final Map<String, Grant> issued = new ConcurrentHashMap<>();
  private final AtomicInteger count = new AtomicInteger();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private volatile Duration lifetime = Duration.ofSeconds(3600);

  PingOneTokens(Clock clock) {
    this.clock = clock;
  }

  /** The lifetime of tokens issued from now on. */
  void lifetime(Duration d) {
    Objects.requireNonNull(d, "d");
    if (d.isNegative()) {
      throw new IllegalArgumentException("negative token lifetime: " + d);
    }
    lifetime = d;
  }

  Duration lifetime() {
    return lifetime;
  }

  /** A token just issued and its lifetime in whole seconds, as {@code expires_in} says. */
  record Issued(String token, long expiresIn) {}

  /**
   * Issues a token with the current {@link #lifetime}; {@code issuer} is the environment's auth
   * URL ({@code …/{envId}/as}).
   */
  Issued issue(String environmentId, String organizationId, String clientId, String issuer) {
    Duration tokenLifetime = lifetime;
    Instant now = clock.instant();
    Instant expires = now.plus(tokenLifetime);
    ObjectNode header = JsonNodeFactory.instance.objectNode();
    header.put("kid", "sandbox-" + environmentId.substring(0, 8));
    header.put("alg", "RS256");
    header.put("typ", "JWT");
    ObjectNode claims = JsonNodeFactory.instance.objectNode();
    claims.put("client_id", clientId);
    claims.put("iss", issuer);
    claims.put("jti", UUID.randomUUID().toString());
    claims.put("iat", now.getEpochSecond());
    claims.putArray("aud").add("https://api.pingone.com");
    claims.put("env", environmentId);
    claims.put("org", organizationId);
    claims.put("exp", expires.getEpochSecond());
    byte[] signature = new byte[256];
    random.nextBytes(signature);
    String token = encode(header) + "." + encode(claims) + "." + B64.encodeToString(signature);
    issued.put(token, new Grant(environmentId, clientId, expires));
    count.incrementAndGet();
    return new Issued(token, tokenLifetime.getSeconds());
  }

  /** Checks a bearer token; {@link #grant} gives its environment when valid. */
  Check check(String token) {
    Grant grant = token == null ? null : issued.get(token);
    if (grant == null) {
      return Check.UNKNOWN;
    }
    return clock.instant().isBefore(grant.expiresAt()) ? Check.VALID : Check.EXPIRED;
  }

  Grant grant(String token) {
    return issued.get(token);
  }

  /** Every token issued so far expires now. */
  void expireAll() {
    Instant past = clock.instant().minusSeconds(1);
    issued.replaceAll((t, g) -> new Grant(g.environmentId(), g.clientId(), past));
  }

  int issuedCount() {
    return count.get();
  }

  private static String encode(ObjectNode node) {
    try {
      return B64.encodeToString(MAPPER.writeValueAsBytes(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
