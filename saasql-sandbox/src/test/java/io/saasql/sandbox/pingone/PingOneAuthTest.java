package io.saasql.sandbox.pingone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import okhttp3.Credentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The worker-app token endpoint and bearer-token checks of the PingOne sandbox. */
class PingOneAuthTest {
  private static final String ADMINS = "Administrators";
  private static final String PROD = "Production";
  private static final String FORM = "application/x-www-form-urlencoded";
  private static final String UUID_PATTERN =
      "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

  private static PingOneSandbox sandbox;
  private static PingOneClient client;

  @BeforeAll
  static void start() {
    sandbox = new PingOneSandbox().start();
    client = new PingOneClient(sandbox);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @AfterEach
  void reset() {
    sandbox.clientAuthMethod(ADMINS, PingOneSandbox.CLIENT_SECRET_BASIC);
    sandbox.clientAuthMethod(PROD, PingOneSandbox.CLIENT_SECRET_BASIC);
    sandbox.tokenLifetime(Duration.ofSeconds(3600));
    sandbox.faults().reset();
  }

  @Test
  void urlsIdsAndCredentials() {
    assertThat(sandbox.baseUrl()).isEqualTo("http://127.0.0.1:" + sandbox.port() + "/v1");
    assertThat(sandbox.authBaseUrl()).isEqualTo("http://127.0.0.1:" + sandbox.port());
    assertThat(sandbox.environmentId(ADMINS)).matches(UUID_PATTERN);
    assertThat(sandbox.environmentId(PROD)).matches(UUID_PATTERN).isNotEqualTo(sandbox.environmentId(ADMINS));
    assertThat(sandbox.clientId(ADMINS)).matches(UUID_PATTERN).isNotEqualTo(sandbox.clientId(PROD));
    assertThat(sandbox.clientSecret(ADMINS)).matches("[A-Za-z0-9_-]{64}");
    try (PingOneSandbox other = new PingOneSandbox()) {
      assertThat(other.environmentId(ADMINS)).isEqualTo(sandbox.environmentId(ADMINS));
      assertThat(other.clientId(ADMINS)).isEqualTo(sandbox.clientId(ADMINS));
      assertThat(other.clientSecret(ADMINS)).isNotEqualTo(sandbox.clientSecret(ADMINS));
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> sandbox.environmentId("Nope"))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> sandbox.clientAuthMethod(ADMINS, "PRIVATE_KEY_JWT"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void basicClientAuthentication() throws Exception {
    int before = sandbox.tokensIssued();
    PingOneClient.Answer a = client.tokenByBasic(ADMINS, sandbox.clientSecret(ADMINS));
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.headers().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
    assertThat(a.headers().get("Cache-Control")).isEqualTo("no-store");
    JsonNode body = a.json();
    assertThat(body.fieldNames()).toIterable()
        .containsExactly("access_token", "token_type", "expires_in", "scope");
    assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
    assertThat(body.get("expires_in").asInt()).isEqualTo(3600);
    assertThat(body.get("scope").asText()).isEmpty();
    assertThat(body.has("refresh_token")).isFalse();
    assertThat(sandbox.tokensIssued()).isEqualTo(before + 1);

    String token = body.get("access_token").asText();
    String[] parts = token.split("\\.");
    assertThat(parts).hasSize(3);
    JsonNode claims =
        PingOneClient.MAPPER.readTree(
            new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    assertThat(claims.get("env").asText()).isEqualTo(sandbox.environmentId(ADMINS));
    assertThat(claims.get("client_id").asText()).isEqualTo(sandbox.clientId(ADMINS));
    assertThat(claims.get("iss").asText())
        .isEqualTo(sandbox.authBaseUrl() + "/" + sandbox.environmentId(ADMINS) + "/as");
    assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(3600);

    assertThat(client.get(token, "/environments/" + sandbox.environmentId(ADMINS)).status())
        .isEqualTo(200);
  }

  @Test
  void postClientAuthenticationWhenConfigured() {
    sandbox.clientAuthMethod(PROD, PingOneSandbox.CLIENT_SECRET_POST);
    PingOneClient.Answer ok = client.tokenByPost(PROD, sandbox.clientSecret(PROD));
    assertThat(ok.status()).isEqualTo(200);
    String token = ok.json().get("access_token").asText();
    assertThat(client.get(token, "/environments/" + sandbox.environmentId(PROD) + "/users",
        "limit", "1").status()).isEqualTo(200);

    // the other method is refused for this app, and POST is refused for the Basic app
    PingOneClient.Answer basic = client.tokenByBasic(PROD, sandbox.clientSecret(PROD));
    assertThat(basic.status()).isEqualTo(401);
    assertThat(basic.json().get("error").asText()).isEqualTo("invalid_client");
    assertThat(basic.json().get("error_description").asText())
        .contains("Unsupported authentication method");
    PingOneClient.Answer post = client.tokenByPost(ADMINS, sandbox.clientSecret(ADMINS));
    assertThat(post.status()).isEqualTo(401);
    assertThat(post.json().get("error").asText()).isEqualTo("invalid_client");
  }

  @Test
  void wrongCredentialsAreInvalidClient() {
    int before = sandbox.tokensIssued();
    PingOneClient.Answer wrong = client.tokenByBasic(ADMINS, "not-the-secret");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.json().fieldNames()).toIterable()
        .containsExactly("error", "error_description");
    assertThat(wrong.json().get("error").asText()).isEqualTo("invalid_client");
    assertThat(wrong.headers().get("WWW-Authenticate")).startsWith("Basic");

    // Production's app at the Administrators token endpoint
    String url = client.tokenUrl(ADMINS);
    String prodBasic = Credentials.basic(sandbox.clientId(PROD), sandbox.clientSecret(PROD));
    assertThat(client.tokenRaw(url, prodBasic, FORM, "grant_type=client_credentials").status())
        .isEqualTo(401);
    // no client authentication at all
    PingOneClient.Answer none = client.tokenRaw(url, null, FORM, "grant_type=client_credentials");
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.json().get("error").asText()).isEqualTo("invalid_client");
    // a malformed Basic header
    assertThat(client.tokenRaw(url, "Basic %%%", FORM, "grant_type=client_credentials").status())
        .isEqualTo(401);
    assertThat(sandbox.tokensIssued()).isEqualTo(before);
  }

  @Test
  void grantTypeAndBodyAreChecked() {
    String url = client.tokenUrl(ADMINS);
    String basic = Credentials.basic(sandbox.clientId(ADMINS), sandbox.clientSecret(ADMINS));
    PingOneClient.Answer missing = client.tokenRaw(url, basic, FORM, "scope=x");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().get("error").asText()).isEqualTo("invalid_request");
    PingOneClient.Answer password = client.tokenRaw(url, basic, FORM, "grant_type=password");
    assertThat(password.status()).isEqualTo(400);
    assertThat(password.json().get("error").asText()).isEqualTo("unsupported_grant_type");
    PingOneClient.Answer json =
        client.tokenRaw(url, basic, "application/json", "{\"grant_type\":\"client_credentials\"}");
    assertThat(json.status()).isEqualTo(400);
    assertThat(json.json().get("error").asText()).isEqualTo("invalid_request");
    // both methods at once
    String both = "grant_type=client_credentials&client_id=" + sandbox.clientId(ADMINS)
        + "&client_secret=" + sandbox.clientSecret(ADMINS);
    assertThat(client.tokenRaw(url, basic, FORM, both).status()).isEqualTo(400);
    // an environment that does not exist
    PingOneClient.Answer unknown =
        client.tokenRaw(sandbox.authBaseUrl() + "/00000000-0000-4000-8000-000000000000/as/token",
            basic, FORM, "grant_type=client_credentials");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("code").asText()).isEqualTo("NOT_FOUND");
    // GET on the token endpoint
    PingOneClient.Answer get = client.getUrl(null, url);
    assertThat(get.status()).isEqualTo(405);
    assertThat(get.headers().get("Allow")).isEqualTo("POST");
  }

