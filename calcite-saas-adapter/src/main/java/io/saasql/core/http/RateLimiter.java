package io.saasql.core.http;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import com.google.common.hash.Hashing;
import org.apache.calcite.adapter.jdbc.JdbcSchema;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Response;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The proactive rate limit of a source: every attempt (retries included) takes a token from a
 * Bucket4j bucket before it is sent (see {@link #bandwidth}), and waits for one when the bucket is
 * empty, instead of earning a 429. One bucket per quota (the API and the credentials), shared by
 * every schema and connection of the JVM that uses them (and of every process, with a store).
 * The bucket follows what the API reports: when a response says fewer requests remain
 * ({@code X-RateLimit-Remaining}, Salesforce's {@code Sforce-Limit-Info: api-usage=used/limit})
 * than the bucket holds, the bucket gives up the difference, so that requests made elsewhere with
 * the same credentials are counted too.
 */
final class RateLimiter implements Interceptor {
  private static final ConcurrentMap<String, Bucket> BUCKETS = new ConcurrentHashMap<>();
  /** The longest single sleep, so that a cancel is noticed soon. */
  private static final long MAX_SLEEP_NANOS = Duration.ofMillis(200).toNanos();

  /** The budgets kept in Postgres, by JDBC URL. */
  private static final ConcurrentMap<String, ProxyManager<String>> STORES =
      new ConcurrentHashMap<>();
  /** The table of the budgets kept in Postgres (made when missing). */
  static final String STORE_TABLE = "saasql_rate_limits";

  private final RateLimit limit;
  private final String key;
  private final String store;
  private final String source;
  private final SourceUsage usage;

  /**
   * @param quota  who the limit belongs to: the API and a hash of the credentials, so that
   *               schemas with the same credentials share one bucket and others do not
   * @param store  a Postgres JDBC URL that keeps the bucket for every process, or null
   * @param source the schema, for error messages
   * @param usage  where the time spent waiting is counted
   */
  RateLimiter(RateLimit limit, String quota, String store, String source, SourceUsage usage) {
    this.usage = usage;
    this.limit = limit;
    this.key = Hashing.sha256().hashString(quota + "|" + limit, StandardCharsets.UTF_8)
        .toString();
    this.store = store;
    this.source = source;
  }

  /**
   * The quota's bucket. With a store, the bucket is a row of {@value #STORE_TABLE} that every
   * process updates under a row lock ({@code SELECT … FOR UPDATE} in a transaction: a process that
   * dies leaves nothing locked).
   */
  private Bucket bucket() {
    if (store == null) {
      return BUCKETS.computeIfAbsent(key, k -> Bucket.builder().addLimit(bandwidth()).build());
    }
    return STORES.computeIfAbsent(store, RateLimiter::proxyManager).builder()
        .build(key, () -> BucketConfiguration.builder().addLimit(bandwidth()).build());
  }

  /**
   * N requests per period P, whatever window the API counts in (fixed, rolling, or opened by the
   * first request): a burst of B = N/50 (at least 1), and the other N − B refilled evenly over P
   * (and a hundredth, for the network's jitter). Any stretch of P then holds at most
   * B + (N − B) = N requests; a long run of requests takes about (N/(N − B)) of the quota's own
   * time, 2 % more.
   */
  private Bandwidth bandwidth() {
    long burst = Math.max(1, limit.requests() / 50);
    long even = Math.max(1, limit.requests() - burst);
    return Bandwidth.builder().capacity(burst)
        .refillGreedy(even, limit.period().plus(limit.period().dividedBy(100)))
        .build();
  }

  private static ProxyManager<String> proxyManager(String url) {
    DataSource ds = JdbcSchema.dataSource(url, "org.postgresql.Driver", null, null);
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS " + STORE_TABLE + " (id varchar(64) PRIMARY KEY,"
          + " state bytea, expires_at bigint)");
    } catch (SQLException e) {
      if (!"23505".equals(e.getSQLState())) { // two processes made it at once
        throw new IllegalStateException(e.getMessage(), e);
      }
    }
    return Bucket4jPostgreSQL.selectForUpdateBasedBuilder(ds)
        .primaryKeyMapper(PrimaryKeyMapper.STRING).table(STORE_TABLE).build();
  }

  @Override public Response intercept(Chain chain) throws IOException {
    CallContext ctx = chain.request().tag(CallContext.class);
    long start = System.nanoTime();
    while (true) {
      ConsumptionProbe probe;
      try {
        probe = bucket().tryConsumeAndReturnRemaining(1);
      } catch (RuntimeException e) {
        throw new IOException("the rate limit store of " + source + " (rateLimitStore) cannot be"
            + " used: " + storeProblem(e) + ". Check that its Postgres is reachable and the"
            + " user may create and update table " + STORE_TABLE + ".", e);
      }
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
      usage.waited(waited);
      if (ctx != null) {
        String note = "waited " + waited / 1_000_000 + " ms for the rate limit";
        ctx.note = ctx.note == null ? note : ctx.note + ", " + note;
      }
    }
    Response response = chain.proceed(chain.request());
    follow(response.headers());
    return response;
  }

  /** What went wrong with the store, without its URL (which may carry a password). */
  private String storeProblem(RuntimeException e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = String.valueOf(t.getMessage());
    return store == null ? message : message.replace(store, "(rateLimitStore)");
  }

  /** Gives up the tokens the API says are no longer there. */
  private void follow(Headers headers) throws IOException {
    long remaining = CallRecorder.quotaLeft(headers);
    if (remaining >= 0) {
      try {
        Bucket bucket = bucket();
        long excess = bucket.getAvailableTokens() - remaining;
        if (excess > 0) {
          bucket.tryConsumeAsMuchAsPossible(excess);
        }
      } catch (RuntimeException e) {
        throw new IOException("the rate limit store of " + source + " cannot be used: "
            + storeProblem(e), e);
      }
    }
  }
}
