package io.saasql.sandbox.bitbucket;

import java.util.List;
import java.util.stream.Collectors;

/** A parsed BBQL query: comparisons joined by {@code AND} and {@code OR}. */
sealed interface BbqlExpression {

  /** A comparison operator. */
  enum Operator {
    EQUALS("="),
    NOT_EQUALS("!="),
    CONTAINS("~"),
    NOT_CONTAINS("!~"),
    GREATER(">"),
    GREATER_OR_EQUAL(">="),
    LESS("<"),
    LESS_OR_EQUAL("<=");

    final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    static Operator of(String symbol) {
      for (Operator op : values()) {
        if (op.symbol.equals(symbol)) {
          return op;
        }
      }
      throw new IllegalArgumentException("no operator " + symbol);
    }

    /** {@code !=} and {@code !~}: true when no value of the field matches {@link #positive()}. */
    boolean isNegated() {
      return this == NOT_EQUALS || this == NOT_CONTAINS;
    }

    /** The operator a negated one negates; the operator itself otherwise. */
    Operator positive() {
      return switch (this) {
        case NOT_EQUALS -> EQUALS;
        case NOT_CONTAINS -> CONTAINS;
        default -> this;
      };
    }

    boolean isOrdering() {
      return this == GREATER || this == GREATER_OR_EQUAL || this == LESS || this == LESS_OR_EQUAL;
    }
  }

  /** Any of the terms holds. */
  record Or(List<BbqlExpression> terms) implements BbqlExpression {
    @Override
    public String toString() {
      return terms.stream().map(Object::toString).collect(Collectors.joining(" OR ", "(", ")"));
    }
  }

  /** Every factor holds. */
  record And(List<BbqlExpression> factors) implements BbqlExpression {
    @Override
    public String toString() {
      return factors.stream().map(Object::toString).collect(Collectors.joining(" AND ", "(", ")"));
    }
  }

  /**
   * {@code path op value}.
   *
   * @param value the decoded literal: a {@link String}, {@link java.math.BigDecimal}, {@link
   *     java.time.Instant}, {@link Boolean}, or null for {@code null}
   * @param valueKind the literal's token kind (STRING, NUMBER, DATETIME, NULL, TRUE or FALSE)
   */
  record Comparison(
      String path,
      int position,
      Operator operator,
      Object value,
      BbqlTokenizer.Kind valueKind,
      String valueText)
      implements BbqlExpression {
    @Override
    public String toString() {
      return path + " " + operator.symbol + " " + valueText;
    }
  }
}
