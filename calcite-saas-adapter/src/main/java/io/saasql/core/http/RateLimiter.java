package io.saasql.core.http;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Response;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The proactive rate limit of a source: every attempt (retries included) takes a token from a
 * Bucket4j bucket of {@code requests} tokens refilled in full every {@code period} (and a
 * fiftieth) before it is sent, and waits for one when the bucket is empty, instead of earning a
 * 429. One bucket per quota (the API and the credentials), shared by every schema and connection
 * of the JVM that uses them. The bucket follows what the API reports: when a response says fewer
 * requests remain ({@code X-RateLimit-Remaining}, Salesforce's {@code Sforce-Limit-Info:
 * api-usage=used/limit}) than the bucket holds, the bucket gives up the difference, so that
 * requests made elsewhere with the same credentials are counted too.
 */
final class RateLimiter implements Interceptor {
  private static final ConcurrentMap<String, Bucket> BUCKETS = new ConcurrentHashMap<>();
  private static final Pattern SFORCE_USAGE = Pattern.compile("api-usage=(\\d+)/(\\d+)");
  /** The longest single sleep, so that a cancel is noticed soon. */
  private static final long MAX_SLEEP_NANOS = Duration.ofMillis(200).toNanos();

  private final RateLimit limit;
  private final String key;
  private final AtomicLong waitedNanos = new AtomicLong();

  /**
   * @param quota who the limit belongs to: the API and a hash of the credentials, so that schemas
   *              with the same credentials share one bucket and others do not
   */
  RateLimiter(RateLimit limit, String quota) {
    this.limit = limit;
    this.key = quota + "|" + limit;
  }

  /**
   * The quota's bucket, made at its first request: its periods then start when the API's window
   * does (an API counts from the first request it sees), and each is a fiftieth longer, so that
   * the next period's requests never reach the API before its window has ended.
   */
  private Bucket bucket() {
    return BUCKETS.computeIfAbsent(key, k -> Bucket.builder()
        .addLimit(l -> l.capacity(limit.requests())
            .refillIntervally(limit.requests(), limit.period().plus(limit.period().dividedBy(50))))
        .build());
  }

  /** Nanoseconds requests of this source spent waiting for a token. */
  long waitedNanos() {
    return waitedNanos.get();
  }

  @Override public Response intercept(Chain chain) throws IOException {
    CallContext ctx = chain.request().tag(CallContext.class);
    long start = System.nanoTime();
    while (true) {
      ConsumptionProbe probe = bucket().tryConsumeAndReturnRemaining(1);
      if (probe.isConsumed()) {
        break;
      }
      if (ctx != null && ctx.cancelled()) {
        throw new InterruptedIOException("statement cancelled");
      }
      try {
        java.util.concurrent.TimeUnit.NANOSECONDS.sleep(Math.min(MAX_SLEEP_NANOS,
            Math.max(1_000_000, probe.getNanosToWaitForRefill())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("statement cancelled");
      }
    }
    long waited = System.nanoTime() - start;
    if (waited >= 1_000_000) {
      waitedNanos.addAndGet(waited);
      if (ctx != null) {
        String note = "waited " + waited / 1_000_000 + " ms for the rate limit";
        ctx.note = ctx.note == null ? note : ctx.note + ", " + note;
      }
    }
    Response response = chain.proceed(chain.request());
    follow(response.headers());
    return response;
  }

  /** Gives up the tokens the API says are no longer there. */
  private void follow(Headers headers) {
    long remaining = -1;
    String header = headers.get("X-RateLimit-Remaining");
    if (header != null) {
      try {
        remaining = Long.parseLong(header.trim());
      } catch (NumberFormatException e) {
        return;
      }
    }
    String usage = headers.get("Sforce-Limit-Info");
    if (usage != null) {
      Matcher m = SFORCE_USAGE.matcher(usage);
      if (m.find()) {
        remaining = Long.parseLong(m.group(2)) - Long.parseLong(m.group(1));
      }
    }
    if (remaining >= 0) {
      Bucket bucket = bucket();
      long excess = bucket.getAvailableTokens() - remaining;
      if (excess > 0) {
        bucket.tryConsumeAsMuchAsPossible(excess);
      }
    }
  }
}
