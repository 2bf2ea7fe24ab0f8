package io.saasql.core.http;


/**
 * A write that got no answer (timeout, connection reset): the API may or may not have applied
 * it. It is never sent again automatically, so nothing is written twice; the message says what
 * to check. Its SQL state is {@value #SQL_STATE}, "transaction resolution unknown".
 */
public class WriteOutcomeUnknownException extends SaasApiException {
  public static final String SQL_STATE = "08007";

  public WriteOutcomeUnknownException(String source, String message, Throwable cause) {
    super(source, 0, message, cause, SQL_STATE);
  }
}
