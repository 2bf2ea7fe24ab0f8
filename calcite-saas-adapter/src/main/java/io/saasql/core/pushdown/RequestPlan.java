package io.saasql.core.pushdown;

import io.saasql.core.declare.Paging;
import io.saasql.core.declare.Pushdown;

import com.google.common.collect.ImmutableList;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a scan will ask the API, decided before any call is made: no request at all, a GET per key,
 * a paged listing of one or more paths with the pushed parameters, or — when only the size of the
 * listing can tell which of those two costs fewer requests — a count first, then the cheaper one.
 * The same plan drives execution, the {@code --verbose} output and the tests.
 *
 * @param kind       NONE, LOOKUP, LIST or CHOOSE
 * @param targets    resolved paths (LOOKUP: one per key; LIST: one per path-variable value)
 * @param params     the pushed query parameters, in order (LIST, and the count of a CHOOSE)
 * @param pathSource for a LIST whose path variable the query did not restrict: where its values
 *                   come from (the parent listing); null otherwise
 * @param pushed     the SQL predicates the request carries, for people to read
 * @param fetch      at most how many rows the query reads (its LIMIT, when nothing stands between
 *                   it and the scan), to size the first page; null when unknown
 * @param cost       how many requests the plan makes, as far as is known before it runs
 * @param choice     for CHOOSE, the count and the two plans it chooses between; null otherwise
 */
