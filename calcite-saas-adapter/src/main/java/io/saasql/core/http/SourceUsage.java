package io.saasql.core.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What one source's client has spent of its API since the process started: requests sent
 * (every attempt), those answered 429, time requests waited for the rate limit, responses served
 * from the cache, and the quota left as the API last reported it. Read by the system table
 * {@code saasql.API_USAGE}.
 */
public final class SourceUsage {
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong rateLimited = new AtomicLong();
  private final AtomicLong waitedNanos = new AtomicLong();
  private final AtomicLong cacheHits = new AtomicLong();
  private volatile long quotaLeft = -1;

  void sent(int status) {
    requests.incrementAndGet();
    if (status == 429) {
      rateLimited.incrementAndGet();
    }
  }

  void waited(long nanos) {
    waitedNanos.addAndGet(nanos);
  }

  void cacheHit() {
    cacheHits.incrementAndGet();
  }

  void quotaLeft(long left) {
    quotaLeft = left;
  }

  /** Requests sent to the API, every attempt counted. */
  public long requests() {
    return requests.get();
  }

  /** Of those, answered 429 (too many requests). */
  public long rateLimited() {
    return rateLimited.get();
  }

  /** Milliseconds requests waited for the proactive rate limit. */
  public long waitedMillis() {
    return waitedNanos.get() / 1_000_000;
  }

  /** Responses served from the cache, with no request. */
  public long cacheHits() {
    return cacheHits.get();
  }

  /** The requests left as the API last reported them; null when it never did. */
  public Long quotaLeft() {
    long left = quotaLeft;
    return left < 0 ? null : left;
  }
}
