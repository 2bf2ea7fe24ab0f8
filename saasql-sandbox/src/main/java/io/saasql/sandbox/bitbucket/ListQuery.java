package io.saasql.sandbox.bitbucket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.saasql.sandbox.SandboxRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The list parameters of one request to a paginated Bitbucket endpoint, parsed and checked:
 * {@code q} (BBQL), {@code sort}, {@code page} and {@code pagelen}; and the page object built from
 * them, {@code {"size","page","pagelen","next"?,"previous"?,"values"}}.
 *
 * <p>{@code pagelen} defaults to 10; above the endpoint's maximum (100, pull requests 50) or below
 * 0 Bitbucket answers 400 "Invalid pagelen", and 0 means the default. {@code page} starts at 1; a
 * page past the end is empty. {@code next} and {@code previous} are absolute URLs that repeat
 * every parameter of the request but {@code page}, in the order sent, then {@code page}.
 */
final class ListQuery {
  static final int DEFAULT_PAGELEN = 10;
  static final int MAX_PAGELEN = 100;
  static final int MAX_PULL_REQUEST_PAGELEN = 50;

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final SandboxRequest request;
  private final String origin;
  private final Predicate<JsonNode> filter;
  private final Comparator<JsonNode> order;
  private final int page;
  private final int pagelen;

  private ListQuery(
      SandboxRequest request,
      String origin,
      Predicate<JsonNode> filter,
      Comparator<JsonNode> order,
      int page,
      int pagelen) {
    this.request = request;
    this.origin = origin;
    this.filter = filter;
    this.order = order;
    this.page = page;
    this.pagelen = pagelen;
  }

  /**
   * Parses the request's parameters for objects described by {@code catalog}; an invalid one
   * throws a {@link BitbucketError} 400.
   *
   * @param origin {@code http://host:port}, the start of the {@code next}/{@code previous} links
   * @param extra a further condition, e.g. the pull-request {@code state} parameter
   */
  static ListQuery parse(
      SandboxRequest request,
      String origin,
      FieldCatalog catalog,
      int maxPagelen,
      Predicate<JsonNode> extra) {
    int pagelen = parsePagelen(request.queryValue("pagelen"), maxPagelen);
    int page = parsePage(request.queryValue("page"));
    Predicate<JsonNode> filter;
    Comparator<JsonNode> order;
    try {
      filter = BbqlFilter.compile(request.queryValue("q").orElse(null), catalog).and(extra);
      order = catalog.order(request.queryValue("sort").orElse(null));
    } catch (BbqlException e) {
      throw BitbucketError.badRequest(e.getMessage());
    }
    return new ListQuery(request, origin, filter, order, page, pagelen);
  }

  /** The matching objects in order (not copied). */
  List<ObjectNode> matching(Collection<ObjectNode> objects) {
    return objects.stream().filter(filter).sorted(order).toList();
  }

  /** The page object for this request over {@code objects} (filtered and sorted here). */
  ObjectNode page(Collection<ObjectNode> objects) {
    List<ObjectNode> all = matching(objects);
    long from = (long) (page - 1) * pagelen;
    List<ObjectNode> values =
        from >= all.size() ? List.of()
            : all.subList((int) from, (int) Math.min(all.size(), from + pagelen));
    ObjectNode body = F.objectNode();
    body.put("size", all.size());
    body.put("page", page);
    body.put("pagelen", pagelen);
    if (from + pagelen < all.size()) {
      body.put("next", link(page + 1));
    }
    if (page > 1) {
      body.put("previous", link(page - 1));
    }
    ArrayNode array = body.putArray("values");
    values.forEach(v -> array.add(v.deepCopy()));
    return body;
  }

  private String link(int targetPage) {
    List<String> params = new ArrayList<>();
    for (Map.Entry<String, String> e : request.query().entries()) {
      if (!e.getKey().equals("page")) {
        params.add(encode(e.getKey()) + "=" + encode(e.getValue()));
      }
    }
    params.add("page=" + targetPage);
    return origin + encodePath(request.path()) + "?" + String.join("&", params);
  }

  private static int parsePagelen(Optional<String> value, int max) {
    if (value.isEmpty()) {
      return DEFAULT_PAGELEN;
    }
    Long n = parseInteger(value.get());
    if (n == null || n < 0 || n > max) {
      throw BitbucketError.badRequest("Invalid pagelen");
    }
    return n == 0 ? DEFAULT_PAGELEN : n.intValue();
  }

  private static int parsePage(Optional<String> value) {
    if (value.isEmpty()) {
      return 1;
    }
    Long n = parseInteger(value.get());
    if (n == null || n < 1 || n > Integer.MAX_VALUE / MAX_PAGELEN) {
      throw BitbucketError.badRequest("Invalid page");
    }
    return n.intValue();
  }

  private static Long parseInteger(String s) {
    String t = s.startsWith("-") ? s.substring(1) : s;
    Long n = BitbucketDataSet.parseId(t);
    return n == null ? null : s.startsWith("-") ? -n : n;
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String encodePath(String path) {
    return java.util.Arrays.stream(path.split("/", -1))
        .map(ListQuery::encode)
        .collect(Collectors.joining("/"));
  }
}
