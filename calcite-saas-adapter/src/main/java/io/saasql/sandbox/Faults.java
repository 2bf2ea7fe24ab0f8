package io.saasql.sandbox;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Switchable faults of one {@link SandboxServer}: rate limiting, server errors, slow answers and
 * malformed bodies. Thread-safe; every switch counts requests as they arrive, whatever their
 * route or credentials. When several are armed, a rate limit wins over a failure, which wins over
 * a malformed body.
 */
public final class Faults {

  private final AtomicInteger rateLimited = new AtomicInteger();
  private volatile int retryAfterSeconds = -1;
  private final AtomicInteger failing = new AtomicInteger();
  private volatile int failureStatus = 500;
  private final AtomicInteger malformed = new AtomicInteger();
  private final AtomicReference<Duration> latency = new AtomicReference<>(Duration.ZERO);

  /**
   * The next {@code n} requests get the API's "too many requests" answer (HTTP 429). A {@code
   * Retry-After} header with {@code retryAfterSeconds} is sent when that is zero or more; a
   * negative value sends none.
   */
  public void rateLimitNext(int n, int retryAfterSeconds) {
    checkCount(n);
    this.retryAfterSeconds = retryAfterSeconds;
    rateLimited.set(n);
  }

  /** The next {@code n} requests get {@code httpStatus} with the API's error body. */
  public void failNext(int n, int httpStatus) {
    checkCount(n);
    if (httpStatus < 400 || httpStatus > 599) {
      throw new IllegalArgumentException("not an error status: " + httpStatus);
    }
    this.failureStatus = httpStatus;
    failing.set(n);
  }

  /** Sleep this long before answering each request; zero (the default) answers at once. */
  public void latency(Duration perRequest) {
    Objects.requireNonNull(perRequest, "perRequest");
    if (perRequest.isNegative()) {
      throw new IllegalArgumentException("negative latency: " + perRequest);
    }
    latency.set(perRequest);
  }

  /**
   * The next {@code n} requests are handled as usual but answered with status 200 and only the
   * first half of the body, which is never valid JSON.
   */
  public void malformedNext(int n) {
    checkCount(n);
    malformed.set(n);
  }

  /** Disarms every fault. */
  public void reset() {
    rateLimited.set(0);
    failing.set(0);
    malformed.set(0);
    retryAfterSeconds = -1;
    failureStatus = 500;
    latency.set(Duration.ZERO);
  }

  Duration latency() {
    return latency.get();
  }

  /** Consumes one armed rate limit; returns the Retry-After seconds, or null when none is armed. */
  Integer takeRateLimit() {
    return take(rateLimited) ? retryAfterSeconds : null;
  }

  /** Consumes one armed failure; returns its status, or null when none is armed. */
  Integer takeFailure() {
    return take(failing) ? failureStatus : null;
  }

  boolean takeMalformed() {
    return take(malformed);
  }

  private static boolean take(AtomicInteger counter) {
    return counter.getAndUpdate(left -> left > 0 ? left - 1 : 0) > 0;
  }

  private static void checkCount(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("negative count: " + n);
    }
  }
}
