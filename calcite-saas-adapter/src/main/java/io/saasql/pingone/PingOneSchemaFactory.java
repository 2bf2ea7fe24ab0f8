package io.saasql.pingone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableSet;
import io.saasql.core.http.BearerAuth;
import io.saasql.core.http.CallLog;
import io.saasql.core.declare.ErrorDecoder;
import io.saasql.core.http.OAuthTokenRequest;
import io.saasql.core.declare.Operands;
import io.saasql.core.http.Redactor;
import io.saasql.core.declare.RestSchema;
import io.saasql.core.declare.RestSourceOptions;
import io.saasql.core.http.SourceClient;
import io.saasql.core.declare.SourceConfig;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaFactory;
import org.apache.calcite.schema.SchemaPlus;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Creates the schema of one PingOne environment: {@code "factory":
 * "io.saasql.pingone.PingOneSchemaFactory"} with operands {@code environmentId}, {@code clientId}
 * and {@code clientSecret} of a worker app, {@code region} (NA, EU, AP, CA, AU, SG; default NA),
 * {@code clientAuth} ({@code basic}, the default, or {@code post}: client secret in the body), and
 * {@code baseUrl} / {@code tokenUrl} to override the hosts the region gives.
 */
public class PingOneSchemaFactory implements SchemaFactory {
  public static final PingOneSchemaFactory INSTANCE = new PingOneSchemaFactory();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> REGION_TLDS = Map.of("NA", "com", "EU", "eu",
      "AP", "asia", "CA", "ca", "AU", "com.au", "SG", "sg");
  private static final Set<String> OPERANDS = ImmutableSet.<String>builder()
      .add("environmentId", "clientId", "clientSecret", "region", "clientAuth", "baseUrl",
          "tokenUrl")
      .addAll(RestSourceOptions.OPERANDS).build();

  @Override public Schema create(SchemaPlus parentSchema, String name,
      Map<String, Object> operand) {
    Operands operands = new Operands(name, operand, OPERANDS);
    String env = operands.required("environmentId", "the PingOne environment's id (a UUID)");
    String clientId = operands.required("clientId", "the client id of a worker application");
    String clientSecret = operands.required("clientSecret",
        "the worker application's secret; write \"${PINGONE_CLIENT_SECRET}\" to read it from"
            + " the environment");
    String region = operands.string("region") == null ? "NA"
        : operands.string("region").toUpperCase(Locale.ROOT);
    String tld = REGION_TLDS.get(region);
    if (tld == null) {
      throw new IllegalArgumentException("Schema '" + name + "': operand 'region' must be one of "
          + new java.util.TreeSet<>(REGION_TLDS.keySet()) + ", not '" + region + "'.");
    }
    String auth = operands.string("clientAuth") == null ? "basic"
        : operands.string("clientAuth").toLowerCase(Locale.ROOT);
    OAuthTokenRequest.ClientAuth clientAuth = switch (auth) {
      case "basic" -> OAuthTokenRequest.ClientAuth.BASIC;
      case "post" -> OAuthTokenRequest.ClientAuth.BODY;
      default -> throw new IllegalArgumentException("Schema '" + name
          + "': operand 'clientAuth' must be basic or post (how the worker app sends its "
          + "secret), not '" + auth + "'.");
    };
    String baseUrl = operands.string("baseUrl") != null ? operands.string("baseUrl")
        : "https://api.pingone." + tld + "/v1";
    String tokenUrl = operands.string("tokenUrl") != null ? operands.string("tokenUrl")
        : "https://auth.pingone." + tld + "/" + env + "/as/token";
    RestSourceOptions options = RestSourceOptions.read(operands);
    SourceClient client = SourceClient.shared(
        options.clientKey(name, "pingone", baseUrl + "|" + tokenUrl + "|" + env + "|" + clientId
            + "|" + auth, clientSecret),
        () -> {
          CallLog log = new CallLog();
          OAuthTokenRequest tokens = new OAuthTokenRequest(name, tokenUrl,
              Map.of("grant_type", "client_credentials"), clientId, clientSecret, clientAuth, log,
              "Check the clientId, clientSecret and clientAuth operands of schema '" + name
                  + "' (a worker application of environment " + env + ").");
          return new SourceConfig(name, baseUrl, options.timeout(), options.maxRetries(),
              options.maxRetryWait(), List.of(new BearerAuth(tokens, true)),
              new Redactor(Set.of(), List.of(clientSecret)), PingOneSchemaFactory::errorMessage,
              List.of(),
              "Check that the worker application of schema '" + name
                  + "' has a role that can read this environment.",
              log).withOptions(options, RestSourceOptions.quota("pingone",
                  baseUrl + "|" + env + "|" + clientId, clientSecret));
        });
    return new RestSchema(name, client, options, PingOneTables.forEnvironment(env));
  }

  /** PingOne's error body {@code {id, code, message, details:[{code, target, message}]}}. */
  static String errorMessage(int status, String body) {
    try {
      JsonNode e = JSON.readTree(body);
      if (e.has("code") || e.has("message")) {
        StringBuilder b = new StringBuilder(e.path("message").asText("(no message)"));
        if (e.has("code")) {
          b.append(" (").append(e.path("code").asText()).append(')');
        }
        for (JsonNode d : e.path("details")) {
          b.append("; ").append(d.path("target").asText("")).append(": ")
              .append(d.path("message").asText(d.path("code").asText("")));
        }
        return b.toString();
      }
    } catch (Exception ignored) {
      // not PingOne's JSON
    }
    return ErrorDecoder.raw(body);
  }
}
