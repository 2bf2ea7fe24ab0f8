package io.saasql.sandbox.salesforce;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access tokens issued by the token endpoint. A token is valid for the session lifetime in
 * force when it was issued (two hours by default, like an org's session timeout), counted from
 * issue; there is no {@code expires_in}, the client learns of expiry from a 401.
 */
final class Sessions {
  /** One session: the user it runs as and when it ends. */
  record Session(String userId, Instant expiresAt) {}

  private final Clock clock;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private volatile Duration lifetime = Duration.ofHours(2);

  Sessions(Clock clock) {
    this.clock = clock;
  }

  void lifetime(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("negative session lifetime: " + d);
    }
    this.lifetime = d;
  }

  void add(String token, String userId) {
    sessions.put(token, new Session(userId, clock.instant().plus(lifetime)));
  }

  /** The live session of a token; empty when unknown or expired. */
  Optional<Session> find(String token) {
    Session s = token == null ? null : sessions.get(token);
    if (s == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(s.expiresAt())) {
      sessions.remove(token, s);
      return Optional.empty();
    }
    return Optional.of(s);
  }

  void expireAll() {
    sessions.clear();
  }
}
