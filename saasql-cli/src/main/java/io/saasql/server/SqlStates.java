package io.saasql.server;

import io.saasql.core.http.SaasApiException;

import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.validate.SqlValidatorException;

import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * The SQL state a remote client receives for a failure, so that it can tell what happened without
 * reading the message: {@code 42S02} unknown table, {@code 42S22} unknown column, {@code 42000}
 * any other error in the SQL text, {@code 22xxx} data errors ({@code 22012} division by zero),
 * and for a SaaS source what {@link SaasApiException#sqlState()} says ({@code 08xxx} unreachable
 * or credentials refused, {@code 53400} rate limit, {@code 23xxx} a record the API refused …).
 * A database's own SQL state (Postgres) passes through. {@code HY000} when nothing tells more.
 * (Time-outs and cancels, {@code 57014}, are recognised where they happen, in
 * {@link PinnedModelMeta}.)
 */
final class SqlStates {
  static final String UNKNOWN = "HY000";
  static final String SYNTAX = "42000";
  static final String NO_SUCH_TABLE = "42S02";
  static final String NO_SUCH_COLUMN = "42S22";
  static final String DIVISION_BY_ZERO = "22012";
  static final String OUT_OF_RANGE = "22003";
  static final String BAD_CAST = "22018";
  static final String CANCELLED = "57014";

  /** Calcite's messages for an unknown table or schema ({@code CalciteResource}). */
  private static final Pattern TABLE_NOT_FOUND =
      Pattern.compile("^(Object|Table) '.*' not found.*", Pattern.DOTALL);
  /** Calcite's messages for an unknown column. */
  private static final Pattern COLUMN_NOT_FOUND = Pattern.compile(
      "^(Column '.*' not found.*|Unknown target column '.*|Unknown field '.*)", Pattern.DOTALL);

  private SqlStates() {
  }

  /** The SQL state for a failure: the first cause, from the outside in, that tells one. */
  static String of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String state = stateOf(t);
      if (state != null) {
        return state;
      }
    }
    return UNKNOWN;
  }

  private static String stateOf(Throwable t) {
    if (t instanceof SaasApiException api) {
      return api.sqlState();
    }
    if (t instanceof SqlParseException) {
      return SYNTAX;
    }
    if (t instanceof SqlValidatorException || t instanceof CalciteContextException) {
      String message = t instanceof CalciteContextException context
          ? context.getMessage() : t.getMessage();
      if (t.getCause() instanceof SqlValidatorException validator) {
        message = validator.getMessage();
      }
      if (message != null && TABLE_NOT_FOUND.matcher(message).matches()) {
        return NO_SUCH_TABLE;
      }
      if (message != null && COLUMN_NOT_FOUND.matcher(message).matches()) {
        return NO_SUCH_COLUMN;
      }
      return SYNTAX;
    }
    if (t instanceof ArithmeticException) {
      return t.getMessage() != null && t.getMessage().contains("by zero")
          ? DIVISION_BY_ZERO : OUT_OF_RANGE;
    }
    if (t instanceof NumberFormatException) {
      return BAD_CAST;
    }
    if (t instanceof SQLException sql && sql.getSQLState() != null
        && !sql.getSQLState().isEmpty() && !UNKNOWN.equals(sql.getSQLState())) {
      return sql.getSQLState();
    }
    return null;
  }
}
