package io.saasql.core.http;

/**
 * One HTTP call made to a source, as shown by {@code --verbose} and kept in the source's
 * {@link CallLog}. The URL never carries a secret: {@link Redactor} has masked them.
 *
 * @param source  the schema name of the source
 * @param method  HTTP method
 * @param url     the URL with secrets masked
 * @param status  HTTP status, or 0 when no response arrived
 * @param rows    rows the response carried, or -1 when not a listing
 * @param millis  time from sending to the end of the body
 * @param attempt 1 for the first try, 2 for the first retry, …
 * @param note    what else happened (the wait before a retry, the API's rate-limit headers)
 */
public record CallRecord(String source, String method, String url, int status, int rows,
    long millis, int attempt, String note) {

  /** A one-line rendering: {@code backlog GET https://… -> 200, 100 rows, 53 ms}. */
  @Override public String toString() {
    StringBuilder b = new StringBuilder()
        .append(source).append(' ').append(method).append(' ').append(url)
        .append(" -> ").append(status == 0 ? "no response" : Integer.toString(status));
    if (rows >= 0) {
      b.append(", ").append(rows).append(rows == 1 ? " row" : " rows");
    }
    b.append(", ").append(millis).append(" ms");
    if (attempt > 1) {
      b.append(", attempt ").append(attempt);
    }
    if (note != null && !note.isEmpty()) {
      b.append(" (").append(note).append(')');
    }
    return b.toString();
  }

  CallRecord withRows(int n) {
    return new CallRecord(source, method, url, status, n, millis, attempt, note);
  }
}
