package io.saasql.sandbox.bitbucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.saasql.sandbox.RecordedRequest;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The base's write faults on the issue write routes: failing writes after N successes, and a write
 * applied whose answer is held back past the client's timeout. Token requests and reads are not
 * writes. One sandbox for the class; expectations are relative to its state.
 */
class BitbucketWriteFaultsTest {
  private static final String ISSUES = "/repositories/acme/web/issues";
  private static final Duration STALL = Duration.ofMillis(1500);

  private static BitbucketSandbox sandbox;
  private static BitbucketClient client;

  @BeforeAll
  static void start() {
    sandbox = new BitbucketSandbox().start();
    client = new BitbucketClient(sandbox);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @BeforeEach
  void clean() {
    sandbox.clearRequests();
  }

  @AfterEach
  void reset() {
    sandbox.faults().reset();
  }

  private static int token() {
    return BitbucketClient.token(
            sandbox, BitbucketClient.basic(sandbox.clientId(), sandbox.clientSecret()),
            "grant_type", "client_credentials")
        .status();
  }

  @Test
  void writesFailAfterNSuccessesWithBitbucketsErrorBodyAndAreNotApplied() {
    long last = sandbox.lastIssueId("acme", "web");
    sandbox.faults().failWritesAfter(2, 503);

    assertThat(token()).as("the token endpoint is not a write").isEqualTo(200);
    assertThat(client.get(ISSUES + "/1").status()).isEqualTo(200);
    assertThat(client.json("POST", ISSUES, "{}").status()).as("a rejected write is no success").isEqualTo(400);
    JsonNode created = client.json("POST", ISSUES, "{\"title\":\"one\"}").json();
    assertThat(created.get("id").asLong()).isEqualTo(last + 1);
    assertThat(client.json("PUT", ISSUES + "/" + (last + 1), "{\"kind\":\"task\"}").status()).isEqualTo(200);

    BitbucketClient.Answer failed = client.send("DELETE", ISSUES + "/" + (last + 1), null, null);
    assertThat(failed.status()).isEqualTo(503);
    assertThat(failed.json().get("type").asText()).isEqualTo("error");
    assertThat(failed.message()).isEqualTo("Something went wrong");
    assertThat(failed.json().at("/error/id").asText()).matches("[0-9a-f]{32}");
    assertThat(sandbox.issue("acme", "web", (int) last + 1)).isNotNull();
    assertThat(client.json("POST", ISSUES, "{\"title\":\"two\"}").status()).isEqualTo(503);
    assertThat(client.json("PUT", ISSUES + "/1", "{\"title\":\"changed\"}").status()).isEqualTo(503);
    assertThat(sandbox.lastIssueId("acme", "web")).isEqualTo(last + 1);
    assertThat(sandbox.issue("acme", "web", 1).get("title").asText()).isNotEqualTo("changed");

    // reads and tokens go on working; writes keep failing until reset
    assertThat(client.get(ISSUES).status()).isEqualTo(200);
    assertThat(token()).isEqualTo(200);
    assertThat(client.json("POST", ISSUES, "{\"title\":\"three\"}").status()).isEqualTo(503);
    assertThat(sandbox.requests()).extracting(RecordedRequest::status)
        .containsExactly(200, 200, 400, 201, 200, 503, 503, 503, 200, 200, 503);

    sandbox.faults().reset();
    assertThat(client.json("POST", ISSUES, "{\"title\":\"four\"}").json().get("id").asLong()).isEqualTo(last + 2);
  }

  @Test
  void failingAtOnceWithOtherStatuses() {
    sandbox.faults().failWritesAfter(0, 429);
    BitbucketClient.Answer limited = client.json("POST", ISSUES, "{\"title\":\"x\"}");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.body())
        .isEqualTo("{\"type\":\"error\",\"error\":{\"message\":\"Rate limit for this resource has been exceeded\"}}");
    assertThat(limited.headers().get("Retry-After")).isNull();
    assertThat(token()).isEqualTo(200);

    sandbox.faults().failWritesAfter(0, 500);
    assertThat(client.send("DELETE", ISSUES + "/2", null, null).status()).isEqualTo(500);
    assertThat(sandbox.issue("acme", "web", 2)).isNotNull();
    sandbox.faults().failWritesAfter(0, 403);
    assertThat(client.json("PUT", ISSUES + "/2", "{}").body())
        .isEqualTo("{\"type\":\"error\",\"error\":{\"message\":\"Forbidden\"}}");
  }

  @Test
  void aStalledWriteIsAppliedAlthoughTheClientTimesOut() {
    BitbucketClient impatient = client.withReadTimeout(Duration.ofMillis(300));
    long last = sandbox.lastIssueId("acme", "web");
    sandbox.faults().applyThenStallNext(1, STALL);

    // neither a token request nor a rejected write takes the stall
    long started = System.nanoTime();
    assertThat(token()).isEqualTo(200);
    assertThat(client.json("POST", ISSUES, "{\"title\":\"\"}").status()).isEqualTo(400);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(STALL);

    assertThatThrownBy(() -> impatient.json("POST", ISSUES, "{\"title\":\"Timed out but created\"}"))
        .isInstanceOf(UncheckedIOException.class)
        .hasCauseInstanceOf(InterruptedIOException.class);
    await(() -> sandbox.issue("acme", "web", (int) last + 1) != null);
    assertThat(sandbox.issue("acme", "web", (int) last + 1).get("title").asText()).isEqualTo("Timed out but created");
    assertThat(client.get(ISSUES + "/" + (last + 1)).status()).isEqualTo(200);
    // the next write is answered at once
    started = System.nanoTime();
    assertThat(client.json("POST", ISSUES, "{\"title\":\"Answered\"}").json().get("id").asLong()).isEqualTo(last + 2);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(STALL);

    sandbox.faults().applyThenStallNext(2, STALL);
    assertThatThrownBy(() -> impatient.json("PUT", ISSUES + "/" + (last + 2), "{\"state\":\"closed\"}"))
        .hasCauseInstanceOf(InterruptedIOException.class);
    assertThatThrownBy(() -> impatient.send("DELETE", ISSUES + "/" + (last + 1), null, null))
        .hasCauseInstanceOf(InterruptedIOException.class);
    await(() -> sandbox.deletedIssueIds("acme", "web").contains(last + 1));
    assertThat(sandbox.issue("acme", "web", (int) last + 2).get("state").asText()).isEqualTo("closed");
    assertThat(client.get(ISSUES + "/" + (last + 1)).status()).isEqualTo(410);
    List<RecordedRequest> writes = sandbox.requests().stream().filter(r -> !r.method().equals("GET")).toList();
    assertThat(writes).extracting(RecordedRequest::describe).contains(
        "PUT /2.0/repositories/acme/web/issues/" + (last + 2),
        "DELETE /2.0/repositories/acme/web/issues/" + (last + 1));
  }

  /** Waits up to a second: the write is applied before the stall, but on the server's thread. */
  private static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition not met within a second").isLessThan(deadline);
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
