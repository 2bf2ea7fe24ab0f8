package io.saasql.core.http;

/**
 * A failed API call, worded for the person who has to act on it: which source, which request
 * (secrets masked), what the API said, and what to do. Calcite hands it to the JDBC caller inside
 * a {@link java.sql.SQLException}; a server hands its {@link #sqlState()} to remote clients.
 */
public class SaasApiException extends RuntimeException {
  private final String source;
  private final int status;
  private final String sqlState;

  public SaasApiException(String source, int status, String message, Throwable cause) {
    this(source, status, message, cause, null);
  }

  /** @param sqlState what happened, as a SQL state; null: derived from the HTTP status */
  public SaasApiException(String source, int status, String message, Throwable cause,
      String sqlState) {
    super(message, cause);
    this.source = source;
    this.status = status;
    this.sqlState = sqlState;
  }

  /** The schema name of the source that failed. */
  public String source() {
    return source;
  }

  /** The HTTP status, or 0 when no response arrived. */
  public int status() {
    return status;
  }

  /**
   * What happened, as a SQL state: the one its thrower stated, else from the HTTP status —
   * {@code 08001} no answer (the source is unreachable), {@code 08004} credentials refused
   * (401, 403), {@code 53400} rate limit still exceeded after the retries (429), {@code 22000}
   * an answer whose values cannot be read as declared (2xx), {@code HY000} anything else.
   */
  public String sqlState() {
    if (sqlState != null) {
      return sqlState;
    }
    if (status == 0) {
      return "08001";
    }
    if (status == 401 || status == 403) {
      return "08004";
    }
    if (status == 429) {
      return "53400";
    }
    if (status >= 200 && status < 300) {
      return "22000";
    }
    return "HY000";
  }
}
