package io.saasql.sandbox.salesforce;

import io.saasql.sandbox.salesforce.SoqlLexer.Kind;
import io.saasql.sandbox.salesforce.SoqlLexer.Token;
import io.saasql.sandbox.salesforce.SoqlQuery.Aggregate;
import io.saasql.sandbox.salesforce.SoqlQuery.Condition;
import io.saasql.sandbox.salesforce.SoqlQuery.Expr;
import io.saasql.sandbox.salesforce.SoqlQuery.FieldRef;
import io.saasql.sandbox.salesforce.SoqlQuery.Function;
import io.saasql.sandbox.salesforce.SoqlQuery.Literal;
import io.saasql.sandbox.salesforce.SoqlQuery.LiteralKind;
import io.saasql.sandbox.salesforce.SoqlQuery.Operator;
import io.saasql.sandbox.salesforce.SoqlQuery.SelectItem;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A recursive-descent parser for the SOQL subset the sandbox serves:
 *
 * <pre>
 * query     := SELECT (COUNT '(' ')' | item (',' item)*) FROM name
 *              [WHERE condition] [GROUP BY path (',' path)*] [HAVING condition]
 *              [ORDER BY order (',' order)*] [LIMIT int] [OFFSET int]
 * item      := (path | aggregate) [alias]                -- aliases only in aggregate queries
 * aggregate := (COUNT | COUNT_DISTINCT | SUM | AVG | MIN | MAX) '(' path ')'
 * alias     := name
 * condition := unary ((AND unary)* | (OR unary)*)       -- AND and OR never mixed unparenthesised
 * unary     := NOT unary | '(' condition ')' | predicate
 * predicate := operand op literal | operand [NOT] IN '(' literals ')' | operand LIKE string
 *            | operand (INCLUDES | EXCLUDES) '(' strings ')'
 * operand   := path | aggregate                          -- aggregates only in HAVING
 * order     := (path | aggregate) [ASC | DESC] [NULLS (FIRST | LAST)]
 * </pre>
 *
 * <p>An aggregate query is one with GROUP BY, HAVING or an aggregate function; {@code SELECT
 * COUNT()} alone is not one (its answer is {@code totalSize}). The parser refuses what needs no
 * schema to refuse: {@code COUNT()} with GROUP BY, HAVING or ORDER BY, HAVING without GROUP BY,
 * LIMIT or OFFSET on aggregates without GROUP BY, and aliases outside aggregate queries; {@link
 * SoqlExecutor} checks the rest against the org's fields.
 *
 * <p>Anything else is a {@code MALFORMED_QUERY}: Salesforce's own wording for syntax errors, or
 * "… is not supported by the sandbox" for valid SOQL the sandbox does not implement.
 */
final class SoqlParser {
  /** Longest WHERE clause Salesforce accepts, in characters. */
  static final int MAX_WHERE_LENGTH = 4000;
  /** Longest query Salesforce accepts, in characters. */
  static final int MAX_QUERY_LENGTH = 100_000;

  private static final Set<String> CLAUSE_KEYWORDS =
      Set.of("WHERE", "ORDER", "LIMIT", "OFFSET", "GROUP", "HAVING", "WITH", "FOR", "USING",
          "UPDATE");
  private static final Set<String> UNSUPPORTED_CLAUSES = Set.of("WITH", "FOR", "USING", "UPDATE");
  private static final Set<String> DATE_LITERAL_WORDS =
      Set.of("TODAY", "YESTERDAY", "TOMORROW", "LAST_WEEK", "THIS_WEEK", "NEXT_WEEK",
          "LAST_MONTH", "THIS_MONTH", "NEXT_MONTH", "LAST_90_DAYS", "NEXT_90_DAYS",
          "THIS_QUARTER", "LAST_QUARTER", "NEXT_QUARTER", "THIS_YEAR", "LAST_YEAR", "NEXT_YEAR",
          "THIS_FISCAL_QUARTER", "LAST_FISCAL_QUARTER", "NEXT_FISCAL_QUARTER", "THIS_FISCAL_YEAR",
          "LAST_FISCAL_YEAR", "NEXT_FISCAL_YEAR", "LAST_N_DAYS", "NEXT_N_DAYS", "N_DAYS_AGO",
          "LAST_N_WEEKS", "NEXT_N_WEEKS", "LAST_N_MONTHS", "NEXT_N_MONTHS", "LAST_N_YEARS",
          "NEXT_N_YEARS");
  private static final DateTimeFormatter OFFSET_DATE_TIME =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd'T'HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          .appendPattern("[XXX][XX]")
          .toFormatter();

