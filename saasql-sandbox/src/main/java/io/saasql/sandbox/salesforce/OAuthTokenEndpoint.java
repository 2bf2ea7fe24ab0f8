package io.saasql.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ListMultimap;
import io.saasql.sandbox.SandboxRequest;
import io.saasql.sandbox.SandboxResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code POST /services/oauth2/token} for one connected app: the client-credentials, refresh-token
 * and JWT-bearer grants, with Salesforce's success body ({@code access_token}, {@code
 * instance_url}, {@code id}, {@code token_type}, {@code issued_at}, {@code signature}; no {@code
 * expires_in}) and its OAuth error bodies.
 */
final class OAuthTokenEndpoint {
  static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
  static final String ORG_ID = SalesforceIds.withChecksum("00D5g000000SaQl");
  static final List<String> LOGIN_AUDIENCES =
      List.of("https://login.salesforce.com", "https://test.salesforce.com");

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String TOKEN_CHARS =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz._";

  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final Sessions sessions;
  private final String clientId = "3MVG9SaaSQL_Sandbox.ConnectedApp_" + randomText(24, 62);
  private final String clientSecret;
  private final String refreshToken = "5Aep861" + randomText(80, 62);
  private KeyPair keyPair;
  private final String runAsUserId;
  private final String jwtUsername;
  private final Supplier<String> loginUrl;
  private final AtomicInteger issued = new AtomicInteger();

  OAuthTokenEndpoint(
      Clock clock,
      Sessions sessions,
      String runAsUserId,
      String jwtUsername,
      Supplier<String> loginUrl) {
    this.clock = clock;
    this.sessions = sessions;
    this.runAsUserId = runAsUserId;
    this.jwtUsername = jwtUsername;
    this.loginUrl = loginUrl;
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    this.clientSecret = HexFormat.of().withUpperCase().formatHex(secret);
  }

  /**
   * The connected app's key pair, generated on first use: a 2048-bit key can take seconds on a
   * slow machine, and most sandboxes never see a JWT.
   */
  private synchronized KeyPair keyPair() {
    if (keyPair == null) {
      keyPair = generateKeyPair();
    }
    return keyPair;
  }

