package io.saasql.core.declare;

import io.saasql.core.http.RateLimit;

import com.google.common.hash.Hashing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

/**
 * The operands every REST source accepts besides its own: pushdown switch, timeout and retry
 * limits.
 *
 * @param pushdown     false to send no predicate to the API (every row is fetched and Calcite
 *                     evaluates everything); for comparisons and for working around an API quirk
 * @param timeout      per-attempt connect/read/write timeout ({@code timeoutSeconds}, default 30)
 * @param maxRetries   retries of a GET after 429/5xx/network failure ({@code maxRetries},
 *                     default 4)
 * @param maxRetryWait longest single wait before a retry ({@code maxRetryWaitSeconds}, default 120)
 * @param maxConcurrentRequests how many requests of one query that do not depend on each other
 *                     (a fan-out's paths, GETs by key, a bind join's batches) run at the same
 *                     time ({@code maxConcurrentRequests}, default 4; 1: one after another)
 * @param rateLimit    requests per period sent at most, waited for before sending
 *                     ({@code rateLimit}, e.g. {@code "150/1m"}; the source's published limit by
 *                     default, null for none)
 * @param rateLimitStore a JDBC URL of a Postgres database that keeps the rate limit's budget, so
 *                     that every process using the same source and credentials draws from one
 *                     ({@code rateLimitStore}; null: each process keeps its own)
 * @param cacheTtl     how long a GET's answer is served from memory ({@code cacheTtlSeconds},
 *                     default 0: no cache)
 * @param cacheMaxMb   the most memory the cached answers take ({@code cacheMaxMb}, default 64)
 */
public record RestSourceOptions(boolean pushdown, Duration timeout, int maxRetries,
    Duration maxRetryWait, int maxConcurrentRequests, RateLimit rateLimit,
    String rateLimitStore, Duration cacheTtl, int cacheMaxMb) {

  /** The operand names read here. */
  public static final Set<String> OPERANDS = Set.of("pushdown", "timeoutSeconds", "maxRetries",
      "maxRetryWaitSeconds", "maxConcurrentRequests", "rateLimit", "rateLimitStore",
      "cacheTtlSeconds", "cacheMaxMb");

  /** The options of a source that publishes no rate limit. */
  public static RestSourceOptions read(Operands operands) {
    return read(operands, "none");
  }

  /** The options of a source whose API publishes {@code defaultRateLimit} ("none": none). */
  public static RestSourceOptions read(Operands operands, String defaultRateLimit) {
    String rate = operands.string("rateLimit");
    return new RestSourceOptions(
        operands.bool("pushdown", true),
        Duration.ofSeconds(operands.integer("timeoutSeconds", 30, 1, 3600)),
        operands.integer("maxRetries", 4, 0, 20),
        Duration.ofSeconds(operands.integer("maxRetryWaitSeconds", 120, 0, 3600)),
        operands.integer("maxConcurrentRequests", 4, 1, 64),
        RateLimit.parse(operands.schema(), "rateLimit",
            rate == null || rate.isBlank() ? defaultRateLimit : rate),
        store(operands),
        Duration.ofSeconds(operands.integer("cacheTtlSeconds", 0, 0, 86_400)),
        operands.integer("cacheMaxMb", 64, 1, 4096));
  }

  private static String store(Operands operands) {
    String url = operands.string("rateLimitStore");
    if (url == null || url.isBlank()) {
      return null;
    }
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("Schema '" + operands.schema() + "': operand"
          + " 'rateLimitStore' must be a Postgres JDBC URL (jdbc:postgresql://host/database"
          + "?user=…&password=…, \"${ENV}\" to read it from the environment), not one starting '"
          + url.substring(0, Math.min(url.length(), 16)) + "'.");
    }
    return url;
  }

  /**
   * A cache key for a source client: the schema name (it names the calls), the source's identity
   * and these options; secrets hashed.
   */
  public String clientKey(String schema, String sourceType, String baseUrl, String secret) {
    String secretHash = Hashing.sha256().hashString(secret == null ? "" : secret,
        StandardCharsets.UTF_8).toString();
    return schema + "|" + sourceType + "|" + baseUrl + "|" + secretHash + "|" + timeout + "|"
        + maxRetries + "|" + maxRetryWait + "|" + rateLimit + "|" + (rateLimitStore == null ? ""
            : Hashing.sha256().hashString(rateLimitStore, StandardCharsets.UTF_8)) + "|"
        + cacheTtl + "|" + cacheMaxMb;
  }

  /**
   * Whose API quota a source spends: the API, the account's identity and its secret (hashed), so
   * that schemas with the same credentials draw from one rate limit.
   */
  public static String quota(String sourceType, String identity, String secret) {
    return sourceType + "|" + identity + "|" + Hashing.sha256().hashString(
        secret == null ? "" : secret, StandardCharsets.UTF_8);
  }
}
