package io.saasql.sandbox.backlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A minimal HTTP client for the sandbox tests: GET with query parameters, writes with a form
 * body, the answer as text and JSON.
 */
final class BacklogClient {
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
  }

  private final BacklogSandbox sandbox;
  private final OkHttpClient http;

  BacklogClient(BacklogSandbox sandbox) {
    this(sandbox, HTTP);
  }

  private BacklogClient(BacklogSandbox sandbox, OkHttpClient http) {
    this.sandbox = sandbox;
    this.http = http;
  }

  /** A client that gives up waiting for an answer after {@code timeout}. */
  BacklogClient withReadTimeout(java.time.Duration timeout) {
    return new BacklogClient(sandbox, HTTP.newBuilder().readTimeout(timeout).build());
  }

  /**
   * A write ({@code POST}, {@code PATCH}, {@code DELETE}) to {@code path} with a form body of
   * name/value pairs ({@code "categoryId[]"} repeated for arrays), the API key in the query.
   */
  Answer send(String method, String path, String... form) {
    okhttp3.FormBody.Builder body = new okhttp3.FormBody.Builder();
    for (int i = 0; i < form.length; i += 2) {
      body.add(form[i], form[i + 1]);
    }
    okhttp3.RequestBody empty = okhttp3.RequestBody.create(new byte[0], null);
    return execute(method, path, form.length == 0 ? empty : body.build());
  }

  /** A write with a body as given, e.g. JSON, to see how the sandbox takes it. */
  Answer sendRaw(String method, String path, String contentType, String body) {
    return execute(
        method, path, okhttp3.RequestBody.create(body, okhttp3.MediaType.get(contentType)));
  }

  private Answer execute(String method, String path, okhttp3.RequestBody body) {
    HttpUrl url =
        HttpUrl.get(sandbox.baseUrl() + path)
            .newBuilder()
            .addQueryParameter("apiKey", sandbox.apiKey())
            .build();
    Request request = new Request.Builder().url(url).method(method, body).build();
    try (Response response = http.newCall(request).execute()) {
      return new Answer(response.code(), response.headers(), response.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** GET {@code path} (relative to /api/v2) with name/value pairs, the API key appended. */
  Answer get(String path, String... params) {
    return call("GET", path, true, params);
  }

  /** GET without the API key. */
  Answer getWithoutKey(String path, String... params) {
    return call("GET", path, false, params);
  }

  Answer call(String method, String path, boolean withKey, String... params) {
    HttpUrl.Builder url = HttpUrl.get(sandbox.baseUrl() + path).newBuilder();
    for (int i = 0; i < params.length; i += 2) {
      url.addQueryParameter(params[i], params[i + 1]);
    }
    if (withKey) {
      url.addQueryParameter("apiKey", sandbox.apiKey());
    }
    Request.Builder request = new Request.Builder().url(url.build());
    if (!method.equals("GET")) {
      request.method(method, okhttp3.RequestBody.create(new byte[0], null));
    }
    try (Response response = http.newCall(request.build()).execute()) {
      return new Answer(response.code(), response.headers(), response.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
