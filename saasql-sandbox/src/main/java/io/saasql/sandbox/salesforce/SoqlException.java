package io.saasql.sandbox.salesforce;

/**
 * A SOQL query the sandbox refuses, with Salesforce's error code ({@code MALFORMED_QUERY}, {@code
 * INVALID_FIELD}, {@code INVALID_TYPE}, {@code INVALID_QUERY_FILTER_OPERATOR}, {@code
 * NUMBER_OUTSIDE_VALID_RANGE}) and the position in the query text it points at.
 */
final class SoqlException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  static final String MALFORMED_QUERY = "MALFORMED_QUERY";
  static final String INVALID_FIELD = "INVALID_FIELD";
  static final String INVALID_TYPE = "INVALID_TYPE";
  static final String INVALID_QUERY_FILTER_OPERATOR = "INVALID_QUERY_FILTER_OPERATOR";
  static final String NUMBER_OUTSIDE_VALID_RANGE = "NUMBER_OUTSIDE_VALID_RANGE";

  private final String errorCode;
  private final int position;

  /** @param position the offset in the query text, or -1 for the query as a whole */
  SoqlException(String errorCode, String message, int position) {
    super(message, null, false, false);
    this.errorCode = errorCode;
    this.position = position;
  }

  static SoqlException malformed(String message, int position) {
    return new SoqlException(MALFORMED_QUERY, message, position);
  }

  /** A construct the sandbox does not implement (valid SOQL or not). */
  static SoqlException unsupported(String what, int position) {
    return malformed(what + " is not supported by the sandbox", position);
  }

  String errorCode() {
    return errorCode;
  }

  int position() {
    return position;
  }

  /**
   * The message as Salesforce words it for a query: the query line, a caret under the position,
   * {@code ERROR at Row:r:Column:c}, then the reason.
   */
  String describe(String soql) {
    if (position < 0 || soql == null) {
      return getMessage();
    }
    int pos = Math.min(position, soql.length());
    int lineStart = soql.lastIndexOf('\n', pos - 1) + 1;
    int lineEnd = soql.indexOf('\n', pos);
    String line = soql.substring(lineStart, lineEnd < 0 ? soql.length() : lineEnd);
    int row = 1;
    for (int i = 0; i < lineStart; i++) {
      if (soql.charAt(i) == '\n') {
        row++;
      }
    }
    int column = pos - lineStart + 1;
    return "\n" + line + "\n" + " ".repeat(column - 1) + "^\nERROR at Row:" + row + ":Column:"
        + column + "\n" + getMessage();
  }
}