  private final String soql;
  private final List<Token> tokens;
  private int index;

  private SoqlParser(String soql) {
    this.soql = soql;
    this.tokens = SoqlLexer.tokenize(soql);
  }

  /** Parses a query; throws {@link SoqlException} on anything it does not accept. */
  static SoqlQuery parse(String soql) {
    if (soql == null || soql.isBlank()) {
      throw SoqlException.malformed("unexpected token: <EOF>", -1);
    }
    if (soql.length() > MAX_QUERY_LENGTH) {
      throw SoqlException.malformed(
          "Query string is too long: the maximum is " + MAX_QUERY_LENGTH + " characters", -1);
    }
    SoqlParser parser = new SoqlParser(soql);
    SoqlQuery query = parser.query();
    parser.checkShape(query);
    return query;
  }

  private SoqlQuery query() {
    expectKeyword("SELECT");
    boolean count = false;
    List<SelectItem> select = new ArrayList<>();
    if (peek().isKeyword("COUNT") && peek(1).kind() == Kind.LPAREN
        && peek(2).kind() == Kind.RPAREN) {
      index += 3;
      count = true;
      if (peek().kind() == Kind.COMMA) {
        throw unexpected(peek());
      }
    } else {
      select.add(selectItem());
      while (peek().kind() == Kind.COMMA) {
        next();
        select.add(selectItem());
      }
    }
    expectKeyword("FROM");
    Token object = next();
    if (object.kind() != Kind.IDENT || isReserved(object) || object.text().contains(".")) {
      throw unexpected(object);
    }
    Token afterObject = peek();
    if (afterObject.kind() == Kind.IDENT
        && !CLAUSE_KEYWORDS.contains(SoqlLexer.upper(afterObject.text()))) {
      throw SoqlException.unsupported("An alias for the object", afterObject.position());
    }
    if (afterObject.kind() == Kind.COMMA) {
      throw SoqlException.unsupported("Querying more than one object", afterObject.position());
    }
    Condition where = null;
    if (peek().isKeyword("WHERE")) {
      Token whereToken = next();
      int start = peek().position();
      where = condition(false);
      int end = peek().kind() == Kind.EOF ? soql.length() : peek().position();
      if (soql.substring(start, end).strip().length() > MAX_WHERE_LENGTH) {
        throw SoqlException.malformed(
            "The WHERE clause is longer than the maximum of " + MAX_WHERE_LENGTH + " characters",
            whereToken.position());
      }
    }
    rejectUnsupportedClause();
    List<FieldRef> groupBy = new ArrayList<>();
    if (peek().isKeyword("GROUP")) {
      next();
      expectKeyword("BY");
      if ((peek().isKeyword("ROLLUP") || peek().isKeyword("CUBE"))
          && peek(1).kind() == Kind.LPAREN) {
        throw SoqlException.unsupported(
            "GROUP BY " + SoqlLexer.upper(peek().text()), peek().position());
      }
      groupBy.add(groupItem());
      while (peek().kind() == Kind.COMMA) {
        next();
        groupBy.add(groupItem());
      }
    }
    Condition having = null;
    int havingPosition = -1;
    if (peek().isKeyword("HAVING")) {
      havingPosition = next().position();
      having = condition(true);
    }
    rejectUnsupportedClause();
    List<SoqlQuery.Order> orderBy = new ArrayList<>();
    if (peek().isKeyword("ORDER")) {
      next();
      expectKeyword("BY");
      orderBy.add(orderItem());
      while (peek().kind() == Kind.COMMA) {
        next();
        orderBy.add(orderItem());
      }
    }
    rejectUnsupportedClause();
    Integer limit = null;
    int limitPosition = -1;
    if (peek().isKeyword("LIMIT")) {
      limitPosition = next().position();
      limit = nonNegativeInteger();
    }
    Integer offset = null;
    int offsetPosition = -1;
    if (peek().isKeyword("OFFSET")) {
      Token offsetToken = next();
      offsetPosition = offsetToken.position();
      offset = nonNegativeInteger();
    }
    rejectUnsupportedClause();
    if (peek().kind() != Kind.EOF) {
      throw unexpected(peek());
    }
    return new SoqlQuery(count, List.copyOf(select), object.text(), object.position(), where,
        List.copyOf(groupBy), having, havingPosition, List.copyOf(orderBy), limit, limitPosition,
        offset, offsetPosition);
  }

