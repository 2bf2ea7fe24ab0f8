package io.saasql.bitbucket;

import io.saasql.core.declare.ColumnDef;
import io.saasql.core.declare.FilterDialect;
import io.saasql.core.declare.QueryField;
import io.saasql.core.declare.QuotedDialects;
import io.saasql.core.declare.SqlValues;
import org.apache.calcite.sql.SqlKind;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Bitbucket's BBQL ({@code q=}): {@code field op value}, strings double-quoted with {@code "} and
 * {@code \} escaped, date-times unquoted ISO-8601, {@code null}, {@code true}/{@code false},
 * {@code AND}/{@code OR} with parentheses, no NOT. BBQL's case rules are not documented, so text
 * equalities are sent but re-checked by Calcite, and text negations and ranges are not sent;
 * {@code ~} (contains, case-insensitive) carries {@code LIKE '%x%'} as a superset. Bitbucket keeps
 * date-times to the microsecond, SQL sees milliseconds: a value {@code t} in SQL stands for every
 * API value in {@code [t, t + 1 ms)}, so {@code <= t} is sent as {@code < t + 1 ms} and {@code = t}
 * as that one-millisecond range, both re-checked.
 */
public final class BbqlDialect implements FilterDialect {
  public static final BbqlDialect INSTANCE = new BbqlDialect();

  private static final DateTimeFormatter ISO_SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx").withZone(ZoneOffset.UTC);

  @Override public String name() {
    return "BBQL";
  }

  @Override public boolean textCaseExact() {
    return false;
  }

  @Override public Clause comparison(QueryField field, ColumnDef column, SqlKind op,
      Comparable<?> value) {
    if (SqlValues.family(column.type()) == SqlValues.Family.TIMESTAMP) {
      Clause c = millisecondRange(field, column, op, (Long) value);
      if (c != null) {
        return c;
      }
    }
    String operator = QuotedDialects.operator(op);
    String literal = literal(column, value);
    if (operator == null || literal == null) {
      return null;
    }
    boolean text = SqlValues.family(column.type()) == SqlValues.Family.TEXT;
    // != keeps NULLs in BBQL, SQL's <> drops them: a superset.
    boolean exact = !text && op != SqlKind.NOT_EQUALS;
    if (SqlValues.family(column.type()) == SqlValues.Family.TIMESTAMP
        && op != SqlKind.GREATER_THAN_OR_EQUAL && op != SqlKind.LESS_THAN) {
      // Bitbucket keeps microseconds, SQL sees milliseconds: only >= and < agree on every value.
      exact = false;
    }
    return new Clause(field.apiField() + " " + operator + " " + literal, exact);
  }

  /**
   * {@code <= t} and {@code = t} on a date-time, widened to the API values that SQL reads as
   * {@code t} (those in {@code [t, t + 1 ms)}); null for the other operators.
   */
  private static Clause millisecondRange(QueryField field, ColumnDef column, SqlKind op,
      long millis) {
    String next = field.apiField() + " < " + literal(column, millis + 1);
    return switch (op) {
      case LESS_THAN_OR_EQUAL -> new Clause(next, false);
      case EQUALS -> new Clause(
          field.apiField() + " >= " + literal(column, millis) + " AND " + next, false);
      default -> null;
    };
  }

  static String literal(ColumnDef column, Comparable<?> value) {
    return switch (SqlValues.family(column.type())) {
      case TEXT -> QuotedDialects.quote((String) value, '"');
      case NUMBER -> SqlValues.renderNumber(value, column.type()) == null
          ? ((BigDecimal) value).toPlainString() : SqlValues.renderNumber(value, column.type());
      case BOOLEAN -> value.toString();
      case TIMESTAMP -> ((Long) value) % 1000 == 0
          ? ISO_SECONDS.format(Instant.ofEpochMilli((Long) value))
          : ISO_MILLIS.format(Instant.ofEpochMilli((Long) value));
      case DATE -> java.time.LocalDate.ofEpochDay((Integer) value).toString();
    };
  }

  @Override public Clause isNull(QueryField field, ColumnDef column, boolean isNull) {
    return new Clause(field.apiField() + (isNull ? " = null" : " != null"), true);
  }

  @Override public Clause like(QueryField field, ColumnDef column, QueryField.Op kind, String text,
      Character escape) {
    if (kind != QueryField.Op.CONTAINS && kind != QueryField.Op.STARTS_WITH
        && kind != QueryField.Op.ENDS_WITH) {
      return null;
    }
    return new Clause(field.apiField() + " ~ " + QuotedDialects.quote(text, '"'), false);
  }

  @Override public String and(List<String> parts) {
    return QuotedDialects.join(parts, " AND ");
  }

  @Override public String or(List<String> parts) {
    return QuotedDialects.join(parts, " OR ");
  }

  @Override public String not(String part) {
    return null;
  }
}
