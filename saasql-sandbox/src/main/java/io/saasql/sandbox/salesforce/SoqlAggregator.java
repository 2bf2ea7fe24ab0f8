package io.saasql.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.saasql.sandbox.salesforce.FieldType.Kind;
import io.saasql.sandbox.salesforce.SoqlExecutor.Binding;
import io.saasql.sandbox.salesforce.SoqlExecutor.Operand;
import io.saasql.sandbox.salesforce.SoqlQuery.Aggregate;
import io.saasql.sandbox.salesforce.SoqlQuery.Expr;
import io.saasql.sandbox.salesforce.SoqlQuery.FieldRef;
import io.saasql.sandbox.salesforce.SoqlQuery.Function;
import io.saasql.sandbox.salesforce.SoqlQuery.SelectItem;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The aggregate queries of {@link SoqlExecutor} (GROUP BY, HAVING, aggregate functions): checks
 * them against the org's fields, groups the rows WHERE kept, and answers {@code AggregateResult}
 * records. The semantics, and what was decided where Salesforce does not document it, are listed
 * in {@link SoqlExecutor}'s class comment.
 */
final class SoqlAggregator {
  /** The most groups an aggregate query may answer: it cannot be continued with a locator. */
  static final int MAX_GROUPS = 2000;

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final MathContext AVG_PRECISION = MathContext.DECIMAL64;

  private final SoqlExecutor executor;

  SoqlAggregator(SoqlExecutor executor) {
    this.executor = executor;
  }

  /** One aggregate function the query computes per group, wherever it is named. */
  record Slot(Function function, Binding field, Kind kind) {}

  /** A column of the answer: a grouped field ({@code group >= 0}) or an aggregate slot. */
  record Column(String name, int group, int slot) {}

  /** A group: its grouped values (the first record's, JSON) and its aggregate values. */
  record Group(JsonNode[] keys, JsonNode[] values) {}

  /** A checked aggregate query, ready to run over the rows WHERE kept. */
  record Plan(
      SoqlQuery query,
      List<Binding> groupBy,
      List<Slot> slots,
      List<Column> columns,
      Predicate<Group> having,
      Comparator<Group> order) {}

  // ---- checking ----

  /** Checks the query against the schema; throws {@link SoqlException} as Salesforce refuses. */
  Plan plan(SObjectType type, SoqlQuery query) {
    List<Binding> groupBy = new ArrayList<>();
    for (FieldRef ref : query.groupBy()) {
      Binding b = executor.bind(type, ref);
      if (!b.field().groupable) {
        throw new SoqlException(SoqlException.INVALID_FIELD,
            "field '" + b.field().name + "' can not be grouped in a query call", ref.position());
      }
      groupBy.add(b);
    }
    List<Slot> slots = new ArrayList<>();
    List<Column> columns = new ArrayList<>();
    Set<String> selected = new HashSet<>();
    Set<String> names = new HashSet<>();
    int unaliased = 0;
    for (SelectItem item : query.select()) {
      Column column;
      if (item.expr() instanceof FieldRef ref) {
        Binding b = executor.bind(type, ref);
        if (!selected.add(b.canonicalPath().toLowerCase(Locale.ROOT))) {
          throw SoqlException.malformed("duplicate field selected: " + ref.path(), ref.position());
        }
        int group = groupIndex(groupBy, b);
        if (group < 0) {
          throw SoqlException.malformed(
              "Field must be grouped or aggregated: " + ref.path(), ref.position());
        }
        column = new Column(item.alias() == null ? b.field().name : item.alias(), group, -1);
      } else {
        int slot = slot(type, (Aggregate) item.expr(), groupBy, slots);
        String name = item.alias() == null ? "expr" + unaliased++ : item.alias();
        column = new Column(name, -1, slot);
      }
      if (!names.add(column.name().toLowerCase(Locale.ROOT))) {
        throw SoqlException.malformed("duplicate alias: " + column.name(),
            item.alias() == null ? item.expr().position() : item.aliasPosition());
      }
      columns.add(column);
    }
    Predicate<Group> having = query.having() == null
        ? g -> true
        : SoqlExecutor.compile(query.having(), e -> havingOperand(type, e, groupBy, slots));
    Comparator<Group> order = (a, b) -> 0;
    for (SoqlQuery.Order o : query.orderBy()) {
      order = order.thenComparing(
          SoqlExecutor.comparator(orderOperand(type, o.expr(), groupBy, slots), o));
    }
    order = order.thenComparing(defaultOrder(groupBy));
    return new Plan(query, List.copyOf(groupBy), List.copyOf(slots), List.copyOf(columns),
        having, order);
  }

