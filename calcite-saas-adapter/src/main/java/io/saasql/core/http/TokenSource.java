package io.saasql.core.http;

/** Obtains a new access token: a token request, or a fixed token configured by the user. */
@FunctionalInterface
public interface TokenSource {
  /** Asks for a token; fails with a {@link SaasApiException} that says what to fix. */
  OAuthToken fetch();
}
