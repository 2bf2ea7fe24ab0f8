package io.saasql.sandbox.backlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.saasql.sandbox.SandboxRequest;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The query parameters of {@code GET /issues} and {@code GET /issues/count}, parsed and checked:
 * the filters (AND across parameters, OR among the values of one bracket parameter), the sort
 * and the page. Invalid values throw a {@link BacklogError} with code 7.
 *
 * <p>Date filters compare the UTC calendar date of the field with both bounds inclusive; an issue
 * whose field is null never passes a date bound. Sorting puts nulls after every value (so first
 * when descending) and breaks ties by id in the same direction, which makes every ordering total
 * and offset paging exact.
 */
final class IssueSearch {
  /** Multi-valued filters: parameter → the issue's id value(s) it compares with. */
  private static final Map<String, Function<ObjectNode, Collection<Long>>> ID_FILTERS =
      new LinkedHashMap<>();

  static {
    ID_FILTERS.put("projectId[]", i -> one(i.get("projectId")));
    ID_FILTERS.put("issueTypeId[]", i -> one(i.path("issueType").get("id")));
    ID_FILTERS.put("categoryId[]", i -> ids(i.get("category")));
    ID_FILTERS.put("versionId[]", i -> ids(i.get("versions")));
    ID_FILTERS.put("milestoneId[]", i -> ids(i.get("milestone")));
    ID_FILTERS.put("statusId[]", i -> one(i.path("status").get("id")));
    ID_FILTERS.put("priorityId[]", i -> one(i.path("priority").get("id")));
    ID_FILTERS.put("assigneeId[]", i -> one(i.path("assignee").get("id")));
    ID_FILTERS.put("createdUserId[]", i -> one(i.path("createdUser").get("id")));
    ID_FILTERS.put("resolutionId[]", i -> one(i.path("resolution").get("id")));
    ID_FILTERS.put("id[]", i -> one(i.get("id")));
    ID_FILTERS.put("parentIssueId[]", i -> one(i.get("parentIssueId")));
  }

  /** Date filters: parameter prefix → issue field. */
  private static final Map<String, String> DATE_FILTERS =
      Map.of(
          "created", "created",
          "updated", "updated",
          "startDate", "startDate",
          "dueDate", "dueDate");

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

  static final int DEFAULT_COUNT = 20;
  static final int MAX_COUNT = 100;

  private final List<Predicate<ObjectNode>> filters = new ArrayList<>();
  private final List<Function<Context, Predicate<ObjectNode>>> contextFilters = new ArrayList<>();
  private final String sort;
  private final boolean ascending;
  private final int offset;
  private final int count;
  private final String listingKey;

  /** What some filters and sorts need to know about all issues: the children of each issue. */
  private record Context(Map<Long, Integer> childCounts) {
    static Context of(Collection<ObjectNode> issues) {
      Map<Long, Integer> counts = new HashMap<>();
      for (ObjectNode issue : issues) {
        JsonNode parent = issue.get("parentIssueId");
        if (parent != null && !parent.isNull()) {
          counts.merge(parent.asLong(), 1, Integer::sum);
        }
      }
      return new Context(counts);
    }

    int children(ObjectNode issue) {
      return childCounts.getOrDefault(issue.get("id").asLong(), 0);
    }
  }