  @Test
  void missingOrInvalidTokenIs401() {
    String path = "/environments/" + sandbox.environmentId(ADMINS) + "/users";
    for (PingOneClient.Answer a :
        new PingOneClient.Answer[] {client.get(null, path), client.get("garbage", path)}) {
      assertThat(a.status()).isEqualTo(401);
      JsonNode body = a.json();
      assertThat(body.fieldNames()).toIterable().containsExactly("id", "code", "message");
      assertThat(body.get("id").asText()).matches(UUID_PATTERN);
      assertThat(body.get("code").asText()).isEqualTo("UNAUTHORIZED");
      assertThat(body.get("message").asText())
          .isEqualTo("The request could not be completed. You do not have access to this resource.");
    }
    // Basic credentials are not accepted by the API
    PingOneClient.Answer basic =
        client.tokenRaw(sandbox.baseUrl() + path, Credentials.basic(sandbox.clientId(ADMINS),
            sandbox.clientSecret(ADMINS)), null, "");
    assertThat(basic.status()).isEqualTo(401);
  }

  @Test
  void tokenIsValidOnlyForItsOwnEnvironment() {
    String prodToken = client.token(PROD);
    String adminsEnv = sandbox.environmentId(ADMINS);
    for (String path :
        new String[] {
          "/environments/" + adminsEnv, "/environments/" + adminsEnv + "/users",
          "/environments/" + adminsEnv + "/groups", "/environments/no-such-env/populations"
        }) {
      PingOneClient.Answer a = client.get(prodToken, path);
      assertThat(a.status()).as(path).isEqualTo(403);
      assertThat(a.json().get("code").asText()).isEqualTo("ACCESS_FAILED");
      assertThat(a.json().get("message").asText()).contains("do not have access");
    }
    assertThat(client.get(prodToken, "/environments/" + sandbox.environmentId(PROD) + "/groups")
        .status()).isEqualTo(200);
  }