public record RequestPlan(Kind kind, ImmutableList<Target> targets,
    ImmutableList<Pushdown.Param> params, Pushdown.PathVariable pathSource,
    ImmutableList<String> pushed, Long fetch, Cost cost, Choice choice) {

  public RequestPlan {
    Objects.requireNonNull(cost);
    if ((kind == Kind.CHOOSE) != (choice != null)) {
      throw new IllegalArgumentException("a CHOOSE plan, and only that, has a choice");
    }
  }

  /**
   * A path to request, and the value its path variable was given there (null when the route has
   * none): rows read from this path get it in the path-variable column, or, when the variable
   * has an echo ({@link Pushdown.PathVariable#echo()}), the value each row states.
   *
   * @param fromQuery the value comes from the query's predicate (not from a parent listing or a
   *                  schema's fixed value): a row that states another value (the API took the
   *                  value as another spelling of a different one) is not a row of the query
   */
  public record Target(String path, String pathValue, boolean fromQuery) {
    /** A path whose value, if any, does not come from the query. */
    public Target(String path, String pathValue) {
      this(path, pathValue, false);
    }
  }

  /** How sure a {@link Cost} is. */
  public enum Certainty {
    /** The plan makes exactly this many requests (GETs by key; no request at all). */
    EXACT,
    /** At most this many: the listing is filtered on a unique column to a few values. */
    AT_MOST,
    /** An estimate from the declared row count and page size. */
    ESTIMATED
  }

  /** How many requests a plan makes. */
  public record Cost(long requests, Certainty certainty) {
    public static Cost exact(long requests) {
      return new Cost(requests, Certainty.EXACT);
    }

    @Override public String toString() {
      String n = requests + (requests == 1 ? " request" : " requests");
      return switch (certainty) {
        case EXACT -> n;
        case AT_MOST -> "at most " + n;
        case ESTIMATED -> "about " + n;
      };
    }
  }

  /**
   * The alternatives of a CHOOSE plan: {@code GET countPath} with the listing's parameters says
   * how many rows the listing holds; then the lookups run if they take no more requests than the
   * listing's pages, else the listing.
   */
  public record Choice(String countPath, String countPointer, RequestPlan lookup,
      RequestPlan listing) {
    public Choice {
      if (lookup.kind() != Kind.LOOKUP || listing.kind() != Kind.LIST
          || listing.pathSource() != null) {
        throw new IllegalArgumentException("a choice is between lookups and a listing of paths");
      }
    }
  }

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
    LIST,
    /** A count of the listing's rows first, then the lookups or the listing, whichever is fewer. */
    CHOOSE
  }

  public static RequestPlan none(List<String> pushed) {
    return new RequestPlan(Kind.NONE, ImmutableList.of(), ImmutableList.of(), null,
        ImmutableList.copyOf(pushed), null, Cost.exact(0), null);
  }

  public static RequestPlan lookup(List<Target> targets, List<String> pushed) {
    return new RequestPlan(Kind.LOOKUP, ImmutableList.copyOf(targets), ImmutableList.of(), null,
        ImmutableList.copyOf(pushed), null, Cost.exact(targets.size()), null);
  }

  public static RequestPlan list(List<Target> targets, List<Pushdown.Param> params,
      Pushdown.PathVariable pathSource, List<String> pushed, Cost cost) {
    return new RequestPlan(Kind.LIST, ImmutableList.copyOf(targets), ImmutableList.copyOf(params),
        pathSource, ImmutableList.copyOf(pushed), null, cost, null);
  }

  /**
   * Counts first with {@code GET countPath} (the listing's parameters), then runs
   * {@code lookup} or {@code listing}: see {@link #chosen}.
   */
  public static RequestPlan choose(String countPath, String countPointer, RequestPlan lookup,
      RequestPlan listing) {
    Choice choice = new Choice(countPath, countPointer, lookup, listing);
    List<String> pushed = new java.util.ArrayList<>(lookup.pushed());
    listing.pushed().stream().filter(p -> !pushed.contains(p)).forEach(pushed::add);
    return new RequestPlan(Kind.CHOOSE, ImmutableList.of(), listing.params(), null,
        ImmutableList.copyOf(pushed), null,
        new Cost(1 + lookup.cost().requests(), Certainty.AT_MOST), choice);
  }

  /**
   * For a CHOOSE plan, the plan to run once the count said {@code matching} rows: nothing when
   * none match; the lookups when they take no more requests than the listing's pages of
   * {@code paging}; else the listing. Either way the requests after the count are at most those
   * of the listing, which are at most those of the unfiltered listing.
   */
  public RequestPlan chosen(long matching, Paging paging) {
    if (kind != Kind.CHOOSE) {
      throw new IllegalStateException("not a choice: " + this);
    }
    if (matching <= 0) {
      return none(pushed);
    }
    long listingRequests = choice.listing().targets().size() * paging.requests(matching);
    RequestPlan listing = choice.listing();
    return choice.lookup().targets().size() <= listingRequests ? choice.lookup()
        : new RequestPlan(Kind.LIST, listing.targets(), listing.params(), null, listing.pushed(),
            null, new Cost(listingRequests, Certainty.ESTIMATED), null);
  }

  /**
   * This listing, reading at most {@code fetch} rows, with these parameters: at most the
   * requests {@code paging} takes for that many rows per path, if fewer than before.
   */
  RequestPlan withFetch(long fetch, List<Pushdown.Param> newParams, Paging paging) {
    long requests = targets.size() * paging.requests(fetch);
    Cost fewer = pathSource == null && requests < cost.requests()
        ? new Cost(requests, Certainty.AT_MOST) : cost;
    return new RequestPlan(kind, targets, ImmutableList.copyOf(newParams), pathSource, pushed,
        fetch, fewer, choice);
  }

  /**
   * A one-line description:
   * {@code LIST GET /issues?statusId[]=1 pushed: StatusId = 1 (about 7 requests)}.
   */
  @Override public String toString() {
    if (kind == Kind.CHOOSE) {
      return "CHOOSE by GET " + choice.countPath() + query(params) + ": "
          + choice.lookup() + " if no more than the pages of " + choice.listing()
          + " (" + cost + ")";
    }
    String where = pathSource == null ? String.join(", ", paths())
        : targets.get(0).path() + " for each " + pathSource.parentTable() + "."
            + pathSource.parentColumn();
    String target = switch (kind) {
      case NONE -> "no request";
      case LOOKUP -> "GET " + where;
      default -> "GET " + where + query(params);
    };
    return kind + " " + target
        + (pushed.isEmpty() ? "" : " pushed: " + String.join(" AND ", pushed))
        + (fetch == null ? "" : " (at most " + fetch + " rows)")
        + (kind == Kind.NONE ? "" : " (" + cost + ")");
  }

  private static String query(List<Pushdown.Param> params) {
    return params.isEmpty() ? "" : "?" + params.stream()
        .map(p -> p.name() + "=" + p.value()).collect(Collectors.joining("&"));
  }
}
