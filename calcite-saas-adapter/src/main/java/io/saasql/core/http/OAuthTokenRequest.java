package io.saasql.core.http;

import io.saasql.core.declare.ErrorDecoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link TokenSource} that POSTs a form to an OAuth 2.0 token endpoint: client credentials,
 * refresh token or JWT bearer grants, with the client authenticated by HTTP Basic or in the body.
 * The call is recorded like any other (no secret in the record); a refusal becomes an error that
 * quotes the server's {@code error_description}.
 */
public final class OAuthTokenRequest implements TokenSource {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final OkHttpClient HTTP = new OkHttpClient.Builder()
      .connectTimeout(Duration.ofSeconds(30)).readTimeout(Duration.ofSeconds(30)).build();

  /** Where the client's credentials go. */
  public enum ClientAuth { BASIC, BODY, NONE }

  private final String source;
  private final String tokenUrl;
  private final Map<String, String> form;
  private final String clientId;
  private final String clientSecret;
  private final ClientAuth clientAuth;
  private final CallLog log;
  private final String hint;

  /**
   * @param source       schema name, for records and errors
   * @param tokenUrl     the token endpoint
   * @param form         grant parameters ({@code grant_type=client_credentials}, …)
   * @param clientId     OAuth client id (null with {@link ClientAuth#NONE})
   * @param clientSecret OAuth client secret
   * @param clientAuth   how the client authenticates
   * @param log          where the call is recorded
   * @param hint         what to tell the user when the server refuses
   */
  public OAuthTokenRequest(String source, String tokenUrl, Map<String, String> form,
      String clientId, String clientSecret, ClientAuth clientAuth, CallLog log, String hint) {
    this.source = source;
    this.tokenUrl = tokenUrl;
    this.form = new LinkedHashMap<>(form);
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.clientAuth = clientAuth;
    this.log = log;
    this.hint = hint;
  }

  @Override public OAuthToken fetch() {
    HttpUrl url = HttpUrl.parse(tokenUrl);
    if (url == null) {
      throw new IllegalArgumentException(source + ": token URL '" + tokenUrl + "' is not a URL");
    }
    FormBody.Builder body = new FormBody.Builder();
    form.forEach(body::add);
    Request.Builder request = new Request.Builder().url(url).header("Accept", "application/json");
    if (clientAuth == ClientAuth.BASIC) {
      request.header("Authorization", Credentials.basic(clientId, clientSecret));
    } else if (clientAuth == ClientAuth.BODY) {
      body.add("client_id", clientId).add("client_secret", clientSecret);
    }
    long start = System.nanoTime();
    try (Response response = HTTP.newCall(request.post(body.build()).build()).execute()) {
      String text = response.body() == null ? "" : response.body().string();
      log.add(new CallRecord(source, "POST", url.toString(), response.code(), -1,
          (System.nanoTime() - start) / 1_000_000, 1, "token request"));
      JsonNode json;
      try {
        json = JSON.readTree(text);
      } catch (IOException e) {
        json = JSON.createObjectNode();
      }
      if (!response.isSuccessful() || !json.path("access_token").isTextual()) {
        String error = json.path("error").asText("");
        String description = json.path("error_description").asText("");
        String said = (error + (description.isEmpty() ? "" : ": " + description)).strip();
        throw new SaasApiException(source, response.code(), source + ": the token request to "
            + url + " failed with HTTP " + response.code() + ": "
            + (said.isEmpty() ? ErrorDecoder.raw(text) : said) + ". " + hint, null);
      }
      Instant expires = json.has("expires_in")
          ? Instant.now().plusSeconds(json.path("expires_in").asLong()) : null;
      return new OAuthToken(json.path("access_token").asText(), expires, json);
    } catch (IOException e) {
      log.add(new CallRecord(source, "POST", url.toString(), 0, -1,
          (System.nanoTime() - start) / 1_000_000, 1, "token request: " + e.getMessage()));
      throw new SaasApiException(source, 0, source + ": the token request to " + url
          + " failed: " + e.getMessage() + ". Check the token URL and the network.", e);
    }
  }
}
