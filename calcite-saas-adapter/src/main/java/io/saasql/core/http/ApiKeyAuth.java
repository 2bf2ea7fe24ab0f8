package io.saasql.core.http;

import okhttp3.Interceptor;
import okhttp3.Response;

import java.io.IOException;

/** Authenticates every request with an API key in a query parameter (Backlog's {@code apiKey}). */
public final class ApiKeyAuth implements Interceptor {
  private final String param;
  private final String key;

  public ApiKeyAuth(String param, String key) {
    this.param = param;
    this.key = key;
  }

  @Override public Response intercept(Chain chain) throws IOException {
    var request = chain.request();
    var url = request.url().newBuilder().setQueryParameter(param, key).build();
    return chain.proceed(request.newBuilder().url(url).build());
  }

  @Override public String toString() {
    return "ApiKeyAuth(" + param + ")";
  }
}
