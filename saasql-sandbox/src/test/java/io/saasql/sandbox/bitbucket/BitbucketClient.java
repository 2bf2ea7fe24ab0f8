package io.saasql.sandbox.bitbucket;

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

/**
 * A minimal HTTP client for the sandbox tests: GET with parameters and an {@code Authorization}
 * header (the access token unless told otherwise), writes with JSON or other bodies, answers as
 * text and JSON, and page walking.
 */
final class BitbucketClient {
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

    /** {@code error.message} of an error body. */
    String message() {
      return json().path("error").path("message").asText();
    }
  }

  private final BitbucketSandbox sandbox;
  private final String authorization;
  private final OkHttpClient http;

  BitbucketClient(BitbucketSandbox sandbox) {
    this(sandbox, "Bearer " + sandbox.accessToken());
  }

  BitbucketClient(BitbucketSandbox sandbox, String authorization) {
    this(sandbox, authorization, HTTP);
  }

  private BitbucketClient(BitbucketSandbox sandbox, String authorization, OkHttpClient http) {
    this.sandbox = sandbox;
    this.authorization = authorization;
    this.http = http;
  }

  /** The same client with another {@code Authorization} header (null: none). */
  BitbucketClient as(String otherAuthorization) {
    return new BitbucketClient(sandbox, otherAuthorization, http);
  }

  /** The same client giving up on an answer after {@code timeout}. */
  BitbucketClient withReadTimeout(java.time.Duration timeout) {
    return new BitbucketClient(sandbox, authorization, HTTP.newBuilder().readTimeout(timeout).build());
  }

  static String basic(String user, String password) {
    return Credentials.basic(user, password);
  }

  /** GET {@code path} (relative to /2.0) with name/value pairs. */
  Answer get(String path, String... params) {
    HttpUrl.Builder url = HttpUrl.get(sandbox.baseUrl() + path).newBuilder();
    for (int i = 0; i < params.length; i += 2) {
      url.addQueryParameter(params[i], params[i + 1]);
    }
    return send(new Request.Builder().url(url.build()));
  }

  /** GET an absolute URL, e.g. a {@code next} link. */
  Answer getUrl(String url) {
    return send(new Request.Builder().url(url));
  }

  /** Any method on a path relative to /2.0 with an empty JSON body. */
  Answer call(String method, String path) {
    RequestBody body =
        method.equals("GET") || method.equals("DELETE")
            ? null
            : RequestBody.create("{}", okhttp3.MediaType.get("application/json"));
    return send(new Request.Builder().url(sandbox.baseUrl() + path).method(method, body));
  }

  /** {@code method} on a path relative to /2.0 with a JSON body (null: none). */
  Answer json(String method, String path, String json) {
    return send(method, path, json, "application/json");
  }

  /**
   * {@code method} on a path relative to /2.0 with a body of the given content type (null: no
   * Content-Type header); a null body sends none (an empty one for POST and PUT).
   */
  Answer send(String method, String path, String text, String contentType) {
    RequestBody body = null;
    if (text != null || method.equals("POST") || method.equals("PUT")) {
      body =
          RequestBody.create(
              text == null ? "" : text,
              contentType == null ? null : okhttp3.MediaType.get(contentType));
    }
    return send(new Request.Builder().url(sandbox.baseUrl() + path).method(method, body));
  }

  /** POST a form to the token endpoint with the given Authorization header (null: none). */
  static Answer token(BitbucketSandbox sandbox, String authorization, String... form) {
    FormBody.Builder body = new FormBody.Builder();
    for (int i = 0; i < form.length; i += 2) {
      body.add(form[i], form[i + 1]);
    }
    Request.Builder request = new Request.Builder().url(sandbox.tokenUrl()).post(body.build());
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return execute(HTTP, request.build());
  }

  /** Every value of a list, following {@code next} links; checks size and page numbers. */
  List<JsonNode> all(String path, String... params) {
    List<JsonNode> values = new ArrayList<>();
    Answer answer = get(path, params);
    int expectedPage = 1;
    while (true) {
      if (answer.status() != 200) {
        throw new AssertionError(answer.status() + " " + answer.body());
      }
      JsonNode page = answer.json();
      if (page.get("page").asInt() != expectedPage) {
        throw new AssertionError("page " + page.get("page") + ", expected " + expectedPage);
      }
      page.get("values").forEach(values::add);
      JsonNode next = page.get("next");
      if (next == null) {
        if (values.size() != page.get("size").asInt()) {
          throw new AssertionError(values.size() + " values but size " + page.get("size"));
        }
        return values;
      }
      answer = getUrl(next.asText());
      expectedPage++;
    }
  }

  private Answer send(Request.Builder request) {
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return execute(http, request.build());
  }

  private static Answer execute(OkHttpClient client, Request request) {
    try (Response response = client.newCall(request).execute()) {
      return new Answer(response.code(), response.headers(), response.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
