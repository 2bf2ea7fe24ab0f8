package io.saasql.sandbox.salesforce;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * A parsed SOQL query, not yet checked against the org's schema: {@code SELECT items | COUNT()
 * FROM object [WHERE condition] [GROUP BY fields] [HAVING condition] [ORDER BY …] [LIMIT n]
 * [OFFSET n]}. {@code count} is {@code SELECT COUNT()}, whose answer is only {@code totalSize}.
 *
 * @param limitPosition where {@code LIMIT} stands in the text, or -1
 * @param havingPosition where {@code HAVING} stands in the text, or -1
 */
record SoqlQuery(
    boolean count,
    List<SelectItem> select,
    String object,
    int objectPosition,
    Condition where,
    List<FieldRef> groupBy,
    Condition having,
    int havingPosition,
    List<Order> orderBy,
    Integer limit,
    int limitPosition,
    Integer offset,
    int offsetPosition) {

  /**
   * Whether this is an aggregate query, answered with {@code AggregateResult} records: it groups,
   * or calls an aggregate function other than a lone {@code COUNT()} anywhere.
   */
  boolean aggregate() {
    return !groupBy.isEmpty()
        || having != null
        || select.stream().anyMatch(i -> i.expr() instanceof Aggregate)
        || orderBy.stream().anyMatch(o -> o.expr() instanceof Aggregate);
  }

  /** A value a query names: a field, or an aggregate function of one. */
  sealed interface Expr permits FieldRef, Aggregate {
    /** Where the expression starts in the query text. */
    int position();

    /** The expression as written, for messages. */
    String text();
  }

  /** A field name or relationship path ({@code Account.Name}) as written, with its position. */
  record FieldRef(String path, int position) implements Expr {
    List<String> segments() {
      return List.of(path.split("\\."));
    }

    @Override
    public String text() {
      return path;
    }
  }

  /** The aggregate functions of SOQL. */
  enum Function {
    COUNT,
    COUNT_DISTINCT,
    SUM,
    AVG,
    MIN,
    MAX
  }

  /**
   * An aggregate function of a field, {@code name} as written ({@code SELECT COUNT()} is not one:
   * see {@link SoqlQuery#count}).
   */
  record Aggregate(Function function, String name, FieldRef field, int position) implements Expr {
    @Override
    public String text() {
      return name + "(" + field.path() + ")";
    }
  }

  /** One item of the SELECT list, with its alias ({@code COUNT(Id) cnt}) or null. */
  record SelectItem(Expr expr, String alias, int aliasPosition) {}

  /** One {@code ORDER BY} item: a field, or in an aggregate query an aggregate function. */
  record Order(Expr expr, boolean descending, boolean nullsFirst) {}

  /** The kinds of literal SOQL writes in a WHERE clause. */
  enum LiteralKind {
    STRING,
    NUMBER,
    BOOLEAN,
    NULL,
    DATE,
    DATETIME,
    TIME
  }

  /**
   * A literal. {@code value} is the decoded String (escapes resolved, {@code \%} and {@code \_}
   * as plain characters), BigDecimal, Boolean, LocalDate, Instant or LocalTime; null for NULL.
   * {@code raw} is the text between the quotes of a string, escapes intact, for LIKE.
   */
  record Literal(LiteralKind kind, Object value, String raw, int position) {
    String text() {
      return (String) value;
    }

    BigDecimal number() {
      return (BigDecimal) value;
    }

    LocalDate date() {
      return (LocalDate) value;
    }

    Instant dateTime() {
      return (Instant) value;
    }

    LocalTime time() {
      return (LocalTime) value;
    }
  }

  /** The comparison operators. */
  enum Operator {
    EQ("="),
    NE("!="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">=");

    final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }
  }

  /**
   * A WHERE or HAVING condition. The operand of a predicate ({@code field}) is a field; in HAVING
   * it may also be an aggregate function.
   */
  sealed interface Condition permits And, Or, Not, Comparison, In, Like, Includes {}

  record And(List<Condition> operands) implements Condition {}

  record Or(List<Condition> operands) implements Condition {}

  record Not(Condition operand) implements Condition {}

  /** {@code field op literal}. */
  record Comparison(Expr field, Operator operator, Literal value) implements Condition {}

  /** {@code field [NOT] IN (literal, …)}. */
  record In(Expr field, boolean negated, List<Literal> values) implements Condition {}

  /** {@code field LIKE 'pattern'}. */
  record Like(Expr field, Literal pattern) implements Condition {}

  /** {@code field INCLUDES ('a;b', 'c')} or {@code EXCLUDES (…)}. */
  record Includes(Expr field, boolean excludes, List<Literal> values) implements Condition {}
}
