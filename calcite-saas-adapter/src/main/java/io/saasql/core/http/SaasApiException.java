package io.saasql.core.http;

/**
 * A failed API call, worded for the person who has to act on it: which source, which request
 * (secrets masked), what the API said, and what to do. Calcite hands it to the JDBC caller inside
 * a {@link java.sql.SQLException}.
 */
public class SaasApiException extends RuntimeException {
  private final String source;
  private final int status;

  public SaasApiException(String source, int status, String message, Throwable cause) {
    super(message, cause);
    this.source = source;
    this.status = status;
  }

  /** The schema name of the source that failed. */
  public String source() {
    return source;
  }

  /** The HTTP status, or 0 when no response arrived. */
  public int status() {
    return status;
  }
}
