package io.saasql.sandbox;

import com.google.common.collect.LinkedListMultimap;
import com.google.common.collect.ListMultimap;
import com.google.common.collect.Multimaps;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One request as the sandbox saw it.
 *
 * @param method the HTTP method, upper case
 * @param path the decoded request path, e.g. {@code /api/v2/issues/SALES-12}
 * @param query the decoded query parameters in the order sent, secrets such as {@code apiKey}
 *     included
 * @param body the request body as UTF-8 text, empty when there was none
 * @param status the HTTP status the sandbox answered with (0 while still being answered)
 */
public record RecordedRequest(
    String method, String path, ListMultimap<String, String> query, String body, int status) {

  /** The query parameters {@link #describe()} leaves out because they carry credentials. */
  private static final java.util.Set<String> SECRET_PARAMETERS =
      java.util.Set.of("apiKey", "access_token");

  public RecordedRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    // not ImmutableListMultimap: that groups values by key and loses the order sent
    query = Multimaps.unmodifiableListMultimap(LinkedListMultimap.create(query));
    body = body == null ? "" : body;
  }

  /**
   * The method, path and decoded query without credentials, parameters in the order sent, e.g.
   * {@code GET /api/v2/issues?projectId[]=1&count=100&offset=0}.
   */
  public String describe() {
    String params =
        query.entries().stream()
            .filter(e -> !SECRET_PARAMETERS.contains(e.getKey()))
            .map(RecordedRequest::pair)
            .collect(Collectors.joining("&"));
    return method + " " + path + (params.isEmpty() ? "" : "?" + params);
  }

  private static String pair(Map.Entry<String, String> e) {
    return e.getKey() + "=" + e.getValue();
  }

  @Override
  public String toString() {
    return describe() + " -> " + status;
  }
}
