package io.saasql.core.http;

import io.saasql.sandbox.RecordedRequest;
import io.saasql.testing.TestSources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The proactive rate limit ({@code rateLimit} operand): against a sandbox that enforces the same
 * limit, a scan of many requests at the same time earns no 429, returns every row once, and takes
 * about the quota's own floor; without the operand the same scan is refused and waits.
 */
class RateLimitTest {
  private static final int LIMIT = 8;
  private static final Duration WINDOW = Duration.ofSeconds(1);

  @AfterEach void reset() {
    TestSources.backlog().faults().reset();
    TestSources.backlog().clearRequests();
  }

  private static String model(String rateLimit) {
    System.setProperty("BACKLOG_API_KEY", TestSources.backlog().apiKey());
    return "{\"version\":\"1.0\",\"schemas\":[" + TestSources.backlogSchema("backlog",
        TestSources.backlog().baseUrl(), "BACKLOG_API_KEY", true,
        ",\"rateLimit\":\"" + rateLimit + "\",\"maxRetries\":\"10\"") + "]}";
  }

  /** The scan's rows and the requests the sandbox saw, under the enforced limit. */
  private static List<RecordedRequest> scan(String rateLimit, long[] millis) throws Exception {
    try (Connection c = TestSources.connect(model(rateLimit))) {
      TestSources.backlog().faults().enforceRateLimit(LIMIT, WINDOW);
      TestSources.backlog().clearRequests();
      long t0 = System.nanoTime();
      List<List<Object>> rows = TestSources.rows(c, "SELECT Id, Summary FROM backlog.Issues");
      millis[0] = (System.nanoTime() - t0) / 1_000_000;
      int n = TestSources.backlog().issues().size();
      assertThat(rows).hasSize(n);
      assertThat(rows.stream().map(r -> r.get(0)).distinct().count()).isEqualTo(n);
      return TestSources.backlog().requests();
    }
  }

  @Test void requestsWaitForTheirTurnInsteadOfEarning429() throws Exception {
    long[] millis = new long[1];
    List<RecordedRequest> sent = scan(LIMIT + "/1s", millis);
    assertThat(sent).hasSizeGreaterThan(3 * LIMIT)
        .noneMatch(r -> r.status() == 429);
    // The quota's floor: the windows the requests need, one after another.
    long windows = (sent.size() + LIMIT - 1) / LIMIT;
    assertThat(millis[0]).isGreaterThanOrEqualTo((windows - 1) * WINDOW.toMillis());
  }

  @Test void withoutTheOperandTheSameScanIsRefused() throws Exception {
    List<RecordedRequest> sent = scan("none", new long[1]);
    assertThat(sent).anyMatch(r -> r.status() == 429);
  }

  @Test void theRateLimitIsParsedAndWrittenBack() {
    assertThat(RateLimit.parse("s", "rateLimit", "150/1m"))
        .isEqualTo(new RateLimit(150, Duration.ofMinutes(1)));
    assertThat(RateLimit.parse("s", "rateLimit", "600/m").toString()).isEqualTo("600/1m");
    assertThat(RateLimit.parse("s", "rateLimit", " 180 / 10s ").toString()).isEqualTo("180/10s");
    assertThat(RateLimit.parse("s", "rateLimit", "1000/1h").period()).isEqualTo(
        Duration.ofHours(1));
    assertThat(RateLimit.parse("s", "rateLimit", "none")).isNull();
    assertThatThrownBy(() -> RateLimit.parse("s", "rateLimit", "0/1m"))
        .hasMessageContaining("Schema 's': operand 'rateLimit' must be requests per period");
    assertThatThrownBy(() -> RateLimit.parse("s", "rateLimit", "10 per minute"))
        .hasMessageContaining("not '10 per minute'");
  }
}
