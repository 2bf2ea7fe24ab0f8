package io.saasql.sandbox.salesforce;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * A parsed SOQL query: {@code SELECT fields | COUNT() FROM object [WHERE condition] [ORDER BY
 * …] [LIMIT n] [OFFSET n]}, not yet checked against the org's schema.
 */
record SoqlQuery(
    boolean count,
    List<FieldRef> fields,
    String object,
    int objectPosition,
    Condition where,
    List<Order> orderBy,
    Integer limit,
    Integer offset,
    int offsetPosition) {

  /** A field name or relationship path ({@code Account.Name}) as written, with its position. */
  record FieldRef(String path, int position) {
    List<String> segments() {
      return List.of(path.split("\\."));
    }
  }

  /** One {@code ORDER BY} item. */
  record Order(FieldRef field, boolean descending, boolean nullsFirst) {}

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

  /** A WHERE condition. */
  sealed interface Condition permits And, Or, Not, Comparison, In, Like, Includes {}

  record And(List<Condition> operands) implements Condition {}

  record Or(List<Condition> operands) implements Condition {}

  record Not(Condition operand) implements Condition {}

  /** {@code field op literal}. */
  record Comparison(FieldRef field, Operator operator, Literal value) implements Condition {}

  /** {@code field [NOT] IN (literal, …)}. */
  record In(FieldRef field, boolean negated, List<Literal> values) implements Condition {}

  /** {@code field LIKE 'pattern'}. */
  record Like(FieldRef field, Literal pattern) implements Condition {}

  /** {@code field INCLUDES ('a;b', 'c')} or {@code EXCLUDES (…)}. */
  record Includes(FieldRef field, boolean excludes, List<Literal> values) implements Condition {}
}
