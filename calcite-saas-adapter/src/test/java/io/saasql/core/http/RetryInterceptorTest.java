package io.saasql.core.http;

import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** How long a retry waits, from the response's rate-limit headers. */
class RetryInterceptorTest {
  private static Response response(int code, String... headers) {
    Response.Builder b = new Response.Builder().request(new Request.Builder()
        .url("http://127.0.0.1/x").build()).protocol(Protocol.HTTP_1_1).code(code).message("m");
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return b.build();
  }

  @Test void retryAfterSecondsWins() {
    assertThat(RetryInterceptor.waitFor(response(429, "Retry-After", "3",
        "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "0"), 1)).isEqualTo(Duration.ofSeconds(3));
  }

  @Test void rateLimitResetIsUsedWhenNothingRemains() {
    long reset = System.currentTimeMillis() / 1000 + 10;
    Duration d = RetryInterceptor.waitFor(response(429, "X-RateLimit-Remaining", "0",
        "X-RateLimit-Reset", Long.toString(reset)), 1);
    assertThat(d).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(11));
  }

  @Test void otherwiseExponentialBackoff() {
    assertThat(RetryInterceptor.waitFor(response(503), 1)).isBetween(
        Duration.ofMillis(500), Duration.ofMillis(626));
    assertThat(RetryInterceptor.waitFor(response(503), 3)).isBetween(
        Duration.ofMillis(2000), Duration.ofMillis(2501));
  }
}
