package io.saasql.sandbox.backlog;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.saasql.sandbox.SandboxResponse;
import io.saasql.sandbox.SandboxResponseException;

/**
 * A Backlog error answer, {@code {"errors":[{"message":"…","code":N,"moreInfo":""}]}}, thrown by
 * handlers. Codes as documented: 1 internal, 4 access denied, 5 unauthorized operation, 6 no
 * resource, 7 invalid request, 11 authentication, 13 too many requests.
 */
final class BacklogError extends SandboxResponseException {
  private static final long serialVersionUID = 1L;

  static final int INTERNAL = 1;
  static final int ACCESS_DENIED = 4;
  static final int UNAUTHORIZED_OPERATION = 5;
  static final int NO_RESOURCE = 6;
  static final int INVALID_REQUEST = 7;
  static final int AUTHENTICATION = 11;
  static final int TOO_MANY_REQUESTS = 13;

  BacklogError(int httpStatus, int code, String message) {
    super(response(httpStatus, code, message), message);
  }

  static BacklogError noResource(String message) {
    return new BacklogError(404, NO_RESOURCE, message);
  }

  static BacklogError invalidRequest(String message) {
    return new BacklogError(400, INVALID_REQUEST, message);
  }

  /** 403 with code 5: the operation is not allowed, e.g. writing to an archived project. */
  static BacklogError operationDenied(String message) {
    return new BacklogError(403, UNAUTHORIZED_OPERATION, message);
  }

  static SandboxResponse response(int httpStatus, int code, String message) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode error = f.objectNode();
    error.put("message", message);
    error.put("code", code);
    error.put("moreInfo", "");
    ObjectNode body = f.objectNode();
    body.putArray("errors").add(error);
    return SandboxResponse.json(httpStatus, body);
  }

  /** The error body Backlog sends with a given HTTP status. */
  static SandboxResponse forStatus(int httpStatus) {
    return switch (httpStatus) {
      case 400 -> response(400, INVALID_REQUEST, "Invalid request.");
      case 401 -> response(401, AUTHENTICATION, "Authentication failure.");
      case 403 -> response(403, ACCESS_DENIED, "Access denied.");
      case 404 -> response(404, NO_RESOURCE, "No resource.");
      case 429 -> response(429, TOO_MANY_REQUESTS, "Too many requests.");
      default -> response(httpStatus, INTERNAL, "Internal error.");
    };
  }
}
