package io.saasql.core.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * An access token and what came with it.
 *
 * @param accessToken the bearer token
 * @param expiresAt   when it stops working (from {@code expires_in}), or null when the API does not
 *                    say (Salesforce: renewed on the 401 that ends the session)
 * @param response    the whole token response ({@code instance_url}, {@code refresh_token}, …)
 */
public record OAuthToken(String accessToken, Instant expiresAt, JsonNode response) {
  @Override public String toString() {
    return "OAuthToken(expiresAt=" + expiresAt + ")"; // never the token itself
  }
}
