package io.saasql.core;

import java.util.List;

/**
 * Text helpers the query-language dialects share: quoting with backslash escapes, and joining
 * clauses with parentheses around compound ones.
 */
public final class QuotedDialects {
  private QuotedDialects() {}

  /** The comparison operator as BBQL and SOQL write it ({@code = != < <= > >=}), or null. */
  public static String operator(org.apache.calcite.sql.SqlKind kind) {
    return switch (kind) {
      case EQUALS -> "=";
      case NOT_EQUALS -> "!=";
      case LESS_THAN -> "<";
      case LESS_THAN_OR_EQUAL -> "<=";
      case GREATER_THAN -> ">";
      case GREATER_THAN_OR_EQUAL -> ">=";
      default -> null;
    };
  }

  /** {@code quote + s + quote} with the quote and the backslash escaped by a backslash. */
  public static String quote(String s, char quote) {
    StringBuilder b = new StringBuilder().append(quote);
    for (char c : s.toCharArray()) {
      if (c == quote || c == '\\') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.append(quote).toString();
  }

  /**
   * Joins clauses with a connective ({@code " AND "}), parenthesising every clause that is itself
   * compound, so that precedence never depends on the language's rules.
   */
  public static String join(List<String> parts, String connective) {
    StringBuilder b = new StringBuilder();
    for (String p : parts) {
      if (b.length() > 0) {
        b.append(connective);
      }
      b.append(compound(p) ? "(" + p + ")" : p);
    }
    return b.toString();
  }

  /**
   * Whether the whole clause is one parenthesised group: {@code (a or b)} is, {@code (a) or (b)}
   * is not.
   */
  public static boolean parenthesized(String clause) {
    if (!clause.startsWith("(") || !clause.endsWith(")")) {
      return false;
    }
    int depth = 0;
    boolean quoted = false;
    char quote = 0;
    for (int i = 0; i < clause.length(); i++) {
      char c = clause.charAt(i);
      if (quoted) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quoted = false;
        }
      } else if (c == '"' || c == '\'') {
        quoted = true;
        quote = c;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
        if (depth == 0 && i < clause.length() - 1) {
          return false;
        }
      }
    }
    return true;
  }

  /** Whether a clause has a top-level connective or negation (so needs parentheses inside others). */
  static boolean compound(String clause) {
    int depth = 0;
    boolean quoted = false;
    char quote = 0;
    for (int i = 0; i < clause.length(); i++) {
      char c = clause.charAt(i);
      if (quoted) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quoted = false;
        }
      } else if (c == '"' || c == '\'') {
        quoted = true;
        quote = c;
      } else if (c == '(' || c == '[') {
        depth++;
      } else if (c == ')' || c == ']') {
        depth--;
      } else if (depth == 0 && c == ' ') {
        String rest = clause.substring(i + 1).toLowerCase(java.util.Locale.ROOT);
        if (rest.startsWith("and ") || rest.startsWith("or ")) {
          return true;
        }
      }
    }
    return clause.regionMatches(true, 0, "not ", 0, 4);
  }
}
