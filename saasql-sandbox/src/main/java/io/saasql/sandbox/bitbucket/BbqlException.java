package io.saasql.sandbox.bitbucket;

/**
 * A {@code q} or {@code sort} parameter Bitbucket would refuse with 400; the message is the one
 * sent in the error body.
 */
final class BbqlException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  BbqlException(String message) {
    super(message, null, false, false);
  }
}
