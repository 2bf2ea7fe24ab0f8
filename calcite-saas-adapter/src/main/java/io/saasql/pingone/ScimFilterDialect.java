package io.saasql.pingone;

import io.saasql.core.declare.ColumnDef;
import io.saasql.core.declare.FilterDialect;
import io.saasql.core.declare.QueryField;
import io.saasql.core.declare.QuotedDialects;
import io.saasql.core.declare.SqlValues;
import org.apache.calcite.sql.SqlKind;

import java.util.List;

/**
 * PingOne's SCIM {@code filter}: {@code attr eq "value"}, {@code sw} (starts with) and {@code ew}
 * (ends with, on a few attributes), {@code and}/{@code or} with parentheses; values double-quoted
 * with {@code "} and {@code \} escaped, booleans bare. No {@code ne}, ranges, {@code pr} or
 * {@code not}. RFC 7644 makes string attributes case-insensitive unless the schema declares them
 * {@code caseExact}, and PingOne documents no such declaration for users: a clause on text is a
 * superset that Calcite re-checks; one on a boolean is exact.
 */
public final class ScimFilterDialect implements FilterDialect {
  public static final ScimFilterDialect INSTANCE = new ScimFilterDialect();

  @Override public String name() {
    return "SCIM";
  }

  @Override public boolean textCaseExact() {
    return false;
  }

  @Override public Clause comparison(QueryField field, ColumnDef column, SqlKind op,
      Comparable<?> value) {
    if (op != SqlKind.EQUALS) {
      return null;
    }
    String literal = switch (SqlValues.family(column.type())) {
      case TEXT -> QuotedDialects.quote((String) value, '"');
      case BOOLEAN -> value.toString();
      default -> null;
    };
    return literal == null ? null : new Clause(field.apiField() + " eq " + literal,
        SqlValues.family(column.type()) != SqlValues.Family.TEXT);
  }

  @Override public Clause isNull(QueryField field, ColumnDef column, boolean isNull) {
    return null;
  }

  @Override public Clause like(QueryField field, ColumnDef column, QueryField.Op kind, String text,
      Character escape) {
    String op = switch (kind) {
      case STARTS_WITH -> "sw";
      case ENDS_WITH -> "ew";
      default -> null;
    };
    return op == null ? null
        : new Clause(field.apiField() + " " + op + " " + QuotedDialects.quote(text, '"'), false);
  }

  @Override public String and(List<String> parts) {
    return wrapEach(parts, " and ");
  }

  @Override public String or(List<String> parts) {
    return wrapEach(parts, " or ");
  }

  /** PingOne's own examples parenthesise every operand: {@code (a eq "x") and (b sw "y")}. */
  private static String wrapEach(List<String> parts, String connective) {
    StringBuilder b = new StringBuilder();
    for (String p : parts) {
      if (b.length() > 0) {
        b.append(connective);
      }
      b.append(QuotedDialects.parenthesized(p) ? p : "(" + p + ")");
    }
    return b.toString();
  }

  @Override public String not(String part) {
    return null;
  }
}
