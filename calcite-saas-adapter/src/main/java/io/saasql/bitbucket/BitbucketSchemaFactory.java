package io.saasql.bitbucket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableSet;
import io.saasql.core.http.BasicAuth;
import io.saasql.core.http.BearerAuth;
import io.saasql.core.http.CallLog;
import io.saasql.core.declare.ErrorDecoder;
import io.saasql.core.http.OAuthToken;
import io.saasql.core.http.OAuthTokenRequest;
import io.saasql.core.declare.Operands;
import io.saasql.core.http.Redactor;
import io.saasql.core.declare.RestSchema;
import io.saasql.core.declare.RestSourceOptions;
import io.saasql.core.http.SourceClient;
import io.saasql.core.declare.SourceConfig;
import okhttp3.Interceptor;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaFactory;
import org.apache.calcite.schema.SchemaPlus;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Creates the schema of one Bitbucket Cloud workspace: {@code "factory":
 * "io.saasql.bitbucket.BitbucketSchemaFactory"} with {@code workspace} (without it only the
 * {@code Workspaces} table is there), optionally {@code repository} to read issues and pull
 * requests of one repository only, and ONE way to authenticate: {@code clientId} +
 * {@code clientSecret} (OAuth client credentials; {@code tokenUrl} overridable),
 * {@code accessToken} (a repository, project or workspace access token), or {@code email} +
 * {@code apiToken} (HTTP Basic). {@code baseUrl} defaults to {@code https://api.bitbucket.org/2.0}.
 */
public class BitbucketSchemaFactory implements SchemaFactory {
  public static final BitbucketSchemaFactory INSTANCE = new BitbucketSchemaFactory();

  static final String DEFAULT_BASE_URL = "https://api.bitbucket.org/2.0";
  static final String DEFAULT_TOKEN_URL = "https://bitbucket.org/site/oauth2/access_token";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> OPERANDS = ImmutableSet.<String>builder()
      .add("workspace", "repository", "clientId", "clientSecret", "tokenUrl", "accessToken",
          "email", "apiToken", "baseUrl")
      .addAll(RestSourceOptions.OPERANDS).build();

  @Override public Schema create(SchemaPlus parentSchema, String name,
      Map<String, Object> operand) {
    Operands operands = new Operands(name, operand, OPERANDS);
    String workspace = operands.string("workspace");
    String repository = operands.string("repository");
    if (repository != null && workspace == null) {
      throw new IllegalArgumentException("Schema '" + name
          + "': operand 'repository' needs 'workspace' too.");
    }
    String baseUrl = operands.string("baseUrl") != null ? operands.string("baseUrl")
        : DEFAULT_BASE_URL;
    String clientId = operands.string("clientId");
    String accessToken = operands.string("accessToken");
    String email = operands.string("email");
    int methods = (clientId != null ? 1 : 0) + (accessToken != null ? 1 : 0)
        + (email != null ? 1 : 0);
    if (methods != 1) {
      throw new IllegalArgumentException("Schema '" + name + "': give exactly one way to "
          + "authenticate: clientId + clientSecret (OAuth consumer), accessToken, or "
          + "email + apiToken"
          + (methods == 0 ? "; none was given." : "; several were given."));
    }
    String secret = clientId != null
        ? operands.required("clientSecret",
            "the OAuth consumer's secret; write \"${BITBUCKET_CLIENT_SECRET}\"")
        : accessToken != null ? accessToken
        : operands.required("apiToken", "the Atlassian API token that goes with 'email'");
    String tokenUrl = operands.string("tokenUrl") != null ? operands.string("tokenUrl")
        : DEFAULT_TOKEN_URL;
    // Bitbucket's hourly limit (1,000 to 10,000 by plan) is not assumed: an hourly budget that no
    // stretch of an hour may exceed lets only a fiftieth of it through at once (RateLimiter).
    RestSourceOptions options = RestSourceOptions.read(operands);
    String identity = baseUrl + "|" + (clientId != null ? "oauth:" + clientId + "@" + tokenUrl
        : accessToken != null ? "token" : "basic:" + email);
    SourceClient client = SourceClient.shared(
        options.clientKey(name, "bitbucket", identity, secret),
        () -> {
          CallLog log = new CallLog();
          Interceptor auth;
          if (clientId != null) {
            auth = new BearerAuth(new OAuthTokenRequest(name, tokenUrl,
                Map.of("grant_type", "client_credentials"), clientId, secret,
                OAuthTokenRequest.ClientAuth.BASIC, log,
                "Check the clientId and clientSecret operands of schema '" + name
                    + "' (a Bitbucket OAuth consumer with the 'client credentials' grant)."), true);
          } else if (accessToken != null) {
            OAuthToken fixed = new OAuthToken(accessToken, null, null);
            auth = new BearerAuth(() -> fixed, false);
          } else {
            auth = new BasicAuth(email, secret);
          }
          return new SourceConfig(name, baseUrl, options.timeout(), options.maxRetries(),
              options.maxRetryWait(), List.of(auth), new Redactor(Set.of(), List.of(secret)),
              BitbucketSchemaFactory::errorMessage,
              List.of("X-RateLimit-Limit", "X-RateLimit-NearLimit"),
              "Check the credentials of schema '" + name + "' and that they can read workspace '"
                  + workspace + "'.",
              log).withOptions(options,
                  RestSourceOptions.quota("bitbucket", identity, secret));
        });
    return new RestSchema(name, client, options, workspace == null
        ? List.of(BitbucketTables.workspaces())
        : BitbucketTables.forWorkspace(workspace, repository));
  }

  /** Bitbucket's error body {@code {"type":"error","error":{"message":…,"detail":…}}}. */
  static String errorMessage(int status, String body) {
    try {
      JsonNode e = JSON.readTree(body).path("error");
      if (e.has("message")) {
        String detail = e.path("detail").isTextual() ? " (" + e.path("detail").asText() + ")" : "";
        return e.path("message").asText() + detail;
      }
    } catch (Exception ignored) {
      // not Bitbucket's JSON
    }
    return ErrorDecoder.raw(body);
  }
}
