package io.saasql.sandbox;

/**
 * Thrown by a route handler to answer with an error response from deep inside request parsing,
 * e.g. a 400 for an invalid parameter.
 */
public class SandboxResponseException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient SandboxResponse response;

  public SandboxResponseException(SandboxResponse response, String message) {
    super(message, null, false, false);
    this.response = response;
  }

  public SandboxResponse response() {
    return response;
  }
}
