package io.saasql.sandbox.bitbucket;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Bitbucket's rolling-hour request count for the {@code api} resource group (the {@code
 * /2.0/repositories/*} family), base limit 1,000 requests per hour. Only requests made with an
 * access token are counted and reported, as only those get the {@code X-RateLimit-*} headers. The
 * sandbox never refuses on its own: a 429 is produced by {@link
 * io.saasql.sandbox.Faults#rateLimitNext}.
 */
final class BitbucketRateLimits {
  static final int LIMIT = 1000;
  static final String RESOURCE = "api";
  private static final long HOUR_MILLIS = 3_600_000L;

  /** The state after one request: the hourly limit and the requests counted in the last hour. */
  record Snapshot(int limit, int used) {
    /** True once less than a fifth of the hourly budget is left. */
    boolean nearLimit() {
      return (limit - used) * 5 < limit;
    }
  }

  private final Clock clock;
  private final Deque<Long> times = new ArrayDeque<>();

  BitbucketRateLimits(Clock clock) {
    this.clock = clock;
  }

  /** Counts one request and returns the state afterwards. */
  synchronized Snapshot consume() {
    long now = clock.millis();
    while (!times.isEmpty() && times.peekFirst() <= now - HOUR_MILLIS) {
      times.removeFirst();
    }
    times.addLast(now);
    return new Snapshot(LIMIT, times.size());
  }
}
