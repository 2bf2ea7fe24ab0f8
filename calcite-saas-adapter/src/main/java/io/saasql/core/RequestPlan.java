package io.saasql.core;

import com.google.common.collect.ImmutableList;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What a scan will ask the API, decided before any call is made: no request at all, a GET per key,
 * or a paged listing of one or more paths with the pushed parameters. The same plan drives
 * execution, the {@code --verbose} output and the tests.
 *
 * @param kind       NONE, LOOKUP or LIST
 * @param targets    resolved paths (LOOKUP: one per key; LIST: one per path-variable value)
 * @param params     the pushed query parameters, in order (LIST only)
 * @param pathSource for a LIST whose path variable the query did not restrict: where its values
 *                   come from (the parent listing); null otherwise
 * @param pushed     the SQL predicates the request carries, for people to read
 * @param fetch      at most how many rows the query reads (its LIMIT, when nothing stands between
 *                   it and the scan), to size the first page; null when unknown
 */
public record RequestPlan(Kind kind, ImmutableList<Target> targets,
    ImmutableList<Pushdown.Param> params, Pushdown.PathVariable pathSource,
    ImmutableList<String> pushed, Long fetch) {

  /**
   * A path to request, and the value its path variable was given there (null when the route has
   * none): rows read from this path get it in the path-variable column.
   */
  public record Target(String path, String pathValue) {}

  /** The paths alone. */
  public List<String> paths() {
    return targets.stream().map(Target::path).toList();
  }

  /** The shape of a plan. */
  public enum Kind {
    /** The predicates match no row: nothing is sent. */
    NONE,
    /** One GET per key; a 404 is no row. */
    LOOKUP,
    /** A paged listing per path. */
    LIST
  }

  public static RequestPlan none(List<String> pushed) {
    return new RequestPlan(Kind.NONE, ImmutableList.of(), ImmutableList.of(), null,
        ImmutableList.copyOf(pushed), null);
  }

  public static RequestPlan lookup(List<Target> targets, List<String> pushed) {
    return new RequestPlan(Kind.LOOKUP, ImmutableList.copyOf(targets), ImmutableList.of(), null,
        ImmutableList.copyOf(pushed), null);
  }

  public static RequestPlan list(List<Target> targets, List<Pushdown.Param> params,
      Pushdown.PathVariable pathSource, List<String> pushed) {
    return new RequestPlan(Kind.LIST, ImmutableList.copyOf(targets), ImmutableList.copyOf(params),
        pathSource, ImmutableList.copyOf(pushed), null);
  }

  /** This listing, reading at most {@code fetch} rows, with these parameters. */
  RequestPlan withFetch(long fetch, List<Pushdown.Param> newParams) {
    return new RequestPlan(kind, targets, ImmutableList.copyOf(newParams), pathSource, pushed,
        fetch);
  }

  /** A one-line description: {@code LIST GET /issues?statusId[]=1 (pushed: StatusId)}. */
  @Override public String toString() {
    String query = params.isEmpty() ? "" : "?" + params.stream()
        .map(p -> p.name() + "=" + p.value()).collect(Collectors.joining("&"));
    String where = pathSource == null ? String.join(", ", paths())
        : targets.get(0).path() + " for each " + pathSource.parentTable() + "."
            + pathSource.parentColumn();
    String target = switch (kind) {
      case NONE -> "no request";
      case LOOKUP -> "GET " + where;
      case LIST -> "GET " + where + query;
    };
    return kind + " " + target
        + (pushed.isEmpty() ? "" : " pushed: " + String.join(" AND ", pushed))
        + (fetch == null ? "" : " (at most " + fetch + " rows)");
  }
}
