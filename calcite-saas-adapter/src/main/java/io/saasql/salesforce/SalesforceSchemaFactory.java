package io.saasql.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.base.Suppliers;
import com.google.common.collect.ImmutableSet;
import io.saasql.core.http.BearerAuth;
import io.saasql.core.http.CallLog;
import io.saasql.core.declare.ErrorDecoder;
import io.saasql.core.http.OAuthToken;
import io.saasql.core.http.OAuthTokenRequest;
import io.saasql.core.declare.Operands;
import io.saasql.core.http.Redactor;
import io.saasql.core.declare.RestSchema;
import io.saasql.core.declare.RestSourceOptions;
import io.saasql.core.declare.RestTableDef;
import io.saasql.core.http.SourceClient;
import io.saasql.core.declare.SourceConfig;
import io.saasql.core.http.TokenSource;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaFactory;
import org.apache.calcite.schema.SchemaPlus;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Creates a Salesforce schema: {@code "factory": "io.saasql.salesforce.SalesforceSchemaFactory"}.
 * Every queryable sObject is a table named by its API name; its columns come from describe, made
 * the first time a query uses the object. Operands:
 * <ul>
 *   <li>{@code clientId} (the connected app's consumer key) and one grant:
 *       {@code clientSecret} alone (client credentials), {@code clientSecret} +
 *       {@code refreshToken} (refresh token), or {@code username} + {@code privateKeyFile}
 *       (JWT bearer);</li>
 *   <li>{@code loginUrl} ({@code https://login.salesforce.com}, {@code https://test.salesforce.com}
 *       or a My Domain URL; default login), {@code tokenUrl} to override
 *       {@code loginUrl + /services/oauth2/token}, {@code baseUrl} to override the API root
 *       ({@code instance_url + /services/data/v<apiVersion>}), {@code apiVersion} (default
 *       65.0);</li>
 *   <li>{@code objects}: a comma-separated list of the objects to offer (default: all
 *       queryable).</li>
 * </ul>
 */
public class SalesforceSchemaFactory implements SchemaFactory {
  public static final SalesforceSchemaFactory INSTANCE = new SalesforceSchemaFactory();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> OPERANDS = ImmutableSet.<String>builder()
      .add("clientId", "clientSecret", "refreshToken", "username", "privateKeyFile", "loginUrl",
          "tokenUrl", "baseUrl", "apiVersion", "objects")
      .addAll(RestSourceOptions.OPERANDS).build();

  @Override public Schema create(SchemaPlus parentSchema, String name,
      Map<String, Object> operand) {
    Operands operands = new Operands(name, operand, OPERANDS);
    String clientId = operands.required("clientId", "the connected app's consumer key");
    String clientSecret = operands.string("clientSecret");
    String refreshToken = operands.string("refreshToken");
    String username = operands.string("username");
    String keyFile = operands.string("privateKeyFile");
    String loginUrl = trimSlash(operands.string("loginUrl") != null ? operands.string("loginUrl")
        : "https://login.salesforce.com");
    String tokenUrl = operands.string("tokenUrl") != null ? operands.string("tokenUrl")
        : loginUrl + "/services/oauth2/token";
    String apiVersion = operands.string("apiVersion") != null ? operands.string("apiVersion")
        : "65.0";
    Set<String> objects = new LinkedHashSet<>();
    if (operands.string("objects") != null) {
      for (String o : operands.string("objects").split(",")) {
        if (!o.isBlank()) {
          objects.add(o.strip());
        }
      }
    }
    String grant;
    Map<String, String> form = new LinkedHashMap<>();
    if (keyFile != null || username != null) {
      if (keyFile == null || username == null) {
        throw new IllegalArgumentException("Schema '" + name
            + "': the JWT bearer flow needs both 'username' and 'privateKeyFile'.");
      }
      grant = "jwt";
    } else if (refreshToken != null) {
      operands.required("clientSecret",
          "the connected app's consumer secret, for the refresh token");
      form.put("grant_type", "refresh_token");
      form.put("refresh_token", refreshToken);
      grant = "refresh";
    } else {
      operands.required("clientSecret", "the connected app's consumer secret (client credentials "
          + "flow); or give refreshToken, or username + privateKeyFile for the JWT bearer flow");
      form.put("grant_type", "client_credentials");
      grant = "client";
    }
    RestSourceOptions options = RestSourceOptions.read(operands);
    String hint = "Check the clientId, " + switch (grant) {
      case "jwt" -> "username and privateKeyFile operands (the certificate must be uploaded to the "
          + "connected app and the user pre-authorized)";
      case "refresh" -> "clientSecret and refreshToken operands";
      default -> "clientSecret operands and that the connected app allows the client credentials "
          + "flow";
    } + " of schema '" + name + "', and loginUrl (" + loginUrl + ").";
    String secret = clientSecret != null ? clientSecret : "";
    String configuredBase = operands.string("baseUrl");
    SourceClient client = SourceClient.shared(options.clientKey(name, "salesforce",
        tokenUrl + "|" + clientId + "|" + grant + "|" + username + "|" + keyFile + "|" + apiVersion
            + "|" + configuredBase, secret + "|" + refreshToken),
        () -> {
          CallLog log = new CallLog();
          TokenSource tokens;
          if (grant.equals("jwt")) {
            JwtBearerAssertion jwt = new JwtBearerAssertion(clientId, username, loginUrl,
                Path.of(keyFile));
            tokens = () -> new OAuthTokenRequest(name, tokenUrl,
                Map.of("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer",
                    "assertion", jwt.sign()), null, null, OAuthTokenRequest.ClientAuth.NONE, log,
                hint).fetch();
          } else {
            tokens = new OAuthTokenRequest(name, tokenUrl, form, clientId, clientSecret,
                OAuthTokenRequest.ClientAuth.BODY, log, hint);
          }
          BearerAuth auth = new BearerAuth(tokens, true);
          String baseUrl = configuredBase;
          if (baseUrl == null) {
            // The API lives on the org's instance, which the token response names.
            OAuthToken token = auth.token();
            String instance = token.response().path("instance_url").asText("");
            if (instance.isEmpty()) {
              throw new IllegalStateException(name + ": the token response has no instance_url; "
                  + "give the baseUrl operand");
            }
            baseUrl = trimSlash(instance) + "/services/data/v" + apiVersion;
          }
          List<String> secrets = new java.util.ArrayList<>();
          for (String s : new String[] {clientSecret, refreshToken}) {
            if (s != null) {
              secrets.add(s);
            }
          }
          return new SourceConfig(name, baseUrl, options.timeout(), options.maxRetries(),
              options.maxRetryWait(), List.of(auth), new Redactor(Set.of(), secrets),
              SalesforceSchemaFactory::errorMessage, List.of("Sforce-Limit-Info"),
              "Check that the user of schema '" + name + "' may use the API and read the object.",
              log).withOptions(options, RestSourceOptions.quota("salesforce",
                  baseUrl + "|" + clientId, String.join("|", secrets)));
        });
    Supplier<Map<String, Supplier<RestTableDef>>> tables = () -> {
      Map<String, Supplier<RestTableDef>> map = new LinkedHashMap<>();
      Supplier<Map<String, Long>> counts =
          Suppliers.memoize(() -> SalesforceDescribe.recordCounts(client))::get;
      for (String object : SalesforceDescribe.queryableObjects(client, objects)) {
        map.put(object, Suppliers.memoize(() -> SalesforceDescribe.describe(client, object,
            counts.get().getOrDefault(object, SalesforceDescribe.UNKNOWN_ROWS)))::get);
      }
      return map;
    };
    return new RestSchema(name, client, options, tables);
  }

  private static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /**
   * Salesforce's error array {@code [{"message":…,"errorCode":…,"fields":[…]}]} as a sentence,
   * with what to do about a spent daily limit.
   */
  static String errorMessage(int status, String body) {
    try {
      JsonNode errors = JSON.readTree(body);
      if (errors.isArray() && !errors.isEmpty()) {
        StringBuilder b = new StringBuilder();
        for (JsonNode e : errors) {
          if (b.length() > 0) {
            b.append("; ");
          }
          String code = e.path("errorCode").asText("");
          b.append(e.path("message").asText("(no message)"));
          if (!code.isEmpty()) {
            b.append(" (").append(code).append(')');
          }
          if (code.equals("REQUEST_LIMIT_EXCEEDED")) {
            b.append(" — the org's daily API request limit is used up; the calls already made show"
                + " it in Sforce-Limit-Info. Wait for the 24-hour window to free calls, or ask for"
                + " a higher limit");
          }
        }
        return b.toString();
      }
    } catch (Exception ignored) {
      // not Salesforce's JSON
    }
    return ErrorDecoder.raw(body);
  }
}