  private KeyPair generateKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048, random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate the connected app's RSA key", e);
    }
  }

  String clientId() {
    return clientId;
  }

  String clientSecret() {
    return clientSecret;
  }

  String refreshToken() {
    return refreshToken;
  }

  String jwtUsername() {
    return jwtUsername;
  }

  int tokensIssued() {
    return issued.get();
  }

  /** The private key as PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}). */
  String privateKeyPem() {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(keyPair().getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  /** Answers a token request. */
  SandboxResponse token(SandboxRequest request) {
    ListMultimap<String, String> form = request.form();
    if (form.isEmpty()) {
      form = request.query(); // Salesforce also reads the parameters from the URL
    }
    String grant = first(form, "grant_type");
    if (grant == null) {
      throw SalesforceError.oauth("unsupported_grant_type", "grant type not supported");
    }
    switch (grant) {
      case "client_credentials" -> checkClient(form);
      case "refresh_token" -> {
        checkClient(form);
        if (!refreshToken.equals(first(form, "refresh_token"))) {
          throw SalesforceError.oauth("invalid_grant", "expired access/refresh token");
        }
      }
      case JWT_BEARER -> checkAssertion(first(form, "assertion"));
      case "password", "authorization_code" ->
          throw SalesforceError.oauth("invalid_grant", "authentication failure");
      default -> throw SalesforceError.oauth("unsupported_grant_type", "grant type not supported");
    }
    return issue();
  }

  private void checkClient(ListMultimap<String, String> form) {
    if (!clientId.equals(first(form, "client_id"))) {
      throw SalesforceError.oauth("invalid_client_id", "client identifier invalid");
    }
    if (!clientSecret.equals(first(form, "client_secret"))) {
      throw SalesforceError.oauth("invalid_client", "invalid client credentials");
    }
  }

  /** Verifies an RS256 JWT: app (iss), signature, audience, user (sub) and expiry. */
  private void checkAssertion(String assertion) {
    if (assertion == null) {
      throw SalesforceError.oauth("invalid_grant", "invalid assertion");
    }
    String[] parts = assertion.split("\\.", -1);
    if (parts.length != 3) {
      throw SalesforceError.oauth("invalid_grant", "invalid assertion");
    }
    JsonNode header = decodeJson(parts[0]);
    JsonNode claims = decodeJson(parts[1]);
    if (!"RS256".equals(header.path("alg").asText())) {
      throw SalesforceError.oauth("invalid_grant", "invalid assertion");
    }
    if (!clientId.equals(claims.path("iss").asText())) {
      throw SalesforceError.oauth("invalid_client_id", "client identifier invalid");
    }
    if (!signatureValid(parts)) {
      throw SalesforceError.oauth("invalid_grant", "invalid assertion");
    }
    if (!audienceValid(claims.get("aud"))) {
      throw SalesforceError.oauth("invalid_grant", "audience is invalid");
    }
    if (!jwtUsername.equalsIgnoreCase(claims.path("sub").asText())) {
      throw SalesforceError.oauth("invalid_grant", "user hasn't approved this consumer");
    }
    JsonNode exp = claims.get("exp");
    if (exp == null || !exp.isNumber() || exp.asLong() * 1000 <= clock.millis()) {
      throw SalesforceError.oauth("invalid_grant", "expired authorization code");
    }
  }

  private boolean signatureValid(String[] parts) {
    try {
      byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
      Signature verifier = Signature.getInstance("SHA256withRSA");
      verifier.initVerify(keyPair().getPublic());
      verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      return verifier.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private boolean audienceValid(JsonNode aud) {
    if (aud == null) {
      return false;
    }
    if (aud.isArray()) {
      for (JsonNode a : aud) {
        if (audienceValid(a)) {
          return true;
        }
      }
      return false;
    }
    String value = aud.asText();
    while (value.endsWith("/")) {
      value = value.substring(0, value.length() - 1);
    }
    return value.equals(loginUrl.get()) || LOGIN_AUDIENCES.contains(value.toLowerCase(Locale.ROOT));
  }

  private static JsonNode decodeJson(String part) {
    try {
      JsonNode node = MAPPER.readTree(Base64.getUrlDecoder().decode(part));
      if (node == null || !node.isObject()) {
        throw SalesforceError.oauth("invalid_grant", "invalid assertion");
      }
      return node;
    } catch (IOException | IllegalArgumentException e) {
      throw SalesforceError.oauth("invalid_grant", "invalid assertion");
    }
  }

  private SandboxResponse issue() {
    String token = ORG_ID.substring(0, 15) + "!AQ" + randomText(96, TOKEN_CHARS.length());
    sessions.add(token, runAsUserId);
    issued.incrementAndGet();
    String issuedAt = String.valueOf(clock.millis());
    String id = loginUrl.get() + "/id/" + ORG_ID + "/" + runAsUserId;
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("access_token", token);
    body.put("instance_url", loginUrl.get());
    body.put("id", id);
    body.put("token_type", "Bearer");
    body.put("issued_at", issuedAt);
    body.put("signature", sign(id + issuedAt));
    return SandboxResponse.json(200, body)
        .withHeader("Cache-Control", "no-cache,must-revalidate,max-age=0,no-store,private");
  }

  /**
   * Base64 HMAC-SHA256 of {@code id + issued_at} keyed by the client secret, as Salesforce signs.
   */
  private String sign(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(clientSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Random text from the first {@code alphabet} characters of {@link #TOKEN_CHARS}. */
  private String randomText(int length, int alphabet) {
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(TOKEN_CHARS.charAt(random.nextInt(alphabet)));
    }
    return s.toString();
  }

  private static String first(ListMultimap<String, String> form, String name) {
    List<String> values = form.get(name);
    return values.isEmpty() ? null : values.get(0);
  }
}
