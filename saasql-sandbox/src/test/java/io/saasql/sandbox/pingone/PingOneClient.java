package io.saasql.sandbox.pingone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A minimal HTTP client for the PingOne sandbox tests: tokens, GETs and writes with a bearer token. */
final class PingOneClient {
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

    /** The {@code details[0].message} of a PingOne error. */
    String detail() {
      return json().at("/details/0/message").asText();
    }
  }

  private final PingOneSandbox sandbox;

  PingOneClient(PingOneSandbox sandbox) {
    this.sandbox = sandbox;
  }

  String tokenUrl(String environmentName) {
    return sandbox.authBaseUrl() + "/" + sandbox.environmentId(environmentName) + "/as/token";
  }

  /** A token for the environment's worker app, by the Basic method. */
  String token(String environmentName) {
    Answer a = tokenByBasic(environmentName, sandbox.clientSecret(environmentName));
    if (a.status() != 200) {
      throw new AssertionError("token request failed: " + a);
    }
    return a.json().get("access_token").asText();
  }

  Answer tokenByBasic(String environmentName, String secret) {
    FormBody form = new FormBody.Builder().add("grant_type", "client_credentials").build();
    Request request =
        new Request.Builder()
            .url(tokenUrl(environmentName))
            .header("Authorization", Credentials.basic(sandbox.clientId(environmentName), secret))
            .post(form)
            .build();
    return execute(request);
  }

  Answer tokenByPost(String environmentName, String secret) {
    FormBody form =
        new FormBody.Builder()
            .add("grant_type", "client_credentials")
            .add("client_id", sandbox.clientId(environmentName))
            .add("client_secret", secret)
            .build();
    return execute(new Request.Builder().url(tokenUrl(environmentName)).post(form).build());
  }

  /** A token request with a raw body and optional Authorization header. */
  Answer tokenRaw(String url, String authorization, String contentType, String body) {
    Request.Builder request =
        new Request.Builder()
            .url(url)
            .post(RequestBody.create(body, contentType == null ? null : okhttp3.MediaType.get(contentType)));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return execute(request.build());
  }

  /** GET {@code path} (relative to /v1) with name/value query pairs. */
  Answer get(String token, String path, String... params) {
    HttpUrl.Builder url = HttpUrl.get(sandbox.baseUrl() + path).newBuilder();
    for (int i = 0; i < params.length; i += 2) {
      url.addQueryParameter(params[i], params[i + 1]);
    }
    return getUrl(token, url.build().toString());
  }

  /** GET an absolute URL, e.g. a {@code _links.next.href}. */
  Answer getUrl(String token, String url) {
    Request.Builder request = new Request.Builder().url(url);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return execute(request.build());
  }

  /** Any method on {@code path} (relative to /v1), with a JSON body for non-GET methods. */
  Answer call(String token, String method, String path) {
    Request.Builder request = new Request.Builder().url(sandbox.baseUrl() + path);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (!method.equals("GET")) {
      request.method(
          method,
          method.equals("DELETE")
              ? null
              : RequestBody.create("{}", okhttp3.MediaType.get("application/json")));
    }
    return execute(request.build());
  }

  /** {@code method} on {@code path} (relative to /v1) with a JSON body (none when null). */
  Answer json(String token, String method, String path, String jsonBody) {
    return send(HTTP, token, method, path, "application/json", jsonBody);
  }

  /** {@code method} on {@code path} with a JSON object body. */
  Answer json(String token, String method, String path, JsonNode body) {
    return json(token, method, path, body.toString());
  }

  /** {@code method} on {@code path} (relative to /v1) with any body and content type. */
  Answer send(String token, String method, String path, String contentType, String body) {
    return send(HTTP, token, method, path, contentType, body);
  }

  /**
   * {@code method} on {@code path} (relative to /v1) with any body and content type (none when
   * null), through {@code http}.
   */
  Answer send(
      OkHttpClient http, String token, String method, String path, String contentType,
      String body) {
    Request.Builder request = new Request.Builder().url(sandbox.baseUrl() + path);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    RequestBody requestBody = null;
    if (body != null) {
      requestBody =
          RequestBody.create(
              body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
              contentType == null ? null : okhttp3.MediaType.get(contentType));
    }
    request.method(method, requestBody);
    try (Response response = http.newCall(request.build()).execute()) {
      return new Answer(response.code(), response.headers(), response.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every item of a list route, following {@code _links.next} from the first page; returns the
   * pages' answers, in order.
   */
  List<JsonNode> pages(String token, String path, String... params) {
    List<JsonNode> pages = new ArrayList<>();
    Answer a = get(token, path, params);
    while (true) {
      if (a.status() != 200) {
        throw new AssertionError("page failed: " + a);
      }
      JsonNode page = a.json();
      pages.add(page);
      JsonNode next = page.at("/_links/next/href");
      if (next.isMissingNode()) {
        return pages;
      }
      a = getUrl(token, next.asText());
    }
  }

  /** The items of every page of a list route, in order. */
  List<JsonNode> all(String token, String path, String embedded, String... params) {
    List<JsonNode> items = new ArrayList<>();
    for (JsonNode page : pages(token, path, params)) {
      page.get("_embedded").get(embedded).forEach(items::add);
    }
    return items;
  }

  private static Answer execute(Request request) {
    try (Response response = HTTP.newCall(request).execute()) {
      return new Answer(response.code(), response.headers(), response.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
