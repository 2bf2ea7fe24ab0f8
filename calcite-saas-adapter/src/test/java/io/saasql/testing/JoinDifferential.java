package io.saasql.testing;

import io.saasql.sandbox.SandboxServer;
import io.saasql.testing.Differential.Atom;
import io.saasql.testing.Differential.Param;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Differential correctness of joins between sources: generated joins must return the same rows
 * (a) over the schemas with pushdown, (b) over the same sources without it ({@code "pushdown":
 * false}: every row fetched, Calcite evaluating everything) and (c) in Postgres over copies of the
 * same data. Rows compare as multisets, in order only when the query orders by a unique key.
 *
 * <p>The joins are what a bind join (the join keys of one side sent in the other side's requests,
 * in batches) can get wrong: inner and left joins, semi joins ({@code IN (SELECT …)}, {@code
 * EXISTS}), anti joins ({@code NOT EXISTS}, {@code NOT IN} with its NULL semantics, {@code LEFT
 * JOIN … WHERE key IS NULL}); single and composite keys; NULL keys, duplicate keys, text keys
 * with quotes, backslashes, spaces, changed case and non-ASCII text, keys the other side lacks;
 * sides of up to a few hundred keys (more than one request's batch); extra predicates on either
 * side, in WHERE or in ON, and extra conditions across the sides; ORDER BY a unique key, with or
 * without LIMIT. A side is an API table (with the predicates of {@link Differential}'s
 * generator), a Postgres table (a copy, or a table of awkward keys) or a {@code VALUES} list.
 *
 * <p>A {@link Pair} declares the sides and which columns join ({@link Link}). {@link #run}
 * generates <em>templates</em> (a join's shape, sides, keys, columns, and which predicates it has)
 * and runs each several times ({@value #EXECUTIONS}) with other values: other VALUES rows, other
 * groups of keys, other values in the predicates. The first execution of a template has its
 * values written as literals; the others are executions of one prepared statement with {@code ?}
 * (in the VALUES list too), as an application runs it. Templates without any value to vary run
 * once. Query {@code i} of a seed is the same whatever the number of queries. A failure is
 * reported with the query, each side's rows that the others lack, and a reduced query that still
 * fails the same way.
 *
 * <p>Cost. Planning and compiling a join costs Calcite tens of milliseconds, and a query without
 * pushdown reads its API tables whole; so: every query runs in Postgres (about a millisecond) and
 * with pushdown, and the queries of every {@code naiveEvery}-th template without pushdown too (a
 * query that disagrees with Postgres always runs without pushdown as well, so that every failure
 * is classified). Calcite runs its queries in union batches: {@code SELECT i, t.* FROM (query i)
 * t UNION ALL …} (each query's text unchanged inside, its columns in the batch's columns of their
 * type), eight queries a statement; prepared batches are prepared once and executed once per
 * round of values. A batch that fails is split until the failing query runs alone; queries with
 * ORDER BY run alone.
 */
public final class JoinDifferential {
  private JoinDifferential() {}

  /** Where a query runs. */
  public enum Engine {
    /** Calcite, the API schemas with pushdown. */
    PUSHED,
    /** Calcite, the API schemas without pushdown. */
    NAIVE,
    /** Postgres alone, over the copies. */
    POSTGRES
  }

  /** A table as each engine names it. */
  public record TableName(String pushed, String naive, String postgres) {
    String in(Engine e) {
      return switch (e) {
        case PUSHED -> pushed;
        case NAIVE -> naive;
        case POSTGRES -> postgres;
      };
    }
  }

  /** The type of a column, as far as union batches and literals care. */
  public enum Kind {
    TEXT, INT, DOUBLE, BOOL, DATE, TIMESTAMP;

    /** The kind of a JDBC type. */
    public static Kind of(int jdbcType) {
      return switch (jdbcType) {
        case Types.INTEGER, Types.SMALLINT, Types.TINYINT, Types.BIGINT -> INT;
        case Types.DOUBLE, Types.FLOAT, Types.REAL, Types.DECIMAL, Types.NUMERIC -> DOUBLE;
        case Types.BOOLEAN, Types.BIT -> BOOL;
        case Types.DATE -> DATE;
        case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> TIMESTAMP;
        default -> TEXT;
      };
    }

    String sqlType() {
      return switch (this) {
        case TEXT -> "VARCHAR";
        case INT -> "INTEGER";
        case DOUBLE -> "DOUBLE";
        case BOOL -> "BOOLEAN";
        case DATE -> "DATE";
        case TIMESTAMP -> "TIMESTAMP";
      };
    }
  }

  /** A column of a side. */
  public record Col(String name, Kind kind) {}

  /**
   * Predicates over one side (SQL over its alias): with literals, the same in every execution of
   * a template; or with {@code ?}, the form from {@code shape}, the values from {@code values}.
   */
  public interface Predicates {
    Atom literal(Random shape);

    Atom parameter(long shape, Random values);
  }

  /**
   * One side of a join: an API table, a Postgres table or a {@code VALUES} list ({@link
   * #values}), with its alias, its columns, the columns that identify a row (empty if none), its
   * predicates (null for none) and the share of them with {@code ?} in templates.
   */
  public static final class Side {
    final String label;
    final TableName table;
    final String alias;
    final List<Col> columns;
    final List<String> unique;
    final Predicates predicates;
    final int parameterPercent;
    /** For a VALUES list: the rows it draws from (null values included). */
    final List<List<Object>> pool;

    private Side(String label, TableName table, String alias, List<Col> columns,
        List<String> unique, Predicates predicates, int parameterPercent,
        List<List<Object>> pool) {
      this.label = label;
      this.table = table;
      this.alias = alias;
      this.columns = columns;
      this.unique = unique;
      this.predicates = predicates;
      this.parameterPercent = parameterPercent;
      this.pool = pool;
    }

    /**
     * An API table, sampled by {@link Differential#sample} (its columns and values): predicates
     * come from {@link Differential}'s generator, with the columns qualified by the alias.
     */
    public static Side api(Differential.Table sampled, TableName name, String alias,
        String... unique) {
      Differential.Generator g = new Differential.Generator(sampled);
      Predicates p = new Predicates() {
        @Override
        public Atom literal(Random shape) {
          return new Atom(qualify(g.atom(shape).sql(), alias), List.of());
        }

        @Override
        public Atom parameter(long shape, Random values) {
          Differential.Expr e = g.parameterAtom(new Random(shape), values);
          return new Atom(qualify(e.sql(), alias), e.params());
        }
      };
      return new Side(sampled.pushed + "." + sampled.name, name, alias, columns(sampled),
          List.of(unique), p, 50, null);
    }

    /**
     * A Postgres copy of an API table (the same columns and values as {@code sampled}); its
     * predicates are the generator's without LIKE (Calcite sends a LIKE on a JDBC table to
     * Postgres, whose LIKE has a default escape character and Calcite's has none), and without
     * date or time parameters: Calcite's JDBC adapter binds a {@code ?} compared with a
     * TIMESTAMP or DATE column of a JDBC table as a number, which Postgres refuses ("operator
     * does not exist: timestamp without time zone = bigint").
     */
    public static Side copy(Differential.Table sampled, TableName name, String alias,
        String... unique) {
      Differential.Generator g = new Differential.Generator(sampled);
      Predicates p = new Predicates() {
        @Override
        public Atom literal(Random shape) {
          for (int i = 0; i < 20; i++) {
            String sql = g.atom(shape).sql();
            if (!sql.toUpperCase(Locale.ROOT).contains("LIKE")) {
              return new Atom(qualify(sql, alias), List.of());
            }
          }
          return new Atom(alias + ".\"" + sampled.columns().get(0).name() + "\" IS NOT NULL",
              List.of());
        }

        @Override
        public Atom parameter(long shape, Random values) {
          // The form depends on the shape alone: every execution skips the same LIKEs.
          Random seeds = new Random(shape);
          for (int i = 0; i < 20; i++) {
            Differential.Expr e = g.parameterAtom(new Random(seeds.nextLong()), values);
            if (!e.sql().contains("LIKE") && e.params().stream().noneMatch(
                x -> x.type() == Types.TIMESTAMP || x.type() == Types.DATE)) {
              return new Atom(qualify(e.sql(), alias), e.params());
            }
          }
          return literal(new Random(shape));
        }
      };
      return new Side(name.postgres(), name, alias, columns(sampled), List.of(unique), p, 50,
          null);
    }

    /** A Postgres table made for the test, with hand-written predicates. */
    public static Side table(TableName name, String alias, List<Col> columns,
        Predicates predicates, String... unique) {
      return new Side(name.postgres(), name, alias, columns, List.of(unique), predicates, 85,
          null);
    }

    /** A {@code VALUES} list of some of {@code pool}'s rows, columns {@code k1, k2, …}. */
    public static Side values(String label, String alias, List<Kind> kinds,
        List<List<Object>> pool) {
      List<Col> columns = new ArrayList<>();
      for (int i = 0; i < kinds.size(); i++) {
        columns.add(new Col("k" + (i + 1), kinds.get(i)));
      }
      return new Side(label, null, alias, columns, List.of(), null, 0, pool);
    }

    boolean isValues() {
      return pool != null;
    }

    Col column(String name) {
      for (Col c : columns) {
        if (c.name().equalsIgnoreCase(name)) {
          return c;
        }
      }
      throw new IllegalArgumentException("no column " + name + " in " + label);
    }

    private static List<Col> columns(Differential.Table sampled) {
      return sampled.columns().stream().map(c -> new Col(c.name(), Kind.of(c.type()))).toList();
    }
  }

  /**
   * Which columns of two sides join ({@code a.aKeys[i] = b.bKeys[i]}), how often the generator
   * picks the link ({@code weight}), a predicate always put on side {@code a} to keep the result
   * small (SQL over a's alias, or null), and for a {@code VALUES} side the most rows it has.
   */
  public record Link(Side a, List<String> aKeys, Side b, List<String> bKeys, int weight,
      String guard, int maxValues) {
    /** A link on one column each, without a guard. */
    public static Link of(Side a, String aKey, Side b, String bKey, int weight) {
      return new Link(a, List.of(aKey), b, List.of(bKey), weight, null, 300);
    }

    /** The same link with a guard on side a. */
    public Link guarded(String sql) {
      return new Link(a, aKeys, b, bKeys, weight, sql, maxValues);
    }

    /** The same link with at most {@code n} VALUES rows. */
    public Link atMost(int n) {
      return new Link(a, aKeys, b, bKeys, weight, guard, n);
    }
  }

  /**
   * Two sources whose joins are tested: the links between their sides, the Calcite connection
   * (with the pushed, naive and {@code pg} schemas), the Postgres connection (copies and key
   * tables) and the sandboxes whose requests are counted.
   */
  public static final class Pair {
    final String name;
    final Connection calcite;
    final Connection postgres;
    final List<Link> links;
    final List<SandboxServer> sandboxes;
    Runnable betweenBatches = () -> { };

    public Pair(String name, Connection calcite, Connection postgres, List<Link> links,
        SandboxServer... sandboxes) {
      this.name = name;
      this.calcite = calcite;
      this.postgres = postgres;
      this.links = links;
      this.sandboxes = List.of(sandboxes);
    }

    /** Runs {@code r} after every statement Calcite runs (never while one runs). */
    public Pair betweenBatches(Runnable r) {
      this.betweenBatches = r;
      return this;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Queries
  // ---------------------------------------------------------------------------------------------

  /** The join of a query. */
  public enum Shape {
    /** {@code FROM o JOIN i ON …}. */
    INNER,
    /** {@code FROM o LEFT JOIN i ON …}. */
    LEFT,
    /** {@code FROM o LEFT JOIN i ON … WHERE i.key IS NULL}: an anti join. */
    LEFT_ANTI,
    /** {@code WHERE o.key IN (SELECT i.key FROM i …)}. */
    IN,
    /** {@code WHERE EXISTS (SELECT 1 FROM i WHERE i.key = o.key …)}. */
    EXISTS,
    /** {@code WHERE NOT EXISTS (SELECT 1 FROM i WHERE i.key = o.key …)}. */
    NOT_EXISTS,
    /** {@code WHERE o.key NOT IN (SELECT i.key FROM i …)}, NULLs and all. */
    NOT_IN;

    boolean semi() {
      return this == IN || this == EXISTS || this == NOT_EXISTS || this == NOT_IN;
    }
  }

  /** A projected column: {@code alias."Column"} and its kind. */
  record Item(String sql, Kind kind) {}

  /**
   * A condition: SQL (with {@code ?} for its parameters), the side it is only about ({@code null}
   * if about both or neither); {@code inJoin}: in the ON clause or the subquery rather than the
   * outer WHERE.
   */
  record Cond(String sql, List<Param> params, Side side, boolean inJoin) {}

  /** A query's text and the values of its {@code ?} markers, in order. */
  record Sql(String text, List<Param> params) {}

  /**
   * One generated join: execution {@code execution} of template {@code template}. Immutable;
   * {@link #withoutCond} and friends give the smaller queries that reduction tries.
   */
  public static final class Query {
    final long seed;
    final int index;
    final int template;
    final int execution;
    final Shape shape;
    final Side outer;
    final Side inner;
    final List<String> outerKeys;
    final List<String> innerKeys;
    /** Rows of the VALUES side (outer or inner), or null. */
    final List<List<Object>> values;
    final List<Cond> conds;
    final List<Item> select;
    final List<String> order;
    final int limit;

    Query(long seed, int index, int template, int execution, Shape shape, Side outer, Side inner,
        List<String> outerKeys, List<String> innerKeys, List<List<Object>> values,
        List<Cond> conds, List<Item> select, List<String> order, int limit) {
      this.seed = seed;
      this.index = index;
      this.template = template;
      this.execution = execution;
      this.shape = shape;
      this.outer = outer;
      this.inner = inner;
      this.outerKeys = outerKeys;
      this.innerKeys = innerKeys;
      this.values = values;
      this.conds = conds;
      this.select = select;
      this.order = order;
      this.limit = limit;
    }

    boolean ordered() {
      return !order.isEmpty();
    }

    /** Whether it has values to vary: VALUES rows or parameters of its predicates. */
    boolean hasParams() {
      return values != null || conds.stream().anyMatch(c -> !c.params().isEmpty());
    }

    /** Whether Calcite runs it prepared, with {@code ?}: any execution but a template's first. */
    boolean prepared() {
      return execution > 0 && hasParams();
    }

    /** The query for an engine; with its values as literals ({@code inline}) or as {@code ?}. */
    public Sql render(Engine e, boolean inline) {
      List<Param> slots = new ArrayList<>();
      StringBuilder b = new StringBuilder("SELECT ");
      for (int i = 0; i < select.size(); i++) {
        b.append(i == 0 ? "" : ", ").append(select.get(i).sql()).append(" AS \"c").append(i + 1)
            .append('"');
      }
      List<String> joinConds = new ArrayList<>();
      for (int i = 0; i < outerKeys.size(); i++) {
        joinConds.add(ref(inner, innerKeys.get(i)) + " = " + ref(outer, outerKeys.get(i)));
      }
      List<String> inJoin = new ArrayList<>();
      List<String> where = new ArrayList<>();
      for (Cond c : conds) {
        (c.inJoin() ? inJoin : where).add(mark(c.sql(), c.params(), slots));
      }
      b.append(" FROM ").append(from(outer, e, slots));
      String innerFrom = from(inner, e, slots);
      switch (shape) {
        case INNER, LEFT, LEFT_ANTI -> {
          joinConds.addAll(inJoin);
          b.append(shape == Shape.INNER ? " JOIN " : " LEFT JOIN ").append(innerFrom)
              .append(" ON ").append(String.join(" AND ", joinConds));
        }
        case IN, NOT_IN -> {
          String left = outerKeys.size() == 1 ? ref(outer, outerKeys.get(0))
              : "(" + String.join(", ", outerKeys.stream().map(k -> ref(outer, k)).toList()) + ")";
          where.add(0, left + (shape == Shape.IN ? " IN " : " NOT IN ") + "(SELECT "
              + String.join(", ", innerKeys.stream().map(k -> ref(inner, k)).toList())
              + " FROM " + innerFrom
              + (inJoin.isEmpty() ? "" : " WHERE " + String.join(" AND ", inJoin)) + ")");
        }
        default -> {
          joinConds.addAll(inJoin);
          where.add(0, (shape == Shape.EXISTS ? "EXISTS" : "NOT EXISTS") + " (SELECT 1 FROM "
              + innerFrom + " WHERE " + String.join(" AND ", joinConds) + ")");
        }
      }
      if (!where.isEmpty()) {
        b.append(" WHERE ").append(String.join(" AND ", where));
      }
      if (ordered()) {
        b.append(" ORDER BY ").append(String.join(", ", order));
        if (limit > 0) {
          b.append(" LIMIT ").append(limit);
        }
      }
      Sql sql = resolve(b.toString(), slots, inline);
      return e == Engine.POSTGRES ? new Sql(Differential.postgresSql(sql.text()), sql.params())
          : sql;
    }

    private String from(Side s, Engine e, List<Param> slots) {
      if (!s.isValues()) {
        return s.table.in(e) + " " + s.alias;
      }
      StringBuilder b = new StringBuilder("(VALUES ");
      for (int r = 0; r < values.size(); r++) {
        b.append(r == 0 ? "(" : ", (");
        List<Object> row = values.get(r);
        for (int c = 0; c < row.size(); c++) {
          // Typed, so that Calcite does not make text CHAR(n), padding the shorter values.
          Kind k = s.columns.get(c).kind();
          Param p = new Param(k == Kind.TEXT ? Types.VARCHAR : Types.INTEGER, row.get(c));
          b.append(c == 0 ? "" : ", ").append("CAST(").append(mark("?", List.of(p), slots))
              .append(" AS ").append(k.sqlType()).append(')');
        }
        b.append(')');
      }
      b.append(") AS ").append(s.alias).append('(');
      for (int c = 0; c < s.columns.size(); c++) {
        b.append(c == 0 ? "" : ", ").append(Differential.quote(s.columns.get(c).name()));
      }
      return b.append(')').toString();
    }

    /** The same query without condition {@code i}. */
    Query withoutCond(int i) {
      List<Cond> c = new ArrayList<>(conds);
      c.remove(i);
      return new Query(seed, index, template, execution, shape, outer, inner, outerKeys,
          innerKeys, values, c, select, order, limit);
    }

    /** The same query with only these VALUES rows. */
    Query withValues(List<List<Object>> rows) {
      return new Query(seed, index, template, execution, shape, outer, inner, outerKeys,
          innerKeys, rows, conds, select, order, limit);
    }

    /** The same query with only the first projected column, or without ORDER BY and LIMIT. */
    Query simpler(boolean oneColumn) {
      return new Query(seed, index, template, execution, shape, outer, inner, outerKeys,
          innerKeys, values, conds, oneColumn ? select.subList(0, 1) : select,
          oneColumn ? order : List.of(), oneColumn ? limit : 0);
    }

    /** How it is described: its number, shape and sides. */
    String title() {
      return "query " + index + " (seed " + seed + ", template " + template + ", execution "
          + execution + (prepared() ? ", prepared" : "") + "): " + shape + " of " + outer.label
          + " and " + inner.label;
    }
  }

  static String ref(Side s, String column) {
    return s.alias + "." + Differential.quote(column);
  }

  /** The SQL with each {@code ?} replaced by a mark of its parameter, kept in {@code slots}. */
  private static String mark(String sql, List<Param> params, List<Param> slots) {
    StringBuilder b = new StringBuilder();
    int next = 0;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (c == '?' && next < params.size()) {
        slots.add(params.get(next++));
        b.append('\u0001').append(slots.size() - 1).append('\u0002');
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** The marks replaced by literals, or by {@code ?} with their parameters in text order. */
  private static Sql resolve(String marked, List<Param> slots, boolean inline) {
    StringBuilder b = new StringBuilder();
    List<Param> params = new ArrayList<>();
    int i = 0;
    while (i < marked.length()) {
      char c = marked.charAt(i);
      if (c == '\u0001') {
        int end = marked.indexOf('\u0002', i);
        Param p = slots.get(Integer.parseInt(marked.substring(i + 1, end)));
        if (inline) {
          b.append(literal(p));
        } else {
          b.append('?');
          params.add(p);
        }
        i = end + 1;
      } else {
        b.append(c);
        i++;
      }
    }
    return new Sql(b.toString(), params);
  }

  /** A parameter's value as a SQL literal. */
  static String literal(Param p) {
    Object v = p.value();
    if (v == null) {
      return "NULL";
    }
    return switch (p.type()) {
      case Types.VARCHAR -> Differential.literal((String) v);
      case Types.DOUBLE -> BigDecimal.valueOf((Double) v).toPlainString();
      case Types.BOOLEAN -> ((Boolean) v) ? "TRUE" : "FALSE";
      case Types.DATE -> "DATE '" + ((Date) v).toLocalDate() + "'";
      case Types.TIMESTAMP -> Differential.timestampLiteral(((Timestamp) v).toLocalDateTime(),
          true);
      default -> v.toString();
    };
  }

  /** Prefixes every quoted identifier of a one-table predicate with the alias. */
  static String qualify(String sql, String alias) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\'') {
        int end = Differential.endOfLiteral(sql, i);
        out.append(sql, i, end);
        i = end;
      } else if (c == '"') {
        int end = sql.indexOf('"', i + 1);
        out.append(alias).append('.').append(sql, i, end + 1);
        i = end + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  // ---- the generator ----

  /** Relative weights of the shapes, in {@link Shape} order. */
  private static final int[] SHAPE_WEIGHTS = {26, 17, 7, 15, 12, 14, 9};

  /** Executions of a template that has values to vary: one with literals, the rest prepared. */
  static final int EXECUTIONS = 6;

  /**
   * Execution {@code execution} of template {@code template}: everything but the values comes
   * from the template's random source, the values from the execution's.
   */
  static Query generate(Pair pair, long seed, int template, int execution, int index) {
    Random r = new Random(seed * 1_000_003L + template * 7_919L);
    Random v = new Random((seed * 65_537L + template) * 1_000_033L + execution);
    Link link = weighted(r, pair.links);
    boolean aOuter = r.nextBoolean();
    Side outer = aOuter ? link.a() : link.b();
    Side inner = aOuter ? link.b() : link.a();
    List<String> outerKeys = aOuter ? link.aKeys() : link.bKeys();
    List<String> innerKeys = aOuter ? link.bKeys() : link.aKeys();
    Shape shape = pickShape(r, outerKeys.size());
    List<List<Object>> values = null;
    Side valuesSide = outer.isValues() ? outer : inner.isValues() ? inner : null;
    if (valuesSide != null) {
      values = drawValues(r, v, valuesSide.pool, link.maxValues());
    }
    List<Cond> conds = new ArrayList<>();
    if (link.guard() != null) {
      conds.add(new Cond(link.guard(), List.of(), link.a(), link.a() == inner));
    }
    for (Side s : List.of(outer, inner)) {
      if (s.predicates == null) {
        continue;
      }
      int n = r.nextInt(20) < 9 ? 0 : r.nextInt(20) < 14 ? 1 : 2;
      for (int k = 0; k < n; k++) {
        boolean parameter = r.nextInt(100) < s.parameterPercent;
        long shapeSeed = r.nextLong();
        Atom p = parameter ? s.predicates.parameter(shapeSeed, v)
            : s.predicates.literal(new Random(shapeSeed));
        boolean inJoin = switch (shape) {
          case INNER -> r.nextInt(3) == 0;
          case LEFT -> s == inner && r.nextInt(7) != 0;
          default -> s == inner;
        };
        conds.add(new Cond(p.sql(), p.params(), s, inJoin));
      }
    }
    if (shape == Shape.LEFT_ANTI) {
      conds.add(new Cond(ref(inner, innerKeys.get(0)) + " IS NULL", List.of(), null, false));
    }
    if (shape != Shape.IN && shape != Shape.NOT_IN && r.nextInt(8) == 0) {
      String cross = cross(r, outer, inner);
      if (cross != null) {
        conds.add(new Cond(cross, List.of(), null, true));
      }
    }
    List<Side> visible = shape.semi() || shape == Shape.LEFT_ANTI ? List.of(outer)
        : List.of(outer, inner);
    List<Item> select = new ArrayList<>();
    int columns = 1 + r.nextInt(4);
    Set<String> seen = new HashSet<>();
    if (r.nextInt(3) == 0 && !outer.unique.isEmpty()) {
      for (String u : outer.unique) {
        seen.add(ref(outer, u));
        select.add(new Item(ref(outer, u), outer.column(u).kind()));
      }
    }
    for (int k = 0; k < 8 && select.size() < columns; k++) {
      Side s = visible.get(r.nextInt(visible.size()));
      Col c = s.columns.get(r.nextInt(s.columns.size()));
      if (seen.add(ref(s, c.name()))) {
        select.add(new Item(ref(s, c.name()), c.kind()));
      }
    }
    List<String> order = new ArrayList<>();
    int limit = 0;
    boolean innerUnique = !inner.unique.isEmpty() && !inner.isValues();
    if (!outer.unique.isEmpty() && !outer.isValues()
        && (visible.size() == 1 || innerUnique) && r.nextInt(16) == 0) {
      String dir = r.nextBoolean() ? " ASC" : " DESC";
      for (String u : outer.unique) {
        order.add(ref(outer, u) + dir + " NULLS LAST");
      }
      if (visible.size() == 2) {
        for (String u : inner.unique) {
          order.add(ref(inner, u) + " ASC NULLS LAST");
        }
      }
      if (r.nextBoolean()) {
        limit = 1 + r.nextInt(30);
      }
    }
    return new Query(seed, index, template, execution, shape, outer, inner, outerKeys, innerKeys,
        values, conds, select, order, limit);
  }

  /** The first {@code queries} queries of a seed: each template's executions in turn. */
  static List<Query> generate(Pair pair, long seed, int queries) {
    List<Query> all = new ArrayList<>();
    for (int t = 0; all.size() < queries; t++) {
      Query first = generate(pair, seed, t, 0, all.size());
      all.add(first);
      int executions = first.hasParams() ? EXECUTIONS : 1;
      for (int e = 1; e < executions && all.size() < queries; e++) {
        all.add(generate(pair, seed, t, e, all.size()));
      }
    }
    return all;
  }

  private static Shape pickShape(Random r, int keys) {
    int total = 0;
    for (int w : SHAPE_WEIGHTS) {
      total += w;
    }
    while (true) {
      int pick = r.nextInt(total);
      for (Shape s : Shape.values()) {
        pick -= SHAPE_WEIGHTS[s.ordinal()];
        if (pick < 0) {
          if (s == Shape.NOT_IN && keys > 1) {
            break;
          }
          return s;
        }
      }
    }
  }

  private static Link weighted(Random r, List<Link> links) {
    int total = links.stream().mapToInt(Link::weight).sum();
    int pick = r.nextInt(total);
    for (Link l : links) {
      pick -= l.weight();
      if (pick < 0) {
        return l;
      }
    }
    throw new AssertionError();
  }

  /**
   * Rows for a VALUES side: mostly a handful, sometimes tens, sometimes hundreds (more than one
   * request's batch of keys), as many in every execution ({@code r}), drawn with repetition
   * (duplicate keys) from the pool per execution ({@code v}).
   */
  private static List<List<Object>> drawValues(Random r, Random v, List<List<Object>> pool,
      int max) {
    int kind = r.nextInt(20);
    int n = kind < 12 ? 1 + r.nextInt(8) : kind < 17 ? 9 + r.nextInt(40) : 120 + r.nextInt(220);
    n = Math.min(n, max);
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(pool.get(v.nextInt(pool.size())));
    }
    return rows;
  }

  /** A condition across the sides on two columns of a kind both have, or null. */
  private static String cross(Random r, Side outer, Side inner) {
    for (int attempt = 0; attempt < 10; attempt++) {
      Col a = outer.columns.get(r.nextInt(outer.columns.size()));
      List<Col> same = inner.columns.stream().filter(c -> c.kind() == a.kind()).toList();
      if (same.isEmpty() || a.kind() == Kind.DOUBLE || a.kind() == Kind.DATE) {
        continue;
      }
      Col b = same.get(r.nextInt(same.size()));
      String op = switch (a.kind()) {
        case INT, TIMESTAMP -> Differential.pick(r, " < ", " > ", " <> ", " >= ");
        // Text only by equality: Java and Postgres order some code points differently.
        case TEXT -> " <> ";
        default -> " = ";
      };
      return ref(outer, a.name()) + op + ref(inner, b.name());
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------
  // Running
  // ---------------------------------------------------------------------------------------------

  /** How a query failed. */
  public enum Failure {
    /** Pushdown on and off returned different rows (or only one of them failed). */
    ON_OFF,
    /** Calcite (pushdown on and off alike) and Postgres returned different rows. */
    POSTGRES,
    /** Calcite failed with and without pushdown, and Postgres answered. */
    ERROR
  }

  /** One engine's answer: the rows as text (sorted unless ordered) or an error. */
  record Answer(List<String> rows, String error) {
    boolean failed() {
      return error != null;
    }

    String brief() {
      return failed() ? "error: " + error : rows.size() + " rows";
    }

    boolean same(Answer o) {
      return failed() || o.failed() ? failed() && o.failed() : rows.equals(o.rows);
    }
  }

  /** A failing query, as generated and reduced. */
  public record Mismatch(Failure failure, String pair, Query query, Query reduced, String detail) {
    @Override
    public String toString() {
      StringBuilder b = new StringBuilder(failure + " on " + pair + ", " + query.title() + "\n"
          + "  generated: " + query.render(Engine.PUSHED, true).text() + "\n"
          + "  smallest:  " + reduced.render(Engine.PUSHED, true).text() + "\n");
      if (reduced.prepared()) {
        Sql sql = reduced.render(Engine.PUSHED, false);
        b.append("  (run prepared: ").append(sql.text()).append("  with ").append(sql.params())
            .append(")\n");
      }
      return b.append("  in Postgres: ").append(reduced.render(Engine.POSTGRES, true).text())
          .append("\n  ").append(detail.replace("\n", "\n  ")).toString();
    }
  }

  /** What a run saw. */
  public static final class Report {
    public final String pair;
    public int queries;
    public int templates;
    public int prepared;
    /** Queries also run without pushdown (all of them are run with it and in Postgres). */
    public int comparedWithNaive;
    public int nonEmpty;
    /** Queries both of whose sides' keys (after their own conditions) number more than 100. */
    public int largeKeySets;
    public int maxRows;
    public int refusedEverywhere;
    public final Map<Shape, Integer> shapes = new LinkedHashMap<>();
    public final Map<Failure, Integer> failures = new LinkedHashMap<>();
    public final List<Mismatch> mismatches = new ArrayList<>();
    public long pushedRequests;
    public long naiveRequests;
    long pushedNanos;
    long naiveNanos;
    long postgresNanos;
    long reduceNanos;
    long millis;

    Report(String pair) {
      this.pair = pair;
      for (Shape s : Shape.values()) {
        shapes.put(s, 0);
      }
      for (Failure f : Failure.values()) {
        failures.put(f, 0);
      }
    }

    public int totalFailures() {
      return failures.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** One line: counts and times. */
    public String summary() {
      return String.format(Locale.ROOT, "%s: %d joins (%d templates, %d executions prepared, %d"
              + " also without pushdown), %d with rows (at most %d), %d of two sides of more than"
              + " 100 keys, %d refused everywhere; shapes %s; failures %s; requests %d pushed (%d"
              + " queries) vs %d naive (%d); %.1f s (pushed %.1f, naive %.1f, Postgres %.1f,"
              + " reducing %.1f)",
          pair, queries, templates, prepared, comparedWithNaive, nonEmpty, maxRows, largeKeySets,
          refusedEverywhere, shapes, failures, pushedRequests, queries, naiveRequests,
          comparedWithNaive, millis / 1000.0, pushedNanos / 1e9, naiveNanos / 1e9,
          postgresNanos / 1e9, reduceNanos / 1e9);
    }

    /** The summary and every mismatch. */
    public String describe() {
      StringBuilder b = new StringBuilder(summary());
      for (Mismatch m : mismatches) {
        b.append("\n\n").append(m);
      }
      return b.toString();
    }
  }

  /** Queries of one statement with pushdown or without. */
  static final int BATCH = 8;

  /**
   * How many failures of a run are reduced and described, one per template (the rest are
   * counted).
   */
  static final int MAX_DESCRIBED = 6;

  /**
   * Generates {@code queries} joins of the pair from {@code seed}, runs each in Postgres and with
   * pushdown, and those of every {@code naiveEvery}-th template without pushdown too (the others
   * without pushdown only if they disagree with Postgres), and reports every failure.
   */
  public static Report run(Pair pair, int queries, int naiveEvery, long seed)
      throws SQLException {
    long started = System.nanoTime();
    Report report = new Report(pair.name);
    List<Query> all = generate(pair, seed, queries);
    List<Answer> postgres = new ArrayList<>();
    long t0 = System.nanoTime();
    for (Query q : all) {
      postgres.add(postgres(pair, q));
    }
    report.postgresNanos += System.nanoTime() - t0;
    t0 = System.nanoTime();
    clearRequests(pair);
    List<Answer> pushed = calcite(pair, Engine.PUSHED, all);
    report.pushedRequests = requests(pair);
    report.pushedNanos += System.nanoTime() - t0;
    List<Query> naiveShare = all.stream().filter(q -> q.template % naiveEvery == 0).toList();
    t0 = System.nanoTime();
    clearRequests(pair);
    List<Answer> naiveAnswers = calcite(pair, Engine.NAIVE, naiveShare);
    report.naiveRequests = requests(pair);
    report.naiveNanos += System.nanoTime() - t0;
    Map<Integer, Answer> naive = new LinkedHashMap<>();
    for (int i = 0; i < naiveShare.size(); i++) {
      naive.put(naiveShare.get(i).index, naiveAnswers.get(i));
    }
    report.comparedWithNaive = naive.size();
    report.templates = all.get(all.size() - 1).template + 1;
    for (int i = 0; i < all.size(); i++) {
      Query q = all.get(i);
      Answer n = naive.get(q.index);
      if (n == null && !pushed.get(i).same(postgres.get(i))) {
        n = alone(pair, Engine.NAIVE, q);
      }
      check(pair, report, q, pushed.get(i), n, postgres.get(i));
    }
    report.millis = (System.nanoTime() - started) / 1_000_000;
    return report;
  }

  private static void check(Pair pair, Report report, Query q, Answer pushed, Answer naive,
      Answer pg) throws SQLException {
    report.queries++;
    report.shapes.merge(q.shape, 1, Integer::sum);
    if (q.prepared()) {
      report.prepared++;
    }
    if (!pg.failed()) {
      report.maxRows = Math.max(report.maxRows, pg.rows().size());
      if (!pg.rows().isEmpty()) {
        report.nonEmpty++;
      }
    }
    if (pushed.failed() && pg.failed() && (naive == null || naive.failed())) {
      report.refusedEverywhere++;
    }
    if (keys(pair, q, q.outer, q.outerKeys) > 100 && keys(pair, q, q.inner, q.innerKeys) > 100) {
      report.largeKeySets++;
    }
    Failure f = classify(pushed, naive, pg);
    if (f == null) {
      return;
    }
    report.failures.merge(f, 1, Integer::sum);
    // One description per template: its other executions most likely fail the same way.
    boolean described = report.mismatches.stream().anyMatch(m -> m.query().template == q.template);
    if (!described && report.mismatches.size() < MAX_DESCRIBED) {
      long t0 = System.nanoTime();
      report.mismatches.add(reduce(pair, q, f));
      report.reduceNanos += System.nanoTime() - t0;
    }
  }

  /** The failure, or null; {@code naive} null when not run (pushdown and Postgres agree). */
  static Failure classify(Answer pushed, Answer naive, Answer pg) {
    if (naive != null && !pushed.same(naive)) {
      return Failure.ON_OFF;
    }
    if (!pushed.same(pg)) {
      return pushed.failed() ? Failure.ERROR : Failure.POSTGRES;
    }
    return null;
  }

  /** A side's distinct keys, none NULL, after its own conditions (-1 if Postgres refuses). */
  private static int keys(Pair pair, Query q, Side s, List<String> keys) {
    if (s.isValues()) {
      Set<List<Object>> distinct = new HashSet<>();
      for (List<Object> row : q.values) {
        if (!row.contains(null)) {
          distinct.add(row);
        }
      }
      return distinct.size();
    }
    List<String> where = new ArrayList<>();
    List<Param> params = new ArrayList<>();
    for (String k : keys) {
      where.add(ref(s, k) + " IS NOT NULL");
    }
    for (Cond c : q.conds) {
      if (c.side() == s) {
        where.add(c.sql());
        params.addAll(c.params());
      }
    }
    String sql = "SELECT COUNT(*) FROM (SELECT DISTINCT "
        + String.join(", ", keys.stream().map(k -> ref(s, k)).toList()) + " FROM "
        + s.table.postgres() + " " + s.alias + " WHERE " + String.join(" AND ", where) + ") x";
    try (PreparedStatement ps = pair.postgres.prepareStatement(Differential.postgresSql(sql))) {
      bind(ps, params, true);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (SQLException e) {
      return -1;
    }
  }

  /** The smallest query found, by dropping parts one at a time, that fails the same way. */
  static Mismatch reduce(Pair pair, Query q, Failure f) {
    Query smallest = q;
    for (int round = 0; round < 40; round++) {
      Query next = null;
      for (Query candidate : candidates(smallest)) {
        if (classify(alone(pair, Engine.PUSHED, candidate), alone(pair, Engine.NAIVE, candidate),
            postgres(pair, candidate)) == f) {
          next = candidate;
          break;
        }
      }
      if (next == null) {
        break;
      }
      smallest = next;
    }
    Answer pushed = alone(pair, Engine.PUSHED, smallest);
    Answer naive = alone(pair, Engine.NAIVE, smallest);
    Answer pg = postgres(pair, smallest);
    String detail = (classify(pushed, naive, pg) == f ? "" : "(fails only in its batch) ")
        + detail(pushed, naive, pg);
    return new Mismatch(f, pair.name, q, smallest, detail);
  }

  /** Smaller queries: without a condition, ORDER BY, columns, or some of the VALUES rows. */
  private static List<Query> candidates(Query q) {
    List<Query> out = new ArrayList<>();
    for (int i = 0; i < q.conds.size(); i++) {
      out.add(q.withoutCond(i));
    }
    if (q.ordered()) {
      out.add(q.simpler(false));
    }
    if (q.select.size() > 1) {
      out.add(q.simpler(true));
    }
    if (q.values != null && q.values.size() > 1) {
      int half = q.values.size() / 2;
      out.add(q.withValues(q.values.subList(0, half)));
      out.add(q.withValues(q.values.subList(half, q.values.size())));
      if (q.values.size() <= 8) {
        for (int i = 0; i < q.values.size(); i++) {
          List<List<Object>> rows = new ArrayList<>(q.values);
          rows.remove(i);
          out.add(q.withValues(rows));
        }
      }
    }
    return out;
  }

  private static String detail(Answer pushed, Answer naive, Answer pg) {
    StringBuilder b = new StringBuilder();
    b.append("pushdown on: ").append(pushed.brief()).append("; off: ").append(naive.brief())
        .append("; Postgres: ").append(pg.brief());
    difference(b, "pushdown on", pushed, "off", naive);
    difference(b, "pushdown on", pushed, "Postgres", pg);
    difference(b, "off", naive, "Postgres", pg);
    return b.toString();
  }

  private static void difference(StringBuilder b, String leftName, Answer left, String rightName,
      Answer right) {
    if (left.failed() || right.failed() || left.rows().equals(right.rows())) {
      return;
    }
    List<String> onlyLeft = new ArrayList<>(left.rows());
    for (String row : right.rows()) {
      onlyLeft.remove(row);
    }
    List<String> onlyRight = new ArrayList<>(right.rows());
    for (String row : left.rows()) {
      onlyRight.remove(row);
    }
    b.append("\n").append(leftName).append(" vs ").append(rightName).append(":");
    if (onlyLeft.isEmpty() && onlyRight.isEmpty()) {
      b.append(" the same rows in another order");
    }
    for (int i = 0; i < Math.min(4, onlyLeft.size()); i++) {
      b.append("\n  only ").append(leftName).append(": ").append(abbreviate(onlyLeft.get(i)));
    }
    if (onlyLeft.size() > 4) {
      b.append("\n  … ").append(onlyLeft.size() - 4).append(" more only ").append(leftName);
    }
    for (int i = 0; i < Math.min(4, onlyRight.size()); i++) {
      b.append("\n  only ").append(rightName).append(": ").append(abbreviate(onlyRight.get(i)));
    }
    if (onlyRight.size() > 4) {
      b.append("\n  … ").append(onlyRight.size() - 4).append(" more only ").append(rightName);
    }
  }

  private static String abbreviate(String row) {
    return row.length() > 300 ? row.substring(0, 300) + "…" : row;
  }

  // ---- engines ----

  private static void bind(PreparedStatement ps, List<Param> params, boolean postgres)
      throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      params.get(i).bind(ps, i + 1, postgres);
    }
  }

  /** The query in Postgres, over the copies (with {@code ?}, as Differential runs it). */
  static Answer postgres(Pair pair, Query q) {
    Sql sql = q.render(Engine.POSTGRES, false);
    try (PreparedStatement ps = pair.postgres.prepareStatement(sql.text())) {
      bind(ps, sql.params(), true);
      try (ResultSet rs = ps.executeQuery()) {
        return new Answer(Differential.normalise(rs, -1, q.ordered()), null);
      }
    } catch (SQLException | RuntimeException e) {
      return new Answer(null, firstLine(e));
    }
  }

  /** The query alone in Calcite: prepared with {@code ?} if it is a prepared execution. */
  static Answer alone(Pair pair, Engine e, Query q) {
    Sql sql = q.render(e, !q.prepared());
    try (PreparedStatement ps = pair.calcite.prepareStatement(sql.text())) {
      bind(ps, sql.params(), false);
      try (ResultSet rs = ps.executeQuery()) {
        return new Answer(Differential.normalise(rs, -1, q.ordered()), null);
      }
    } catch (SQLException | RuntimeException ex) {
      return new Answer(null, firstLine(ex));
    }
  }

  /**
   * The queries' answers in Calcite, in order. Literal queries: ordered ones alone, the others in
   * union batches of {@value #BATCH}. Prepared executions: per template; an ordered template
   * prepared alone, the others {@value #BATCH} templates to a union batch, each prepared once
   * and executed once per execution.
   */
  static List<Answer> calcite(Pair pair, Engine e, List<Query> queries) {
    Map<Integer, Answer> answers = new LinkedHashMap<>();
    List<Query> literal = new ArrayList<>();
    Map<Integer, List<Query>> templates = new LinkedHashMap<>();
    for (Query q : queries) {
      if (q.prepared()) {
        templates.computeIfAbsent(q.template, k -> new ArrayList<>()).add(q);
      } else if (q.ordered()) {
        answers.put(q.index, alone(pair, e, q));
        pair.betweenBatches.run();
      } else {
        literal.add(q);
      }
    }
    for (int from = 0; from < literal.size(); from += BATCH) {
      List<List<Query>> batch = new ArrayList<>();
      for (Query q : literal.subList(from, Math.min(literal.size(), from + BATCH))) {
        batch.add(List.of(q));
      }
      batch(pair, e, batch, answers, 0);
      pair.betweenBatches.run();
    }
    Map<Integer, List<List<Query>>> bySize = new LinkedHashMap<>();
    for (List<Query> executions : templates.values()) {
      if (executions.get(0).ordered()) {
        batch(pair, e, List.of(executions), answers, 0);
        pair.betweenBatches.run();
      } else {
        bySize.computeIfAbsent(executions.size(), k -> new ArrayList<>()).add(executions);
      }
    }
    for (List<List<Query>> group : bySize.values()) {
      for (int from = 0; from < group.size(); from += BATCH) {
        batch(pair, e, group.subList(from, Math.min(group.size(), from + BATCH)), answers, 0);
        pair.betweenBatches.run();
      }
    }
    List<Answer> out = new ArrayList<>();
    for (Query q : queries) {
      out.add(answers.get(q.index));
    }
    return out;
  }

  /**
   * Runs a batch from execution {@code from} on: one statement for its templates (each a list of
   * executions, as many in each, prepared or each a literal query alone), executed once per
   * execution. A template alone runs as itself; a union that fails (to prepare, or in an
   * execution) is split in halves, which run from the failing execution on.
   *
   * <p>The union's branches share one row type: for each kind of column as many columns as the
   * template with the most of that kind has; a branch puts its {@code n}-th column of a kind in
   * the {@code n}-th column of the kind and NULL in the others.
   */
  private static void batch(Pair pair, Engine e, List<List<Query>> batch,
      Map<Integer, Answer> answers, int from) {
    boolean prepared = batch.get(0).get(0).prepared();
    if (batch.size() == 1) {
      List<Query> executions = batch.get(0).subList(from, batch.get(0).size());
      Sql first = executions.get(0).render(e, !prepared);
      try (PreparedStatement ps = pair.calcite.prepareStatement(first.text())) {
        for (Query q : executions) {
          try {
            bind(ps, q.render(e, !prepared).params(), false);
            try (ResultSet rs = ps.executeQuery()) {
              answers.put(q.index, new Answer(Differential.normalise(rs, -1, q.ordered()), null));
            }
          } catch (SQLException | RuntimeException ex) {
            answers.put(q.index, new Answer(null, firstLine(ex)));
          }
        }
      } catch (SQLException | RuntimeException ex) {
        executions.forEach(q -> answers.put(q.index, new Answer(null, firstLine(ex))));
      }
      return;
    }
    Map<Kind, Integer> slots = new LinkedHashMap<>();
    for (List<Query> executions : batch) {
      Map<Kind, Integer> counts = new LinkedHashMap<>();
      for (Item item : executions.get(0).select) {
        counts.merge(item.kind(), 1, Integer::sum);
      }
      counts.forEach((k, n) -> slots.merge(k, n, Math::max));
    }
    // The result column (from 1) of each kind's first slot: after "q".
    Map<Kind, Integer> firstColumn = new LinkedHashMap<>();
    int width = 2;
    for (Map.Entry<Kind, Integer> slot : slots.entrySet()) {
      firstColumn.put(slot.getKey(), width);
      width += slot.getValue();
    }
    List<int[]> columnsOf = new ArrayList<>();
    StringBuilder sql = new StringBuilder();
    for (int i = 0; i < batch.size(); i++) {
      Query q = batch.get(i).get(0);
      String[] exprs = new String[width - 2];
      int[] columns = new int[q.select.size()];
      Map<Kind, Integer> used = new LinkedHashMap<>();
      for (int c = 0; c < q.select.size(); c++) {
        Kind k = q.select.get(c).kind();
        int column = firstColumn.get(k) + used.merge(k, 1, Integer::sum) - 1;
        columns[c] = column;
        exprs[column - 2] = "t" + i + ".\"c" + (c + 1) + "\"";
      }
      columnsOf.add(columns);
      sql.append(i == 0 ? "" : " UNION ALL ").append("SELECT ").append(i).append(" AS \"q\"");
      int column = 2;
      for (Map.Entry<Kind, Integer> slot : slots.entrySet()) {
        for (int n = 0; n < slot.getValue(); n++, column++) {
          String expr = exprs[column - 2];
          sql.append(", ").append(expr != null ? expr
              : "CAST(NULL AS " + slot.getKey().sqlType() + ")").append(" AS \"s").append(column)
              .append('"');
        }
      }
      sql.append(" FROM (").append(q.render(e, !prepared).text()).append(") AS t").append(i);
    }
    PreparedStatement ps;
    try {
      ps = pair.calcite.prepareStatement(sql.toString());
    } catch (SQLException | RuntimeException ex) {
      halves(pair, e, batch, answers, from);
      return;
    }
    try (ps) {
      for (int x = from; x < batch.get(0).size(); x++) {
        List<Param> params = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (List<Query> executions : batch) {
          params.addAll(executions.get(x).render(e, !prepared).params());
          rows.add(new ArrayList<>());
        }
        try {
          bind(ps, params, false);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              int q = rs.getInt(1);
              StringBuilder b = new StringBuilder();
              int[] columns = columnsOf.get(q);
              for (int c = 0; c < columns.length; c++) {
                b.append(c == 0 ? "" : " | ")
                    .append(Differential.value(rs.getObject(columns[c])));
              }
              rows.get(q).add(b.toString());
            }
          }
          for (int i = 0; i < batch.size(); i++) {
            Collections.sort(rows.get(i));
            answers.put(batch.get(i).get(x).index, new Answer(rows.get(i), null));
          }
        } catch (SQLException | RuntimeException ex) {
          halves(pair, e, batch, answers, x);
          return;
        }
      }
    } catch (SQLException ex) {
      // Closing failed: the answers are in.
    }
  }

  private static void halves(Pair pair, Engine e, List<List<Query>> batch,
      Map<Integer, Answer> answers, int from) {
    int half = batch.size() / 2;
    batch(pair, e, batch.subList(0, half), answers, from);
    batch(pair, e, batch.subList(half, batch.size()), answers, from);
  }

  private static void clearRequests(Pair pair) {
    pair.sandboxes.forEach(SandboxServer::clearRequests);
  }

  private static long requests(Pair pair) {
    return pair.sandboxes.stream().mapToLong(s -> s.requests().size()).sum();
  }

  /** The root cause's message, on one line. */
  private static String firstLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage() == null ? root.getClass().getSimpleName()
        : root.getClass().getSimpleName() + ": " + root.getMessage();
    m = m.replace('\n', ' ').replaceAll("https?://\\S+", "<url>");
    return m.length() > 360 ? m.substring(0, 120) + " … " + m.substring(m.length() - 240) : m;
  }

  /** The reports' summaries and mismatches. */
  public static String describe(List<Report> reports) {
    StringBuilder b = new StringBuilder();
    for (Report r : reports) {
      b.append(b.length() == 0 ? "" : "\n\n").append(r.describe());
    }
    return b.toString();
  }
}