  /**
   * The rules that need no schema. Salesforce documents them ("COUNT() … You can't use COUNT()
   * with an ORDER BY clause", "… with a GROUP BY clause", "You must use a GROUP BY clause if your
   * query has a LIMIT clause and an aggregated function", HAVING "with a GROUP BY clause"); its
   * wording is kept where it is known, the rest is the sandbox's.
   */
  private void checkShape(SoqlQuery q) {
    if (q.count()) {
      if (!q.groupBy().isEmpty() || q.having() != null) {
        throw SoqlException.malformed(
            "COUNT() can not be used with GROUP BY or HAVING: use COUNT(fieldName) instead",
            q.groupBy().isEmpty() ? q.havingPosition() : q.groupBy().get(0).position());
      }
      if (!q.orderBy().isEmpty()) {
        throw SoqlException.malformed(
            "COUNT() can not be used with ORDER BY: use COUNT(fieldName) instead",
            q.orderBy().get(0).expr().position());
      }
      return;
    }
    if (q.having() != null && q.groupBy().isEmpty()) {
      throw SoqlException.malformed("HAVING can only be used with GROUP BY", q.havingPosition());
    }
    boolean aggregate = q.aggregate();
    if (aggregate && q.groupBy().isEmpty()) {
      if (q.limit() != null) {
        throw SoqlException.malformed(
            "Non-grouped query that uses overall aggregate functions cannot also use LIMIT",
            q.limitPosition());
      }
      if (q.offset() != null) {
        throw SoqlException.malformed(
            "Non-grouped query that uses overall aggregate functions cannot also use OFFSET",
            q.offsetPosition());
      }
    }
    if (!aggregate) {
      for (SelectItem item : q.select()) {
        if (item.alias() != null) {
          throw SoqlException.malformed(
              "only aggregate expressions use field aliasing", item.aliasPosition());
        }
      }
    }
  }

  private SelectItem selectItem() {
    Token t = peek();
    if (t.kind() == Kind.LPAREN) {
      throw SoqlException.unsupported("A relationship sub-query in SELECT", t.position());
    }
    if (t.isKeyword("TYPEOF")) {
      throw SoqlException.unsupported("TYPEOF", t.position());
    }
    Expr expr = t.kind() == Kind.IDENT && peek(1).kind() == Kind.LPAREN
        ? function("SELECT")
        : path();
    Token alias = peek();
    if (alias.kind() == Kind.IDENT && !alias.isKeyword("FROM") && !isReserved(alias)
        && !alias.text().contains(".")) {
      next();
      return new SelectItem(expr, alias.text(), alias.position());
    }
    return new SelectItem(expr, null, -1);
  }

  /**
   * An aggregate function call; any other function is valid SOQL the sandbox does not serve.
   * {@code COUNT()} without a field is only a query of its own ({@code SELECT COUNT() FROM …}).
   */
  private Aggregate function(String clause) {
    Token name = next();
    String upper = SoqlLexer.upper(name.text());
    Function function;
    try {
      function = Function.valueOf(upper);
    } catch (IllegalArgumentException e) {
      throw SoqlException.unsupported(
          "The function " + upper + "() in " + clause, name.position());
    }
    expect(Kind.LPAREN);
    Token argument = peek();
    if (argument.kind() == Kind.IDENT && peek(1).kind() == Kind.LPAREN) {
      throw SoqlException.unsupported(
          "The function " + SoqlLexer.upper(argument.text()) + "() inside " + upper + "()",
          argument.position());
    }
    FieldRef field = path();
    expect(Kind.RPAREN);
    return new Aggregate(function, name.text(), field, name.position());
  }

  private FieldRef groupItem() {
    Token t = peek();
    if (t.kind() == Kind.IDENT && peek(1).kind() == Kind.LPAREN) {
      throw SoqlException.unsupported(
          "The function " + SoqlLexer.upper(t.text()) + "() in GROUP BY", t.position());
    }
    return path();
  }