  @Test
  void expiredTokensAre401WithAnExpiryMessage() {
    String token = client.token(ADMINS);
    String path = "/environments/" + sandbox.environmentId(ADMINS) + "/populations";
    assertThat(client.get(token, path).status()).isEqualTo(200);
    sandbox.expireAllTokens();
    PingOneClient.Answer expired = client.get(token, path);
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.json().get("code").asText()).isEqualTo("UNAUTHORIZED");
    assertThat(expired.json().get("message").asText()).contains("expired");
    assertThat(expired.headers().get("WWW-Authenticate")).contains("invalid_token");
    // a new token works again
    assertThat(client.get(client.token(ADMINS), path).status()).isEqualTo(200);
  }

  @Test
  void tokenLifetimeAppliesToNewTokens() {
    String longLived = client.token(ADMINS);
    sandbox.tokenLifetime(Duration.ZERO);
    PingOneClient.Answer a = client.tokenByBasic(ADMINS, sandbox.clientSecret(ADMINS));
    assertThat(a.json().get("expires_in").asInt()).isZero();
    String path = "/environments/" + sandbox.environmentId(ADMINS);
    PingOneClient.Answer withShort = client.get(a.json().get("access_token").asText(), path);
    assertThat(withShort.status()).isEqualTo(401);
    assertThat(withShort.json().get("message").asText()).contains("expired");
    assertThat(client.get(longLived, path).status()).isEqualTo(200);

    sandbox.tokenLifetime(Duration.ofSeconds(120));
    assertThat(client.tokenByBasic(ADMINS, sandbox.clientSecret(ADMINS)).json()
        .get("expires_in").asInt()).isEqualTo(120);
  }

  @Test
  void tokensIssuedCountsSuccessesOnly() {
    int before = sandbox.tokensIssued();
    String token = client.token(ADMINS);
    client.tokenByBasic(ADMINS, "wrong");
    String path = "/environments/" + sandbox.environmentId(ADMINS) + "/users";
    for (int i = 0; i < 3; i++) {
      client.get(token, path, "limit", "1");
    }
    assertThat(sandbox.tokensIssued()).isEqualTo(before + 1);
  }
}
