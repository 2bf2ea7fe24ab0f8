package io.saasql.sandbox;

import com.google.common.collect.LinkedListMultimap;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ListMultimap;
import com.google.common.collect.Multimaps;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An incoming request as a route handler sees it: method, decoded path and query, body, and the
 * values of the route's {@code {name}} path segments.
 */
public final class SandboxRequest {
  private final String method;
  private final String path;
  private final ListMultimap<String, String> query;
  private final String body;
  private final String contentType;
  private final Map<String, String> headers;
  private final Map<String, String> pathParameters;

  public SandboxRequest(
      String method,
      String path,
      ListMultimap<String, String> query,
      String body,
      String contentType,
      Map<String, String> headers) {
    this(method, path, query, body, contentType, headers, Map.of());
  }

  private SandboxRequest(
      String method,
      String path,
      ListMultimap<String, String> query,
      String body,
      String contentType,
      Map<String, String> headers,
      Map<String, String> pathParameters) {
    this.method = method;
    this.path = path;
    this.query = Multimaps.unmodifiableListMultimap(LinkedListMultimap.create(query));
    this.body = body == null ? "" : body;
    this.contentType = contentType;
    this.headers = ImmutableMap.copyOf(headers);
    this.pathParameters = ImmutableMap.copyOf(pathParameters);
  }

  SandboxRequest withPathParameters(Map<String, String> values) {
    return new SandboxRequest(method, path, query, body, contentType, headers, values);
  }

  public String method() {
    return method;
  }

  public String path() {
    return path;
  }

  /** The decoded query parameters in the order sent (unmodifiable). */
  public ListMultimap<String, String> query() {
    return query;
  }

  /** Every value of a query parameter, in the order sent; empty when absent. */
  public List<String> queryValues(String name) {
    return query.get(name);
  }

  /** The first value of a query parameter. */
  public Optional<String> queryValue(String name) {
    List<String> values = query.get(name);
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  public String body() {
    return body;
  }

  /** The Content-Type header, or null. */
  public String contentType() {
    return contentType;
  }

  /** A request header by lower-case name, or null. */
  public String header(String lowerCaseName) {
    return headers.get(lowerCaseName);
  }

  /** The body decoded as {@code application/x-www-form-urlencoded}, in the order sent. */
  public ListMultimap<String, String> form() {
    return QueryStrings.parse(body);
  }

  /** The value of the route template's {@code {name}} segment. */
  public String pathParameter(String name) {
    String value = pathParameters.get(name);
    if (value == null) {
      throw new IllegalArgumentException("route has no path parameter " + name);
    }
    return value;
  }
}
