package io.saasql.sandbox.bitbucket;

import io.saasql.sandbox.bitbucket.BbqlTokenizer.Kind;
import io.saasql.sandbox.bitbucket.BbqlTokenizer.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser of BBQL, the {@code q} parameter of Bitbucket's list endpoints:
 *
 * <pre>
 * expr       := term (OR term)*
 * term       := factor (AND factor)*
 * factor     := '(' expr ')' | comparison
 * comparison := path operator value
 * </pre>
 *
 * {@code AND} binds tighter than {@code OR}. Syntax errors throw a {@link BbqlException} whose
 * message names the 0-based position.
 */
final class BbqlParser {
  private final List<Token> tokens;
  private int index;

  private BbqlParser(List<Token> tokens) {
    this.tokens = tokens;
  }

  /** Parses a whole query. */
  static BbqlExpression parse(String query) {
    BbqlParser parser = new BbqlParser(BbqlTokenizer.tokenize(query));
    if (parser.peek().kind() == Kind.END) {
      throw error("Expected a field name but found end of query", parser.peek());
    }
    BbqlExpression expression = parser.expression();
    Token rest = parser.peek();
    if (rest.kind() != Kind.END) {
      throw error("Expected AND, OR or end of query but found " + rest.describe(), rest);
    }
    return expression;
  }

  private BbqlExpression expression() {
    List<BbqlExpression> terms = new ArrayList<>();
    terms.add(term());
    while (peek().kind() == Kind.OR) {
      index++;
      terms.add(term());
    }
    return terms.size() == 1 ? terms.get(0) : new BbqlExpression.Or(List.copyOf(terms));
  }

  private BbqlExpression term() {
    List<BbqlExpression> factors = new ArrayList<>();
    factors.add(factor());
    while (peek().kind() == Kind.AND) {
      index++;
      factors.add(factor());
    }
    return factors.size() == 1 ? factors.get(0) : new BbqlExpression.And(List.copyOf(factors));
  }

  private BbqlExpression factor() {
    Token token = peek();
    if (token.kind() == Kind.LEFT_PAREN) {
      index++;
      BbqlExpression inner = expression();
      Token close = peek();
      if (close.kind() != Kind.RIGHT_PAREN) {
        throw error("Expected ')' but found " + close.describe(), close);
      }
      index++;
      return inner;
    }
    return comparison();
  }

  private BbqlExpression comparison() {
    Token path = take();
    if (path.kind() != Kind.PATH) {
      throw error("Expected a field name but found " + path.describe(), path);
    }
    Token operator = take();
    if (operator.kind() != Kind.OPERATOR) {
      throw error("Expected an operator but found " + operator.describe(), operator);
    }
    Token value = take();
    if (!value.kind().isValue()) {
      throw error("Expected a value but found " + value.describe(), value);
    }
    return new BbqlExpression.Comparison(
        path.text(),
        path.position(),
        BbqlExpression.Operator.of(operator.text()),
        value.value(),
        value.kind(),
        value.text());
  }

  private Token peek() {
    return tokens.get(index);
  }

  private Token take() {
    Token token = tokens.get(index);
    if (token.kind() != Kind.END) {
      index++;
    }
    return token;
  }

  private static BbqlException error(String what, Token at) {
    return new BbqlException("Invalid query: " + what + " at position " + at.position());
  }
}