  private IssueSearch(SandboxRequest request) {
    this.listingKey = request.query().entries().stream()
        .filter(e -> !Set.of("offset", "count", "apiKey").contains(e.getKey()))
        .map(e -> e.getKey() + "=" + e.getValue())
        .sorted()
        .collect(java.util.stream.Collectors.joining("&"));
    for (Map.Entry<String, Function<ObjectNode, Collection<Long>>> f : ID_FILTERS.entrySet()) {
      List<String> raw = request.queryValues(f.getKey());
      if (raw.isEmpty()) {
        continue;
      }
      Set<Long> wanted = new HashSet<>();
      for (String value : raw) {
        wanted.add(parseLong(f.getKey(), value));
      }
      Function<ObjectNode, Collection<Long>> field = f.getValue();
      filters.add(issue -> field.apply(issue).stream().anyMatch(wanted::contains));
    }

    request
        .queryValue("parentChild")
        .ifPresent(
            raw -> {
              long mode = parseLong("parentChild", raw);
              switch ((int) mode) {
                case 0 -> {}
                case 1 -> filters.add(i -> i.get("parentIssueId").isNull());
                case 2 -> filters.add(i -> !i.get("parentIssueId").isNull());
                case 3 ->
                    contextFilters.add(
                        c -> i -> i.get("parentIssueId").isNull() && c.children(i) == 0);
                case 4 -> contextFilters.add(c -> i -> c.children(i) > 0);
                default -> throw invalid("parentChild", raw);
              }
            });

    request
        .queryValue("hasDueDate")
        .ifPresent(
            raw -> {
              boolean has = parseBoolean("hasDueDate", raw);
              filters.add(i -> i.get("dueDate").isNull() != has);
            });

    request
        .queryValue("keyword")
        .filter(k -> !k.isBlank())
        .ifPresent(
            raw -> {
              String needle = raw.trim().toLowerCase(Locale.ROOT);
              filters.add(
                  i ->
                      i.get("summary").asText().toLowerCase(Locale.ROOT).contains(needle)
                          || i.path("description")
                              .asText("")
                              .toLowerCase(Locale.ROOT)
                              .contains(needle));
            });

    for (Map.Entry<String, String> d : DATE_FILTERS.entrySet()) {
      String field = d.getValue();
      request
          .queryValue(d.getKey() + "Since")
          .ifPresent(
              raw -> {
                LocalDate since = parseDate(d.getKey() + "Since", raw);
                filters.add(i -> dateOf(i, field) != null && !dateOf(i, field).isBefore(since));
              });
      request
          .queryValue(d.getKey() + "Until")
          .ifPresent(
              raw -> {
                LocalDate until = parseDate(d.getKey() + "Until", raw);
                filters.add(i -> dateOf(i, field) != null && !dateOf(i, field).isAfter(until));
              });
    }

    this.sort = request.queryValue("sort").orElse("created");
    if (!SORT_KEYS.containsKey(sort)) {
      throw invalid("sort", sort);
    }
    String order = request.queryValue("order").orElse("desc");
    if (!order.equals("asc") && !order.equals("desc")) {
      throw invalid("order", order);
    }
    this.ascending = order.equals("asc");
    this.offset = (int) parseRange("offset", request.queryValue("offset").orElse("0"), 0,
        Integer.MAX_VALUE);
    this.count = (int) parseRange("count",
        request.queryValue("count").orElse(String.valueOf(DEFAULT_COUNT)), 1, MAX_COUNT);
  }

  /** Parses and checks the parameters of a request; throws a {@link BacklogError} if invalid. */
  static IssueSearch parse(SandboxRequest request) {
    return new IssueSearch(request);
  }

  /** Whether the request has no filter, so that every issue matches. */
  boolean unfiltered() {
    return filters.isEmpty() && contextFilters.isEmpty();
  }

  /** The sort asked for ({@code created} by default). */
  String sort() {
    return sort;
  }

  boolean ascending() {
    return ascending;
  }

  int offset() {
    return offset;
  }

  int count() {
    return count;
  }

  /** The issues matching the filters, in id order. */
  List<ObjectNode> matching(Collection<ObjectNode> issues) {
    return matching(issues, contextFilters.isEmpty() ? null : Context.of(issues));
  }

  private List<ObjectNode> matching(Collection<ObjectNode> issues, Context context) {
    List<Predicate<ObjectNode>> all = new ArrayList<>(filters);
    for (Function<Context, Predicate<ObjectNode>> f : contextFilters) {
      all.add(f.apply(context));
    }
    List<ObjectNode> result = new ArrayList<>();
    for (ObjectNode issue : issues) {
      if (matchesAll(all, issue)) {
        result.add(issue);
      }
    }
    return result;
  }

  private static boolean matchesAll(List<Predicate<ObjectNode>> predicates, ObjectNode issue) {
    for (Predicate<ObjectNode> p : predicates) {
      if (!p.test(issue)) {
        return false;
      }
    }
    return true;
  }

  /** The page asked for: filtered, sorted, then {@code offset} and {@code count} applied. */
  List<ObjectNode> page(Collection<ObjectNode> issues) {
    return slice(ordered(issues));
  }

  /**
   * What identifies the listing apart from the page: every parameter but {@code offset},
   * {@code count} and {@code apiKey}, in a fixed order.
   */
  String listingKey() {
    return listingKey;
  }

  /** Every matching issue, in the order asked for. */
  List<ObjectNode> ordered(Collection<ObjectNode> issues) {
    Context context =
        contextFilters.isEmpty() && !sort.equals("childIssue") ? null : Context.of(issues);
    List<ObjectNode> matching = matching(issues, context);
    Function<ObjectNode, Comparable<?>> key = SORT_KEYS.get(sort).apply(context);
    // Every key once, not once per comparison: a page sorts every matching issue.
    List<Keyed> keyed = new ArrayList<>(matching.size());
    for (ObjectNode issue : matching) {
      keyed.add(new Keyed(issue, key.apply(issue), issue.get("id").asLong()));
    }
    Comparator<Keyed> order =
        Comparator.comparing(Keyed::key, Comparator.nullsLast(IssueSearch::compareKeys))
            .thenComparingLong(Keyed::id);
    keyed.sort(ascending ? order : order.reversed());
    List<ObjectNode> ordered = new ArrayList<>(keyed.size());
    for (Keyed k : keyed) {
      ordered.add(k.issue());
    }
    return ordered;
  }

