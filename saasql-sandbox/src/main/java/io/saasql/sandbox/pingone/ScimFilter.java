package io.saasql.sandbox.pingone;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A SCIM filter expression (RFC 7644 §3.4.2.2) as PingOne's {@code filter} parameter takes it:
 * {@code attr op value}, {@code and} / {@code or} (keywords case-insensitive, {@code and} binding
 * tighter), parentheses, {@code not(…)}, {@code attr pr} and value paths such as {@code
 * memberOfGroups[id eq "…"]}. Values are JSON literals: double-quoted strings with JSON escapes
 * ({@code \"}, {@code \\}, {@code \/}, {@code \b \f \n \r \t}, {@code \}{@code uXXXX}), {@code
 * true}, {@code false}, {@code null} and numbers.
 *
 * <p>{@link #parse} accepts the whole SCIM grammar, so that an unsupported operator is reported
 * as unsupported and not as a syntax error; {@link #validate} then checks the expression against
 * what one PingOne resource supports; {@link #matches} evaluates it against a resource's JSON.
 * String comparison is case-sensitive, as PingOne documents; {@link #matchesIgnoringCase} is
 * RFC 7644's reading for attributes that are not {@code caseExact}. A value path or dotted path
 * that meets an array matches when any element matches.
 */
final class ScimFilter {

  /** A filter PingOne refuses: the message names the position, attribute or operator. */
  static final class InvalidFilterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidFilterException(String message) {
      super(message, null, false, false);
    }
  }

  /** A node of the parsed expression. */
  sealed interface Node permits And, Or, Not, Comparison, Present, ValuePath, AnyOf {}

  record And(Node left, Node right) implements Node {}

  record Or(Node left, Node right) implements Node {}

  record Not(Node operand, int position) implements Node {}

  /**
   * {@code attribute op value}; {@code operator} is lower case; {@code value} is a String, a
   * Boolean, a {@link java.math.BigDecimal} or {@link #NULL}.
   */
  record Comparison(String attribute, String operator, Object value, int position)
      implements Node {}

  /** {@code attribute pr}. */
  record Present(String attribute, int position) implements Node {}

  /** {@code attribute[filter]}: some element of the multi-valued attribute matches. */
  record ValuePath(String attribute, Node filter, int position) implements Node {}

  /**
   * A validated chain of {@code attribute eq "…"} joined by {@code or}, as the set of its values:
   * one lookup per resource instead of one comparison per value, as an indexed directory answers
   * a long e-mail filter. {@code folded} holds the values in lower case.
   */
  record AnyOf(String attribute, Set<String> values, Set<String> folded) implements Node {}

  /** The literal {@code null}. */
  static final Object NULL =
      new Object() {
        @Override
        public String toString() {
          return "null";
        }
      };

  static final Set<String> OPERATORS =
      Set.of("eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le");

  private static final Pattern ATTRIBUTE_PATH =
      Pattern.compile("[A-Za-z$][A-Za-z0-9_$-]*(\\.[A-Za-z$][A-Za-z0-9_$-]*)*");
  private static final Pattern NUMBER =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  private final String text;
  private final Node root;

  private ScimFilter(String text, Node root) {
    this.text = text;
    this.root = root;
  }

  /** Parses a filter; a syntax error throws {@link InvalidFilterException} naming the position. */
  static ScimFilter parse(String text) {
    return new ScimFilter(text, new Parser(text).parseFilter());
  }

  String text() {
    return text;
  }

  Node root() {
    return root;
  }

  /**
   * Checks every attribute, operator and value against what the resource supports; throws
   * {@link InvalidFilterException} for the first refusal, left to right. Returns this, with
   * attribute names resolved to the schema's spelling.
   */
  ScimFilter validate(FilterSchema schema) {
    return new ScimFilter(text, validate(root, schema, ""));
  }

  /** Whether a resource (as JSON, multi-valued attributes as arrays) satisfies the filter. */
  boolean matches(JsonNode resource) {
    return evaluate(root, resource, false);
  }

  /**
   * The same, with string values compared case-insensitively unless the attribute is an
   * identifier ({@link #CASE_EXACT}), as RFC 7644 §3.4.2.2 does for attributes whose schema says
   * {@code caseExact: false} (SCIM's core user schema says so of {@code userName}, names,
   * e-mails, titles and the like).
   */
  boolean matchesIgnoringCase(JsonNode resource) {
    return evaluate(root, resource, true);
  }

  /** Attributes compared exactly even when other strings ignore case: identifiers. */
  static final Set<String> CASE_EXACT = Set.of("id", "externalId", "population.id", "accountId");

  /** Whether the (validated) filter mentions this top-level attribute, e.g. memberOfGroups. */
  boolean mentions(String attribute) {
    return mentions(root, attribute);
  }

  @Override
  public String toString() {
    return text;
  }

  // ---- validation ----

  private static Node validate(Node node, FilterSchema schema, String prefix) {
    if (node instanceof And and) {
      return new And(validate(and.left(), schema, prefix), validate(and.right(), schema, prefix));
    } else if (node instanceof Or or) {
      return or(validate(or.left(), schema, prefix), validate(or.right(), schema, prefix));
    } else if (node instanceof Not not) {
      throw new InvalidFilterException(
          "Unsupported operator 'not' at position " + not.position() + " in the filter");
    } else if (node instanceof Present present) {
      FilterSchema.Attribute a = attribute(schema, prefix, present.attribute());
      throw new InvalidFilterException(
          "Unsupported operator 'pr' for attribute '" + a.name() + "' in the filter");
    } else if (node instanceof ValuePath path) {
      String name = prefix + path.attribute();
      FilterSchema complex = schema.complex(name);
      if (complex == null) {
        // a known simple attribute used with brackets, or an unknown one
        FilterSchema.Attribute a = schema.attribute(name);
        throw new InvalidFilterException(
            a == null
                ? "Unsupported attribute '" + name + "' in the filter"
                : "Attribute '" + a.name() + "' cannot be used with a [ ] value filter");
      }
      String canonical = schema.complexName(name);
      return new ValuePath(canonical, validate(path.filter(), complex, ""), path.position());
    } else {
      Comparison c = (Comparison) node;
      FilterSchema.Attribute a = attribute(schema, prefix, c.attribute());
      if (!a.operators().contains(c.operator())) {
        throw new InvalidFilterException(
            "Unsupported operator '" + c.operator() + "' for attribute '" + a.name()
                + "' in the filter");
      }
      Object value = c.value();
      if (a.type() == FilterSchema.Type.BOOLEAN) {
        if (value instanceof String s && (s.equals("true") || s.equals("false"))) {
          value = Boolean.valueOf(s);
        } else if (!(value instanceof Boolean)) {
          throw new InvalidFilterException(
              "Attribute '" + a.name() + "' must be compared with true or false, not "
                  + describe(c.value()));
        }
      } else if (!(value instanceof String)) {
        throw new InvalidFilterException(
            "Attribute '" + a.name() + "' must be compared with a quoted string, not "
                + describe(c.value()));
      }
      return new Comparison(a.name(), c.operator(), value, c.position());
    }
  }

  /** {@code left or right}, as one {@link AnyOf} when both test one attribute for equality. */
  private static Node or(Node left, Node right) {
    String attribute = eqAttribute(left);
    if (attribute == null || !attribute.equals(eqAttribute(right))) {
      return new Or(left, right);
    }
    Set<String> values = new LinkedHashSet<>();
    Set<String> folded = new HashSet<>();
    for (Node n : List.of(left, right)) {
      if (n instanceof AnyOf any) {
        values.addAll(any.values());
        folded.addAll(any.folded());
      } else {
        String v = (String) ((Comparison) n).value();
        values.add(v);
        folded.add(v.toLowerCase(Locale.ROOT));
      }
    }
    return new AnyOf(attribute, values, folded);
  }

  /** The attribute a node tests for equality with strings, or null. */
  private static String eqAttribute(Node node) {
    if (node instanceof AnyOf any) {
      return any.attribute();
    }
    return node instanceof Comparison c && c.operator().equals("eq") && c.value() instanceof String
        ? c.attribute() : null;
  }

  private static FilterSchema.Attribute attribute(
      FilterSchema schema, String prefix, String name) {
    FilterSchema.Attribute a = schema.attribute(prefix + name);
    if (a == null) {
      throw new InvalidFilterException(
          "Unsupported attribute '" + prefix + name + "' in the filter");
    }
    return a;
  }

  private static String describe(Object value) {
    return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
  }

  private static boolean mentions(Node node, String attribute) {
    if (node instanceof And and) {
      return mentions(and.left(), attribute) || mentions(and.right(), attribute);
    } else if (node instanceof Or or) {
      return mentions(or.left(), attribute) || mentions(or.right(), attribute);
    } else if (node instanceof Not not) {
      return mentions(not.operand(), attribute);
    } else if (node instanceof ValuePath path) {
      return path.attribute().equals(attribute);
    } else if (node instanceof Present present) {
      return firstSegment(present.attribute()).equals(attribute);
    } else if (node instanceof AnyOf any) {
      return firstSegment(any.attribute()).equals(attribute);
    } else {
      return firstSegment(((Comparison) node).attribute()).equals(attribute);
    }
  }

  private static String firstSegment(String path) {
    int dot = path.indexOf('.');
    return dot < 0 ? path : path.substring(0, dot);
  }

  // ---- evaluation ----

  private static boolean evaluate(Node node, JsonNode resource, boolean ignoreCase) {
    if (node instanceof And and) {
      return evaluate(and.left(), resource, ignoreCase)
          && evaluate(and.right(), resource, ignoreCase);
    } else if (node instanceof Or or) {
      return evaluate(or.left(), resource, ignoreCase)
          || evaluate(or.right(), resource, ignoreCase);
    } else if (node instanceof Not not) {
      return !evaluate(not.operand(), resource, ignoreCase);
    } else if (node instanceof Present present) {
      return values(resource, present.attribute()).stream()
          .anyMatch(v -> !v.isNull() && !(v.isTextual() && v.asText().isEmpty()));
    } else if (node instanceof ValuePath path) {
      // memberOfGroups[id eq "…"]: the id inside is an identifier
      return values(resource, path.attribute()).stream()
          .anyMatch(element -> evaluate(path.filter(), element, false));
    } else if (node instanceof AnyOf any) {
      boolean fold = ignoreCase && !CASE_EXACT.contains(any.attribute());
      return values(resource, any.attribute()).stream().anyMatch(v -> v.isTextual()
          && (fold ? any.folded().contains(v.textValue().toLowerCase(Locale.ROOT))
              : any.values().contains(v.textValue())));
    } else {
      Comparison c = (Comparison) node;
      boolean fold = ignoreCase && !CASE_EXACT.contains(c.attribute());
      return values(resource, c.attribute()).stream().anyMatch(v -> compare(v, c, fold));
    }
  }

  private static boolean compare(JsonNode actual, Comparison c, boolean ignoreCase) {
    if (ignoreCase && c.value() instanceof String s && actual.isTextual()) {
      String v = actual.textValue().toLowerCase(Locale.ROOT);
      String e = s.toLowerCase(Locale.ROOT);
      return switch (c.operator()) {
        case "eq" -> v.equals(e);
        case "sw" -> v.startsWith(e);
        case "ew" -> v.endsWith(e);
        case "co" -> v.contains(e);
        default -> false;
      };
    }
    return compare(actual, c);
  }

  private static boolean compare(JsonNode actual, Comparison c) {
    Object expected = c.value();
    if (expected instanceof Boolean b) {
      return actual.isBoolean() && actual.booleanValue() == b && c.operator().equals("eq");
    }
    if (!(expected instanceof String s) || !actual.isTextual()) {
      return false;
    }
    String v = actual.textValue();
    return switch (c.operator()) {
      case "eq" -> v.equals(s);
      case "sw" -> v.startsWith(s);
      case "ew" -> v.endsWith(s);
      case "co" -> v.contains(s);
      default -> false;
    };
  }

  /** The values at a dotted path; arrays on the way are flattened. */
  private static List<JsonNode> values(JsonNode resource, String path) {
    List<JsonNode> current = List.of(resource);
    for (String segment : path.split("\\.")) {
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode node : current) {
        JsonNode child = node.get(segment);
        if (child == null || child.isMissingNode() || child.isNull()) {
          continue;
        }
        if (child.isArray()) {
          child.forEach(next::add);
        } else {
          next.add(child);
        }
      }
      current = next;
    }
    return current;
  }

  // ---- parsing ----

  private enum Kind {
    LPAREN,
    RPAREN,
    LBRACKET,
    RBRACKET,
    STRING,
    WORD,
    END
  }

  /** A token; {@code position} is the 1-based index of its first character in the filter. */
  private record Token(Kind kind, String text, int position) {
    String describe() {
      return switch (kind) {
        case END -> "the end of the filter";
        case STRING -> "the string \"" + text + "\"";
        default -> "'" + text + "'";
      };
    }

    boolean isWord(String word) {
      return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }
  }

  /** Recursive descent over: filter := or; or := and ("or" and)*; and := unary ("and" unary)*. */
  private static final class Parser {
    private final List<Token> tokens;
    private int next;

    Parser(String text) {
      this.tokens = tokenize(text);
    }

    Node parseFilter() {
      if (peek().kind() == Kind.END) {
        throw new InvalidFilterException("Invalid filter: the filter is empty");
      }
      Node node = parseOr();
      Token t = peek();
      if (t.kind() != Kind.END) {
        throw unexpected(t, "'and', 'or' or the end of the filter");
      }
      return node;
    }

    private Node parseOr() {
      Node left = parseAnd();
      while (peek().isWord("or")) {
        next++;
        left = new Or(left, parseAnd());
      }
      return left;
    }

    private Node parseAnd() {
      Node left = parseUnary();
      while (peek().isWord("and")) {
        next++;
        left = new And(left, parseUnary());
      }
      return left;
    }

    private Node parseUnary() {
      Token t = take();
      if (t.kind() == Kind.LPAREN) {
        Node inner = parseOr();
        expect(Kind.RPAREN, "')'");
        return inner;
      }
      if (t.isWord("not") && peek().kind() == Kind.LPAREN) {
        next++;
        Node inner = parseOr();
        expect(Kind.RPAREN, "')'");
        return new Not(inner, t.position());
      }
      if (t.kind() != Kind.WORD) {
        throw unexpected(t, "an attribute name or '('");
      }
      if (t.isWord("and") || t.isWord("or") || !ATTRIBUTE_PATH.matcher(t.text()).matches()) {
        throw unexpected(t, "an attribute name");
      }
      String attribute = t.text();
      Token op = take();
      if (op.kind() == Kind.LBRACKET) {
        Node inner = parseOr();
        expect(Kind.RBRACKET, "']'");
        return new ValuePath(attribute, inner, t.position());
      }
      if (op.isWord("pr")) {
        return new Present(attribute, t.position());
      }
      if (op.kind() != Kind.WORD || !OPERATORS.contains(op.text().toLowerCase(Locale.ROOT))) {
        throw unexpected(op, "an operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr)");
      }
      Token value = take();
      return new Comparison(
          attribute, op.text().toLowerCase(Locale.ROOT), literal(value), t.position());
    }

    private static Object literal(Token t) {
      if (t.kind() == Kind.STRING) {
        return t.text();
      }
      if (t.kind() == Kind.WORD) {
        // JSON literals are case-sensitive
        switch (t.text()) {
          case "true":
            return Boolean.TRUE;
          case "false":
            return Boolean.FALSE;
          case "null":
            return NULL;
          default:
            if (NUMBER.matcher(t.text()).matches()) {
              return new java.math.BigDecimal(t.text());
            }
        }
      }
      throw unexpected(t, "a value (a quoted string, true, false, null or a number)");
    }

    private Token peek() {
      return tokens.get(next);
    }

    private Token take() {
      Token t = tokens.get(next);
      if (t.kind() != Kind.END) {
        next++;
      }
      return t;
    }

    private void expect(Kind kind, String what) {
      Token t = take();
      if (t.kind() != kind) {
        throw unexpected(t, what);
      }
    }

    private static InvalidFilterException unexpected(Token t, String expected) {
      return new InvalidFilterException(
          "Invalid filter: expected " + expected + " at position " + t.position() + " but found "
              + t.describe());
    }
  }

  private static List<Token> tokenize(String text) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(' || c == ')' || c == '[' || c == ']') {
        Kind kind =
            switch (c) {
              case '(' -> Kind.LPAREN;
              case ')' -> Kind.RPAREN;
              case '[' -> Kind.LBRACKET;
              default -> Kind.RBRACKET;
            };
        tokens.add(new Token(kind, String.valueOf(c), i + 1));
        i++;
      } else if (c == '"') {
        int start = i;
        StringBuilder value = new StringBuilder();
        i++;
        while (true) {
          if (i >= n) {
            throw new InvalidFilterException(
                "Invalid filter: the string starting at position " + (start + 1)
                    + " has no closing quote");
          }
          char d = text.charAt(i);
          if (d == '"') {
            i++;
            break;
          }
          if (d == '\\') {
            if (i + 1 >= n) {
              throw new InvalidFilterException(
                  "Invalid filter: unfinished escape at position " + (i + 1));
            }
            char e = text.charAt(i + 1);
            switch (e) {
              case '"', '\\', '/' -> value.append(e);
              case 'b' -> value.append('\b');
              case 'f' -> value.append('\f');
              case 'n' -> value.append('\n');
              case 'r' -> value.append('\r');
              case 't' -> value.append('\t');
              case 'u' -> {
                if (i + 6 > n || !text.substring(i + 2, i + 6).matches("[0-9A-Fa-f]{4}")) {
                  throw new InvalidFilterException(
                      "Invalid filter: invalid \\u escape at position " + (i + 1));
                }
                value.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                i += 4;
              }
              default ->
                  throw new InvalidFilterException(
                      "Invalid filter: invalid escape '\\" + e + "' at position " + (i + 1));
            }
            i += 2;
          } else {
            value.append(d);
            i++;
          }
        }
        tokens.add(new Token(Kind.STRING, value.toString(), start + 1));
      } else {
        int start = i;
        while (i < n) {
          char d = text.charAt(i);
          if (Character.isWhitespace(d) || "()[]\"".indexOf(d) >= 0) {
            break;
          }
          i++;
        }
        tokens.add(new Token(Kind.WORD, text.substring(start, i), start + 1));
      }
    }
    tokens.add(new Token(Kind.END, "", n + 1));
    return tokens;
  }
}
