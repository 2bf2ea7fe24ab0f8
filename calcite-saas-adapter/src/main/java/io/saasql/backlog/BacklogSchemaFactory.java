package io.saasql.backlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableSet;
import io.saasql.core.http.ApiKeyAuth;
import io.saasql.core.http.CallLog;
import io.saasql.core.declare.ErrorDecoder;
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
import java.util.Map;
import java.util.Set;

/**
 * Creates a Backlog schema from model.json:
 * {@code "factory": "io.saasql.backlog.BacklogSchemaFactory"} with operands {@code apiKey}
 * (required) and {@code baseUrl} (the API root, e.g.
 * {@code https://example.backlog.com/api/v2}) or {@code space} ({@code example} or
 * {@code example.backlog.jp}), plus the options every REST source takes
 * ({@link RestSourceOptions}).
 */
public class BacklogSchemaFactory implements SchemaFactory {
  /** Calcite looks for this when it instantiates a factory named in a model. */
  public static final BacklogSchemaFactory INSTANCE = new BacklogSchemaFactory();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> OPERANDS = ImmutableSet.<String>builder()
      .add("baseUrl", "space", "apiKey").addAll(RestSourceOptions.OPERANDS).build();

  @Override public Schema create(SchemaPlus parentSchema, String name,
      Map<String, Object> operand) {
    Operands operands = new Operands(name, operand, OPERANDS);
    String baseUrl = operands.string("baseUrl");
    if (baseUrl == null || baseUrl.isEmpty()) {
      String space = operands.required("space",
          "the Backlog space, e.g. \"example\" for example.backlog.com; or give baseUrl");
      baseUrl = "https://" + (space.contains(".") ? space : space + ".backlog.com") + "/api/v2";
    }
    String apiKey = operands.required("apiKey",
        "a Backlog API key; write \"${BACKLOG_API_KEY}\" to read it from the environment");
    // Backlog's published read limit: 600 requests a minute per user.
    RestSourceOptions options = RestSourceOptions.read(operands, "600/1m");
    String url = baseUrl;
    SourceClient client = SourceClient.shared(options.clientKey(name, "backlog", url, apiKey),
        () -> new SourceConfig(name, url, options.timeout(), options.maxRetries(),
            options.maxRetryWait(), List.of(new ApiKeyAuth("apiKey", apiKey)),
            new Redactor(Set.of("apiKey"), List.of(apiKey)), BacklogSchemaFactory::errorMessage,
            List.of("X-RateLimit-Remaining"),
            "Check the apiKey operand of schema '" + name
                + "' (Backlog: Personal Settings → API) and that its user can see the project.",
            new CallLog()).withOptions(options,
                RestSourceOptions.quota("backlog", url, apiKey)));
    return new RestSchema(name, client, options, BacklogTables.ALL);
  }

  /** Backlog's error body {@code {"errors":[{"message":"No project.","code":6}]}} as a sentence. */
  static String errorMessage(int status, String body) {
    try {
      JsonNode errors = JSON.readTree(body).path("errors");
      if (errors.isArray() && !errors.isEmpty()) {
        StringBuilder b = new StringBuilder();
        for (JsonNode e : errors) {
          if (b.length() > 0) {
            b.append("; ");
          }
          b.append(e.path("message").asText("(no message)").replaceAll("\\.$", ""));
          if (e.has("code")) {
            b.append(" (Backlog error code ").append(e.path("code").asInt()).append(')');
          }
        }
        return b.toString();
      }
    } catch (Exception e) {
      // not Backlog's JSON: show the body itself
    }
    return ErrorDecoder.raw(body);
  }
}
