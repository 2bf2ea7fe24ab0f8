package io.saasql.sandbox.bitbucket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.saasql.sandbox.RecordedRequest;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The token endpoint, the three auth styles, 401 bodies, rate-limit headers and faults. */
class BitbucketAuthTest {
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
    sandbox.faults().reset();
    sandbox.clearRequests();
  }

  @AfterEach
  void restoreLifetime() {
    sandbox.tokenLifetime(Duration.ofSeconds(7200));
  }

  private static String clientBasic() {
    return BitbucketClient.basic(sandbox.clientId(), sandbox.clientSecret());
  }

  private static String newToken() {
    BitbucketClient.Answer answer =
        BitbucketClient.token(sandbox, clientBasic(), "grant_type", "client_credentials");
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json().get("access_token").asText();
  }

  @Test
  void urlsAndCredentials() {
    String origin = "http://127.0.0.1:" + sandbox.port();
    assertThat(sandbox.baseUrl()).isEqualTo(origin + "/2.0");
    assertThat(sandbox.tokenUrl()).isEqualTo(origin + "/site/oauth2/access_token");
    assertThat(sandbox.userEmail()).contains("@");
    try (BitbucketSandbox other = new BitbucketSandbox()) {
      assertThat(other.clientId()).isNotEqualTo(sandbox.clientId());
      assertThat(other.clientSecret()).isNotEqualTo(sandbox.clientSecret());
      assertThat(other.accessToken()).isNotEqualTo(sandbox.accessToken());
      assertThat(other.apiToken()).isNotEqualTo(sandbox.apiToken());
    }
  }

  @Test
  void tokenEndpointIssuesBearerTokensWithoutRefreshToken() {
    BitbucketClient.Answer answer =
        BitbucketClient.token(sandbox, clientBasic(), "grant_type", "client_credentials");
    assertThat(answer.status()).isEqualTo(200);
    JsonNode body = answer.json();
    assertThat(body.fieldNames())
        .toIterable()
        .containsExactly("access_token", "scopes", "token_type", "expires_in", "state");
    assertThat(body.get("token_type").asText()).isEqualTo("bearer");
    assertThat(body.get("expires_in").asInt()).isEqualTo(7200);
    assertThat(body.get("state").asText()).isEqualTo("client_credentials");
    assertThat(body.get("scopes").asText()).isEqualTo("repository issue pullrequest account");
    assertThat(body.has("refresh_token")).isFalse();
    assertThat(newToken()).isNotEqualTo(body.get("access_token").asText());

    String token = body.get("access_token").asText();
    assertThat(client.as("Bearer " + token).get("/workspaces").status()).isEqualTo(200);
    // the request log shows the token request, whose body carries no secret
    RecordedRequest first = sandbox.requests().get(0);
    assertThat(first.describe()).isEqualTo("POST /site/oauth2/access_token");
    assertThat(first.body()).isEqualTo("grant_type=client_credentials");
  }

  @Test
  void tokenEndpointRefusesBadClientsAndGrants() {
    BitbucketClient.Answer wrongSecret =
        BitbucketClient.token(
            sandbox, BitbucketClient.basic(sandbox.clientId(), "nope"), "grant_type", "client_credentials");
    assertThat(wrongSecret.status()).isEqualTo(400);
    assertThat(wrongSecret.json().get("error").asText()).isEqualTo("invalid_client");
    assertThat(wrongSecret.json().get("error_description").asText()).isNotBlank();

    BitbucketClient.Answer noClient =
        BitbucketClient.token(sandbox, null, "grant_type", "client_credentials");
    assertThat(noClient.status()).isEqualTo(400);
    assertThat(noClient.json().get("error").asText()).isEqualTo("invalid_client");

    // the API token is no OAuth client
    BitbucketClient.Answer apiToken =
        BitbucketClient.token(
            sandbox,
            BitbucketClient.basic(sandbox.userEmail(), sandbox.apiToken()),
            "grant_type", "client_credentials");
    assertThat(apiToken.json().get("error").asText()).isEqualTo("invalid_client");

    BitbucketClient.Answer password =
        BitbucketClient.token(sandbox, clientBasic(), "grant_type", "password");
    assertThat(password.status()).isEqualTo(400);
    assertThat(password.json().get("error").asText()).isEqualTo("unsupported_grant_type");
    BitbucketClient.Answer refresh =
        BitbucketClient.token(sandbox, clientBasic(), "grant_type", "refresh_token", "refresh_token", "x");
    assertThat(refresh.json().get("error").asText()).isEqualTo("unsupported_grant_type");

    BitbucketClient.Answer missing = BitbucketClient.token(sandbox, clientBasic());
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().get("error").asText()).isEqualTo("invalid_request");
  }

  @Test
  void everyAuthStyleIsAccepted() {
    assertThat(client.get("/workspaces").status()).isEqualTo(200);
    assertThat(client.as("Bearer " + newToken()).get("/workspaces").status()).isEqualTo(200);
    assertThat(client.as("bearer " + newToken()).get("/workspaces").status()).isEqualTo(200);
    BitbucketClient basic =
        client.as(BitbucketClient.basic(sandbox.userEmail(), sandbox.apiToken()));
    assertThat(basic.get("/repositories/acme/api/issues/1").status()).isEqualTo(200);
    assertThat(client.as(BitbucketClient.basic(sandbox.userEmail().toUpperCase(), sandbox.apiToken()))
        .get("/workspaces").status()).isEqualTo(200);
  }

  @Test
  void missingOrWrongCredentialsAre401() {
    String unauthorized = "{\"type\":\"error\",\"error\":{\"message\":\"Unauthorized\"}}";
    BitbucketClient.Answer none = client.as(null).get("/workspaces");
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.body()).isEqualTo(unauthorized);
    assertThat(none.headers().get("WWW-Authenticate")).startsWith("Basic");
    assertThat(none.headers().get("Content-Type")).isEqualTo("application/json; charset=utf-8");

    assertThat(client.as(BitbucketClient.basic(sandbox.userEmail(), "wrong")).get("/workspaces").body())
        .isEqualTo(unauthorized);
    // OAuth client credentials are for the token endpoint only
    assertThat(client.as(clientBasic()).get("/workspaces").status()).isEqualTo(401);
    // the access token must come as a header, not as a query parameter
    assertThat(client.as(null).get("/workspaces", "access_token", sandbox.accessToken()).status())
        .isEqualTo(401);
    assertThat(client.as("Token " + sandbox.accessToken()).get("/workspaces").status()).isEqualTo(401);

    BitbucketClient.Answer unknown = client.as("Bearer not-a-token").get("/workspaces");
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.message())
        .isEqualTo("Token is invalid, expired, or not supported for this endpoint.");
    // auth comes before routing
    assertThat(client.as(null).get("/nowhere").status()).isEqualTo(401);
  }

  @Test
  void expiredOAuthTokensAre401WithBitbucketsMessage() {
    String expiredBody = "{\"type\":\"error\",\"error\":{\"message\":\"Access token expired.\"}}";
    sandbox.tokenLifetime(Duration.ZERO);
    BitbucketClient.Answer zero =
        BitbucketClient.token(sandbox, clientBasic(), "grant_type", "client_credentials");
    assertThat(zero.json().get("expires_in").asInt()).isEqualTo(0);
    BitbucketClient.Answer expired =
        client.as("Bearer " + zero.json().get("access_token").asText()).get("/workspaces");
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.body()).isEqualTo(expiredBody);

    sandbox.tokenLifetime(Duration.ofSeconds(60));
    String token = newToken();
    BitbucketClient fresh = client.as("Bearer " + token);
    assertThat(fresh.get("/workspaces").status()).isEqualTo(200);
    sandbox.expireAllTokens();
    assertThat(fresh.get("/workspaces").body()).isEqualTo(expiredBody);
    // a token issued afterwards works, and the access token never expires
    assertThat(client.as("Bearer " + newToken()).get("/workspaces").status()).isEqualTo(200);
    assertThat(client.get("/workspaces").status()).isEqualTo(200);
  }

  @Test
  void rateLimitHeadersOnlyForAccessTokens() {
    BitbucketClient.Answer token = client.get("/repositories/acme");
    assertThat(token.headers().get("X-RateLimit-Limit")).isEqualTo("1000");
    assertThat(token.headers().get("X-RateLimit-Resource")).isEqualTo("api");
    assertThat(token.headers().get("X-RateLimit-NearLimit")).isEqualTo("false");
    assertThat(client.get("/repositories/acme/nope").headers().get("X-RateLimit-Limit"))
        .isEqualTo("1000");

    BitbucketClient.Answer oauth = client.as("Bearer " + newToken()).get("/repositories/acme");
    BitbucketClient.Answer basic =
        client.as(BitbucketClient.basic(sandbox.userEmail(), sandbox.apiToken())).get("/repositories/acme");
    BitbucketClient.Answer tokenEndpoint =
        BitbucketClient.token(sandbox, clientBasic(), "grant_type", "client_credentials");
    for (BitbucketClient.Answer a : new BitbucketClient.Answer[] {oauth, basic, tokenEndpoint}) {
      assertThat(a.status()).isEqualTo(200);
      assertThat(a.headers().get("X-RateLimit-Limit")).isNull();
      assertThat(a.headers().get("X-RateLimit-Resource")).isNull();
      assertThat(a.headers().get("X-RateLimit-NearLimit")).isNull();
    }
  }

  @Test
  void rateLimitFaultAnswers429WithoutRetryAfterUnlessGiven() {
    String body =
        "{\"type\":\"error\",\"error\":{\"message\":\"Rate limit for this resource has been exceeded\"}}";
    sandbox.faults().rateLimitNext(1, -1);
    BitbucketClient.Answer limited = client.get("/repositories/acme/api/issues");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.body()).isEqualTo(body);
    assertThat(limited.headers().get("Retry-After")).isNull();
    assertThat(limited.headers().get("X-RateLimit-NearLimit")).isEqualTo("true");

    sandbox.faults().rateLimitNext(2, 30);
    BitbucketClient.Answer a1 = client.as("Bearer " + "whatever").get("/repositories/acme/api/issues");
    assertThat(a1.status()).isEqualTo(429); // faults come before auth
    assertThat(a1.headers().get("Retry-After")).isEqualTo("30");
    assertThat(a1.headers().get("X-RateLimit-Limit")).isNull();
    assertThat(client.get("/repositories/acme/api/issues").status()).isEqualTo(429);
    BitbucketClient.Answer after = client.get("/repositories/acme/api/issues");
    assertThat(after.status()).isEqualTo(200);
    assertThat(after.headers().get("Retry-After")).isNull();
    assertThat(sandbox.requests()).extracting(RecordedRequest::status).containsExactly(429, 429, 429, 200);
  }

  @Test
  void failureAndMalformedFaults() {
    sandbox.faults().failNext(1, 500);
    BitbucketClient.Answer failed = client.get("/repositories/acme/api/issues/1");
    assertThat(failed.status()).isEqualTo(500);
    assertThat(failed.message()).isEqualTo("Something went wrong");
    assertThat(failed.json().at("/error/id").asText()).matches("[0-9a-f]{32}");
    assertThat(failed.json().get("type").asText()).isEqualTo("error");

    sandbox.faults().failNext(1, 403);
    assertThat(client.get("/workspaces").json().get("type").asText()).isEqualTo("error");

    sandbox.faults().malformedNext(1);
    BitbucketClient.Answer broken = client.get("/repositories/acme/api/issues");
    assertThat(broken.status()).isEqualTo(200);
    org.assertj.core.api.Assertions.assertThatThrownBy(broken::json)
        .isInstanceOf(java.io.UncheckedIOException.class);
    assertThat(client.get("/repositories/acme/api/issues").json().get("values")).hasSize(10);
  }
}
