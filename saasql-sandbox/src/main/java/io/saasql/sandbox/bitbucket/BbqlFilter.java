package io.saasql.sandbox.bitbucket;

import com.fasterxml.jackson.databind.JsonNode;
import io.saasql.sandbox.bitbucket.BbqlExpression.Operator;
import io.saasql.sandbox.bitbucket.BbqlTokenizer.Kind;
import io.saasql.sandbox.bitbucket.FieldCatalog.Field;
import io.saasql.sandbox.bitbucket.FieldCatalog.Type;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * A BBQL query bound to the fields of one object type, as a predicate over the JSON objects the
 * API returns. Binding checks each comparison against the {@link FieldCatalog}: an unknown or
 * non-filterable path, a value of the wrong type or an operator the type has no meaning for
 * throws a {@link BbqlException}.
 *
 * <p>Semantics, following Bitbucket's ORM-backed filtering: {@code field = null} holds when the
 * field is null or absent, {@code field != null} when it is not. {@code =}, {@code ~}, {@code >},
 * {@code >=}, {@code <}, {@code <=} hold when some value of the field satisfies them (a null field
 * satisfies none); {@code !=} and {@code !~} are their exact negations, so they do hold for a null
 * field. {@code =} on strings is exact and case-sensitive, {@code ~} is a case-insensitive
 * substring test, and ordering compares strings by UTF-16 code units, numbers by value and
 * date-times as instants.
 */
final class BbqlFilter {
  private BbqlFilter() {}

  /** Parses and binds a query; a blank query matches everything. */
  static Predicate<JsonNode> compile(String query, FieldCatalog catalog) {
    if (query == null || query.isBlank()) {
      return n -> true;
    }
    return bind(BbqlParser.parse(query), catalog);
  }

  static Predicate<JsonNode> bind(BbqlExpression expression, FieldCatalog catalog) {
    if (expression instanceof BbqlExpression.Or or) {
      List<Predicate<JsonNode>> terms = or.terms().stream().map(t -> bind(t, catalog)).toList();
      return n -> terms.stream().anyMatch(t -> t.test(n));
    }
    if (expression instanceof BbqlExpression.And and) {
      List<Predicate<JsonNode>> factors =
          and.factors().stream().map(f -> bind(f, catalog)).toList();
      return n -> factors.stream().allMatch(f -> f.test(n));
    }
    return comparison((BbqlExpression.Comparison) expression, catalog);
  }

  /** Whether the expression compares {@code path} anywhere. */
  static boolean mentions(BbqlExpression expression, String path) {
    if (expression instanceof BbqlExpression.Or or) {
      return or.terms().stream().anyMatch(t -> mentions(t, path));
    }
    if (expression instanceof BbqlExpression.And and) {
      return and.factors().stream().anyMatch(f -> mentions(f, path));
    }
    return ((BbqlExpression.Comparison) expression).path().equals(path);
  }

  private static Predicate<JsonNode> comparison(BbqlExpression.Comparison c, FieldCatalog catalog) {
    Field field =
        catalog
            .field(c.path())
            .orElseThrow(
                () -> new BbqlException("Field \"" + c.path() + "\" does not support filtering"));
    Operator op = c.operator();
    if (c.valueKind() == Kind.NULL) {
      if (op != Operator.EQUALS && op != Operator.NOT_EQUALS) {
        throw invalid(c, "null can only be compared with = or !=");
      }
      boolean wantNull = op == Operator.EQUALS;
      return n -> FieldCatalog.values(n, field.path()).isEmpty() == wantNull;
    }
    checkValue(c, field);
    Operator positive = op.positive();
    Object expected = c.value();
    Predicate<JsonNode> any =
        n -> {
          for (JsonNode value : FieldCatalog.values(n, field.path())) {
            Comparable<?> actual = FieldCatalog.typed(field.type(), value);
            if (actual != null && holds(positive, actual, expected)) {
              return true;
            }
          }
          return false;
        };
    return op.isNegated() ? any.negate() : any;
  }

  private static void checkValue(BbqlExpression.Comparison c, Field field) {
    Type type = field.type();
    Kind kind = c.valueKind();
    boolean fits =
        switch (type) {
          case STRING -> kind == Kind.STRING;
          case NUMBER -> kind == Kind.NUMBER;
          case DATETIME -> kind == Kind.DATETIME;
          case BOOLEAN -> kind == Kind.TRUE || kind == Kind.FALSE;
          case OBJECT -> false;
        };
    if (!fits) {
      throw invalid(
          c,
          "field \"" + c.path() + "\" expects " + type.expected + " but found " + c.valueText());
    }
    Operator op = c.operator().positive();
    if (op == Operator.CONTAINS && type != Type.STRING) {
      throw invalid(c, "operator " + c.operator().symbol + " is not supported by field \""
          + c.path() + "\"");
    }
    if (c.operator().isOrdering() && type == Type.BOOLEAN) {
      throw invalid(c, "operator " + c.operator().symbol + " is not supported by field \""
          + c.path() + "\"");
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static boolean holds(Operator op, Comparable actual, Object expected) {
    if (op == Operator.CONTAINS) {
      return ((String) actual)
          .toLowerCase(Locale.ROOT)
          .contains(((String) expected).toLowerCase(Locale.ROOT));
    }
    int cmp = actual.compareTo(expected);
    return switch (op) {
      case EQUALS -> cmp == 0;
      case GREATER -> cmp > 0;
      case GREATER_OR_EQUAL -> cmp >= 0;
      case LESS -> cmp < 0;
      case LESS_OR_EQUAL -> cmp <= 0;
      default -> throw new IllegalArgumentException(op.name());
    };
  }

  private static BbqlException invalid(BbqlExpression.Comparison c, String what) {
    return new BbqlException("Invalid query: " + what + " at position " + c.position());
  }
}
