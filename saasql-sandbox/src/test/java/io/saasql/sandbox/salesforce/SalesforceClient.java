package io.saasql.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A minimal HTTP client for the Salesforce sandbox tests: token requests, GETs, SOQL and writes. */
final class SalesforceClient {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final OkHttpClient HTTP =
      new OkHttpClient.Builder().readTimeout(10, TimeUnit.SECONDS).build();

  /** One answer. */
  record Answer(int status, okhttp3.Headers headers, String body) {
    JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The errorCode of a Salesforce error array. */
    String errorCode() {
      return json().at("/0/errorCode").asText();
    }

    String errorMessage() {
      return json().at("/0/message").asText();
    }
  }

  private final SalesforceSandbox sandbox;
  private String token;

  SalesforceClient(SalesforceSandbox sandbox) {
    this.sandbox = sandbox;
  }

  /** POST the token endpoint with name/value form pairs. */
  Answer tokenRequest(String... pairs) {
    FormBody.Builder form = new FormBody.Builder();
    for (int i = 0; i < pairs.length; i += 2) {
      form.add(pairs[i], pairs[i + 1]);
    }
    return execute(
        new Request.Builder().url(sandbox.loginUrl() + "/services/oauth2/token").post(form.build()));
  }

  /** A fresh access token by the client-credentials grant. */
  String newToken() {
    Answer a =
        tokenRequest("grant_type", "client_credentials", "client_id", sandbox.clientId(),
            "client_secret", sandbox.clientSecret());
    if (a.status() != 200) {
      throw new IllegalStateException("token request failed: " + a);
    }
    return a.json().get("access_token").asText();
  }

  /** The client's current token, fetched once. */
  String token() {
    if (token == null) {
      token = newToken();
    }
    return token;
  }

  void forgetToken() {
    token = null;
  }

  /** GET an absolute path on the instance with the client's token; headers as name/value pairs. */
  Answer get(String path, String... headers) {
    return getWith(token(), path, headers);
  }

  Answer getWith(String bearer, String path, String... headers) {
    Request.Builder request = new Request.Builder().url(sandbox.instanceUrl() + path);
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return execute(request);
  }

  /** Any method on an absolute path with the client's token and an empty JSON body. */
  Answer call(String method, String path) {
    Request.Builder request =
        new Request.Builder()
            .url(sandbox.instanceUrl() + path)
            .header("Authorization", "Bearer " + token());
    if (!method.equals("GET")) {
      request.method(method, RequestBody.create("{}", okhttp3.MediaType.get("application/json")));
    }
    return execute(request);
  }

  /**
   * Any method on an absolute path with the client's token and a JSON body ({@code null}: none,
   * e.g. for DELETE).
   */
  Answer send(String method, String path, String json) {
    return send(HTTP, method, path, json);
  }

  /** {@link #send(String, String, String)} through another client (e.g. one with a short timeout). */
  Answer send(OkHttpClient http, String method, String path, String json) {
    Request.Builder request =
        new Request.Builder()
            .url(sandbox.instanceUrl() + path)
            .header("Authorization", "Bearer " + token());
    RequestBody body =
        json == null ? null : RequestBody.create(json, okhttp3.MediaType.get("application/json"));
    request.method(method, body);
    try (Response response = http.newCall(request.build()).execute()) {
      return new Answer(response.code(), response.headers(), response.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code GET /services/data/v65.0/query?q=…} (or queryAll), headers as name/value pairs. */
  Answer query(String soql, String... headers) {
    return soql("query", soql, headers);
  }

  Answer queryAll(String soql, String... headers) {
    return soql("queryAll", soql, headers);
  }

  private Answer soql(String resource, String soql, String... headers) {
    HttpUrl url =
        HttpUrl.get(sandbox.instanceUrl() + "/services/data/v65.0/" + resource)
            .newBuilder()
            .addQueryParameter("q", soql)
            .build();
    Request.Builder request = new Request.Builder().url(url).header("Authorization", "Bearer " + token());
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return execute(request);
  }

  /** The records of a query that must succeed and fit one batch. */
  JsonNode records(String soql) {
    Answer a = query(soql);
    if (a.status() != 200) {
      throw new AssertionError("query failed: " + a.status() + " " + a.body() + " for " + soql);
    }
    JsonNode body = a.json();
    if (!body.get("done").asBoolean()) {
      throw new AssertionError("more than one batch for " + soql);
    }
    return body.get("records");
  }

  private static Answer execute(Request.Builder request) {
    try (Response response = HTTP.newCall(request.build()).execute()) {
      return new Answer(response.code(), response.headers(), response.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JWT bearer assertion signed with the PKCS#8 PEM key. */
  static String jwt(String privateKeyPem, String claimsJson) {
    try {
      Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
      String header = b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8));
      String claims = b64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
      String der =
          privateKeyPem
              .replace("-----BEGIN PRIVATE KEY-----", "")
              .replace("-----END PRIVATE KEY-----", "")
              .replaceAll("\\s", "");
      PrivateKey key =
          KeyFactory.getInstance("RSA")
              .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(der)));
      Signature signer = Signature.getInstance("SHA256withRSA");
      signer.initSign(key);
      signer.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
      return header + "." + claims + "." + b64.encodeToString(signer.sign());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
