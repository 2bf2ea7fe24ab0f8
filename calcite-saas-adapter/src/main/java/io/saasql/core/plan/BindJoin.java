package io.saasql.core.plan;

import io.saasql.core.declare.RestTableDef;
import io.saasql.core.declare.SqlValues;
import io.saasql.core.http.CallLog;
import io.saasql.core.pushdown.FilterTranslator;
import io.saasql.core.pushdown.RequestPlan;

import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.function.Predicate1;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimestampString;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * A join whose right side is a REST table read for the left side's keys only (a bind join): the
 * left rows are read first, their distinct non-NULL keys are sent in the API's own syntax
 * ({@code id[]=…}, {@code IN (…)}, {@code (f = "a" OR …)}, {@code (email eq "a") or …}, a path per
 * value), in batches as large as one request takes, and the rows that come back are joined with
 * the left rows in memory, where the whole join condition is checked. Rows keep the left side's
 * order.
 *
 * <p>A batch is as many keys as still change the request: the largest prefix of the keys whose
 * request differs from the request without them (found by halving). A key no request can carry
 * (text a path cannot hold) is read with the table's own filters only, once, for all such keys.
 */
public final class BindJoin {
  /** The most keys one batch is tried with. */
  static final int MAX_BATCH = 1000;

  private BindJoin() {}

  /**
   * The rows of the join.
   *
   * @param left       the left rows: arrays, or values when {@code leftScalar}
   * @param query      the right side's query
   * @param leftScalar whether a left row is its single value (one column)
   * @param outScalar  whether an output row is its single value (one column)
   * @param leftKeys   the left keys, as positions in the left rows
   * @param keyColumns the right keys, as columns of the right table
   * @param keyFields  the right keys, as positions in the right rows
   * @param type       INNER, LEFT, SEMI or ANTI
   * @param condition  the whole join condition, on a left row followed by a right row
   * @param joined     the type of a left row followed by a right row
   */
  public static Enumerable<Object> join(DataContext root, Enumerable<Object> left,
      RestQuery query, boolean leftScalar, boolean outScalar, int[] leftKeys, int[] keyColumns,
      int[] keyFields, JoinRelType type, RexNode condition, RelDataType joined) {
    return new AbstractEnumerable<>() {
      @Override public Enumerator<Object> enumerator() {
        List<Object[]> leftRows = new ArrayList<>();
        // toList closes the left side's enumerator (a JDBC result set gives its connection back).
        for (Object row : left.toList()) {
          leftRows.add(leftScalar ? new Object[] {row} : (Object[]) row);
        }
        SqlTypeName[] types = types(query, keyColumns);
        Set<List<Object>> keys = new LinkedHashSet<>();
        for (Object[] row : leftRows) {
          List<Object> key = key(row, leftKeys, types);
          if (key != null) {
            keys.add(key);
          }
        }
        Map<List<Object>, List<Object[]>> right = new HashMap<>();
        for (Object[] row : query.runBound(root, keyColumns, keyFields, keys)) {
          List<Object> key = key(row, keyFields, types);
          if (key != null) {
            right.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
          }
        }
        Predicate1<Object[]> matches = RestQuery.predicate(List.of(condition), joined, root);
        List<Object[]> out = joined(leftRows, right, leftKeys, types, type, matches,
            joined.getFieldCount());
        return Linq4j.enumerator(outScalar
            ? out.stream().map(row -> row[0]).toList() : new ArrayList<Object>(out));
      }
    };
  }

  /** The output rows, left row by left row. */
  private static List<Object[]> joined(List<Object[]> leftRows,
      Map<List<Object>, List<Object[]>> right, int[] leftKeys, SqlTypeName[] types,
      JoinRelType type, Predicate1<Object[]> matches, int width) {
    List<Object[]> out = new ArrayList<>();
    for (Object[] l : leftRows) {
      List<Object> key = key(l, leftKeys, types);
      List<Object[]> candidates = key == null ? List.of() : right.getOrDefault(key, List.of());
      boolean matched = false;
      for (Object[] r : candidates) {
        Object[] both = Arrays.copyOf(l, width);
        System.arraycopy(r, 0, both, l.length, r.length);
        if (matches.apply(both)) {
          matched = true;
          if (!type.projectsRight()) {
            break;
          }
          out.add(both);
        }
      }
      if (type == JoinRelType.SEMI && matched || type == JoinRelType.ANTI && !matched) {
        out.add(l);
      } else if (type == JoinRelType.LEFT && !matched) {
        out.add(Arrays.copyOf(l, width));
      }
    }
    return out;
  }

