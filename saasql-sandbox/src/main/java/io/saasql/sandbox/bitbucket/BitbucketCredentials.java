package io.saasql.sandbox.bitbucket;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The credentials one sandbox accepts, random per instance: an OAuth consumer (client id and
 * secret) whose client-credentials grant issues expiring bearer tokens, a long-lived access token
 * (as a repository or workspace access token is), and an Atlassian account e-mail with an API
 * token for Basic auth.
 */
final class BitbucketCredentials {
  /** Default lifetime of issued OAuth tokens, as Bitbucket's {@code expires_in}. */
  static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(7200);

  /** How a request authenticated. */
  enum Principal {
    ACCESS_TOKEN,
    OAUTH_TOKEN,
    API_TOKEN
  }

  /** The outcome of checking a request's {@code Authorization} header. */
  sealed interface Check permits Accepted, Refused {}

  record Accepted(Principal principal) implements Check {}

  record Refused(String message) implements Check {}

  static final String EXPIRED = "Access token expired.";
  static final String INVALID_TOKEN =
      "Token is invalid, expired, or not supported for this endpoint.";
  static final String UNAUTHORIZED = "Unauthorized";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private final Clock clock;
  private final String clientId = random(18);
  private final String clientSecret = random(32);
  private final String accessToken = "ATCTT3xFfGN0" + random(48);
  private final String userEmail = "sandbox.user@example.com";
  private final String apiToken = "ATATT3xFfGF0" + random(48);
  /** Issued OAuth tokens and when each expires. */
  private final Map<String, Instant> issued = new ConcurrentHashMap<>();
  private volatile Duration lifetime = DEFAULT_LIFETIME;

  BitbucketCredentials(Clock clock) {
    this.clock = clock;
  }

  String clientId() {
    return clientId;
  }

  String clientSecret() {
    return clientSecret;
  }

  String accessToken() {
    return accessToken;
  }

  String userEmail() {
    return userEmail;
  }

  String apiToken() {
    return apiToken;
  }

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

  /** Marks every issued OAuth token expired. */
  void expireAll() {
    Instant past = clock.instant().minusSeconds(1);
    issued.replaceAll((token, expiry) -> past);
  }

  /** Whether a Basic {@code client_id:secret} header names this sandbox's OAuth consumer. */
  boolean isClient(String authorization) {
    String[] pair = basic(authorization);
    return pair != null && same(pair[0], clientId) && same(pair[1], clientSecret);
  }

  /** Issues a new OAuth token living {@link #lifetime()} from now. */
  String issue() {
    String token = base64Url(48);
    issued.put(token, clock.instant().plus(lifetime));
    return token;
  }

  /** Checks a request's {@code Authorization} header (null when absent). */
  Check check(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return new Refused(UNAUTHORIZED);
    }
    String scheme = scheme(authorization);
    if (scheme.equals("bearer")) {
      String token = authorization.substring(6).trim();
      if (same(token, accessToken)) {
        return new Accepted(Principal.ACCESS_TOKEN);
      }
      Instant expiry = issued.get(token);
      if (expiry == null) {
        return new Refused(INVALID_TOKEN);
      }
      return clock.instant().isBefore(expiry)
          ? new Accepted(Principal.OAUTH_TOKEN)
          : new Refused(EXPIRED);
    }
    if (scheme.equals("basic")) {
      String[] pair = basic(authorization);
      if (pair != null
          && pair[0].equalsIgnoreCase(userEmail)
          && same(pair[1], apiToken)) {
        return new Accepted(Principal.API_TOKEN);
      }
    }
    return new Refused(UNAUTHORIZED);
  }

  /** Whether the header carries this sandbox's access token (valid for the rate-limit headers). */
  boolean isAccessToken(String authorization) {
    return authorization != null
        && scheme(authorization).equals("bearer")
        && same(authorization.substring(6).trim(), accessToken);
  }

  private static String scheme(String authorization) {
    int space = authorization.indexOf(' ');
    return (space < 0 ? authorization : authorization.substring(0, space)).toLowerCase(Locale.ROOT);
  }

  /** The user and password of a Basic header, or null. */
  private static String[] basic(String authorization) {
    if (authorization == null || !scheme(authorization).equals("basic")) {
      return null;
    }
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(5).trim()),
              StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0
          ? null
          : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean same(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static String random(int length) {
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
    }
    return s.toString();
  }

  private static String base64Url(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
