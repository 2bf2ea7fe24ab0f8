package io.saasql.sandbox.pingone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.saasql.sandbox.RecordedRequest;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The base's write faults on PingOne's write routes; the token endpoint is not a write. */
class PingOneWriteFaultsTest {
  private static final String ADMINS = "Administrators";
  private static final AtomicInteger NEXT = new AtomicInteger();

  private static PingOneSandbox sandbox;
  private static PingOneClient client;
  private static String token;
  private static String users;

  @BeforeAll
  static void start() {
    sandbox = new PingOneSandbox().start();
    client = new PingOneClient(sandbox);
    token = client.token(ADMINS);
    users = "/environments/" + sandbox.environmentId(ADMINS) + "/users";
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @BeforeEach
  void clean() {
    sandbox.faults().reset();
    sandbox.clearRequests();
  }

  private static String newUser() {
    String username = "faulty" + NEXT.incrementAndGet();
    return "{\"username\":\"" + username + "\",\"email\":\"" + username + "@example.org\"}";
  }

  private static String usernameOf(String body) {
    return body.substring(13, body.indexOf('"', 13));
  }

  @Test
  void failWritesAfterLetsNWritesThroughThenFailsEveryWriteUntilReset() {
    String seeded = users + "/" + sandbox.users(ADMINS).get(1).get("id").asText();
    int before = sandbox.userCount(ADMINS);
    sandbox.faults().failWritesAfter(2, 503);

    String first = newUser();
    JsonNode created = client.json(token, "POST", users, first).json();
    String createdPath = users + "/" + created.get("id").asText();
    assertThat(client.json(token, "PATCH", createdPath, "{\"title\":\"T1\"}").status()).isEqualTo(200);

    // every further write fails with PingOne's error body and changes nothing
    String second = newUser();
    PingOneClient.Answer post = client.json(token, "POST", users, second);
    assertThat(post.status()).isEqualTo(503);
    assertThat(post.json().fieldNames()).toIterable().containsExactly("id", "code", "message");
    assertThat(post.json().get("code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
    assertThat(client.json(token, "PATCH", createdPath, "{\"title\":\"T2\"}").status()).isEqualTo(503);
    assertThat(client.json(token, "PUT", createdPath, first).status()).isEqualTo(503);
    assertThat(client.json(token, "DELETE", seeded, (String) null).status()).isEqualTo(503);
    assertThat(client.json(token, "PUT", createdPath + "/enabled", "{\"enabled\":false}").status())
        .isEqualTo(503);
    // even an invalid write: the fault answers before the route
    assertThat(client.json(token, "POST", users, "{}").status()).isEqualTo(503);
    assertThat(sandbox.userCount(ADMINS)).isEqualTo(before + 1);
    assertThat(sandbox.userByUsername(ADMINS, usernameOf(second))).isEmpty();
    assertThat(sandbox.user(ADMINS, created.get("id").asText()).get("title").asText()).isEqualTo("T1");
    assertThat(sandbox.user(ADMINS, created.get("id").asText()).get("enabled").asBoolean()).isTrue();

    // reads and tokens are not writes: unaffected
    assertThat(client.get(token, seeded).status()).isEqualTo(200);
    assertThat(client.get(token, users, "limit", "1").status()).isEqualTo(200);
    assertThat(client.tokenByBasic(ADMINS, sandbox.clientSecret(ADMINS)).status()).isEqualTo(200);
    assertThat(sandbox.requests())
        .extracting(RecordedRequest::method, RecordedRequest::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("POST", 201),
            org.assertj.core.groups.Tuple.tuple("PATCH", 200),
            org.assertj.core.groups.Tuple.tuple("POST", 503),
            org.assertj.core.groups.Tuple.tuple("PATCH", 503),
            org.assertj.core.groups.Tuple.tuple("PUT", 503),
            org.assertj.core.groups.Tuple.tuple("DELETE", 503),
            org.assertj.core.groups.Tuple.tuple("PUT", 503),
            org.assertj.core.groups.Tuple.tuple("POST", 503),
            org.assertj.core.groups.Tuple.tuple("GET", 200),
            org.assertj.core.groups.Tuple.tuple("GET", 200),
            org.assertj.core.groups.Tuple.tuple("POST", 200));

    sandbox.faults().reset();
    assertThat(client.json(token, "POST", users, second).status()).isEqualTo(201);
  }

  @Test
  void failWritesAfterUsesTheStatusGivenAndCountsOnlySuccessfulWrites() {
    sandbox.faults().failWritesAfter(1, 500);
    // a rejected write (400, 404, 409) is not a success: it does not use up the allowance
    assertThat(client.json(token, "POST", users, "{}").status()).isEqualTo(400);
    assertThat(client.json(token, "DELETE", users + "/" + java.util.UUID.randomUUID(), (String) null)
        .status()).isEqualTo(404);
    assertThat(client.json(token, "POST", users, "{\"username\":\"cobrien\",\"email\":\"c@o.ie\"}")
        .status()).isEqualTo(409);
    // token requests neither count nor fail
    for (int i = 0; i < 3; i++) {
      assertThat(client.tokenByBasic(ADMINS, sandbox.clientSecret(ADMINS)).status()).isEqualTo(200);
    }
    assertThat(client.json(token, "POST", users, newUser()).status()).isEqualTo(201);
    PingOneClient.Answer failed = client.json(token, "POST", users, newUser());
    assertThat(failed.status()).isEqualTo(500);
    assertThat(failed.json().get("code").asText()).isEqualTo("UNEXPECTED_SERVER_ERROR");

    sandbox.faults().failWritesAfter(0, 409);
    PingOneClient.Answer conflict = client.json(token, "POST", users, newUser());
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.json().get("code").asText()).isEqualTo("UNIQUENESS_VIOLATION");
    sandbox.faults().failWritesAfter(0, 429);
    assertThat(client.json(token, "POST", users, newUser()).json().get("code").asText())
        .isEqualTo("REQUEST_LIMITED");
    assertThat(client.tokenByBasic(ADMINS, sandbox.clientSecret(ADMINS)).status()).isEqualTo(200);
  }

  @Test
  void applyThenStallAppliesTheWriteButAShortTimeoutSeesNoAnswer() {
    OkHttpClient impatient =
        new OkHttpClient.Builder().readTimeout(300, TimeUnit.MILLISECONDS).build();
    try {
      sandbox.faults().applyThenStallNext(1, Duration.ofMillis(1500));
      // the token endpoint is not a write: it is answered at once and does not take the stall
      long start = System.nanoTime();
      assertThat(client.tokenByBasic(ADMINS, sandbox.clientSecret(ADMINS)).status()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1000));

      String body = newUser();
      assertThatThrownBy(() -> client.send(impatient, token, "POST", users, "application/json", body))
          .isInstanceOf(UncheckedIOException.class)
          .hasCauseInstanceOf(SocketTimeoutException.class);
      // the user was created all the same
      assertThat(sandbox.userByUsername(ADMINS, usernameOf(body))).isPresent();
      String id = sandbox.userByUsername(ADMINS, usernameOf(body)).get().get("id").asText();
      assertThat(client.get(token, users + "/" + id).status()).isEqualTo(200);

      // only the next write stalled: a retry is answered at once, and sees the user exists
      PingOneClient.Answer retry = client.send(impatient, token, "POST", users, "application/json", body);
      assertThat(retry.status()).isEqualTo(409);

      // a stalled delete is applied too
      sandbox.faults().applyThenStallNext(1, Duration.ofMillis(1500));
      assertThatThrownBy(
              () -> client.send(impatient, token, "DELETE", users + "/" + id, null, null))
          .hasCauseInstanceOf(SocketTimeoutException.class);
      assertThat(sandbox.user(ADMINS, id)).isNull();
      // a failed write does not take the stall
      sandbox.faults().applyThenStallNext(1, Duration.ofMillis(1500));
      assertThat(client.send(impatient, token, "POST", users, "application/json", "{}").status())
          .isEqualTo(400);
      assertThatThrownBy(
              () -> client.send(impatient, token, "PATCH", users + "/"
                  + sandbox.users(ADMINS).get(2).get("id").asText(), "application/json",
                  "{\"title\":\"Stalled\"}"))
          .hasCauseInstanceOf(SocketTimeoutException.class);
      assertThat(sandbox.users(ADMINS).get(2).get("title").asText()).isEqualTo("Stalled");
    } finally {
      impatient.dispatcher().executorService().shutdown();
      impatient.connectionPool().evictAll();
    }
  }
}
