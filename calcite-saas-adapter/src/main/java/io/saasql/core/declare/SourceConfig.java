package io.saasql.core.declare;

import io.saasql.core.http.CallLog;
import io.saasql.core.http.RateLimit;
import io.saasql.core.http.Redactor;
import io.saasql.core.http.SourceClient;

import okhttp3.Interceptor;

import java.time.Duration;
import java.util.List;

/**
 * Everything a {@link SourceClient} needs to talk to one configured source.
 *
 * @param name            the schema name, used in call records and error messages
 * @param baseUrl         the API root every relative path is resolved against
 * @param timeout         connect, read and write timeout of one attempt
 * @param maxRetries      retries of an idempotent request after 429, 5xx or a network failure
 * @param maxRetryWait    the longest single wait before a retry
 * @param auth            interceptors that authenticate each request
 * @param redactor        masks secrets in URLs and messages
 * @param errors          reads the API's error bodies
 * @param surfacedHeaders response headers copied into the call record (rate-limit state)
 * @param credentialHint  what to tell the user on 401/403 ("check the apiKey operand …")
 * @param log             where the call records go
 * @param rateLimit       requests per period sent at most (null: none)
 * @param quota           whose quota the requests spend ({@link RestSourceOptions#quota}): one
 *                        rate limit per quota
 * @param rateLimitStore  the Postgres JDBC URL that keeps the budget for every process (null:
 *                        this process keeps it)
 * @param cacheTtl        how long a GET's answer is served from memory (zero: no cache)
 * @param cacheMaxBytes   the most memory the cached answers take
 */
public record SourceConfig(String name, String baseUrl, Duration timeout, int maxRetries,
    Duration maxRetryWait, List<Interceptor> auth, Redactor redactor, ErrorDecoder errors,
    List<String> surfacedHeaders, String credentialHint, CallLog log, RateLimit rateLimit,
    String quota, String rateLimitStore, Duration cacheTtl, long cacheMaxBytes) {

  /** A configuration without a rate limit. */
  public SourceConfig(String name, String baseUrl, Duration timeout, int maxRetries,
      Duration maxRetryWait, List<Interceptor> auth, Redactor redactor, ErrorDecoder errors,
      List<String> surfacedHeaders, String credentialHint, CallLog log) {
    this(name, baseUrl, timeout, maxRetries, maxRetryWait, auth, redactor, errors,
        surfacedHeaders, credentialHint, log, null, null, null, Duration.ZERO, 0);
  }

  /**
   * This configuration with the options' rate limit on {@code quota} (none when the options have
   * none), kept where the options say, and their response cache.
   */
  public SourceConfig withOptions(RestSourceOptions options, String quota) {
    return new SourceConfig(name, baseUrl, timeout, maxRetries, maxRetryWait, auth, redactor,
        errors, surfacedHeaders, credentialHint, log, options.rateLimit(), quota,
        options.rateLimitStore(), options.cacheTtl(), options.cacheMaxMb() * 1024L * 1024L);
  }
}
