package io.saasql.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OAuth token endpoint's three grants, its errors, and session expiry. */
class SalesforceAuthTest {
  private static SalesforceSandbox sandbox;
  private static SalesforceClient client;

  @BeforeAll
  static void start() {
    sandbox = new SalesforceSandbox().start();
    client = new SalesforceClient(sandbox);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @BeforeEach
  void clean() {
    sandbox.faults().reset();
    sandbox.sessionLifetime(Duration.ofHours(2));
    client.forgetToken();
  }

  @Test
  void urlsVersionAndCredentials() {
    assertThat(sandbox.instanceUrl()).isEqualTo("http://127.0.0.1:" + sandbox.port());
    assertThat(sandbox.loginUrl()).isEqualTo(sandbox.instanceUrl());
    assertThat(sandbox.apiVersion()).isEqualTo("65.0");
    assertThat(sandbox.clientId()).startsWith("3MVG9");
    assertThat(sandbox.clientSecret()).matches("[0-9A-F]{64}");
    assertThat(sandbox.jwtUsername()).isEqualTo("integration@saasql.demo");
    assertThat(sandbox.privateKeyPem())
        .startsWith("-----BEGIN PRIVATE KEY-----\n")
        .endsWith("-----END PRIVATE KEY-----\n");
    try (SalesforceSandbox other = new SalesforceSandbox()) {
      assertThat(other.clientSecret()).isNotEqualTo(sandbox.clientSecret());
      assertThat(other.refreshToken()).isNotEqualTo(sandbox.refreshToken());
    }
  }

  @Test
  void clientCredentialsGrant() throws Exception {
    int before = sandbox.tokensIssued();
    SalesforceClient.Answer a =
        client.tokenRequest("grant_type", "client_credentials", "client_id", sandbox.clientId(),
            "client_secret", sandbox.clientSecret());
    assertThat(a.status()).isEqualTo(200);
    JsonNode body = a.json();
    assertThat(body.fieldNames())
        .toIterable()
        .containsExactly("access_token", "instance_url", "id", "token_type", "issued_at", "signature");
    assertThat(body.get("instance_url").asText()).isEqualTo(sandbox.instanceUrl());
    assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
    assertThat(body.get("id").asText())
        .isEqualTo(sandbox.loginUrl() + "/id/00D5g000000SaQlEAK/0055g000000A4VhAAK");
    assertThat(body.get("issued_at").asText()).matches("\\d{13}");
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(sandbox.clientSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected = Base64.getEncoder().encodeToString(mac.doFinal(
        (body.get("id").asText() + body.get("issued_at").asText()).getBytes(StandardCharsets.UTF_8)));
    assertThat(body.get("signature").asText()).isEqualTo(expected);
    assertThat(sandbox.tokensIssued()).isEqualTo(before + 1);

    String token = body.get("access_token").asText();
    assertThat(client.getWith(token, "/services/data/v65.0/sobjects").status()).isEqualTo(200);
    // Salesforce also accepts the older "OAuth" scheme.
    SalesforceClient.Answer oauthScheme = new SalesforceClient(sandbox)
        .getWith(null, "/services/data/v65.0/limits", "Authorization", "OAuth " + token);
    assertThat(oauthScheme.status()).isEqualTo(200);
    // The identity URL answers for the session's user.
    JsonNode id = client.getWith(token, body.get("id").asText().substring(sandbox.loginUrl().length())).json();
    assertThat(id.get("username").asText()).isEqualTo("integration@saasql.demo");
  }

  @Test
  void refreshTokenGrant() {
    SalesforceClient.Answer a =
        client.tokenRequest("grant_type", "refresh_token", "client_id", sandbox.clientId(),
            "client_secret", sandbox.clientSecret(), "refresh_token", sandbox.refreshToken());
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.json().has("expires_in")).isFalse();
    String token = a.json().get("access_token").asText();
    assertThat(client.getWith(token, "/services/data/v65.0/query?q=SELECT+Id+FROM+User+LIMIT+1").status())
        .isEqualTo(200);

    SalesforceClient.Answer wrong =
        client.tokenRequest("grant_type", "refresh_token", "client_id", sandbox.clientId(),
            "client_secret", sandbox.clientSecret(), "refresh_token", "5Aep861nope");
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.body())
        .isEqualTo("{\"error\":\"invalid_grant\",\"error_description\":\"expired access/refresh token\"}");
  }

  @Test
  void jwtBearerGrant() {
    long exp = System.currentTimeMillis() / 1000 + 180;
    for (String aud :
        new String[] {sandbox.loginUrl(), "https://login.salesforce.com", "https://test.salesforce.com"}) {
      String assertion = SalesforceClient.jwt(sandbox.privateKeyPem(), claims(sandbox.clientId(),
          sandbox.jwtUsername(), aud, exp));
      SalesforceClient.Answer a =
          client.tokenRequest("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer",
              "assertion", assertion);
      assertThat(a.status()).as(aud).isEqualTo(200);
      String token = a.json().get("access_token").asText();
      assertThat(client.getWith(token, "/services/data/v65.0/sobjects/Account/describe").status())
          .isEqualTo(200);
    }
  }

