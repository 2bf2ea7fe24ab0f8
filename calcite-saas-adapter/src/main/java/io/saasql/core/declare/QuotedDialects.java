package io.saasql.core.declare;

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
   * The nesting depth, outside quoted strings, after each character of a clause; -1 inside a
   * quoted string. Brackets count like parentheses ({@code memberOfGroups[id eq "x"]}).
   */
  private static int[] depths(String clause) {
    int[] depths = new int[clause.length()];
    int depth = 0;
    char quote = 0;
    for (int i = 0; i < clause.length(); i++) {
      char c = clause.charAt(i);
      if (quote != 0) {
        depths[i] = -1;
        if (c == '\\' && i + 1 < clause.length()) {
          depths[++i] = -1;
        } else if (c == quote) {
          quote = 0;
        }
        continue;
      }
      if (c == '"' || c == '\'') {
        quote = c;
        depths[i] = -1;
        continue;
      }
      if (c == '(' || c == '[') {
        depth++;
      } else if (c == ')' || c == ']') {
        depth--;
      }
      depths[i] = depth;
    }
    return depths;
  }

  /**
   * Whether the whole clause is one parenthesised group: {@code (a or b)} is, {@code (a) or (b)}
   * is not.
   */
  public static boolean parenthesized(String clause) {
    if (!clause.startsWith("(") || !clause.endsWith(")")) {
      return false;
    }
    int[] depths = depths(clause);
    for (int i = 0; i < depths.length - 1; i++) {
      if (depths[i] == 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a clause has a top-level connective or negation (so needs parentheses inside others).
   */
  static boolean compound(String clause) {
    int[] depths = depths(clause);
    for (int i = 0; i < depths.length; i++) {
      if (depths[i] == 0 && clause.charAt(i) == ' ') {
        String rest = clause.substring(i + 1).toLowerCase(java.util.Locale.ROOT);
        if (rest.startsWith("and ") || rest.startsWith("or ")) {
          return true;
        }
      }
    }
    return clause.regionMatches(true, 0, "not ", 0, 4);
  }
}
