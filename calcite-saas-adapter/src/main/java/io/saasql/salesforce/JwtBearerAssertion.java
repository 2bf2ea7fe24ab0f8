package io.saasql.salesforce;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

/**
 * The signed assertion of Salesforce's OAuth 2.0 JWT bearer flow: an RS256 JWT whose issuer is the
 * connected app's consumer key, subject the user name, audience the login host, valid for three
 * minutes, signed with the app's private key (PKCS#8 PEM file).
 */
final class JwtBearerAssertion {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private final String clientId;
  private final String username;
  private final String audience;
  private final PrivateKey key;

  JwtBearerAssertion(String clientId, String username, String audience, Path privateKeyFile) {
    this.clientId = clientId;
    this.username = username;
    this.audience = audience;
    this.key = readKey(privateKeyFile);
  }

  /** A fresh assertion. */
  String sign() {
    ObjectNode header = JSON.createObjectNode().put("alg", "RS256");
    ObjectNode claims = JSON.createObjectNode().put("iss", clientId).put("sub", username)
        .put("aud", audience).put("exp", Instant.now().plusSeconds(180).getEpochSecond());
    String signingInput = URL.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8))
        + "." + URL.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(key);
      rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + URL.encodeToString(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign the JWT assertion: " + e.getMessage(), e);
    }
  }

  private static PrivateKey readKey(Path file) {
    String pem;
    try {
      pem = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the private key file " + file + ": "
          + e.getMessage(), e);
    }
    if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
      throw new IllegalArgumentException("the private key file " + file + " is not a PKCS#8 PEM "
          + "key (-----BEGIN PRIVATE KEY-----); convert it with "
          + "'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pk8.pem'");
    }
    String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
    try {
      return KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("the private key file " + file
          + " does not hold an RSA private key: " + e.getMessage(), e);
    }
  }
}
