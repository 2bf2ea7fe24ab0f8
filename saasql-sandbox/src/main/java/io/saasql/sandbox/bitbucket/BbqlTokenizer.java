package io.saasql.sandbox.bitbucket;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Splits a BBQL query into tokens: parentheses, the comparison operators {@code = != ~ !~ > >= <
 * <=}, the keywords {@code AND}/{@code OR} (any case), field paths ({@code assignee.uuid}),
 * double-quoted strings with {@code \"} and {@code \\} escapes, numbers, unquoted ISO-8601
 * date-times or dates, and {@code null}/{@code true}/{@code false}. Positions are 0-based
 * character offsets into the query.
 */
final class BbqlTokenizer {

  /** What a token is. */
  enum Kind {
    LEFT_PAREN,
    RIGHT_PAREN,
    OPERATOR,
    AND,
    OR,
    PATH,
    STRING,
    NUMBER,
    DATETIME,
    NULL,
    TRUE,
    FALSE,
    END;

    boolean isValue() {
      return this == STRING
          || this == NUMBER
          || this == DATETIME
          || this == NULL
          || this == TRUE
          || this == FALSE;
    }
  }

  /**
   * One token.
   *
   * @param text the characters as written (for a string, with its quotes and escapes)
   * @param value the decoded value: a {@link String}, {@link BigDecimal}, {@link Instant} or
   *     {@link Boolean}; null for the others
   */
  record Token(Kind kind, String text, Object value, int position) {
    /** How an error message names this token. */
    String describe() {
      return kind == Kind.END ? "end of query" : "'" + text + "'";
    }
  }

  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private final String query;
  private int pos;

  private BbqlTokenizer(String query) {
    this.query = query;
  }

  /** All tokens of a query, ending with one {@link Kind#END}; throws on a lexical error. */
  static List<Token> tokenize(String query) {
    BbqlTokenizer tokenizer = new BbqlTokenizer(query);
    List<Token> tokens = new ArrayList<>();
    Token token;
    do {
      token = tokenizer.next();
      tokens.add(token);
    } while (token.kind() != Kind.END);
    return tokens;
  }

  private Token next() {
    while (pos < query.length() && Character.isWhitespace(query.charAt(pos))) {
      pos++;
    }
    int start = pos;
    if (pos >= query.length()) {
      return new Token(Kind.END, "", null, start);
    }
    char c = query.charAt(pos);
    switch (c) {
      case '(':
        pos++;
        return new Token(Kind.LEFT_PAREN, "(", null, start);
      case ')':
        pos++;
        return new Token(Kind.RIGHT_PAREN, ")", null, start);
      case '=':
      case '~':
        pos++;
        return new Token(Kind.OPERATOR, String.valueOf(c), null, start);
      case '!':
        if (pos + 1 < query.length()
            && (query.charAt(pos + 1) == '=' || query.charAt(pos + 1) == '~')) {
          pos += 2;
          return new Token(Kind.OPERATOR, query.substring(start, pos), null, start);
        }
        throw error("Unexpected character '!'", start);
      case '>':
      case '<':
        pos++;
        if (pos < query.length() && query.charAt(pos) == '=') {
          pos++;
        }
        return new Token(Kind.OPERATOR, query.substring(start, pos), null, start);
      case '"':
        return string(start);
      default:
        break;
    }
    if (Character.isDigit(c)
        || (c == '-' && pos + 1 < query.length() && Character.isDigit(query.charAt(pos + 1)))) {
      return numberOrDateTime(start);
    }
    if (isWordStart(c)) {
      return word(start);
    }
    throw error("Unexpected character '" + c + "'", start);
  }

  private Token string(int start) {
    StringBuilder value = new StringBuilder();
    pos++; // opening quote
    while (pos < query.length()) {
      char c = query.charAt(pos);
      if (c == '"') {
        pos++;
        return new Token(Kind.STRING, query.substring(start, pos), value.toString(), start);
      }
      if (c == '\\') {
        if (pos + 1 >= query.length()) {
          break;
        }
        char escaped = query.charAt(pos + 1);
        if (escaped != '"' && escaped != '\\') {
          throw error("Invalid escape sequence '\\" + escaped + "'", pos);
        }
        value.append(escaped);
        pos += 2;
        continue;
      }
      value.append(c);
      pos++;
    }
    throw error("Unterminated string", start);
  }

  private Token numberOrDateTime(int start) {
    pos++;
    while (pos < query.length() && isValueChar(query.charAt(pos))) {
      pos++;
    }
    String text = query.substring(start, pos);
    if (NUMBER.matcher(text).matches()) {
      return new Token(Kind.NUMBER, text, new BigDecimal(text), start);
    }
    Instant instant = parseDateTime(text);
    if (instant == null) {
      throw error("Invalid value '" + text + "'", start);
    }
    return new Token(Kind.DATETIME, text, instant, start);
  }

  private Token word(int start) {
    while (pos < query.length() && isWordPart(query.charAt(pos))) {
      pos++;
    }
    String text = query.substring(start, pos);
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "and" -> new Token(Kind.AND, text, null, start);
      case "or" -> new Token(Kind.OR, text, null, start);
      case "null" -> new Token(Kind.NULL, text, null, start);
      case "true" -> new Token(Kind.TRUE, text, Boolean.TRUE, start);
      case "false" -> new Token(Kind.FALSE, text, Boolean.FALSE, start);
      default -> {
        if (text.endsWith(".") || text.contains("..")) {
          throw error("Invalid field name '" + text + "'", start);
        }
        yield new Token(Kind.PATH, text, null, start);
      }
    };
  }

  /**
   * An ISO-8601 date-time ({@code 2024-01-01T00:00:00+00:00}, {@code …Z}, with or without
   * fraction; without an offset it is UTC) or a date ({@code 2024-01-01}, midnight UTC); null when
   * the text is neither.
   */
  static Instant parseDateTime(String text) {
    try {
      if (DATE.matcher(text).matches()) {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      if (text.endsWith("Z") || text.lastIndexOf('+') > 0 || text.lastIndexOf('-') > 9) {
        return OffsetDateTime.parse(text).toInstant();
      }
      return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static boolean isWordStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isWordPart(char c) {
    return isWordStart(c) || (c >= '0' && c <= '9') || c == '.';
  }

  private static boolean isValueChar(char c) {
    return (c >= '0' && c <= '9')
        || (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || c == '-'
        || c == '+'
        || c == ':'
        || c == '.';
  }

  private static BbqlException error(String what, int position) {
    return new BbqlException("Invalid query: " + what + " at position " + position);
  }
}