  /**
   * A row's key (its values at {@code fields}) as the right key columns' canonical values; null
   * when a part is NULL.
   */
  private static List<Object> key(Object[] row, int[] fields, SqlTypeName[] types) {
    List<Object> key = new ArrayList<>(fields.length);
    for (int i = 0; i < fields.length; i++) {
      Object v = SqlValues.canonicalParameter(row[fields[i]], types[i]);
      if (v == null) {
        return null;
      }
      key.add(v);
    }
    return key;
  }

  /** The types of the right table's key columns. */
  static SqlTypeName[] types(RestQuery query, int[] keyColumns) {
    SqlTypeName[] types = new SqlTypeName[keyColumns.length];
    for (int i = 0; i < keyColumns.length; i++) {
      types[i] = query.table().def().columns().get(keyColumns[i]).type();
    }
    return types;
  }

  /**
   * The conjuncts that narrow a table to some key tuples: per key column, {@code IN} its values
   * (for several columns a superset of the tuples, which the caller narrows).
   */
  static List<RexNode> keyConjuncts(RexBuilder rexBuilder, RelDataType tableRowType,
      int[] keyColumns, List<List<Object>> tuples) {
    List<RexNode> conjuncts = new ArrayList<>();
    for (int i = 0; i < keyColumns.length; i++) {
      RelDataType type = tableRowType.getFieldList().get(keyColumns[i]).getType();
      Set<Object> values = new LinkedHashSet<>();
      for (List<Object> tuple : tuples) {
        values.add(tuple.get(i));
      }
      List<RexNode> literals = new ArrayList<>();
      for (Object v : values) {
        literals.add(literal(rexBuilder, type, v));
      }
      conjuncts.add(rexBuilder.makeIn(rexBuilder.makeInputRef(type, keyColumns[i]), literals));
    }
    return conjuncts;
  }

  /** A literal of a column's type for a canonical value ({@link SqlValues}). */
  private static RexNode literal(RexBuilder rexBuilder, RelDataType type, Object v) {
    return switch (SqlValues.family(type.getSqlTypeName())) {
      case TEXT -> rexBuilder.makeLiteral((String) v);
      case NUMBER -> type.getSqlTypeName() == SqlTypeName.DOUBLE
          || type.getSqlTypeName() == SqlTypeName.FLOAT
          || type.getSqlTypeName() == SqlTypeName.REAL
          ? rexBuilder.makeApproxLiteral((BigDecimal) v)
          : rexBuilder.makeExactLiteral((BigDecimal) v);
      case BOOLEAN -> rexBuilder.makeLiteral((Boolean) v);
      case TIMESTAMP -> rexBuilder.makeTimestampLiteral(
          TimestampString.fromMillisSinceEpoch((Long) v), 3);
      case DATE -> rexBuilder.makeDateLiteral(DateString.fromDaysSinceEpoch((Integer) v));
    };
  }

