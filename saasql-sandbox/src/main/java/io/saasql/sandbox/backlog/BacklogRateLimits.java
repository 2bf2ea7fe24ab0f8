package io.saasql.sandbox.backlog;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Backlog's per-minute rate-limit buckets (read 600, update 150, search 150, icon 60). Each
 * request counts down its bucket; a bucket refills at the start of every minute. The sandbox only
 * reports the count in the {@code X-RateLimit-*} headers and never refuses on its own: a 429 is
 * produced by {@link io.saasql.sandbox.Faults#rateLimitNext}.
 */
final class BacklogRateLimits {

  /** The state of one bucket as reported in headers and by {@code GET /rateLimit}. */
  record Snapshot(int limit, int remaining, long reset) {}

  private static final class Bucket {
    final int limit;
    long windowStart = Long.MIN_VALUE;
    int used;

    Bucket(int limit) {
      this.limit = limit;
    }
  }

  private final Clock clock;
  private final Map<String, Bucket> buckets = new LinkedHashMap<>();

  BacklogRateLimits(Clock clock) {
    this.clock = clock;
    buckets.put("read", new Bucket(600));
    buckets.put("update", new Bucket(150));
    buckets.put("search", new Bucket(150));
    buckets.put("icon", new Bucket(60));
  }

  /** Counts one request against a bucket and returns its state afterwards. */
  synchronized Snapshot consume(String bucketName) {
    Bucket bucket = roll(bucketName);
    bucket.used++;
    return snapshot(bucket);
  }

  /** The state of a bucket without counting. */
  synchronized Snapshot peek(String bucketName) {
    return snapshot(roll(bucketName));
  }

  /** The body of {@code GET /rateLimit}. */
  synchronized ObjectNode toJson() {
    ObjectNode limits = JsonNodeFactory.instance.objectNode();
    ObjectNode inner = limits.putObject("rateLimit");
    for (String name : buckets.keySet()) {
      Snapshot s = snapshot(roll(name));
      ObjectNode b = inner.putObject(name);
      b.put("limit", s.limit());
      b.put("remaining", s.remaining());
      b.put("reset", s.reset());
    }
    return limits;
  }

  private Bucket roll(String bucketName) {
    Bucket bucket = buckets.get(bucketName);
    if (bucket == null) {
      throw new IllegalArgumentException("no rate-limit bucket " + bucketName);
    }
    long minute = clock.millis() / 60_000L * 60L;
    if (minute != bucket.windowStart) {
      bucket.windowStart = minute;
      bucket.used = 0;
    }
    return bucket;
  }

  private static Snapshot snapshot(Bucket bucket) {
    return new Snapshot(
        bucket.limit, Math.max(0, bucket.limit - bucket.used), bucket.windowStart + 60L);
  }
}
