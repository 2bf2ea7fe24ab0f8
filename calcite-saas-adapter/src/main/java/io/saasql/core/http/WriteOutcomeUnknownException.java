package io.saasql.core.http;


/**
 * A write that got no answer (timeout, connection reset): the API may or may not have applied
 * it. It is never sent again automatically, so nothing is written twice; the message says what
 * to check.
 */
public class WriteOutcomeUnknownException extends SaasApiException {
  public WriteOutcomeUnknownException(String source, String message, Throwable cause) {
    super(source, 0, message, cause);
  }
}