  /** Stand-in key tuples for planning: {@code n} distinct values of each key column's type. */
  static List<List<Object>> standIns(RelDataType tableRowType, int[] keyColumns, int n) {
    List<List<Object>> tuples = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      List<Object> tuple = new ArrayList<>();
      for (int column : keyColumns) {
        SqlTypeName type = tableRowType.getFieldList().get(column).getType().getSqlTypeName();
        long v = 900_000_001L + j;
        tuple.add(switch (SqlValues.family(type)) {
          case NUMBER -> BigDecimal.valueOf(v);
          // Letters and digits, 18 of them: what an id column takes (a Salesforce Id).
          case TEXT -> "k" + v + "standins";
          case BOOLEAN -> j % 2 == 0;
          case TIMESTAMP -> v * 1000L;
          case DATE -> (int) (j + 10_000);
        });
      }
      tuples.add(tuple);
    }
    return tuples;
  }

  /**
   * How keys are sent: the batches (each as many of the keys as one request plan carries), and
   * the keys no request carries.
   */
  record Batches(List<List<List<Object>>> batches, List<List<Object>> unsent) {}

  /**
   * Cuts keys into batches: each the largest prefix of the keys left whose request differs from
   * the request without keys (see the class comment).
   */
  static Batches batches(RestQuery query, RexBuilder rexBuilder, int[] keyColumns,
      List<List<Object>> keys, IntFunction<Object> parameters) {
    RequestPlan without = query.translate(query.filters(), parameters).plan();
    List<List<List<Object>>> batches = new ArrayList<>();
    List<List<Object>> unsent = new ArrayList<>();
    List<List<Object>> rest = keys;
    while (!rest.isEmpty()) {
      List<List<Object>> left = rest;
      int n = largest(left.size(), k -> {
        List<RexNode> conjuncts = new ArrayList<>(query.filters());
        conjuncts.addAll(keyConjuncts(rexBuilder, query.tableRowType(), keyColumns,
            left.subList(0, k)));
        return !query.translate(conjuncts, parameters).plan().equals(without);
      });
      if (n == 0) {
        unsent.add(rest.get(0));
        n = 1;
      } else {
        batches.add(rest.subList(0, n));
      }
      rest = rest.subList(n, rest.size());
    }
    return new Batches(batches, unsent);
  }

  /**
   * The largest {@code k} of at most {@code max} (and {@link #MAX_BATCH}) for which
   * {@code carries} holds, supposing it holds for every smaller one; 0 when it holds for none.
   */
  private static int largest(int max, IntPredicate carries) {
    int hi = Math.min(max, MAX_BATCH);
    if (carries.test(hi)) {
      return hi;
    }
    int lo = 0;
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      if (carries.test(mid)) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * How many keys on {@code keyColumns} one request plan of a table carries at most, from
   * stand-in keys; 0 when it carries none (a column the API cannot filter on).
   */
  static int capacity(RestTableDef def, RelDataType tableRowType, int[] keyColumns,
      RexBuilder rexBuilder) {
    RequestPlan without = FilterTranslator.translate(def, List.of(), null, null, true).plan();
    return largest(MAX_BATCH, k -> !plan(def, tableRowType, keyColumns, rexBuilder, k)
        .equals(without));
  }

  /**
   * About how many requests one batch of {@code n} stand-in keys takes: as the request plan
   * estimates them, but a listing narrowed by keys the table does not declare unique is taken
   * to read about a row per key (join keys usually are, or nearly are, unique).
   */
  static double requests(RestTableDef def, RelDataType tableRowType, int[] keyColumns,
      RexBuilder rexBuilder, int n) {
    RequestPlan plan = plan(def, tableRowType, keyColumns, rexBuilder, n);
    double requests = plan.cost().requests();
    if (plan.kind() == RequestPlan.Kind.LIST && plan.pathSource() == null
        && plan.cost().certainty() == RequestPlan.Certainty.ESTIMATED) {
      requests = Math.min(requests, plan.targets().size() * def.paging().requests(n));
    }
    return requests;
  }

  private static RequestPlan plan(RestTableDef def, RelDataType tableRowType, int[] keyColumns,
      RexBuilder rexBuilder, int n) {
    return FilterTranslator.translate(def, keyConjuncts(rexBuilder, tableRowType, keyColumns,
        standIns(tableRowType, keyColumns, n)), null, null, true).plan();
  }

  /** Keeps the rows whose key tuple is one of {@code tuples} (several batches never overlap). */
  static Enumerable<Object[]> only(Enumerable<Object[]> rows, int[] keyFields,
      SqlTypeName[] types, List<List<Object>> tuples) {
    Set<List<Object>> wanted = new HashSet<>(tuples);
    return rows.where(row -> wanted.contains(key(row, keyFields, types)));
  }

  /**
   * The rows of all parts, in the parts' order: up to {@code concurrency} parts read at the same
   * time; an error stops the parts still being read.
   */
  static Enumerable<Object[]> all(List<Enumerable<Object[]>> parts, int concurrency,
      String source) {
    if (parts.size() <= 1 || concurrency <= 1) {
      Enumerable<Object[]> all = Linq4j.emptyEnumerable();
      for (Enumerable<Object[]> part : parts) {
        all = all.concat(part);
      }
      return all;
    }
    return new AbstractEnumerable<>() {
      @Override public Enumerator<Object[]> enumerator() {
        List<Object[]> rows = new ArrayList<>();
        java.util.ArrayDeque<java.util.concurrent.Future<List<Object[]>>> window =
            new java.util.ArrayDeque<>();
        int next = 0;
        try {
          while (next < parts.size() || !window.isEmpty()) {
            while (window.size() < concurrency && next < parts.size()) {
              Enumerable<Object[]> part = parts.get(next++);
              window.add(Fetches.submit(part::toList));
            }
            rows.addAll(Fetches.await(window.poll(), source));
          }
        } finally {
          window.forEach(f -> f.cancel(true));
        }
        return Linq4j.enumerator(rows);
      }
    };
  }

  /** Logs how the keys of a join were sent. */
  static void log(RestQuery query, int keys, Batches b) {
    CallLog.CALLS.info("{}.{}: bind join, {} keys in {} batch(es){}",
        query.table().schema().name(), query.table().def().name(), keys, b.batches().size(),
        b.unsent().isEmpty() ? "" : ", " + b.unsent().size() + " no request can carry");
  }
}
