package io.saasql.testing;

import io.saasql.sandbox.RecordedRequest;
import io.saasql.sandbox.SandboxServer;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Differential correctness of pushdown: the same query over a schema with pushdown and over the
 * same source without it (every row fetched, Calcite evaluating everything) must return the same
 * rows, for many generated predicates; and, where the table has a copy in Postgres, Postgres must
 * return them too.
 *
 * <p>The generator ({@link #run}) takes its literals from the table's own data, so that it meets
 * what the data holds: every value of a column as SQL sees it, the same text with its case
 * changed or a space added, times a millisecond either side of real ones, the raw values the API
 * keeps (microseconds) where a test supplies them, Japanese, Greek and emoji text, LIKE patterns
 * with {@code %} and {@code _} cut from real values. It generates, for every column by its type,
 * {@code = <> < <= > >= BETWEEN IN NOT IN LIKE NOT LIKE IS [NOT] NULL IS [NOT] TRUE}, nested in
 * AND, OR and NOT, and prepared statements with {@code ?} values of every JDBC type the table
 * has. Every query is checked three ways: pushdown on and off return the same rows; Postgres
 * over a copy of the API's JSON returns them too; and pushdown makes at most one request more
 * than the naive scan. A failing query is reduced to its smallest failing part.
 *
 * <p>Cost: the side without pushdown is evaluated for a batch of queries in one scan, each
 * predicate a boolean column of {@code SELECT <columns>, (p1), (p2), … FROM <naive table>}; a
 * query that fails is checked again on its own, with a real {@code WHERE}.
 */
public final class Differential {
  private Differential() {}

  /** One of the values, picked by the random source. */
  @SafeVarargs
  public static <T> T pick(Random r, T... values) {
    return values[r.nextInt(values.length)];
  }

  /** A SQL string literal. */
  public static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  // ---------------------------------------------------------------------------------------------
  // Generated queries over a table's own data
  // ---------------------------------------------------------------------------------------------

  /** Text the data sets could hold and the generator always tries: scripts, case, wildcards. */
  static final List<String> EXOTIC_TEXT = List.of("日本", "日本語の問い合わせ: ログインできない",
      "ログイン", "株式会社", "🚀", "🎉", "Ωmega", "ωMEGA", "Σοφία", "ÆRØ", "Café", "%", "_", "",
      " ", "O'Brien", "a''b", "100%", "done_now", "\\");

  /** A column of the table under test, with the distinct values the naive scan returned. */
  public record Column(String name, int type, List<Object> values, boolean hasNull) {
    boolean isText() {
      return type == Types.VARCHAR || type == Types.CHAR || type == Types.LONGVARCHAR;
    }

    boolean isInteger() {
      return type == Types.INTEGER || type == Types.BIGINT || type == Types.SMALLINT
          || type == Types.TINYINT;
    }

    boolean isNumber() {
      return isInteger() || type == Types.DOUBLE || type == Types.FLOAT || type == Types.REAL
          || type == Types.DECIMAL || type == Types.NUMERIC;
    }
  }

  /**
   * A table to generate queries for: the same table with pushdown ({@code pushed} schema) and
   * without it ({@code naive} schema), the sandbox that serves it (its request log counts the
   * requests), and optionally a copy in Postgres with the same column names in lower case.
   */
  public static final class Table {
    final Connection calcite;
    final String pushed;
    final String naive;
    final String name;
    final SandboxServer sandbox;
    Connection postgres;
    String postgresTable;
    final Map<String, List<String>> extraLiterals = new LinkedHashMap<>();
    final List<Function<Random, String>> extraAtoms = new ArrayList<>();
    final Set<String> skipped = new LinkedHashSet<>();
    List<Column> columns;
    String select;
    int naiveRequests;

    public Table(Connection calcite, String pushed, String naive, String name,
        SandboxServer sandbox) {
      this.calcite = calcite;
      this.pushed = pushed;
      this.naive = naive;
      this.name = name;
      this.sandbox = sandbox;
    }

    /** Also compares with Postgres: {@code table} (qualified) holds a copy of the data. */
    public Table postgres(Connection pg, String table) {
      this.postgres = pg;
      this.postgresTable = table;
      return this;
    }

    /** SQL literals for a column besides the values SQL sees, e.g. the API's raw microseconds. */
    public Table literals(String column, List<String> sqlLiterals) {
      extraLiterals.computeIfAbsent(column, k -> new ArrayList<>()).addAll(sqlLiterals);
      return this;
    }

    /** Hand-written atoms, mixed in with the generated ones. */
    public Table atoms(Function<Random, String> atom) {
      extraAtoms.add(atom);
      return this;
    }

    /** Columns neither selected nor filtered (e.g. computed by the API in a way a copy cannot). */
    public Table skip(String... columns) {
      skipped.addAll(List.of(columns));
      return this;
    }

    /** The table's name as the report shows it. */
    public String label() {
      return pushed + "." + name;
    }

    List<Column> columns() {
      return columns;
    }
  }

  /** A value bound to a {@code ?}: its JDBC type and value. */
  public record Param(int type, Object value) {
    void bind(PreparedStatement ps, int index, boolean postgres) throws SQLException {
      if (value == null) {
        ps.setNull(index, type);
        return;
      }
      switch (type) {
        case Types.INTEGER -> ps.setInt(index, (Integer) value);
        case Types.BIGINT -> ps.setLong(index, (Long) value);
        case Types.DOUBLE -> ps.setDouble(index, (Double) value);
        case Types.BOOLEAN -> ps.setBoolean(index, (Boolean) value);
        case Types.DATE -> ps.setDate(index, (Date) value);
        case Types.TIMESTAMP -> {
          Timestamp t = (Timestamp) value;
          if (postgres) {
            // Calcite keeps milliseconds of a parameter as of a literal; so does the copy.
            t = new Timestamp(t.getTime());
            t.setNanos(t.getNanos() / 1_000_000 * 1_000_000);
          }
          ps.setTimestamp(index, t);
        }
        default -> ps.setString(index, (String) value);
      }
    }

    @Override
    public String toString() {
      String kind = switch (type) {
        case Types.INTEGER -> "setInt";
        case Types.BIGINT -> "setLong";
        case Types.DOUBLE -> "setDouble";
        case Types.BOOLEAN -> "setBoolean";
        case Types.DATE -> "setDate";
        case Types.TIMESTAMP -> "setTimestamp";
        default -> "setString";
      };
      return kind + "(" + (value instanceof String s ? literal(s) : value) + ")";
    }
  }

  /** A predicate: SQL text with {@code ?} markers and the values bound to them, in order. */
  public sealed interface Expr permits Atom, And, Or, Not {
    String sql();

    List<Param> params();

    List<Expr> children();

    /** Every part of the predicate (itself included), smallest first. */
    default List<Expr> parts() {
      List<Expr> out = new ArrayList<>();
      collect(this, out);
      out.sort((a, b) -> a.sql().length() - b.sql().length());
      return out;
    }

    private static void collect(Expr e, List<Expr> out) {
      out.add(e);
      e.children().forEach(c -> collect(c, out));
    }
  }

  /** A comparison on one column (or a hand-written atom). */
  public record Atom(String sql, List<Param> params) implements Expr {
    Atom(String sql) {
      this(sql, List.of());
    }

    @Override
    public List<Expr> children() {
      return List.of();
    }
  }

  /** Both. */
  public record And(Expr left, Expr right) implements Expr {
    @Override
    public String sql() {
      return "(" + left.sql() + " AND " + right.sql() + ")";
    }

    @Override
    public List<Param> params() {
      return concat(left.params(), right.params());
    }

    @Override
    public List<Expr> children() {
      return List.of(left, right);
    }
  }

  /** Either. */
  public record Or(Expr left, Expr right) implements Expr {
    @Override
    public String sql() {
      return "(" + left.sql() + " OR " + right.sql() + ")";
    }

    @Override
    public List<Param> params() {
      return concat(left.params(), right.params());
    }

    @Override
    public List<Expr> children() {
      return List.of(left, right);
    }
  }

  /** Not. */
  public record Not(Expr operand) implements Expr {
    @Override
    public String sql() {
      return "NOT (" + operand.sql() + ")";
    }

    @Override
    public List<Param> params() {
      return operand.params();
    }

    @Override
    public List<Expr> children() {
      return List.of(operand);
    }
  }

  private static List<Param> concat(List<Param> a, List<Param> b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    List<Param> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /**
   * One generated query: its predicate, and for a prepared statement the template it was bound
   * from ({@code template} numbers the statement: executions of one template share it).
   *
   * @param seed   the run's seed; with {@code index} it regenerates the query
   * @param index  the query's number in the run
   */
  public record Query(Expr where, long seed, int index, int template, Shape shape) {
    Query(Expr where, long seed, int index, int template) {
      this(where, seed, index, template, null);
    }

    boolean prepared() {
      return template >= 0;
    }
  }

  /**
   * What a query asks beyond its WHERE: another select list and a tail (GROUP BY, ORDER BY …
   * LIMIT). {@code ordered}: the rows are compared in order.
   */
  public record Shape(String select, String tail, boolean ordered) {}

  // ---- the generator ----

  /** Builds queries from a table's columns and values; deterministic for a seed. */
  static final class Generator {
    private final Table table;
    private final List<Column> columns;
    /** The columns by kind: text, date-times and dates, numbers, booleans. */
    private final List<List<Column>> kinds;

    Generator(Table table) {
      this.table = table;
      this.columns = table.columns().stream().filter(c -> !c.values().isEmpty() || c.hasNull())
          .toList();
      this.kinds = List.of(
          columns.stream().filter(Column::isText).toList(),
          columns.stream().filter(c -> c.type() == Types.TIMESTAMP || c.type() == Types.DATE)
              .toList(),
          columns.stream().filter(Column::isNumber).toList(),
          columns.stream().filter(c -> c.type() == Types.BOOLEAN).toList());
    }

    /**
     * The {@code index}-th query of a run: a third single atoms (so that an atom the API answers
     * is pushed alone), a fifth two atoms in AND, the rest nested AND, OR and NOT.
     */
    Query query(long seed, int index) {
      Random r = new Random(seed * 1_000_003L + index);
      Expr e = switch (r.nextInt(15)) {
        case 0, 1, 2, 3, 4 -> atom(r);
        case 5, 6, 7 -> new And(atom(r), atom(r));
        default -> r.nextInt(3) == 0 ? new And(predicate(r, 0), atom(r)) : predicate(r, 0);
      };
      return new Query(e, seed, index, -1, shape(new Random(seed * 5_000_011L + index)));
    }

    /**
     * Half the queries are plain; the others order one column (either direction, NULLs first or
     * last) with a LIMIT and sometimes an OFFSET, group by a column with COUNT, MIN, MAX (and SUM
     * of whole numbers), or count.
     */
    Shape shape(Random r) {
      int kind = r.nextInt(10);
      if (kind < 5) {
        return null;
      }
      if (kind < 8) {
        Column c = columns.get(r.nextInt(columns.size()));
        String key = quote(c.name()) + (r.nextBoolean() ? " DESC" : " ASC")
            + (r.nextBoolean() ? " NULLS FIRST" : " NULLS LAST");
        return new Shape(quote(c.name()), " ORDER BY " + key + " LIMIT " + (1 + r.nextInt(25))
            + (r.nextInt(4) == 0 ? " OFFSET " + r.nextInt(8) : ""), true);
      }
      if (kind < 9) {
        Column g = columns.get(r.nextInt(columns.size()));
        List<Column> measures = new ArrayList<>(kinds.get(1));
        measures.addAll(kinds.get(2));
        List<String> select = new ArrayList<>(List.of(quote(g.name()), "COUNT(*)"));
        if (!measures.isEmpty()) {
          Column m = measures.get(r.nextInt(measures.size()));
          select.add("COUNT(" + quote(m.name()) + ")");
          select.add("MIN(" + quote(m.name()) + ")");
          select.add("MAX(" + quote(m.name()) + ")");
          if (m.isInteger()) {
            select.add("SUM(" + quote(m.name()) + ")");
          }
        }
        return new Shape(String.join(", ", select), " GROUP BY " + quote(g.name()), false);
      }
      return new Shape("COUNT(*)", "", false);
    }

    /**
     * The {@code template}-th prepared statement's predicate with the {@code execution}-th set
     * of values: the same SQL text for every execution, values drawn per execution.
     */
    Query prepared(long seed, int index, int template, int execution) {
      Random shape = new Random(seed * 7_000_003L + template);
      int atoms = 1 + shape.nextInt(3);
      long[] shapes = new long[atoms];
      for (int i = 0; i < atoms; i++) {
        shapes[i] = shape.nextLong();
      }
      int[] joins = {shape.nextInt(4), shape.nextInt(4)};
      Random values = new Random(seed * 9_000_011L + template * 1_000L + execution);
      Expr e = null;
      for (int i = 0; i < atoms; i++) {
        Expr a = parameterAtom(new Random(shapes[i]), values);
        e = e == null ? a : switch (joins[i - 1 < 0 ? 0 : i - 1]) {
          case 0 -> new Or(e, a);
          case 1 -> new And(e, new Not(a));
          default -> new And(e, a);
        };
      }
      return new Query(e, seed, index, template);
    }

    Expr predicate(Random r, int depth) {
      return switch (r.nextInt(depth > 1 ? 3 : 6)) {
        case 3 -> new And(predicate(r, depth + 1), predicate(r, depth + 1));
        case 4 -> new Or(predicate(r, depth + 1), predicate(r, depth + 1));
        case 5 -> new Not(predicate(r, depth + 1));
        default -> atom(r);
      };
    }

    Expr atom(Random r) {
      if (!table.extraAtoms.isEmpty() && r.nextInt(5) == 0) {
        return new Atom(table.extraAtoms.get(r.nextInt(table.extraAtoms.size())).apply(r));
      }
      Column c = column(r);
      if (r.nextInt(12) == 0) {
        return new Atom(quote(c.name()) + (r.nextBoolean() ? " IS NULL" : " IS NOT NULL"));
      }
      if (c.values().isEmpty()) {
        return new Atom(quote(c.name()) + " IS NULL");
      }
      if (c.isText()) {
        return text(r, c);
      }
      if (c.isNumber()) {
        return number(r, c);
      }
      return switch (c.type()) {
        case Types.BOOLEAN -> bool(r, c);
        case Types.TIMESTAMP -> temporal(r, c, true);
        case Types.DATE -> temporal(r, c, false);
        default -> new Atom(quote(c.name()) + " IS NOT NULL");
      };
    }

    /**
     * A column: by kind first (text 4, date-times and dates 3, numbers 2, booleans 1, of the kinds
     * the table has), then uniformly; date-times weigh more than their number because their
     * precision is where APIs and SQL part.
     */
    private Column column(Random r) {
      int[] weights = {4, 3, 2, 1};
      int total = 0;
      for (int i = 0; i < kinds.size(); i++) {
        total += kinds.get(i).isEmpty() ? 0 : weights[i];
      }
      if (total == 0) {
        return columns.get(r.nextInt(columns.size()));
      }
      int pick = r.nextInt(total);
      for (int i = 0; i < kinds.size(); i++) {
        if (kinds.get(i).isEmpty()) {
          continue;
        }
        pick -= weights[i];
        if (pick < 0) {
          return kinds.get(i).get(r.nextInt(kinds.get(i).size()));
        }
      }
      throw new AssertionError();
    }

    // ---- text ----

    private String textValue(Random r, Column c) {
      if (r.nextInt(8) == 0) {
        return EXOTIC_TEXT.get(r.nextInt(EXOTIC_TEXT.size()));
      }
      String v = (String) c.values().get(r.nextInt(c.values().size()));
      return switch (r.nextInt(10)) {
        case 0 -> v.toUpperCase(Locale.ROOT);
        case 1 -> v.toLowerCase(Locale.ROOT);
        case 2 -> swapFirstLetterCase(v);
        case 3 -> v + " ";
        case 4 -> v.strip();
        default -> v;
      };
    }

    private Expr text(Random r, Column c) {
      String n = quote(c.name());
      return switch (r.nextInt(11)) {
        case 0, 1 -> new Atom(n + " = " + literal(textValue(r, c)));
        case 2 -> new Atom(n + " <> " + literal(textValue(r, c)));
        case 3 -> new Atom(n + " IN (" + textList(r, c) + ")");
        case 4 -> new Atom(n + " NOT IN (" + textList(r, c) + ")");
        case 5, 6 -> new Atom(n + " LIKE " + pattern(r, c));
        case 7 -> new Atom(n + " NOT LIKE " + pattern(r, c));
        case 8 -> new Atom(n + pick(r, " < ", " <= ", " > ", " >= ") + literal(textValue(r, c)));
        case 9 -> {
          String a = textValue(r, c);
          String b = textValue(r, c);
          yield new Atom(n + " BETWEEN " + literal(a.compareTo(b) <= 0 ? a : b) + " AND "
              + literal(a.compareTo(b) <= 0 ? b : a));
        }
        default -> new Atom(n + pick(r, " IN (", " NOT IN (") + literal(textValue(r, c))
            + ", NULL)");
      };
    }

    private String textList(Random r, Column c) {
      int k = 1 + r.nextInt(4);
      List<String> values = new ArrayList<>();
      for (int i = 0; i < k; i++) {
        values.add(literal(textValue(r, c)));
      }
      return String.join(", ", values);
    }

    /** A LIKE pattern cut from a real value (or an exotic one), with ESCAPE where it escapes. */
    private String pattern(Random r, Column c) {
      String v = textValue(r, c);
      int len = v.codePointCount(0, v.length());
      String p;
      switch (r.nextInt(8)) {
        case 0 -> p = escape(prefix(v, 1 + r.nextInt(Math.max(1, Math.min(len, 6))))) + "%";
        case 1 -> p = "%" + escape(middle(r, v)) + "%";
        case 2 -> p = "%" + escape(suffix(v, 1 + r.nextInt(Math.max(1, Math.min(len, 6)))));
        case 3 -> p = underscore(r, v);
        case 4 -> p = escape(v);
        case 5 -> p = pick(r, "%\\%%", "%\\_%", "%_", "_%", "%", "% ", "", "%日本%", "%🚀%",
            "%ω%", "%Ω%", "\\%%", "%\\\\%");
        case 6 -> p = "%" + escape(middle(r, v)).toUpperCase(Locale.ROOT) + "%";
        default -> p = "%" + escape(middle(r, v)).toLowerCase(Locale.ROOT) + "%";
      }
      boolean escapes = p.contains("\\");
      return literal(p) + (escapes || r.nextInt(4) == 0 ? " ESCAPE '\\'" : "");
    }

    private static String escape(String s) {
      return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String prefix(String s, int codePoints) {
      return s.substring(0, s.offsetByCodePoints(0, Math.min(codePoints,
          s.codePointCount(0, s.length()))));
    }

    private static String suffix(String s, int codePoints) {
      int n = s.codePointCount(0, s.length());
      return s.substring(s.offsetByCodePoints(0, n - Math.min(codePoints, n)));
    }

    private static String middle(Random r, String s) {
      int n = s.codePointCount(0, s.length());
      if (n <= 1) {
        return s;
      }
      int from = r.nextInt(n - 1);
      int to = from + 1 + r.nextInt(Math.min(6, n - from));
      return s.substring(s.offsetByCodePoints(0, from), s.offsetByCodePoints(0, to));
    }

    /** The value as a pattern with one character (code point) replaced by {@code _}. */
    private static String underscore(Random r, String s) {
      int n = s.codePointCount(0, s.length());
      if (n == 0) {
        return "_";
      }
      int at = r.nextInt(n);
      int from = s.offsetByCodePoints(0, at);
      int to = s.offsetByCodePoints(from, 1);
      return escape(s.substring(0, from)) + "_" + escape(s.substring(to));
    }

    private static String swapFirstLetterCase(String s) {
      for (int i = 0; i < s.length(); i++) {
        char ch = s.charAt(i);
        if (Character.isLetter(ch) && Character.toUpperCase(ch) != Character.toLowerCase(ch)) {
          char swapped = Character.isUpperCase(ch) ? Character.toLowerCase(ch)
              : Character.toUpperCase(ch);
          return s.substring(0, i) + swapped + s.substring(i + 1);
        }
      }
      return s;
    }

    // ---- numbers ----

    private String numberLiteral(Random r, Column c) {
      Object v = c.values().get(r.nextInt(c.values().size()));
      BigDecimal d = v instanceof Double x ? BigDecimal.valueOf(x) : new BigDecimal(v.toString());
      BigDecimal step = c.isInteger() || r.nextBoolean() ? BigDecimal.ONE : new BigDecimal("0.5");
      d = switch (r.nextInt(6)) {
        case 0 -> d.add(step);
        case 1 -> d.subtract(step);
        default -> d;
      };
      return d.stripTrailingZeros().toPlainString();
    }

    private Expr number(Random r, Column c) {
      String n = quote(c.name());
      return switch (r.nextInt(9)) {
        case 0, 1 -> new Atom(n + " = " + numberLiteral(r, c));
        case 2 -> new Atom(n + " <> " + numberLiteral(r, c));
        case 3 -> new Atom(n + pick(r, " < ", " <= ", " > ", " >= ") + numberLiteral(r, c));
        case 4 -> {
          BigDecimal a = new BigDecimal(numberLiteral(r, c));
          BigDecimal b = new BigDecimal(numberLiteral(r, c));
          yield new Atom(n + (r.nextInt(4) == 0 ? " NOT BETWEEN " : " BETWEEN ")
              + a.min(b).toPlainString() + " AND " + a.max(b).toPlainString());
        }
        case 5 -> new Atom(n + " IN (" + numberLiteral(r, c) + ", " + numberLiteral(r, c)
            + (r.nextBoolean() ? ", " + numberLiteral(r, c) : "") + ")");
        case 6 -> new Atom(n + " NOT IN (" + numberLiteral(r, c) + ", " + numberLiteral(r, c)
            + ")");
        case 7 -> new Atom(n + " = '" + numberLiteral(r, c) + "'");
        default -> new Atom("(" + n + " = " + numberLiteral(r, c) + " OR " + n + " = "
            + numberLiteral(r, c) + ")");
      };
    }

    // ---- booleans ----

    private Expr bool(Random r, Column c) {
      String n = quote(c.name());
      return new Atom(switch (r.nextInt(9)) {
        case 0 -> n + " = TRUE";
        case 1 -> n + " = FALSE";
        case 2 -> n + " <> TRUE";
        case 3 -> n + " IS TRUE";
        case 4 -> n + " IS NOT TRUE";
        case 5 -> n + " IS FALSE";
        case 6 -> n + " IS NOT FALSE";
        case 7 -> "NOT " + n;
        default -> n;
      });
    }

    // ---- times and dates ----

    private String temporalLiteral(Random r, Column c, boolean timestamp) {
      List<String> extra = table.extraLiterals.getOrDefault(c.name(), List.of());
      if (!extra.isEmpty() && r.nextInt(4) == 0) {
        return extra.get(r.nextInt(extra.size()));
      }
      Object v = c.values().get(r.nextInt(c.values().size()));
      if (!timestamp) {
        LocalDate d = ((Date) v).toLocalDate();
        d = switch (r.nextInt(5)) {
          case 0 -> d.plusDays(1);
          case 1 -> d.minusDays(1);
          default -> d;
        };
        return "DATE '" + d + "'";
      }
      LocalDateTime t = ((Timestamp) v).toLocalDateTime();
      t = switch (r.nextInt(10)) {
        case 0 -> t.plus(1, ChronoUnit.MILLIS);
        case 1 -> t.minus(1, ChronoUnit.MILLIS);
        case 2 -> t.plusSeconds(1);
        case 3 -> t.minusSeconds(1);
        case 4 -> t.truncatedTo(ChronoUnit.SECONDS);
        case 5 -> t.truncatedTo(ChronoUnit.DAYS);
        default -> t;
      };
      return timestampLiteral(t, r.nextBoolean());
    }

    private Expr temporal(Random r, Column c, boolean timestamp) {
      String n = quote(c.name());
      return switch (r.nextInt(10)) {
        case 0, 1 -> new Atom(n + " = " + temporalLiteral(r, c, timestamp));
        case 2 -> new Atom(n + " <> " + temporalLiteral(r, c, timestamp));
        case 3, 4, 5 -> new Atom(n + pick(r, " < ", " <= ", " > ", " >= ")
            + temporalLiteral(r, c, timestamp));
        case 6 -> {
          String a = temporalLiteral(r, c, timestamp);
          String b = temporalLiteral(r, c, timestamp);
          boolean ordered = a.compareTo(b) <= 0;
          yield new Atom(n + (r.nextInt(4) == 0 ? " NOT BETWEEN " : " BETWEEN ")
              + (ordered ? a : b) + " AND " + (ordered ? b : a));
        }
        case 7 -> new Atom(n + " IN (" + temporalLiteral(r, c, timestamp) + ", "
            + temporalLiteral(r, c, timestamp) + ")");
        case 8 -> new Atom(n + pick(r, " >= ", " < ") + (timestamp
            ? "DATE '" + ((Timestamp) c.values().get(r.nextInt(c.values().size())))
                .toLocalDateTime().toLocalDate() + "'"
            : timestampLiteral(((Date) c.values().get(r.nextInt(c.values().size())))
                .toLocalDate().atTime(r.nextInt(24), 0), false)));
        default -> new Atom("CAST(" + n + " AS DATE) = DATE '" + (timestamp
            ? ((Timestamp) c.values().get(r.nextInt(c.values().size()))).toLocalDateTime()
                .toLocalDate()
            : ((Date) c.values().get(r.nextInt(c.values().size()))).toLocalDate()) + "'");
      };
    }

    // ---- prepared statements ----

    /** An atom with {@code ?}: its shape from {@code shape}, its values from {@code values}. */
    Expr parameterAtom(Random shape, Random values) {
      Column c = column(shape);
      String n = quote(c.name());
      int op = shape.nextInt(6);
      if (c.values().isEmpty()) {
        return new Atom(n + " IS NULL");
      }
      if (c.isText()) {
        return switch (op) {
          case 0 -> new Atom(n + " LIKE ?", List.of(text(parameterPattern(values, c))));
          case 1 -> new Atom(n + " <> ?", List.of(text(textValue(values, c))));
          case 2 -> new Atom(n + " IN (?, ?)",
              List.of(text(textValue(values, c)), text(textValue(values, c))));
          default -> new Atom(n + " = ?", List.of(text(textValue(values, c))));
        };
      }
      if (c.type() == Types.BOOLEAN) {
        return new Atom(n + (op < 3 ? " = ?" : " <> ?"),
            List.of(new Param(Types.BOOLEAN, values.nextBoolean())));
      }
      String cmp = switch (op) {
        case 0 -> " < ?";
        case 1 -> " <= ?";
        case 2 -> " > ?";
        case 3 -> " >= ?";
        case 4 -> " <> ?";
        default -> " = ?";
      };
      if (shape.nextInt(4) == 0) {
        return new Atom(n + " BETWEEN ? AND ?", sorted(List.of(value(values, c), value(values, c))));
      }
      return new Atom(n + cmp, List.of(value(values, c)));
    }

    private static Param text(String s) {
      return new Param(Types.VARCHAR, s);
    }

    /** A LIKE pattern for a {@code ?}: no escapes, as a parameter's LIKE has no ESCAPE. */
    private String parameterPattern(Random r, Column c) {
      String v = textValue(r, c);
      return switch (r.nextInt(3)) {
        case 0 -> prefix(v, 1 + r.nextInt(3)).replace("%", "").replace("_", "") + "%";
        case 1 -> "%" + middle(r, v).replace("%", "").replace("_", "") + "%";
        default -> underscore(r, v).replace("\\", "");
      };
    }

    private Param value(Random r, Column c) {
      Object v = c.values().get(r.nextInt(c.values().size()));
      int shift = r.nextInt(6) == 0 ? 1 : r.nextInt(6) == 0 ? -1 : 0;
      return switch (c.type()) {
        case Types.INTEGER, Types.SMALLINT, Types.TINYINT ->
            r.nextInt(4) == 0 ? new Param(Types.BIGINT, ((Number) v).longValue() + shift)
                : new Param(Types.INTEGER, ((Number) v).intValue() + shift);
        case Types.BIGINT -> new Param(Types.BIGINT, ((Number) v).longValue() + shift);
        case Types.TIMESTAMP -> {
          LocalDateTime t = ((Timestamp) v).toLocalDateTime().plus(shift, ChronoUnit.MILLIS);
          yield new Param(Types.TIMESTAMP, Timestamp.valueOf(t));
        }
        case Types.DATE -> new Param(Types.DATE,
            Date.valueOf(((Date) v).toLocalDate().plusDays(shift)));
        default -> new Param(Types.DOUBLE, ((Number) v).doubleValue() + shift * 0.5);
      };
    }

    private static List<Param> sorted(List<Param> two) {
      Object a = two.get(0).value();
      Object b = two.get(1).value();
      int c = a instanceof Number x && b instanceof Number y
          ? Double.compare(x.doubleValue(), y.doubleValue()) : compareValues(a, b);
      return c <= 0 ? two : List.of(two.get(1), two.get(0));
    }
  }

  /**
   * A column name as a quoted identifier (names such as {@code Uuid} are reserved words in
   * Calcite); {@link #postgresSql} lower-cases quoted identifiers for the copies.
   */
  static String quote(String column) {
    return "\"" + column + "\"";
  }

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** {@code TIMESTAMP '…'} to the millisecond, or to the second when it has no fraction. */
  static String timestampLiteral(LocalDateTime t, boolean alwaysMillis) {
    String s = t.format(SECONDS);
    int millis = t.getNano() / 1_000_000;
    if (millis != 0 || alwaysMillis) {
      s += String.format(Locale.ROOT, ".%03d", millis);
    }
    return "TIMESTAMP '" + s + "'";
  }

  // ---- running ----

  /** How a query failed. */
  public enum Failure {
    /** Pushdown on and off returned different rows (or only one of them failed). */
    ON_OFF,
    /** Calcite (pushdown off) and Postgres over the copy returned different rows. */
    POSTGRES,
    /** Pushdown made more than one request more than the naive scan. */
    REQUESTS,
    /** The query failed with and without pushdown (and Postgres answered it). */
    ERROR
  }

  /** A failing query, as generated and reduced to its smallest failing part. */
  public record Mismatch(Failure failure, String table, Query query, Expr reduced,
      String detail) {
    @Override
    public String toString() {
      return failure + " on " + table + " (seed " + query.seed() + ", query " + query.index()
          + (query.prepared() ? ", prepared template " + query.template() : "") + ")\n"
          + "  generated: WHERE " + query.where().sql()
          + (query.where().params().isEmpty() ? "" : "  with " + query.where().params()) + "\n"
          + "  smallest:  WHERE " + reduced.sql()
          + (reduced.params().isEmpty() ? "" : "  with " + reduced.params()) + "\n"
          + "  " + detail.replace("\n", "\n  ");
    }
  }

  /** What a run saw. */
  public static final class Report {
    public final String table;
    public int queries;
    public int prepared;
    public int nonEmpty;
    public int fewerRequests;
    public int comparedWithPostgres;
    /** Queries every side refused (the generator's mistakes, not the adapter's). */
    public int refusedEverywhere;
    /** Queries whose answer with pushdown differs from the answer without (either may fail). */
    public int differFromNaive;
    /** Queries whose answer with pushdown differs from Postgres's (either may fail). */
    public int differFromPostgres;
    /** Queries whose answer without pushdown differs from Postgres's: Calcite against Postgres. */
    public int naiveDiffersFromPostgres;
    /** Queries that made more than one request more with pushdown than without. */
    public int overRequestBound;
    public long pushedRequests;
    public long naiveRequests;
    public final Map<Failure, Integer> failures = new LinkedHashMap<>();
    public final List<Mismatch> mismatches = new ArrayList<>();
    public long millis;
    long pushedNanos;
    long naiveNanos;
    long postgresNanos;
    long reduceNanos;
    /** Failures not described: a part already reduced from another failure is in them. */
    public int seenBefore;

    Report(String table) {
      this.table = table;
      for (Failure f : Failure.values()) {
        failures.put(f, 0);
      }
    }

    public int failures(Failure f) {
      return failures.get(f);
    }

    public int totalFailures() {
      return failures.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** One line: counts of queries and of each kind of failure. */
    public String summary() {
      return String.format(Locale.ROOT, "%s: %d queries (%d prepared executions), %d with rows,"
              + " %d with fewer requests than the naive scan, %d compared with Postgres,"
              + " %d refused everywhere; failures: %s; requests %d pushed vs %d naive;"
              + " %.1f s (pushed %.1f, naive %.1f, Postgres %.1f, reducing %.1f)",
          table, queries, prepared, nonEmpty, fewerRequests, comparedWithPostgres,
          refusedEverywhere, failures, pushedRequests, naiveRequests, millis / 1000.0,
          pushedNanos / 1e9, naiveNanos / 1e9, postgresNanos / 1e9, reduceNanos / 1e9);
    }

    /** The summary and every reduced mismatch. */
    public String describe() {
      StringBuilder b = new StringBuilder(summary());
      for (Mismatch m : mismatches) {
        b.append("\n\n").append(m);
      }
      return b.toString();
    }
  }

  /** The result of one side: rows (normalised, sorted) or an error; requests it made. */
  record Answer(List<String> rows, String error, List<RecordedRequest> requests) {
    boolean failed() {
      return error != null;
    }

    String brief() {
      return failed() ? "error: " + error : rows.size() + " rows";
    }
  }

  /** How many mismatches of a run are reduced and described (the rest are counted). */
  static final int MAX_DESCRIBED = 12;

  /** Queries whose naive side is evaluated in one scan. */
  static final int BATCH = 24;

  /**
   * Generates {@code queries} queries and {@code preparedExecutions} executions of prepared
   * statements (three per template) over the table, runs each with and without pushdown and in
   * Postgres, and reports every failure.
   */
  public static Report run(Table t, int queries, int preparedExecutions, long seed)
      throws SQLException {
    long started = System.nanoTime();
    sample(t);
    Report report = new Report(t.label());
    Generator g = new Generator(t);
    List<Query> all = new ArrayList<>();
    for (int i = 0; i < queries; i++) {
      all.add(g.query(seed, i));
    }
    for (int i = 0; i < preparedExecutions; i++) {
      all.add(g.prepared(seed, queries + i, i / 3, i % 3));
    }
    if (all.isEmpty()) {
      return report;
    }
    // Warm-up: tokens, describes and code generation are not the query's requests.
    answer(t, t.pushed, all.get(0), null);
    Map<Integer, PreparedStatement> templates = new LinkedHashMap<>();
    try {
      for (int from = 0; from < all.size(); from += BATCH) {
        List<Query> batch = all.subList(from, Math.min(all.size(), from + BATCH));
        List<Answer> pushed = new ArrayList<>();
        for (Query q : batch) {
          PreparedStatement ps = null;
          if (q.prepared()) {
            ps = templates.get(q.template());
            if (ps == null) {
              ps = t.calcite.prepareStatement(select(t, t.pushed) + " WHERE " + q.where().sql());
              templates.put(q.template(), ps);
            }
          }
          long t0 = System.nanoTime();
          pushed.add(answer(t, t.pushed, q, ps));
          report.pushedNanos += System.nanoTime() - t0;
        }
        long t0 = System.nanoTime();
        // Plain queries share one naive scan; shaped ones run on their own.
        List<Query> plain = batch.stream().filter(q -> q.shape() == null).toList();
        List<Answer> plainAnswers = plain.isEmpty() ? List.of() : naiveBatch(t, plain);
        List<Answer> naive = new ArrayList<>();
        int nextPlain = 0;
        for (Query q : batch) {
          naive.add(q.shape() == null ? plainAnswers.get(nextPlain++)
              : answer(t, t.naive, q, null));
        }
        report.naiveNanos += System.nanoTime() - t0;
        for (int i = 0; i < batch.size(); i++) {
          check(t, report, batch.get(i), pushed.get(i), naive.get(i));
        }
      }
    } finally {
      for (PreparedStatement ps : templates.values()) {
        ps.close();
      }
    }
    report.millis = (System.nanoTime() - started) / 1_000_000;
    System.out.println(report.summary());
    return report;
  }

  /**
   * Runs {@code queries} generated queries and {@code preparedExecutions} prepared executions
   * over the tables: two thirds on the first (a source's main table), the rest shared by the
   * others; each table with its own seed, {@code seed + its position}.
   */
  public static List<Report> run(List<Table> tables, int queries, int preparedExecutions,
      long seed) throws SQLException {
    List<Report> reports = new ArrayList<>();
    int others = tables.size() - 1;
    for (int i = 0; i < tables.size(); i++) {
      int q = others == 0 ? queries
          : i == 0 ? queries - others * (queries / 3 / others) : queries / 3 / others;
      int p = others == 0 ? preparedExecutions
          : i == 0 ? preparedExecutions - others * (preparedExecutions / 3 / others)
          : preparedExecutions / 3 / others;
      reports.add(run(tables.get(i), q, p, seed + i));
    }
    return reports;
  }

  /** The reports' summaries and mismatches, for an assertion message or a log. */
  public static String describe(List<Report> reports) {
    StringBuilder b = new StringBuilder();
    for (Report r : reports) {
      b.append(b.length() == 0 ? "" : "\n\n").append(r.describe());
    }
    return b.toString();
  }

  /** Reads the table's columns and every value of the naive scan; counts its requests. */
  static void sample(Table t) throws SQLException {
    List<String> names = new ArrayList<>();
    List<Integer> types = new ArrayList<>();
    DatabaseMetaData md = t.calcite.getMetaData();
    try (ResultSet rs = md.getColumns(null, t.naive, t.name, null)) {
      while (rs.next()) {
        String name = rs.getString("COLUMN_NAME");
        if (!t.skipped.contains(name)) {
          names.add(name);
          types.add(rs.getInt("DATA_TYPE"));
        }
      }
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException("no columns for " + t.naive + "." + t.name);
    }
    t.select = String.join(", ", names.stream().map(Differential::quote).toList());
    List<Set<Object>> values = new ArrayList<>();
    boolean[] nulls = new boolean[names.size()];
    for (int i = 0; i < names.size(); i++) {
      values.add(new TreeSet<>(Differential::compareValues));
    }
    t.sandbox.clearRequests();
    try (PreparedStatement ps = t.calcite.prepareStatement(select(t, t.naive));
         ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        for (int i = 0; i < names.size(); i++) {
          Object v = rs.getObject(i + 1);
          if (v == null) {
            nulls[i] = true;
          } else {
            values.get(i).add(v);
          }
        }
      }
    }
    t.naiveRequests = t.sandbox.requests().size();
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      columns.add(new Column(names.get(i), types.get(i), List.copyOf(values.get(i)), nulls[i]));
    }
    t.columns = columns;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareValues(Object a, Object b) {
    return ((Comparable) a).compareTo(b);
  }

  private static String select(Table t, String schema) {
    return "SELECT " + t.select + " FROM " + from(t, schema);
  }

  /** The table in a schema; quoted, as names such as {@code Groups} are reserved words. */
  private static String from(Table t, String schema) {
    return schema + "." + quote(t.name);
  }

  /** Runs the query on a schema (with {@code ps} already prepared, for a template). */
  static Answer answer(Table t, String schema, Query q, PreparedStatement prepared) {
    t.sandbox.clearRequests();
    try {
      List<String> rows;
      if (prepared != null) {
        bind(prepared, q.where().params(), false);
        try (ResultSet rs = prepared.executeQuery()) {
          rows = normalise(rs, -1);
        }
      } else {
        try (PreparedStatement ps = t.calcite.prepareStatement(sql(t, schema, q))) {
          bind(ps, q.where().params(), false);
          try (ResultSet rs = ps.executeQuery()) {
            rows = normalise(rs, -1, q.shape() != null && q.shape().ordered());
          }
        }
      }
      return new Answer(rows, null, t.sandbox.requests());
    } catch (SQLException | RuntimeException e) {
      return new Answer(null, firstLine(e), t.sandbox.requests());
    }
  }

  /**
   * The naive side of a batch in one scan: {@code SELECT <columns>, (p1), … FROM <naive>}.
   * Queries Calcite refuses to prepare are answered on their own (a refusal costs no request);
   * if the scan fails, each half of the batch is tried again.
   */
  static List<Answer> naiveBatch(Table t, List<Query> batch) {
    StringBuilder sql = new StringBuilder("SELECT ").append(t.select);
    List<Param> params = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      sql.append(", (").append(batch.get(i).where().sql()).append(") AS f").append(i);
      params.addAll(batch.get(i).where().params());
    }
    sql.append(" FROM ").append(from(t, t.naive));
    PreparedStatement ps;
    try {
      ps = t.calcite.prepareStatement(sql.toString());
    } catch (SQLException | RuntimeException e) {
      if (batch.size() == 1) {
        return List.of(answer(t, t.naive, batch.get(0), null));
      }
      List<Query> valid = new ArrayList<>();
      Map<Integer, Answer> refused = new LinkedHashMap<>();
      for (int i = 0; i < batch.size(); i++) {
        Query q = batch.get(i);
        try (PreparedStatement alone = t.calcite.prepareStatement(
            select(t, t.naive) + " WHERE " + q.where().sql())) {
          valid.add(q);
        } catch (SQLException | RuntimeException refusal) {
          refused.put(i, new Answer(null, firstLine(refusal), List.of()));
        }
      }
      List<Answer> validAnswers = valid.isEmpty() ? List.of()
          : valid.size() == batch.size() ? halves(t, batch) : naiveBatch(t, valid);
      List<Answer> out = new ArrayList<>();
      int next = 0;
      for (int i = 0; i < batch.size(); i++) {
        out.add(refused.containsKey(i) ? refused.get(i) : validAnswers.get(next++));
      }
      return out;
    }
    t.sandbox.clearRequests();
    int width = t.columns().size();
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      rows.add(new ArrayList<>());
    }
    try (ps) {
      bind(ps, params, false);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String row = null;
          for (int i = 0; i < batch.size(); i++) {
            if (Boolean.TRUE.equals(rs.getObject(width + 1 + i))) {
              if (row == null) {
                row = row(rs, width);
              }
              rows.get(i).add(row);
            }
          }
        }
      }
    } catch (SQLException | RuntimeException e) {
      return batch.size() == 1 ? List.of(answer(t, t.naive, batch.get(0), null))
          : halves(t, batch);
    }
    List<RecordedRequest> requests = t.sandbox.requests();
    // A whole scan, after the warm-up: the naive side's requests, without tokens or describes.
    t.naiveRequests = requests.size();
    List<Answer> out = new ArrayList<>();
    for (List<String> r : rows) {
      Collections.sort(r);
      out.add(new Answer(r, null, requests));
    }
    return out;
  }

  private static List<Answer> halves(Table t, List<Query> batch) {
    int half = batch.size() / 2;
    List<Answer> out = new ArrayList<>(naiveBatch(t, batch.subList(0, half)));
    out.addAll(naiveBatch(t, batch.subList(half, batch.size())));
    return out;
  }

  /** A query's SQL over a schema's table. */
  static String sql(Table t, String schema, Query q) {
    Shape s = q.shape();
    return "SELECT " + (s == null ? t.select : s.select()) + " FROM " + from(t, schema)
        + " WHERE " + q.where().sql() + (s == null ? "" : s.tail());
  }

  /** The query in Postgres, over the copy. */
  static Answer postgres(Table t, Query q) {
    Shape s = q.shape();
    String sql = postgresSql("SELECT " + (s == null ? t.select : s.select())) + " FROM "
        + t.postgresTable + " WHERE " + postgresSql(q.where().sql())
        + (s == null ? "" : postgresSql(s.tail()));
    try (PreparedStatement ps = t.postgres.prepareStatement(sql)) {
      bind(ps, q.where().params(), true);
      try (ResultSet rs = ps.executeQuery()) {
        return new Answer(normalise(rs, -1, s != null && s.ordered()), null, List.of());
      }
    } catch (SQLException | RuntimeException e) {
      return new Answer(null, firstLine(e), List.of());
    }
  }

  private static void check(Table t, Report report, Query q, Answer pushed, Answer naive) {
    report.queries++;
    if (q.prepared()) {
      report.prepared++;
    }
    report.pushedRequests += pushed.requests().size();
    report.naiveRequests += t.naiveRequests;
    if (!pushed.failed() && !pushed.rows().isEmpty()) {
      report.nonEmpty++;
    }
    if (pushed.requests().size() < t.naiveRequests) {
      report.fewerRequests++;
    }
    Answer pg = null;
    if (t.postgres != null) {
      long t0 = System.nanoTime();
      pg = postgres(t, q);
      report.postgresNanos += System.nanoTime() - t0;
      report.comparedWithPostgres++;
    }
    if (pushed.failed() && naive.failed() && pg != null && pg.failed()) {
      report.refusedEverywhere++;
    }
    if (!same(pushed, naive)) {
      report.differFromNaive++;
    }
    if (pg != null && !same(pushed, pg)) {
      report.differFromPostgres++;
    }
    if (pg != null && !same(naive, pg)) {
      report.naiveDiffersFromPostgres++;
    }
    if (pushed.requests().size() > t.naiveRequests + 1) {
      report.overRequestBound++;
    }
    Failure f = classify(t, pushed, naive, pg);
    if (f != null) {
      report.failures.merge(f, 1, Integer::sum);
      String sql = q.where().sql();
      boolean seen = report.mismatches.stream().anyMatch(
          m -> m.failure() == f && sql.contains(m.reduced().sql()));
      if (seen) {
        report.seenBefore++;
      } else if (report.mismatches.size() < MAX_DESCRIBED) {
        long t0 = System.nanoTime();
        report.mismatches.add(reduce(t, q, f));
        report.reduceNanos += System.nanoTime() - t0;
      }
    }
  }

  private static Failure classify(Table t, Answer pushed, Answer naive, Answer pg) {
    if (!same(pushed, naive)) {
      return Failure.ON_OFF;
    }
    if (pushed.failed() && (pg == null || !pg.failed())) {
      return Failure.ERROR;
    }
    if (pg != null && !same(naive, pg)) {
      return Failure.POSTGRES;
    }
    if (pushed.requests().size() > t.naiveRequests + 1) {
      return Failure.REQUESTS;
    }
    return null;
  }

  private static boolean same(Answer a, Answer b) {
    if (a.failed() || b.failed()) {
      return a.failed() && b.failed();
    }
    return a.rows().equals(b.rows());
  }

  /** The smallest part of the query that fails the same way (each checked on its own). */
  static Mismatch reduce(Table t, Query q, Failure f) {
    Expr smallest = q.where();
    String detail = null;
    for (Expr part : q.where().parts()) {
      Query sub = new Query(part, q.seed(), q.index(), -1, q.shape());
      Answer pushed = answer(t, t.pushed, sub, null);
      Answer naive = answer(t, t.naive, sub, null);
      Answer pg = t.postgres == null ? null : postgres(t, sub);
      if (classify(t, pushed, naive, pg) == f) {
        smallest = part;
        detail = detail(t, pushed, naive, pg);
        break;
      }
    }
    if (detail == null) {
      Query whole = new Query(q.where(), q.seed(), q.index(), -1, q.shape());
      Answer pushed = answer(t, t.pushed, whole, null);
      Answer naive = answer(t, t.naive, whole, null);
      detail = "(fails only as part of the whole run) "
          + detail(t, pushed, naive, t.postgres == null ? null : postgres(t, whole));
    }
    return new Mismatch(f, t.label(), q, smallest, detail);
  }

  private static String detail(Table t, Answer pushed, Answer naive, Answer pg) {
    StringBuilder b = new StringBuilder();
    b.append("pushdown on: ").append(pushed.brief()).append(", ")
        .append(pushed.requests().size()).append(" requests; off: ").append(naive.brief())
        .append(", ").append(t.naiveRequests).append(" requests");
    if (pg != null) {
      b.append("; Postgres: ").append(pg.brief());
    }
    Answer reference = pg != null && !pg.failed() ? pg : naive;
    if (!pushed.failed() && !reference.failed()) {
      appendDifference(b, "pushdown on", pushed.rows(), reference == pg ? "Postgres" : "off",
          reference.rows());
    }
    if (pg != null && !naive.failed() && !pg.failed() && !naive.rows().equals(pg.rows())) {
      appendDifference(b, "off", naive.rows(), "Postgres", pg.rows());
    }
    List<RecordedRequest> requests = pushed.requests();
    for (int i = 0; i < Math.min(4, requests.size()); i++) {
      b.append("\nrequest: ").append(requests.get(i).describe());
    }
    if (requests.size() > 4) {
      b.append("\n… ").append(requests.size() - 4).append(" more requests");
    }
    return b.toString();
  }

  private static void appendDifference(StringBuilder b, String leftName, List<String> left,
      String rightName, List<String> right) {
    List<String> onlyLeft = new ArrayList<>(left);
    onlyLeft.removeAll(right);
    List<String> onlyRight = new ArrayList<>(right);
    onlyRight.removeAll(left);
    for (int i = 0; i < Math.min(3, onlyLeft.size()); i++) {
      b.append("\nonly ").append(leftName).append(": ").append(abbreviate(onlyLeft.get(i)));
    }
    for (int i = 0; i < Math.min(3, onlyRight.size()); i++) {
      b.append("\nonly ").append(rightName).append(": ").append(abbreviate(onlyRight.get(i)));
    }
  }

  private static String abbreviate(String row) {
    return row.length() > 300 ? row.substring(0, 300) + "…" : row;
  }

  private static void bind(PreparedStatement ps, List<Param> params, boolean postgres)
      throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      params.get(i).bind(ps, i + 1, postgres);
    }
  }

  /** The root cause's message (the statement's text is in the report already), on one line. */
  private static String firstLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage() == null ? root.getClass().getSimpleName()
        : root.getClass().getSimpleName() + ": " + root.getMessage();
    // The request is listed apart: the API's own message is what matters here.
    m = m.replace('\n', ' ').replaceAll("https?://\\S+", "<url>");
    // Long messages quote the request; the API's reason is at the end.
    return m.length() > 360 ? m.substring(0, 120) + " … " + m.substring(m.length() - 240) : m;
  }

  /** Every row as one normalised string (first {@code width} columns, or all), sorted. */
  static List<String> normalise(ResultSet rs, int width) throws SQLException {
    return normalise(rs, width, false);
  }

  /** The rows as text; sorted, unless their order is part of the answer. */
  static List<String> normalise(ResultSet rs, int width, boolean keepOrder) throws SQLException {
    int n = width < 0 ? rs.getMetaData().getColumnCount() : width;
    List<String> rows = new ArrayList<>();
    while (rs.next()) {
      rows.add(row(rs, n));
    }
    if (!keepOrder) {
      Collections.sort(rows);
    }
    return rows;
  }

  private static String row(ResultSet rs, int width) throws SQLException {
    StringBuilder b = new StringBuilder();
    for (int i = 1; i <= width; i++) {
      b.append(i == 1 ? "" : " | ").append(value(rs.getObject(i)));
    }
    return b.toString();
  }

  /** A value as text that compares across drivers: numbers by value, times as wall clock. */
  static String value(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof String s) {
      return "'" + s + "'";
    }
    if (v instanceof Number) {
      return new BigDecimal(v.toString()).stripTrailingZeros().toPlainString();
    }
    if (v instanceof Timestamp ts) {
      return ts.toLocalDateTime().toString();
    }
    return v.toString();
  }

  private static final Pattern LIKE = Pattern.compile(
      "(?i)\\bLIKE\\s+('(?:[^']|'')*'|\\?)(\\s+ESCAPE\\b)?");
  private static final Pattern TIMESTAMP_FRACTION = Pattern.compile(
      "(?i)(TIMESTAMP\\s+'\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3})\\d+'");

  /**
   * Where the string literal that opens at {@code start} (a {@code '}) ends: just past its closing
   * quote ({@code ''} inside it is a quote), or the end of {@code sql} when it is not closed.
   */
  static int endOfLiteral(String sql, int start) {
    int end = start + 1;
    while (end < sql.length()) {
      if (sql.charAt(end) == '\'') {
        if (end + 1 < sql.length() && sql.charAt(end + 1) == '\'') {
          end += 2;
          continue;
        }
        return end + 1;
      }
      end++;
    }
    return sql.length();
  }

  /**
   * A predicate in Postgres's dialect, with Calcite's meaning: quoted identifiers in lower case
   * (the copies' columns), a LIKE without ESCAPE gets {@code ESCAPE ''} (Calcite has no default
   * escape, Postgres has the backslash), and a timestamp literal keeps milliseconds, as Calcite
   * does.
   */
  static String postgresSql(String sql) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\'') {
        int end = endOfLiteral(sql, i);
        out.append(sql, i, end);
        i = end;
        continue;
      }
      if (c == '"') {
        int end = sql.indexOf('"', i + 1);
        out.append(sql.substring(i, end + 1).toLowerCase(Locale.ROOT));
        i = end + 1;
        continue;
      }
      Matcher like = LIKE.matcher(sql).region(i, sql.length());
      if (like.lookingAt() && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)))) {
        out.append(sql, i, like.end(1));
        if (like.group(2) == null) {
          out.append(" ESCAPE ''");
        }
        i = like.end(1);
        continue;
      }
      Matcher ts = TIMESTAMP_FRACTION.matcher(sql).region(i, sql.length());
      if (ts.lookingAt()) {
        out.append(ts.group(1)).append('\'');
        i = ts.end();
        continue;
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }
}