  /** Where a field stands in GROUP BY, or -1. */
  private static int groupIndex(List<Binding> groupBy, Binding b) {
    for (int i = 0; i < groupBy.size(); i++) {
      if (groupBy.get(i).canonicalPath().equalsIgnoreCase(b.canonicalPath())) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The slot computing an aggregate function (the same one for the same call wherever it is
   * named); refuses functions the field's type does not support and grouped fields.
   */
  private int slot(SObjectType type, Aggregate call, List<Binding> groupBy, List<Slot> slots) {
    Binding b = executor.bind(type, call.field());
    Function function = call.function();
    boolean numeric = b.kind() == Kind.NUMBER;
    boolean supported = b.field().aggregatable
        && (numeric || (function != Function.SUM && function != Function.AVG));
    if (!supported) {
      throw SoqlException.malformed(
          "field " + b.field().name + " does not support aggregate operator " + function.name(),
          call.position());
    }
    if (groupIndex(groupBy, b) >= 0) {
      throw SoqlException.malformed(
          "Grouped field should not be aggregated: " + call.field().path(), call.position());
    }
    for (int i = 0; i < slots.size(); i++) {
      Slot s = slots.get(i);
      if (s.function() == function
          && s.field().canonicalPath().equalsIgnoreCase(b.canonicalPath())) {
        return i;
      }
    }
    Kind kind = function == Function.MIN || function == Function.MAX ? b.kind() : Kind.NUMBER;
    slots.add(new Slot(function, b, kind));
    return slots.size() - 1;
  }

  private Operand<Group> havingOperand(
      SObjectType type, Expr expr, List<Binding> groupBy, List<Slot> slots) {
    return groupOperand(type, expr, groupBy, slots, "Field", false);
  }

  private Operand<Group> orderOperand(
      SObjectType type, Expr expr, List<Binding> groupBy, List<Slot> slots) {
    return groupOperand(type, expr, groupBy, slots, "Ordered field", true);
  }

  /**
   * An aggregate, or a grouped field (else the error Salesforce gives, naming the field as
   * {@code what}), as an operand over groups.
   */
  private Operand<Group> groupOperand(SObjectType type, Expr expr, List<Binding> groupBy,
      List<Slot> slots, String what, boolean sorted) {
    if (expr instanceof Aggregate call) {
      int slot = slot(type, call, groupBy, slots);
      return new Operand<>(slots.get(slot).kind(), call.text(), g -> g.values()[slot]);
    }
    FieldRef ref = (FieldRef) expr;
    Binding b = executor.bind(type, ref);
    int group = groupIndex(groupBy, b);
    if (group < 0) {
      throw SoqlException.malformed(
          what + " must be grouped or aggregated: " + ref.path(), ref.position());
    }
    if (sorted) {
      SoqlExecutor.checkSortable(b, ref);
    }
    return new Operand<>(b.kind(), b.field().name, g -> g.keys()[group]);
  }

  /** Without ORDER BY, and among its ties: by the grouped values, ascending, nulls first. */
  private static Comparator<Group> defaultOrder(List<Binding> groupBy) {
    Comparator<Group> order = (a, b) -> 0;
    for (int i = 0; i < groupBy.size(); i++) {
      int group = i;
      Operand<Group> operand = new Operand<>(groupBy.get(i).kind(), groupBy.get(i).field().name,
          g -> g.keys()[group]);
      order = order.thenComparing(
          SoqlExecutor.comparator(operand, new SoqlQuery.Order(null, false, true)));
    }
    return order;
  }

  // ---- running ----

  /** Groups {@code rows} (WHERE's, in Id order) and answers the {@code AggregateResult}s. */
  SoqlExecutor.Result run(Plan plan, List<ObjectNode> rows) {
    Map<List<Object>, List<ObjectNode>> groups = new LinkedHashMap<>();
    if (plan.groupBy().isEmpty()) {
      groups.put(List.of(), rows); // one group, even of no rows
    } else {
      for (ObjectNode r : rows) {
        List<Object> key = new ArrayList<>(plan.groupBy().size());
        for (Binding b : plan.groupBy()) {
          key.add(groupKey(b.kind(), executor.value(b, r)));
        }
        groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
      }
    }
    List<Group> result = new ArrayList<>(groups.size());
    for (List<ObjectNode> members : groups.values()) {
      Group g = group(plan, members);
      if (plan.having().test(g)) {
        result.add(g);
      }
    }
    result.sort(plan.order());
    result = SoqlExecutor.window(result, plan.query());
    if (result.size() > MAX_GROUPS) {
      // Not in Salesforce's documentation, which only says such a query cannot be continued;
      // the message is the one API clients quote, the error code the sandbox's choice.
      throw SoqlException.malformed("Aggregate query does not support queryMore(), use LIMIT to"
          + " restrict the results to a single batch", -1);
    }
    List<ObjectNode> records = new ArrayList<>(result.size());
    for (Group g : result) {
      ObjectNode out = F.objectNode();
      out.putObject("attributes").put("type", "AggregateResult");
      for (Column c : plan.columns()) {
        JsonNode v = c.group() >= 0 ? g.keys()[c.group()] : g.values()[c.slot()];
        out.set(c.name(), v == null ? F.nullNode() : v.deepCopy());
      }
      records.add(out);
    }
    return new SoqlExecutor.Result(records.size(), records, true);
  }

  private Group group(Plan plan, List<ObjectNode> members) {
    JsonNode[] keys = new JsonNode[plan.groupBy().size()];
    if (!members.isEmpty()) {
      for (int i = 0; i < keys.length; i++) {
        keys[i] = executor.value(plan.groupBy().get(i), members.get(0));
      }
    }
    JsonNode[] values = new JsonNode[plan.slots().size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = compute(plan.slots().get(i), members);
    }
    return new Group(keys, values);
  }

  /** One aggregate function over a group's records; nulls ignored, null when nothing is left. */
  private JsonNode compute(Slot slot, List<ObjectNode> members) {
    List<JsonNode> present = new ArrayList<>(members.size());
    for (ObjectNode r : members) {
      JsonNode v = executor.value(slot.field(), r);
      if (v != null) {
        present.add(v);
      }
    }
    SObjectField field = slot.field().field();
    switch (slot.function()) {
      case COUNT:
        return F.numberNode(present.size());
      case COUNT_DISTINCT:
        Set<Object> distinct = new HashSet<>();
        present.forEach(v -> distinct.add(groupKey(field.type.kind, v)));
        return F.numberNode(distinct.size());
      case SUM:
      case AVG:
        if (present.isEmpty()) {
          return null;
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode v : present) {
          sum = sum.add(v.decimalValue());
        }
        if (slot.function() == Function.AVG) {
          return F.numberNode(
              sum.divide(BigDecimal.valueOf(present.size()), AVG_PRECISION).doubleValue());
        }
        return field.type == FieldType.INT
            ? F.numberNode(sum.longValueExact())
            : F.numberNode(sum.doubleValue());
      default:
        Comparator<JsonNode> order = valueOrder(field);
        JsonNode best = null;
        for (JsonNode v : present) {
          if (best == null) {
            best = v;
          } else {
            int c = order.compare(v, best);
            if (slot.function() == Function.MIN ? c < 0 : c > 0) {
              best = v;
            }
          }
        }
        return best;
    }
  }

  /**
   * How MIN and MAX order a field's values: a picklist by the order of its values ("the sort
   * order of the picklist values instead of alphabetical order"), anything else as ORDER BY does.
   */
  private static Comparator<JsonNode> valueOrder(SObjectField field) {
    Kind kind = field.type.kind;
    Comparator<JsonNode> byValue = Comparator.comparing(
        v -> SoqlExecutor.typed(kind, v), (a, b) -> SoqlExecutor.compare(kind, a, b));
    if (field.type == FieldType.PICKLIST) {
      return Comparator.comparingInt((JsonNode v) -> picklistRank(field, v.asText()))
          .thenComparing(byValue);
    }
    return byValue;
  }

  private static int picklistRank(SObjectField field, String value) {
    for (int i = 0; i < field.picklistValues.size(); i++) {
      if (field.picklistValues.get(i).equalsIgnoreCase(value)) {
        return i;
      }
    }
    return field.picklistValues.size();
  }

  /**
   * What two values must share to fall in one group (or count once in COUNT_DISTINCT): text
   * without case, as SOQL compares it; numbers by value; null for a null value.
   */
  private static Object groupKey(Kind kind, JsonNode node) {
    if (node == null || node.isNull()) {
      return kind == Kind.BOOLEAN ? Boolean.FALSE : null;
    }
    Object v = SoqlExecutor.typed(kind, node);
    if (v instanceof String text && kind == Kind.TEXT) {
      return text.toUpperCase(Locale.ROOT);
    }
    if (v instanceof BigDecimal number) {
      return number.stripTrailingZeros();
    }
    return v;
  }
}
