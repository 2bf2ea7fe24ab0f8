package io.saasql.core.http;

import io.saasql.core.declare.SourceConfig;

import okhttp3.Interceptor;
import okhttp3.Response;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Retries idempotent requests (GET, HEAD) on 429 and 5xx responses and on network failures, at
 * most {@code maxRetries} times; writes only on 429, which says the API refused them unapplied.
 * This is the only policy that repeats a request ({@link #OKHTTP_REPEATS_NOTHING} keeps OkHttp's
 * own repeats out), so every attempt is counted in the call log. The wait honours
 * {@code Retry-After} (seconds or an HTTP date),
 * else {@code X-RateLimit-Reset} when {@code X-RateLimit-Remaining} is 0, else grows
 * exponentially from half a second. A wait longer than {@code maxRetryWait} is not attempted: the
 * caller gets the response and a clear error instead of a query that hangs. A write that failed
 * any other way, or got no answer, is never sent again: a create is never sent twice.
 */
final class RetryInterceptor implements Interceptor {
  private static final Set<Integer> RETRYABLE = Set.of(429, 500, 502, 503, 504);
  private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD");

  private final SourceConfig config;

  RetryInterceptor(SourceConfig config) {
    this.config = config;
  }

  @Override public Response intercept(Chain chain) throws IOException {
    var request = chain.request();
    CallContext ctx = request.tag(CallContext.class);
    if (ctx == null) {
      ctx = new CallContext(null);
    }
    boolean idempotent = IDEMPOTENT.contains(request.method());
    while (true) {
      if (ctx.cancelled()) {
        throw new InterruptedIOException("statement cancelled");
      }
      ctx.attempt++;
      Response response;
      try {
        response = chain.proceed(request);
      } catch (IOException e) {
        if (!idempotent || ctx.attempt > config.maxRetries() || ctx.cancelled()) {
          logLast(ctx, null);
          throw e;
        }
        // The first failure is most often a pooled connection the server had closed: try again at
        // once on a fresh one; later failures back off.
        Duration wait = ctx.attempt == 1 ? Duration.ZERO : backoff(ctx.attempt);
        logLast(ctx, "retry in " + wait.toMillis() + " ms");
        sleep(wait, ctx);
        continue;
      }
      boolean retryable = idempotent ? RETRYABLE.contains(response.code()) : response.code() == 429;
      if (!retryable || ctx.attempt > config.maxRetries()) {
        return response;
      }
      Duration wait = waitFor(response, ctx.attempt);
      if (wait.compareTo(config.maxRetryWait()) > 0) {
        ctx.note = "the API asked to wait " + wait.toSeconds()
            + " s, more than maxRetryWaitSeconds="
            + config.maxRetryWait().toSeconds();
        return response;
      }
      response.close();
      logLast(ctx, "HTTP " + response.code() + ", retry in " + wait.toMillis() + " ms");
      sleep(wait, ctx);
      ctx.note = "after waiting " + wait.toMillis() + " ms";
    }
  }

  private void logLast(CallContext ctx, String note) {
    if (ctx.last != null) {
      CallRecord r = ctx.last;
      String n = r.note() == null || r.note().isEmpty() ? note
          : note == null ? r.note() : r.note() + ", " + note;
      config.log().add(new CallRecord(r.source(), r.method(), r.url(), r.status(), r.rows(),
          r.millis(), r.attempt(), n));
      ctx.last = null;
    }
  }

  /**
   * Where {@link #OKHTTP_REPEATS_NOTHING} moves a {@code Retry-After} header that OkHttp would act
   * on by itself.
   */
  static final String HELD_RETRY_AFTER = "Saasql-Held-Retry-After";

  /**
   * A network interceptor that keeps every repeat in this policy: OkHttp silently sends a request
   * again when a 503 carries {@code Retry-After: 0}, below the application interceptors, so each
   * attempt would cost two requests and one of them would be missing from the call log. The
   * header is handed up under {@link #HELD_RETRY_AFTER} instead, and read from there.
   */
  static final Interceptor OKHTTP_REPEATS_NOTHING = chain -> {
    Response response = chain.proceed(chain.request());
    String retryAfter = response.header("Retry-After");
    if (response.code() == 503 && retryAfter != null) {
      return response.newBuilder().removeHeader("Retry-After")
          .header(HELD_RETRY_AFTER, retryAfter).build();
    }
    return response;
  };

  static Duration waitFor(Response response, int attempt) {
    String retryAfter = response.header("Retry-After");
    if (retryAfter == null) {
      retryAfter = response.header(HELD_RETRY_AFTER);
    }
    if (retryAfter != null) {
      try {
        return Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.trim())));
      } catch (NumberFormatException e) {
        try {
          Instant at = ZonedDateTime.parse(retryAfter.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
              .toInstant();
          return Duration.ofMillis(Math.max(0, at.toEpochMilli() - System.currentTimeMillis()));
        } catch (DateTimeParseException ignored) {
          // fall through to the other hints
        }
      }
    }
    String remaining = response.header("X-RateLimit-Remaining");
    String reset = response.header("X-RateLimit-Reset");
    if ("0".equals(remaining == null ? null : remaining.trim()) && reset != null) {
      try {
        long resetEpochSeconds = Long.parseLong(reset.trim());
        return Duration.ofMillis(
            Math.max(0, resetEpochSeconds * 1000 - System.currentTimeMillis()) + 250);
      } catch (NumberFormatException ignored) {
        // fall through
      }
    }
    return backoff(attempt);
  }

  static Duration backoff(int attempt) {
    long base = 500L << Math.min(attempt - 1, 5);
    return Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base / 4 + 1));
  }

  private static void sleep(Duration wait, CallContext ctx) throws InterruptedIOException {
    long end = System.nanoTime() + wait.toNanos();
    try {
      while (System.nanoTime() < end) {
        if (ctx.cancelled()) {
          throw new InterruptedIOException("statement cancelled");
        }
        Thread.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry");
    }
  }
}
