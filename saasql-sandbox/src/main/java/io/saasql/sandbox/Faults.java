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
 *
 * <p>Two kinds of rate limit: {@link #rateLimitNext} refuses the next few requests whatever
 * came before (a one-shot fault), while {@link #enforceRateLimit} refuses every request beyond a
 * budget per time window, like a real API's quota, telling the client when the window ends.
 */
public final class Faults {

  private final AtomicInteger rateLimited = new AtomicInteger();
  private volatile int retryAfterSeconds = -1;
  private final AtomicInteger failing = new AtomicInteger();
  private volatile int failureStatus = 500;
  private volatile int failureRetryAfterSeconds = -1;
  private final AtomicInteger malformed = new AtomicInteger();
  private final AtomicReference<Duration> latency = new AtomicReference<>(Duration.ZERO);
  private final AtomicInteger writesBeforeFailure = new AtomicInteger(-1);
  private volatile int writeFailureStatus = 500;
  private final AtomicInteger stalledWrites = new AtomicInteger();
  private volatile Duration stall = Duration.ZERO;
  private final Object quotaLock = new Object();
  /** Requests allowed per window of an enforced rate limit; 0 when none is enforced. */
  private int quota;
  private long quotaWindowNanos;
  private long windowStartNanos;
  private int usedInWindow;

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

  /**
   * Enforces a rate limit until {@link #reset()}: at most {@code requests} requests are answered
   * per {@code window}, every further one gets the API's "too many requests" answer (HTTP 429)
   * with {@code Retry-After} set to the whole seconds left until the window ends (at least 1).
   * A window opens with the first request after the previous one ended; refused requests do not
   * count against it. Works alongside every other fault, after the latency and after {@link
   * #rateLimitNext}.
   */
  public void enforceRateLimit(int requests, Duration window) {
    if (requests < 1) {
      throw new IllegalArgumentException("a rate limit needs at least one request: " + requests);
    }
    Objects.requireNonNull(window, "window");
    if (window.compareTo(Duration.ofMillis(1)) < 0) {
      throw new IllegalArgumentException("window too short: " + window);
    }
    synchronized (quotaLock) {
      quota = requests;
      quotaWindowNanos = window.toNanos();
      usedInWindow = 0;
      windowStartNanos = System.nanoTime() - quotaWindowNanos; // the next request opens a window
    }
  }

  /** The next {@code n} requests get {@code httpStatus} with the API's error body. */
  public void failNext(int n, int httpStatus) {
    failNext(n, httpStatus, -1);
  }

  /**
   * The next {@code n} requests get {@code httpStatus} with the API's error body and, when
   * {@code retryAfterSeconds} is zero or more, a {@code Retry-After} header (a 503 with
   * {@code Retry-After: 0} is what some HTTP clients repeat by themselves).
   */
  public void failNext(int n, int httpStatus, int retryAfterSeconds) {
    checkCount(n);
    this.failureRetryAfterSeconds = retryAfterSeconds;
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

  /**
   * After {@code n} more successful writes (creates, updates, deletes), every further write fails
   * with {@code httpStatus} and the API's error body, until {@link #reset()}. Reads are not
   * affected.
   */
  public void failWritesAfter(int n, int httpStatus) {
    checkCount(n);
    if (httpStatus < 400 || httpStatus > 599) {
      throw new IllegalArgumentException("not an error status: " + httpStatus);
    }
    this.writeFailureStatus = httpStatus;
    writesBeforeFailure.set(n);
  }

  /**
   * The next {@code n} writes are carried out, then their answer is held back for {@code stall}:
   * a client with a shorter timeout sees a timeout although the write happened (the hard case).
   */
  public void applyThenStallNext(int n, Duration stall) {
    checkCount(n);
    Objects.requireNonNull(stall, "stall");
    this.stall = stall;
    stalledWrites.set(n);
  }

  /** Disarms every fault. */
  public void reset() {
    writesBeforeFailure.set(-1);
    writeFailureStatus = 500;
    stalledWrites.set(0);
    stall = Duration.ZERO;
    rateLimited.set(0);
    failing.set(0);
    malformed.set(0);
    retryAfterSeconds = -1;
    failureStatus = 500;
    failureRetryAfterSeconds = -1;
    latency.set(Duration.ZERO);
    synchronized (quotaLock) {
      quota = 0;
      usedInWindow = 0;
    }
  }

  Duration latency() {
    return latency.get();
  }

  /** Consumes one armed rate limit; returns the Retry-After seconds, or null when none is armed. */
  Integer takeRateLimit() {
    return take(rateLimited) ? retryAfterSeconds : null;
  }

  /**
   * Counts one request against the enforced rate limit; returns the Retry-After seconds when it
   * is over the limit (and must be refused), or null when it may be answered.
   */
  Integer admit() {
    synchronized (quotaLock) {
      if (quota == 0) {
        return null;
      }
      long now = System.nanoTime();
      if (now - windowStartNanos >= quotaWindowNanos) {
        windowStartNanos = now;
        usedInWindow = 0;
      }
      if (usedInWindow < quota) {
        usedInWindow++;
        return null;
      }
      long left = windowStartNanos + quotaWindowNanos - now;
      return (int) Math.max(1, (left + 999_999_999L) / 1_000_000_000L);
    }
  }

  /** The Retry-After seconds of armed failures; negative for none. */
  int failureRetryAfterSeconds() {
    return failureRetryAfterSeconds;
  }

  /** Consumes one armed failure; returns its status, or null when none is armed. */
  Integer takeFailure() {
    return take(failing) ? failureStatus : null;
  }

  boolean takeMalformed() {
    return take(malformed);
  }

  /** For a write about to be handled: the status it must fail with, or null to handle it. */
  Integer writeFailure() {
    return writesBeforeFailure.get() == 0 ? writeFailureStatus : null;
  }

  /** Counts a write that was handled successfully. */
  void writeSucceeded() {
    writesBeforeFailure.getAndUpdate(left -> left > 0 ? left - 1 : left);
  }

  /** Consumes one armed stall; returns how long to hold the answer back, or null. */
  Duration takeStall() {
    return take(stalledWrites) ? stall : null;
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
