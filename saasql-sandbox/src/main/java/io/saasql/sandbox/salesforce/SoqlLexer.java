package io.saasql.sandbox.salesforce;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits SOQL text into tokens: identifiers and keywords (dotted paths such as {@code
 * Account.Name} are one token), single-quoted strings with backslash escapes, numbers, date,
 * date-time and time literals, operators, commas and parentheses. Double-quoted strings and
 * malformed escapes are refused as Salesforce refuses them.
 */
final class SoqlLexer {

  /** The token kinds. */
  enum Kind {
    IDENT,
    STRING,
    NUMBER,
    DATE,
    DATETIME,
    TIME,
    OPERATOR,
    COMMA,
    LPAREN,
    RPAREN,
    /** Any other single character, e.g. {@code *}, {@code :} or {@code ;}. */
    OTHER,
    EOF
  }

  /** One token; {@code text} is the source text (for STRING: the content between the quotes). */
  record Token(Kind kind, String text, int position) {
    boolean isKeyword(String keyword) {
      return kind == Kind.IDENT && text.equalsIgnoreCase(keyword);
    }

    /** How Salesforce quotes a token in "unexpected token" messages. */
    String display() {
      return switch (kind) {
        case EOF -> "<EOF>";
        case STRING -> "''" + text + "''";
        default -> "'" + text + "'";
      };
    }
  }

  private static final Pattern DATE_TIME =
      Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:?\\d{2})");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern TIME = Pattern.compile("\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z");
  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
  private static final Pattern IDENT =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

  private final String text;
  private int pos;

  private SoqlLexer(String text) {
    this.text = text;
  }

  static List<Token> tokenize(String soql) {
    return new SoqlLexer(soql).all();
  }

  private List<Token> all() {
    List<Token> tokens = new ArrayList<>();
    while (true) {
      skipWhitespace();
      if (pos >= text.length()) {
        tokens.add(new Token(Kind.EOF, "", pos));
        return tokens;
      }
      tokens.add(next());
    }
  }

  private void skipWhitespace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private Token next() {
    char c = text.charAt(pos);
    int start = pos;
    if (c == '\'') {
      return string();
    }
    if (c == '"') {
      throw SoqlException.malformed(
          "line " + line(start) + ":" + column0(start) + " no viable alternative at character '\"'",
          start);
    }
    if (Character.isDigit(c) || ((c == '-' || c == '+' || c == '.') && nextIsDigit())) {
      for (var entry : List.of(
          new Object[] {DATE_TIME, Kind.DATETIME},
          new Object[] {DATE, Kind.DATE},
          new Object[] {TIME, Kind.TIME},
          new Object[] {NUMBER, Kind.NUMBER})) {
        Matcher m = ((Pattern) entry[0]).matcher(text).region(pos, text.length());
        if (m.lookingAt()) {
          pos = m.end();
          return new Token((Kind) entry[1], m.group(), start);
        }
      }
    }
    Matcher ident = IDENT.matcher(text).region(pos, text.length());
    if (ident.lookingAt()) {
      pos = ident.end();
      return new Token(Kind.IDENT, ident.group(), start);
    }
    pos++;
    switch (c) {
      case ',':
        return new Token(Kind.COMMA, ",", start);
      case '(':
        return new Token(Kind.LPAREN, "(", start);
      case ')':
        return new Token(Kind.RPAREN, ")", start);
      case '=':
        return new Token(Kind.OPERATOR, "=", start);
      case '!':
        if (pos < text.length() && text.charAt(pos) == '=') {
          pos++;
          return new Token(Kind.OPERATOR, "!=", start);
        }
        return new Token(Kind.OTHER, "!", start);
      case '<':
        if (pos < text.length() && (text.charAt(pos) == '=' || text.charAt(pos) == '>')) {
          pos++;
          return new Token(Kind.OPERATOR, text.substring(start, pos), start);
        }
        return new Token(Kind.OPERATOR, "<", start);
      case '>':
        if (pos < text.length() && text.charAt(pos) == '=') {
          pos++;
          return new Token(Kind.OPERATOR, ">=", start);
        }
        return new Token(Kind.OPERATOR, ">", start);
      default:
        return new Token(Kind.OTHER, String.valueOf(c), start);
    }
  }

  private boolean nextIsDigit() {
    return pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1));
  }

  /** A quoted string; the token text is the raw content with escapes, checked here. */
  private Token string() {
    int start = pos;
    pos++; // opening quote
    StringBuilder raw = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\\') {
        if (pos + 1 >= text.length()) {
          break;
        }
        char e = text.charAt(pos + 1);
        if (decodeEscape(e) == null) {
          throw SoqlException.malformed(
              "Invalid string literal '"
                  + text.substring(start + 1, Math.min(text.length(), pos + 2))
                  + "'. Illegal character sequence '\\" + e + "' in string literal.",
              start);
        }
        raw.append(c).append(e);
        pos += 2;
        continue;
      }
      if (c == '\'') {
        pos++;
        return new Token(Kind.STRING, raw.toString(), start);
      }
      raw.append(c);
      pos++;
    }
    throw SoqlException.malformed(
        "line " + line(start) + ":" + column0(start)
            + " mismatched character '<EOF>' expecting '''",
        start);
  }

  /**
   * The character an escape stands for, or null if SOQL does not allow it. {@code \%} and {@code
   * \_} stand for themselves (they only matter to LIKE, which reads the raw text).
   */
  static Character decodeEscape(char e) {
    return switch (e) {
      case 'n', 'N' -> '\n';
      case 'r', 'R' -> '\r';
      case 't', 'T' -> '\t';
      case 'b', 'B' -> '\b';
      case 'f', 'F' -> '\f';
      case '"' -> '"';
      case '\'' -> '\'';
      case '\\' -> '\\';
      case '%' -> '%';
      case '_' -> '_';
      default -> null;
    };
  }

  /** The value of a string token's raw text. */
  static String decode(String raw) {
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\\' && i + 1 < raw.length()) {
        out.append(decodeEscape(raw.charAt(++i)));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private int line(int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private int column0(int offset) {
    return offset - (text.lastIndexOf('\n', offset - 1) + 1);
  }

  static String upper(String s) {
    return s.toUpperCase(Locale.ROOT);
  }
}