  /** The page of an ordered listing: {@code offset} and {@code count} applied. */
  List<ObjectNode> slice(List<ObjectNode> ordered) {
    if (offset >= ordered.size()) {
      return List.of();
    }
    return ordered.subList(offset, Math.min(ordered.size(), offset + count));
  }

  private record Keyed(ObjectNode issue, Comparable<?> key, long id) {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareKeys(Comparable a, Comparable b) {
    return a.compareTo(b);
  }

  /** Sort name → the key it sorts by (null sorts after every value). */
  private static final Map<String, Function<Context, Function<ObjectNode, Comparable<?>>>>
      SORT_KEYS = new LinkedHashMap<>();

  static {
    SORT_KEYS.put("issueType", c -> i -> intOrNull(i.path("issueType").get("displayOrder")));
    SORT_KEYS.put("category", c -> i -> firstName(i.get("category")));
    SORT_KEYS.put("version", c -> i -> firstName(i.get("versions")));
    SORT_KEYS.put("milestone", c -> i -> firstName(i.get("milestone")));
    SORT_KEYS.put("summary", c -> i -> textOrNull(i.get("summary")));
    SORT_KEYS.put("status", c -> i -> intOrNull(i.path("status").get("displayOrder")));
    SORT_KEYS.put("priority", c -> i -> intOrNull(i.path("priority").get("id")));
    SORT_KEYS.put("attachment", c -> i -> i.get("attachments").size());
    SORT_KEYS.put("sharedFile", c -> i -> i.get("sharedFiles").size());
    SORT_KEYS.put("created", c -> i -> textOrNull(i.get("created")));
    SORT_KEYS.put("createdUser", c -> i -> textOrNull(i.path("createdUser").get("name")));
    SORT_KEYS.put("updated", c -> i -> textOrNull(i.get("updated")));
    SORT_KEYS.put("updatedUser", c -> i -> textOrNull(i.path("updatedUser").get("name")));
    SORT_KEYS.put("assignee", c -> i -> textOrNull(i.path("assignee").get("name")));
    SORT_KEYS.put("startDate", c -> i -> textOrNull(i.get("startDate")));
    SORT_KEYS.put("dueDate", c -> i -> textOrNull(i.get("dueDate")));
    SORT_KEYS.put("estimatedHours", c -> i -> doubleOrNull(i.get("estimatedHours")));
    SORT_KEYS.put("actualHours", c -> i -> doubleOrNull(i.get("actualHours")));
    SORT_KEYS.put("childIssue", c -> c::children);
  }

  private static Collection<Long> one(JsonNode node) {
    return node == null || node.isNull() ? List.of() : List.of(node.asLong());
  }

  private static Collection<Long> ids(JsonNode array) {
    List<Long> ids = new ArrayList<>();
    if (array != null) {
      array.forEach(n -> ids.add(n.get("id").asLong()));
    }
    return ids;
  }

  private static String firstName(JsonNode array) {
    return array == null || array.isEmpty() ? null : array.get(0).get("name").asText();
  }

  private static String textOrNull(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }

  private static Integer intOrNull(JsonNode node) {
    return node == null || node.isNull() ? null : node.asInt();
  }

  private static Double doubleOrNull(JsonNode node) {
    return node == null || node.isNull() ? null : node.asDouble();
  }

  /** The UTC calendar date of a date-time field ("2024-03-05T06:10:15Z"), or null. */
  private static LocalDate dateOf(ObjectNode issue, String field) {
    JsonNode node = issue.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    return LocalDate.parse(node.asText().substring(0, 10));
  }

  private static long parseLong(String name, String raw) {
    try {
      return Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      throw invalid(name, raw);
    }
  }

  private static long parseRange(String name, String raw, long min, long max) {
    long value = parseLong(name, raw);
    if (value < min || value > max) {
      throw invalid(name, raw);
    }
    return value;
  }

  private static boolean parseBoolean(String name, String raw) {
    return switch (raw) {
      case "true" -> true;
      case "false" -> false;
      default -> throw invalid(name, raw);
    };
  }

  private static LocalDate parseDate(String name, String raw) {
    try {
      return LocalDate.parse(raw, DATE);
    } catch (DateTimeParseException e) {
      throw BacklogError.invalidRequest(
          "Invalid date format for " + name + ": " + raw + " (expected yyyy-MM-dd).");
    }
  }

  private static BacklogError invalid(String name, String raw) {
    return BacklogError.invalidRequest("Invalid value for " + name + ": " + raw);
  }
}