  private FieldRef path() {
    Token t = next();
    if (t.kind() != Kind.IDENT || isReserved(t)) {
      throw unexpected(t);
    }
    return new FieldRef(t.text(), t.position());
  }

  private void rejectUnsupportedClause() {
    Token t = peek();
    if (t.kind() == Kind.IDENT && UNSUPPORTED_CLAUSES.contains(SoqlLexer.upper(t.text()))) {
      String name = SoqlLexer.upper(t.text());
      if (name.equals("USING") || name.equals("FOR")) {
        name += " " + SoqlLexer.upper(peek(1).text());
      }
      throw SoqlException.unsupported("The " + name.strip() + " clause", t.position());
    }
  }

  private SoqlQuery.Order orderItem() {
    Token t = peek();
    Expr expr = t.kind() == Kind.IDENT && peek(1).kind() == Kind.LPAREN
        ? function("ORDER BY")
        : path();
    boolean descending = false;
    if (peek().isKeyword("ASC")) {
      next();
    } else if (peek().isKeyword("DESC")) {
      next();
      descending = true;
    }
    boolean nullsFirst = true;
    if (peek().isKeyword("NULLS")) {
      next();
      Token which = next();
      if (which.isKeyword("FIRST")) {
        nullsFirst = true;
      } else if (which.isKeyword("LAST")) {
        nullsFirst = false;
      } else {
        throw unexpected(which);
      }
    }
    return new SoqlQuery.Order(expr, descending, nullsFirst);
  }

  private int nonNegativeInteger() {
    Token t = next();
    if (t.kind() != Kind.NUMBER || !t.text().matches("\\d+")) {
      throw unexpected(t);
    }
    try {
      return Integer.parseInt(t.text());
    } catch (NumberFormatException e) {
      throw new SoqlException(SoqlException.NUMBER_OUTSIDE_VALID_RANGE,
          "The number " + t.text() + " is too large", t.position());
    }
  }

  // ---- WHERE and HAVING ----

  /** A condition; {@code having} lets its predicates test aggregate functions. */
  private Condition condition(boolean having) {
    Condition first = unary(having);
    List<Condition> operands = new ArrayList<>();
    operands.add(first);
    String connective = null;
    while (peek().isKeyword("AND") || peek().isKeyword("OR")) {
      Token t = next();
      String word = SoqlLexer.upper(t.text());
      if (connective == null) {
        connective = word;
      } else if (!connective.equals(word)) {
        // SOQL needs parentheses to mix AND and OR.
        throw unexpected(t);
      }
      operands.add(unary(having));
    }
    if (connective == null) {
      return first;
    }
    return connective.equals("AND")
        ? new SoqlQuery.And(List.copyOf(operands))
        : new SoqlQuery.Or(List.copyOf(operands));
  }

  private Condition unary(boolean having) {
    Token t = peek();
    if (t.isKeyword("NOT")) {
      next();
      return new SoqlQuery.Not(unary(having));
    }
    if (t.kind() == Kind.LPAREN) {
      next();
      Condition inner = condition(having);
      expect(Kind.RPAREN);
      return inner;
    }
    return predicate(having);
  }

  private Condition predicate(boolean having) {
    Token fieldToken = peek();
    Expr field;
    if (fieldToken.kind() == Kind.IDENT && peek(1).kind() == Kind.LPAREN) {
      String name = SoqlLexer.upper(fieldToken.text());
      if (!having && isAggregateFunction(name)) {
        // The sandbox's wording: Salesforce's for this case is not documented.
        throw SoqlException.malformed(
            "Aggregate functions are not allowed in WHERE: filter groups with HAVING",
            fieldToken.position());
      }
      field = function(having ? "HAVING" : "WHERE");
    } else {
      field = path();
    }
    Token op = next();
    if (op.kind() == Kind.OPERATOR) {
      Operator operator =
          switch (op.text()) {
            case "=" -> Operator.EQ;
            case "!=", "<>" -> Operator.NE;
            case "<" -> Operator.LT;
            case "<=" -> Operator.LE;
            case ">" -> Operator.GT;
            case ">=" -> Operator.GE;
            default -> throw unexpected(op);
          };
      return new SoqlQuery.Comparison(field, operator, literal());
    }
    if (op.isKeyword("LIKE")) {
      return new SoqlQuery.Like(field, literal());
    }
    if (op.isKeyword("IN")) {
      return new SoqlQuery.In(field, false, literalList());
    }
    if (op.isKeyword("NOT")) {
      Token in = next();
      if (!in.isKeyword("IN")) {
        throw unexpected(in);
      }
      return new SoqlQuery.In(field, true, literalList());
    }
    if (op.isKeyword("INCLUDES") || op.isKeyword("EXCLUDES")) {
      return new SoqlQuery.Includes(field, op.isKeyword("EXCLUDES"), literalList());
    }
    throw unexpected(op);
  }

