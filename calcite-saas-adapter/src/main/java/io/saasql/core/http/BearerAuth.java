package io.saasql.core.http;

import okhttp3.Interceptor;
import okhttp3.Response;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * Sends {@code Authorization: Bearer <token>} on every request. The token is obtained once and
 * shared by every query of the source; it is renewed shortly before it expires, and once when the
 * API answers 401 (an expired session), after which the request is sent again — never a token per
 * request.
 */
public final class BearerAuth implements Interceptor {
  private static final Duration MARGIN = Duration.ofSeconds(60);

  private final TokenSource tokens;
  private final boolean renewable;
  private OAuthToken current;

  /**
   * @param tokens    where tokens come from
   * @param renewable whether asking again can give a new token (false for a fixed token)
   */
  public BearerAuth(TokenSource tokens, boolean renewable) {
    this.tokens = tokens;
    this.renewable = renewable;
  }

  /** The current token, obtaining one when there is none or it is about to expire. */
  public synchronized OAuthToken token() {
    if (current == null || (current.expiresAt() != null
        && Instant.now().isAfter(current.expiresAt().minus(MARGIN)))) {
      current = tokens.fetch();
    }
    return current;
  }

  private synchronized OAuthToken renew(OAuthToken stale) {
    if (current == stale) {
      current = tokens.fetch();
    }
    return current;
  }

  @Override public Response intercept(Chain chain) throws IOException {
    OAuthToken token = token();
    Response response = chain.proceed(withToken(chain, token));
    if (response.code() == 401 && renewable) {
      response.close();
      OAuthToken fresh = renew(token);
      return chain.proceed(withToken(chain, fresh));
    }
    return response;
  }

  private static okhttp3.Request withToken(Chain chain, OAuthToken token) {
    return chain.request().newBuilder()
        .header("Authorization", "Bearer " + token.accessToken()).build();
  }
}
