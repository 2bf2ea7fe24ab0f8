package io.saasql.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The route table of one sandbox: a method plus a path template such as {@code
 * /api/v2/issues/{idOrKey}}; a {@code {name}} segment matches any one non-empty path segment.
 * Routes are tried in the order added, so add literal routes ({@code /issues/count}) before the
 * template they would also match ({@code /issues/{idOrKey}}).
 */
public final class Routes {

  private record Route(String method, String[] segments, RouteHandler handler) {}

  /** The outcome of looking up a request. */
  public sealed interface Match permits Found, MethodNotAllowed, NotFound {}

  /** A route matched; {@code request} carries its path parameters. */
  public record Found(RouteHandler handler, SandboxRequest request) implements Match {}

  /** The path exists for other methods only. */
  public record MethodNotAllowed(List<String> allowed) implements Match {}

  /** No route has this path. */
  public record NotFound() implements Match {}

  private final List<Route> routes = new ArrayList<>();

  /** Adds a route; returns this. */
  public synchronized Routes add(String method, String template, RouteHandler handler) {
    routes.add(new Route(method.toUpperCase(java.util.Locale.ROOT), split(template), handler));
    return this;
  }

  public Routes get(String template, RouteHandler handler) {
    return add("GET", template, handler);
  }

  public Routes post(String template, RouteHandler handler) {
    return add("POST", template, handler);
  }

  public Routes patch(String template, RouteHandler handler) {
    return add("PATCH", template, handler);
  }

  public Routes delete(String template, RouteHandler handler) {
    return add("DELETE", template, handler);
  }

  /** Finds the route for a request. */
  public synchronized Match match(SandboxRequest request) {
    String[] path = split(request.path());
    List<String> otherMethods = new ArrayList<>();
    for (Route route : routes) {
      Optional<Map<String, String>> params = bind(route.segments(), path);
      if (params.isEmpty()) {
        continue;
      }
      if (route.method().equals(request.method())) {
        return new Found(route.handler(), request.withPathParameters(params.get()));
      }
      otherMethods.add(route.method());
    }
    return otherMethods.isEmpty() ? new NotFound() : new MethodNotAllowed(otherMethods);
  }

  private static Optional<Map<String, String>> bind(String[] template, String[] path) {
    if (template.length != path.length) {
      return Optional.empty();
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < template.length; i++) {
      String t = template[i];
      if (t.startsWith("{") && t.endsWith("}")) {
        if (path[i].isEmpty()) {
          return Optional.empty();
        }
        params.put(t.substring(1, t.length() - 1), path[i]);
      } else if (!t.equals(path[i])) {
        return Optional.empty();
      }
    }
    return Optional.of(params);
  }

  private static String[] split(String path) {
    String trimmed = path;
    while (trimmed.endsWith("/") && trimmed.length() > 1) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    if (trimmed.startsWith("/")) {
      trimmed = trimmed.substring(1);
    }
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
  }
}
