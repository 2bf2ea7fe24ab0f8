package io.saasql.core.http;

import okhttp3.Credentials;
import okhttp3.Interceptor;
import okhttp3.Response;

import java.io.IOException;

/** Authenticates every request with HTTP Basic (Bitbucket: Atlassian e-mail and API token). */
public final class BasicAuth implements Interceptor {
  private final String header;

  public BasicAuth(String user, String password) {
    this.header = Credentials.basic(user, password);
  }

  @Override public Response intercept(Chain chain) throws IOException {
    return chain.proceed(chain.request().newBuilder().header("Authorization", header).build());
  }

  @Override public String toString() {
    return "BasicAuth";
  }
}
