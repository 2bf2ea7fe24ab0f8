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

/** A minimal HTTP client for the sandbox tests: GET with parameters, answer as text and JSON. */
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

  BacklogClient(BacklogSandbox sandbox) {
    this.sandbox = sandbox;
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
    try (Response response = HTTP.newCall(request.build()).execute()) {
      return new Answer(response.code(), response.headers(), response.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
