package io.saasql.salesforce;

import io.saasql.core.declare.ColumnDef;
import io.saasql.core.declare.FilterDialect;
import io.saasql.core.declare.QueryField;
import io.saasql.core.declare.QuotedDialects;
import io.saasql.core.declare.SqlValues;
import org.apache.calcite.sql.SqlKind;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * SOQL's WHERE: {@code = != < <= > >= IN NOT IN LIKE}, {@code AND OR NOT} with parentheses,
 * strings in single quotes with {@code '} and {@code \} escaped by a backslash, dates and
 * date-times unquoted, {@code TRUE}/{@code FALSE}, {@code null}. SOQL compares text and LIKE
 * case-insensitively, so equalities, IN lists and LIKE on text are supersets that Calcite
 * re-checks, and negations of text are never sent ({@code Name != 'acme'} would drop the row
 * named {@code Acme}); {@code !=} and {@code NOT IN} keep NULLs, so they are supersets too.
 */
public final class SoqlDialect implements FilterDialect {
  public static final SoqlDialect INSTANCE = new SoqlDialect(java.util.Set.of());

  /** A Salesforce record id as SOQL accepts it: 15 or 18 letters and digits. */
  private static final java.util.regex.Pattern RECORD_ID =
      java.util.regex.Pattern.compile("[A-Za-z0-9]{15}([A-Za-z0-9]{3})?");

  /** Fields of type id or reference: SOQL refuses a comparison with anything but a record id. */
  private final java.util.Set<String> idFields;

  private SoqlDialect(java.util.Set<String> idFields) {
    this.idFields = java.util.Set.copyOf(idFields);
  }

  /**
   * The dialect of an object whose {@code idFields} (types id and reference) SOQL compares only
   * with well-formed record ids: {@code OwnerId = 'x'} is a 400 (INVALID_QUERY_FILTER_OPERATOR),
   * so such a value is not sent and Calcite evaluates the predicate (it matches no row).
   */
  public static SoqlDialect withIdFields(java.util.Set<String> idFields) {
    return new SoqlDialect(idFields);
  }

  /** Whether SOQL accepts the value for the field (only record ids for id fields). */
  private boolean accepts(QueryField field, Comparable<?> value) {
    return !idFields.contains(field.apiField())
        || (value instanceof String s && RECORD_ID.matcher(s).matches());
  }

  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  @Override public String name() {
    return "SOQL";
  }

  @Override public boolean textCaseExact() {
    return false;
  }

  @Override public Clause comparison(QueryField field, ColumnDef column, SqlKind op,
      Comparable<?> value) {
    String operator = QuotedDialects.operator(op);
    String literal = literal(column, value);
    if (operator == null || literal == null || !accepts(field, value)) {
      return null;
    }
    boolean text = SqlValues.family(column.type()) == SqlValues.Family.TEXT;
    return new Clause(field.apiField() + " " + operator + " " + literal,
        !text && op != SqlKind.NOT_EQUALS);
  }

  /** A value as a SOQL literal, or null when SOQL cannot write it exactly. */
  static String literal(ColumnDef column, Comparable<?> value) {
    switch (SqlValues.family(column.type())) {
    case TEXT:
      return quote((String) value);
    case NUMBER: {
      String n = SqlValues.renderNumber(value, column.type());
      return n == null ? ((java.math.BigDecimal) value).toPlainString() : n;
    }
    case BOOLEAN:
      return ((Boolean) value) ? "TRUE" : "FALSE";
    case DATE:
      return LocalDate.ofEpochDay((Integer) value).toString();
    case TIMESTAMP: {
      long millis = (Long) value;
      // SOQL date-times have whole seconds.
      return millis % 1000 == 0 ? DATE_TIME.format(Instant.ofEpochMilli(millis)) : null;
    }
    default:
      return null;
    }
  }

  /** A SOQL string literal: single quotes; quote, backslash and control characters escaped. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("'");
    for (char c : s.toCharArray()) {
      switch (c) {
      case '\'' -> b.append("\\'");
      case '\\' -> b.append("\\\\");
      case '\n' -> b.append("\\n");
      case '\r' -> b.append("\\r");
      case '\t' -> b.append("\\t");
      case '"' -> b.append("\\\"");
      default -> b.append(c);
      }
    }
    return b.append('\'').toString();
  }

  @Override public Clause in(QueryField field, ColumnDef column, List<Comparable<?>> values) {
    List<String> literals = new ArrayList<>();
    for (Comparable<?> v : values) {
      String l = literal(column, v);
      if (l == null || !accepts(field, v)) {
        return null;
      }
      literals.add(l);
    }
    boolean text = SqlValues.family(column.type()) == SqlValues.Family.TEXT;
    return new Clause(field.apiField() + " IN (" + String.join(", ", literals) + ")", !text);
  }

  @Override public Clause notIn(QueryField field, ColumnDef column, List<Comparable<?>> values) {
    Clause in = in(field, column, values);
    return in == null ? null
        : new Clause(in.text().replaceFirst(" IN \\(", " NOT IN ("), false);
  }

  @Override public Clause isNull(QueryField field, ColumnDef column, boolean isNull) {
    return new Clause(field.apiField() + (isNull ? " = null" : " != null"), true);
  }

  @Override public Clause like(QueryField field, ColumnDef column, QueryField.Op kind, String text,
      Character escape) {
    StringBuilder pattern = new StringBuilder("'");
    switch (kind) {
    case STARTS_WITH -> pattern.append(literalLikeText(text)).append('%');
    case ENDS_WITH -> pattern.append('%').append(literalLikeText(text));
    case CONTAINS -> pattern.append('%').append(literalLikeText(text)).append('%');
    case LIKE -> {
      String converted = fromSqlPattern(text, escape);
      if (converted == null) {
        return null;
      }
      pattern.append(converted);
    }
    default -> {
      return null;
    }
    }
    return new Clause(field.apiField() + " LIKE " + pattern.append('\'') + "", false);
  }

  /** Literal text inside a SOQL LIKE string: wildcards, quotes and backslashes escaped. */
  private static String literalLikeText(String text) {
    StringBuilder b = new StringBuilder();
    for (char c : text.toCharArray()) {
      appendLiteral(b, c);
    }
    return b.toString();
  }

  private static void appendLiteral(StringBuilder b, char c) {
    switch (c) {
    case '%' -> b.append("\\%");
    case '_' -> b.append("\\_");
    default -> {
      String q = quote(String.valueOf(c));
      b.append(q, 1, q.length() - 1);
    }
    }
  }

  /**
   * The body of a SOQL LIKE string for a SQL pattern: {@code %} and {@code _} stay wildcards,
   * characters escaped with {@code escape} and every other character are literal.
   */
  private static String fromSqlPattern(String pattern, Character escape) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (escape != null && c == escape) {
        if (i + 1 >= pattern.length()) {
          return null;
        }
        appendLiteral(b, pattern.charAt(++i));
      } else if (c == '%' || c == '_') {
        b.append(c);
      } else {
        appendLiteral(b, c);
      }
    }
    return b.toString();
  }

  @Override public String and(List<String> parts) {
    return QuotedDialects.join(parts, " AND ");
  }

  @Override public String or(List<String> parts) {
    return QuotedDialects.join(parts, " OR ");
  }

  @Override public String not(String part) {
    return "NOT (" + part + ")";
  }
}
