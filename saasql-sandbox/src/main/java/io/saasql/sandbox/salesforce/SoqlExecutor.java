package io.saasql.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.saasql.sandbox.salesforce.FieldType.Kind;
import io.saasql.sandbox.salesforce.SoqlQuery.Condition;
import io.saasql.sandbox.salesforce.SoqlQuery.Expr;
import io.saasql.sandbox.salesforce.SoqlQuery.FieldRef;
import io.saasql.sandbox.salesforce.SoqlQuery.Literal;
import io.saasql.sandbox.salesforce.SoqlQuery.LiteralKind;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Checks a parsed query against the org's schema and runs it over the records (aggregate queries
 * through {@link SoqlAggregator}).
 *
 * <p>Semantics (Salesforce's where its documentation says, chosen where it is silent):
 *
 * <ul>
 *   <li>Field names and relationship names are case-insensitive; results use the describe
 *       spelling. {@code Account.Name} follows a reference field's relationship name, up to five
 *       levels; a missing parent gives null.
 *   <li>String, picklist, phone, e-mail, URL and text-area comparisons, IN and LIKE ignore case;
 *       so does ORDER BY on them. Id and reference fields take 15- or 18-character Ids and compare
 *       them exactly.
 *   <li>Two-valued logic, as SOQL has no UNKNOWN: {@code x = null} and {@code x != null} test for
 *       null; a null field is unequal to every value, so {@code x != 'a'} and {@code x NOT IN
 *       ('a')} match it and {@code x = 'a'}, ranges, LIKE and INCLUDES do not; NOT negates.
 *   <li>ORDER BY puts nulls first unless NULLS LAST is given, in both directions; ties keep Id
 *       order.
 * </ul>
 *
 * <p>Aggregate queries, as documented: only {@code groupable} fields group, and a selected field
 * must be grouped or aggregated; {@code COUNT(f)} counts non-null values, {@code COUNT_DISTINCT(f)}
 * distinct non-null ones, SUM, AVG, MIN and MAX ignore nulls (null when no value is left); SUM
 * and AVG take numbers only, and no function takes booleans, times, multi-select picklists or
 * long text; MIN and MAX of a picklist follow its values' order; a null grouped value is a group
 * of its own; records are {@code {"attributes":{"type":"AggregateResult"}, …}} with grouped
 * fields under their field name and unaliased functions as {@code expr0}, {@code expr1}, … in
 * SELECT order; without GROUP BY there is exactly one record, and LIMIT and OFFSET are refused;
 * the answer is never continued with a locator. Decided here, as the documentation is silent:
 *
 * <ul>
 *   <li>Text groups (and COUNT_DISTINCT) ignore case, like every other text comparison here; a
 *       group shows the value of its first record in Id order.
 *   <li>Without ORDER BY, and among its ties, groups come in ascending order of their grouped
 *       values, nulls first.
 *   <li>A grouped relationship field ({@code Account.Name}) is answered under its last name
 *       ({@code Name}); two columns of one name are refused as "duplicate alias".
 *   <li>SUM of an int field is a JSON integer; SUM of double, currency and percent fields, and
 *       every AVG, a JSON floating-point number (AVG to 16 significant digits); COUNT an integer;
 *       MIN and MAX in the field's own JSON form.
 *   <li>More than 2,000 groups (after HAVING, OFFSET and LIMIT) is refused with the message API
 *       clients report ("Aggregate query does not support queryMore() …") and code {@code
 *       MALFORMED_QUERY}, whatever batch size the request asks for; the documentation only says
 *       an aggregate query cannot be continued with a query locator.
 *   <li>HAVING needs GROUP BY; a field in HAVING must be grouped; an aggregate function in ORDER
 *       BY or HAVING need not be selected.
 *   <li>The documentation gives no error texts. Those API users report from Salesforce are
 *       used verbatim ("Field must be grouped or aggregated: X", "Ordered field must be grouped
 *       or aggregated: X", "field 'X' can not be grouped in a query call", "field X does not
 *       support aggregate operator SUM", "Grouped field should not be aggregated: X", "only
 *       aggregate expressions use field aliasing", "Non-grouped query that uses overall aggregate
 *       functions cannot also use LIMIT"); the others ("duplicate alias: X", the COUNT() and
 *       HAVING ones, aggregates in WHERE) are the sandbox's, all {@code MALFORMED_QUERY} but the
 *       ungroupable field ({@code INVALID_FIELD}).
 * </ul>
 */
final class SoqlExecutor {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final int MAX_OFFSET = 2000;
  private static final int MAX_RELATIONSHIP_DEPTH = 5;
  private static final DateTimeFormatter RECORD_DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  /**
   * The rows of a query in order (empty for COUNT()), how many there are, and whether they are
   * {@code AggregateResult}s (which are never continued with a query locator).
   */
  record Result(int totalSize, List<ObjectNode> records, boolean aggregate) {}

  /** A field reached from the queried object, possibly through relationships. */
  record Binding(List<SObjectField> hops, List<SObjectType> types, SObjectField field) {
    String canonicalPath() {
      StringBuilder path = new StringBuilder();
      hops.forEach(h -> path.append(h.relationshipName).append('.'));
      return path.append(field.name).toString();
    }

    Kind kind() {
      return field.type.kind;
    }
  }

  /**
   * A value a condition tests or an ORDER BY sorts on, read from a row of type {@code T} (a
   * record, or a group of an aggregate query): how SOQL compares it, the name messages give it,
   * and the JSON value (null for none).
   */
  record Operand<T>(Kind kind, String name, Function<T, JsonNode> read) {}

  private final SalesforceDataSet data;
  private final SoqlAggregator aggregator = new SoqlAggregator(this);

  SoqlExecutor(SalesforceDataSet data) {
    this.data = data;
  }

  /**
   * Runs a query. Callers hold the data set's read lock.
   *
   * @param includeDeleted true for {@code queryAll}: rows with {@code IsDeleted = true} too
   * @param versionPath e.g. {@code /services/data/v65.0}, for the records' {@code attributes.url}
   */
  Result execute(SoqlQuery query, boolean includeDeleted, String versionPath) {
    SObjectType type =
        data.type(query.object())
            .orElseThrow(
                () ->
                    new SoqlException(
                        SoqlException.INVALID_TYPE,
                        "sObject type '" + query.object() + "' is not supported. If you are"
                            + " attempting to use a custom object, be sure to append the '__c'"
                            + " after the entity name. Please reference your WSDL or the describe"
                            + " call for the appropriate names.",
                        query.objectPosition()));
    if (!type.queryable) {
      throw new SoqlException(SoqlException.INVALID_TYPE,
          "entity type " + type.name + " does not support query", query.objectPosition());
    }
    if (query.offset() != null && query.offset() > MAX_OFFSET) {
      throw new SoqlException(SoqlException.NUMBER_OUTSIDE_VALID_RANGE,
          "Maximum SOQL offset allowed is " + MAX_OFFSET, query.offsetPosition());
    }
    if (query.aggregate()) {
      SoqlAggregator.Plan plan = aggregator.plan(type, query);
      return aggregator.run(plan, matching(type, where(type, query), includeDeleted));
    }
    List<Binding> select = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (SoqlQuery.SelectItem item : query.select()) {
      FieldRef ref = (FieldRef) item.expr();
      Binding b = bind(type, ref);
      if (!seen.add(b.canonicalPath().toLowerCase(Locale.ROOT))) {
        throw SoqlException.malformed("duplicate field selected: " + ref.path(), ref.position());
      }
      select.add(b);
    }
    Predicate<ObjectNode> where = where(type, query);
    Comparator<ObjectNode> order = null;
    for (SoqlQuery.Order o : query.orderBy()) {
      Comparator<ObjectNode> next = comparator(sortOperand(type, (FieldRef) o.expr()), o);
      order = order == null ? next : order.thenComparing(next);
    }
    List<ObjectNode> rows = matching(type, where, includeDeleted);
    if (order != null) {
      rows.sort(order);
    }
    rows = window(rows, query);
    if (query.count()) {
      return new Result(rows.size(), List.of(), false);
    }
    List<ObjectNode> out = new ArrayList<>(rows.size());
    for (ObjectNode r : rows) {
      out.add(project(type, r, select, versionPath));
    }
    return new Result(out.size(), out, false);
  }

  private Predicate<ObjectNode> where(SObjectType type, SoqlQuery query) {
    return query.where() == null ? r -> true : compile(query.where(), e -> filterOperand(type, e));
  }

  /** The live (or with queryAll, all) records matching WHERE, in Id order. */
  private List<ObjectNode> matching(SObjectType type, Predicate<ObjectNode> where,
      boolean includeDeleted) {
    boolean hasIsDeleted = type.hasField("IsDeleted");
    List<ObjectNode> rows = new ArrayList<>();
    for (ObjectNode r : data.records(type).values()) {
      if ((includeDeleted || !hasIsDeleted || !r.get("IsDeleted").asBoolean()) && where.test(r)) {
        rows.add(r);
      }
    }
    return rows;
  }

  /** The rows OFFSET and LIMIT keep. */
  static <T> List<T> window(List<T> rows, SoqlQuery query) {
    int from = query.offset() == null ? 0 : Math.min(query.offset(), rows.size());
    int to = query.limit() == null ? rows.size()
        : (int) Math.min(rows.size(), (long) from + query.limit());
    return rows.subList(from, to);
  }

  // ---- binding ----

  Binding bind(SObjectType root, FieldRef ref) {
    List<String> segments = ref.segments();
    int start = 0;
    if (segments.size() > 1
        && segments.get(0).equalsIgnoreCase(root.name)
        && root.relationship(segments.get(0)).isEmpty()) {
      start = 1; // "Account.Name" on Account: the object's own name as a qualifier
    }
    SObjectType current = root;
    List<SObjectField> hops = new ArrayList<>();
    List<SObjectType> types = new ArrayList<>();
    for (int i = start; i < segments.size() - 1; i++) {
      String relationship = segments.get(i);
      SObjectField hop =
          current.relationship(relationship)
              .orElseThrow(
                  () ->
                      new SoqlException(
                          SoqlException.INVALID_FIELD,
                          "Didn't understand relationship '" + relationship + "' in field path."
                              + " If you are attempting to use a custom relationship, be sure to"
                              + " append the '__r' after the custom relationship name. Please"
                              + " reference your WSDL or the describe call for the appropriate"
                              + " names.",
                          ref.position()));
      if (hops.size() == MAX_RELATIONSHIP_DEPTH) {
        throw SoqlException.malformed(
            "SOQL statements cannot query more than " + MAX_RELATIONSHIP_DEPTH
                + " levels of relationships", ref.position());
      }
      current = data.type(hop.referenceTo.get(0)).orElseThrow();
      hops.add(hop);
      types.add(current);
    }
    String name = segments.get(segments.size() - 1);
    SObjectType owner = current;
    SObjectField field =
        owner.field(name)
            .orElseThrow(
                () ->
                    new SoqlException(
                        SoqlException.INVALID_FIELD,
                        "No such column '" + name + "' on entity '" + owner.name + "'. If you are"
                            + " attempting to use a custom field, be sure to append the '__c'"
                            + " after the custom field name. Please reference your WSDL or the"
                            + " describe call for the appropriate names.",
                        ref.position()));
    return new Binding(List.copyOf(hops), List.copyOf(types), field);
  }

  /** The field's JSON value on a record, following relationships; null when a parent is missing. */
  JsonNode value(Binding b, ObjectNode record) {
    ObjectNode current = record;
    for (int i = 0; i < b.hops().size(); i++) {
      JsonNode id = current.get(b.hops().get(i).name);
      if (id == null || id.isNull()) {
        return null;
      }
      current = data.records(b.types().get(i)).get(id.asText());
      if (current == null) {
        return null;
      }
    }
    JsonNode v = current.get(b.field().name);
    return v == null || v.isNull() ? null : v;
  }

  // ---- projection ----

  private ObjectNode project(SObjectType type, ObjectNode record, List<Binding> select,
      String versionPath) {
    ObjectNode out = withAttributes(type, record.get("Id").asText(), versionPath);
    for (Binding b : select) {
      ObjectNode container = out;
      ObjectNode source = record;
      boolean missing = false;
      for (int i = 0; i < b.hops().size(); i++) {
        SObjectField hop = b.hops().get(i);
        SObjectType target = b.types().get(i);
        JsonNode id = source.get(hop.name);
        ObjectNode parent =
            id == null || id.isNull() ? null : data.records(target).get(id.asText());
        JsonNode existing = container.get(hop.relationshipName);
        if (parent == null) {
          if (existing == null) {
            container.putNull(hop.relationshipName);
          }
          missing = true;
          break;
        }
        if (existing == null || existing.isNull()) {
          existing = withAttributes(target, parent.get("Id").asText(), versionPath);
          container.set(hop.relationshipName, existing);
        }
        container = (ObjectNode) existing;
        source = parent;
      }
      if (!missing) {
        JsonNode v = source.get(b.field().name);
        container.set(b.field().name, v == null ? F.nullNode() : v.deepCopy());
      }
    }
    return out;
  }

  static ObjectNode withAttributes(SObjectType type, String id, String versionPath) {
    ObjectNode out = F.objectNode();
    ObjectNode attributes = out.putObject("attributes");
    attributes.put("type", type.name);
    attributes.put("url", versionPath + "/sobjects/" + type.name + "/" + id);
    return out;
  }

  // ---- WHERE and HAVING ----

  /**
   * A condition as a predicate over rows of type {@code T}; {@code resolve} turns each operand
   * into an {@link Operand} (refusing what the clause does not allow).
   */
  static <T> Predicate<T> compile(Condition c, Function<Expr, Operand<T>> resolve) {
    if (c instanceof SoqlQuery.And and) {
      List<Predicate<T>> parts = and.operands().stream().map(o -> compile(o, resolve)).toList();
      return r -> parts.stream().allMatch(p -> p.test(r));
    }
    if (c instanceof SoqlQuery.Or or) {
      List<Predicate<T>> parts = or.operands().stream().map(o -> compile(o, resolve)).toList();
      return r -> parts.stream().anyMatch(p -> p.test(r));
    }
    if (c instanceof SoqlQuery.Not not) {
      return compile(not.operand(), resolve).negate();
    }
    if (c instanceof SoqlQuery.Comparison cmp) {
      return comparison(resolve.apply(cmp.field()), cmp);
    }
    if (c instanceof SoqlQuery.In in) {
      return in(resolve.apply(in.field()), in);
    }
    if (c instanceof SoqlQuery.Like like) {
      return like(resolve.apply(like.field()), like);
    }
    SoqlQuery.Includes inc = (SoqlQuery.Includes) c;
    return includes(resolve.apply(inc.field()), inc);
  }

  /** A WHERE operand: a filterable field (the parser lets no function through). */
  private Operand<ObjectNode> filterOperand(SObjectType root, Expr expr) {
    FieldRef ref = (FieldRef) expr;
    Binding b = bind(root, ref);
    if (!b.field().filterable) {
      throw new SoqlException(SoqlException.INVALID_FIELD,
          "field '" + b.field().name + "' can not be filtered in a query call", ref.position());
    }
    return new Operand<>(b.kind(), b.field().name, r -> value(b, r));
  }

  private static <T> Predicate<T> comparison(Operand<T> o, SoqlQuery.Comparison cmp) {
    Kind kind = o.kind();
    SoqlQuery.Operator op = cmp.operator();
    boolean range = op != SoqlQuery.Operator.EQ && op != SoqlQuery.Operator.NE;
    if (range && kind == Kind.MULTI) {
      throw SoqlException.malformed(
          "invalid operator on multipicklist field: " + o.name(), cmp.value().position());
    }
    Object literal = literalValue(kind, o.name(), cmp.value());
    return r -> {
      Object v = typed(kind, o.read().apply(r));
      if (v == null || literal == null) {
        return switch (op) {
          case EQ -> v == literal;
          case NE -> v != literal;
          default -> false;
        };
      }
      int c = compare(kind, v, literal);
      return switch (op) {
        case EQ -> c == 0;
        case NE -> c != 0;
        case LT -> c < 0;
        case LE -> c <= 0;
        case GT -> c > 0;
        case GE -> c >= 0;
      };
    };
  }

  private static <T> Predicate<T> in(Operand<T> o, SoqlQuery.In in) {
    Kind kind = o.kind();
    List<Object> values = new ArrayList<>();
    boolean hasNull = false;
    for (Literal l : in.values()) {
      Object v = literalValue(kind, o.name(), l);
      if (v == null) {
        hasNull = true;
      } else {
        values.add(v);
      }
    }
    boolean matchesNull = hasNull;
    Predicate<T> member =
        r -> {
          Object v = typed(kind, o.read().apply(r));
          if (v == null) {
            return matchesNull;
          }
          for (Object candidate : values) {
            if (compare(kind, v, candidate) == 0) {
              return true;
            }
          }
          return false;
        };
    return in.negated() ? member.negate() : member;
  }

  private static <T> Predicate<T> like(Operand<T> o, SoqlQuery.Like like) {
    if (o.kind() != Kind.TEXT) {
      throw SoqlException.malformed(
          "invalid operator on field '" + o.name() + "': LIKE is only valid on string fields",
          like.pattern().position());
    }
    if (like.pattern().kind() != LiteralKind.STRING) {
      throw typeMismatch(o.kind(), o.name(), like.pattern());
    }
    Pattern pattern = likePattern(like.pattern().raw());
    return r -> {
      JsonNode v = o.read().apply(r);
      return v != null && pattern.matcher(v.asText()).matches();
    };
  }

  /** A LIKE pattern as a regex: {@code %} any run, {@code _} one character, escapes literal. */
  static Pattern likePattern(String raw) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\\' && i + 1 < raw.length()) {
        literal.append(SoqlLexer.decodeEscape(raw.charAt(++i)));
      } else if (c == '%' || c == '_') {
        if (literal.length() > 0) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '%' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return Pattern.compile(
        regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
  }

  private static <T> Predicate<T> includes(Operand<T> o, SoqlQuery.Includes inc) {
    if (o.kind() != Kind.MULTI) {
      throw SoqlException.malformed(
          "includes or excludes operator only valid on multipicklist field",
          inc.values().get(0).position());
    }
    List<Set<String>> groups = new ArrayList<>();
    for (Literal l : inc.values()) {
      if (l.kind() != LiteralKind.STRING) {
        throw typeMismatch(o.kind(), o.name(), l);
      }
      groups.add(multiValues(l.text()));
    }
    Predicate<T> any =
        r -> {
          JsonNode v = o.read().apply(r);
          if (v == null) {
            return false;
          }
          Set<String> have = multiValues(v.asText());
          return groups.stream().anyMatch(have::containsAll);
        };
    return inc.excludes() ? any.negate() : any;
  }

  /** A literal as the typed value of the field's kind, or null for NULL; refuses mismatches. */
  private static Object literalValue(Kind kind, String name, Literal literal) {
    if (literal.kind() == LiteralKind.NULL) {
      // "If you run a query on a boolean field, null matches FALSE values."
      return kind == Kind.BOOLEAN ? Boolean.FALSE : null;
    }
    LiteralKind want =
        switch (kind) {
          case ID, TEXT, MULTI -> LiteralKind.STRING;
          case BOOLEAN -> LiteralKind.BOOLEAN;
          case NUMBER -> LiteralKind.NUMBER;
          case DATE -> LiteralKind.DATE;
          case DATETIME -> LiteralKind.DATETIME;
          case TIME -> LiteralKind.TIME;
        };
    if (literal.kind() != want) {
      throw typeMismatch(kind, name, literal);
    }
    return switch (kind) {
      case ID -> SalesforceIds.normalize(literal.text())
          .orElseThrow(
              () ->
                  new SoqlException(SoqlException.INVALID_QUERY_FILTER_OPERATOR,
                      "invalid ID field: " + literal.text(), literal.position()));
      case TEXT -> literal.text();
      case MULTI -> multiValues(literal.text());
      default -> literal.value();
    };
  }

  private static SoqlException typeMismatch(Kind kind, String name, Literal literal) {
    boolean quoted = kind == Kind.TEXT || kind == Kind.MULTI || kind == Kind.ID;
    String typeName = kind == Kind.ID ? "id" : kind.messageName;
    return SoqlException.malformed(
        "value of filter criterion for field '" + name + "' must be of type " + typeName
            + " and should " + (quoted ? "" : "not ") + "be enclosed in quotes",
        literal.position());
  }

  // ---- values ----

  /** A record's JSON value as the Java value SOQL compares: null stays null except booleans. */
  static Object typed(Kind kind, JsonNode node) {
    if (node == null || node.isNull()) {
      return kind == Kind.BOOLEAN ? Boolean.FALSE : null;
    }
    return switch (kind) {
      case ID, TEXT -> node.asText();
      case MULTI -> multiValues(node.asText());
      case BOOLEAN -> node.asBoolean();
      case NUMBER -> node.decimalValue();
      case DATE -> LocalDate.parse(node.asText());
      case DATETIME -> OffsetDateTime.parse(node.asText(), RECORD_DATE_TIME).toInstant();
      case TIME -> LocalTime.parse(stripZone(node.asText()));
    };
  }

  private static String stripZone(String time) {
    return time.endsWith("Z") ? time.substring(0, time.length() - 1) : time;
  }

  private static Set<String> multiValues(String text) {
    Set<String> values = new LinkedHashSet<>();
    for (String v : text.split(";")) {
      if (!v.isBlank()) {
        values.add(v.strip().toUpperCase(Locale.ROOT));
      }
    }
    return values;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compare(Kind kind, Object a, Object b) {
    return switch (kind) {
      case TEXT -> ((String) a).toUpperCase(Locale.ROOT)
          .compareTo(((String) b).toUpperCase(Locale.ROOT));
      case MULTI -> a.equals(b) ? 0 : 1;
      default -> ((Comparable) a).compareTo(b);
    };
  }

  // ---- ORDER BY ----

  /** A plain query's ORDER BY field: it must be sortable. */
  private Operand<ObjectNode> sortOperand(SObjectType root, FieldRef ref) {
    Binding b = bind(root, ref);
    checkSortable(b, ref);
    return new Operand<>(b.kind(), b.field().name, r -> value(b, r));
  }

  static void checkSortable(Binding b, FieldRef ref) {
    if (!b.field().sortable) {
      throw new SoqlException(SoqlException.INVALID_FIELD,
          "field '" + b.field().name + "' can not be sorted in a query call", ref.position());
    }
  }

  /** One ORDER BY item: nulls first unless NULLS LAST, in either direction. */
  static <T> Comparator<T> comparator(Operand<T> operand, SoqlQuery.Order o) {
    Kind kind = operand.kind();
    return (r1, r2) -> {
      Object v1 = typed(kind, operand.read().apply(r1));
      Object v2 = typed(kind, operand.read().apply(r2));
      if (v1 == null || v2 == null) {
        if (v1 == v2) {
          return 0;
        }
        return (v1 == null) == o.nullsFirst() ? -1 : 1;
      }
      int c = compare(kind, v1, v2);
      return o.descending() ? -c : c;
    };
  }
}