  @Test
  void jwtBearerErrors() {
    long exp = System.currentTimeMillis() / 1000 + 180;
    String key = sandbox.privateKeyPem();
    assertJwtError(SalesforceClient.jwt(key, claims("someone-else", sandbox.jwtUsername(), sandbox.loginUrl(), exp)),
        "invalid_client_id", "client identifier invalid");
    assertJwtError(SalesforceClient.jwt(key, claims(sandbox.clientId(), sandbox.jwtUsername(), "https://example.com", exp)),
        "invalid_grant", "audience is invalid");
    assertJwtError(SalesforceClient.jwt(key, claims(sandbox.clientId(), "nobody@example.com", sandbox.loginUrl(), exp)),
        "invalid_grant", "user hasn't approved this consumer");
    assertJwtError(SalesforceClient.jwt(key, claims(sandbox.clientId(), sandbox.jwtUsername(), sandbox.loginUrl(), exp - 3600)),
        "invalid_grant", "expired authorization code");
    // Signed with another key.
    assertJwtError(SalesforceClient.jwt(otherKeyPem(), claims(sandbox.clientId(), sandbox.jwtUsername(), sandbox.loginUrl(), exp)),
        "invalid_grant", "invalid assertion");
    assertJwtError("not.a.jwt", "invalid_grant", "invalid assertion");
  }

  private static String otherKeyPem() {
    try {
      java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
      g.initialize(1024);
      return "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder().encodeToString(g.generateKeyPair().getPrivate().getEncoded())
          + "\n-----END PRIVATE KEY-----\n";
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void assertJwtError(String assertion, String error, String description) {
    SalesforceClient.Answer a =
        client.tokenRequest("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer", "assertion", assertion);
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.json().get("error").asText()).isEqualTo(error);
    assertThat(a.json().get("error_description").asText()).isEqualTo(description);
  }

  private static String claims(String iss, String sub, String aud, long exp) {
    return "{\"iss\":\"" + iss + "\",\"sub\":\"" + sub + "\",\"aud\":\"" + aud + "\",\"exp\":" + exp + "}";
  }

  @Test
  void badClientAndGrantErrors() {
    SalesforceClient.Answer badSecret =
        client.tokenRequest("grant_type", "client_credentials", "client_id", sandbox.clientId(),
            "client_secret", "wrong");
    assertThat(badSecret.status()).isEqualTo(400);
    assertThat(badSecret.body())
        .isEqualTo("{\"error\":\"invalid_client\",\"error_description\":\"invalid client credentials\"}");
    SalesforceClient.Answer badClient =
        client.tokenRequest("grant_type", "client_credentials", "client_id", "nope", "client_secret",
            sandbox.clientSecret());
    assertThat(badClient.json().get("error").asText()).isEqualTo("invalid_client_id");
    SalesforceClient.Answer password =
        client.tokenRequest("grant_type", "password", "client_id", sandbox.clientId(),
            "client_secret", sandbox.clientSecret(), "username", "x", "password", "y");
    assertThat(password.status()).isEqualTo(400);
    assertThat(password.body())
        .isEqualTo("{\"error\":\"invalid_grant\",\"error_description\":\"authentication failure\"}");
    SalesforceClient.Answer unknown = client.tokenRequest("grant_type", "magic");
    assertThat(unknown.body())
        .isEqualTo("{\"error\":\"unsupported_grant_type\",\"error_description\":\"grant type not supported\"}");
    assertThat(client.tokenRequest().json().get("error").asText()).isEqualTo("unsupported_grant_type");
  }

  @Test
  void missingOrUnknownTokenIs401() {
    String body = "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]";
    SalesforceClient.Answer none = client.getWith(null, "/services/data/v65.0/sobjects");
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.body()).isEqualTo(body);
    assertThat(none.headers().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
    SalesforceClient.Answer unknown = client.getWith("00Dnope!AQxyz", "/services/data/v65.0/query?q=SELECT+Id+FROM+Account");
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.body()).isEqualTo(body);
    // The versions list needs no session.
    assertThat(client.getWith(null, "/services/data").json().findValuesAsText("version")).contains("65.0");
  }

  @Test
  void sessionsExpireAfterTheirLifetime() {
    String longLived = client.newToken();
    sandbox.sessionLifetime(Duration.ofMinutes(10));
    String shortLived = client.newToken();
    sandbox.advanceClock(Duration.ofMinutes(11));
    assertThat(client.getWith(shortLived, "/services/data/v65.0/limits").status()).isEqualTo(401);
    assertThat(client.getWith(longLived, "/services/data/v65.0/limits").status()).isEqualTo(200);
  }

  @Test
  void expireAllSessionsThenGetANewToken() {
    String token = client.newToken();
    assertThat(client.getWith(token, "/services/data/v65.0/limits").status()).isEqualTo(200);
    sandbox.expireAllSessions();
    SalesforceClient.Answer expired = client.getWith(token, "/services/data/v65.0/limits");
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.errorCode()).isEqualTo("INVALID_SESSION_ID");
    assertThat(expired.errorMessage()).isEqualTo("Session expired or invalid");
    String fresh =
        client.tokenRequest("grant_type", "refresh_token", "client_id", sandbox.clientId(),
                "client_secret", sandbox.clientSecret(), "refresh_token", sandbox.refreshToken())
            .json().get("access_token").asText();
    assertThat(client.getWith(fresh, "/services/data/v65.0/limits").status()).isEqualTo(200);
  }

  @Test
  void tokenEndpointWantsPost() {
    SalesforceClient.Answer get = client.getWith(null, "/services/oauth2/token");
    assertThat(get.status()).isEqualTo(400);
    assertThat(get.json().get("error").asText()).isEqualTo("invalid_request");
  }
}