  private List<Literal> literalList() {
    expect(Kind.LPAREN);
    if (peek().isKeyword("SELECT")) {
      throw SoqlException.unsupported("A semi-join or anti-join sub-query", peek().position());
    }
    List<Literal> values = new ArrayList<>();
    values.add(literal());
    while (peek().kind() == Kind.COMMA) {
      next();
      values.add(literal());
    }
    expect(Kind.RPAREN);
    return List.copyOf(values);
  }

  private Literal literal() {
    Token t = next();
    int p = t.position();
    try {
      return switch (t.kind()) {
        case STRING -> new Literal(LiteralKind.STRING, SoqlLexer.decode(t.text()), t.text(), p);
        case NUMBER -> new Literal(LiteralKind.NUMBER, new BigDecimal(t.text()), null, p);
        case DATE -> new Literal(LiteralKind.DATE, LocalDate.parse(t.text()), null, p);
        case DATETIME -> new Literal(LiteralKind.DATETIME, parseDateTime(t.text()), null, p);
        case TIME -> new Literal(LiteralKind.TIME,
            LocalTime.parse(t.text().substring(0, t.text().length() - 1)), null, p);
        case IDENT -> keywordLiteral(t);
        case OTHER -> {
          if (t.text().equals(":")) {
            throw SoqlException.unsupported("A bind variable", p);
          }
          throw unexpected(t);
        }
        default -> throw unexpected(t);
      };
    } catch (DateTimeParseException | NumberFormatException e) {
      throw SoqlException.malformed("value " + t.text() + " is not a valid literal", p);
    }
  }

  private Literal keywordLiteral(Token t) {
    String word = SoqlLexer.upper(t.text());
    switch (word) {
      case "TRUE":
        return new Literal(LiteralKind.BOOLEAN, Boolean.TRUE, null, t.position());
      case "FALSE":
        return new Literal(LiteralKind.BOOLEAN, Boolean.FALSE, null, t.position());
      case "NULL":
        return new Literal(LiteralKind.NULL, null, null, t.position());
      default:
        if (DATE_LITERAL_WORDS.contains(word)) {
          throw SoqlException.unsupported("The date literal " + word, t.position());
        }
        throw unexpected(t);
    }
  }

  static Instant parseDateTime(String text) {
    return OffsetDateTime.parse(text, OFFSET_DATE_TIME).toInstant();
  }

  // ---- tokens ----

  private Token peek() {
    return peek(0);
  }

  private Token peek(int ahead) {
    return tokens.get(Math.min(index + ahead, tokens.size() - 1));
  }

  private Token next() {
    Token t = peek();
    if (index < tokens.size() - 1) {
      index++;
    }
    return t;
  }

  private void expect(Kind kind) {
    Token t = next();
    if (t.kind() != kind) {
      throw unexpected(t);
    }
  }

  private void expectKeyword(String keyword) {
    Token t = next();
    if (!t.isKeyword(keyword)) {
      throw unexpected(t);
    }
  }

  private static boolean isAggregateFunction(String upperName) {
    for (Function f : Function.values()) {
      if (f.name().equals(upperName)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isReserved(Token t) {
    return Set.of("SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "LIKE", "INCLUDES",
            "EXCLUDES", "NULL", "TRUE", "FALSE", "ORDER", "LIMIT", "OFFSET", "ASC", "DESC",
            "NULLS", "GROUP", "HAVING", "WITH")
        .contains(SoqlLexer.upper(t.text()));
  }

  private static SoqlException unexpected(Token t) {
    return SoqlException.malformed("unexpected token: " + t.display(), t.position());
  }
}
