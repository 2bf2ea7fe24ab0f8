package io.saasql.sandbox.pingone;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.saasql.sandbox.SandboxResponse;
import io.saasql.sandbox.SandboxResponseException;
import java.util.UUID;

/**
 * A PingOne Platform API error answer, {@code {"id":"<uuid>","code":"…","message":"…",
 * "details":[{"code":"…","target":"…","message":"…"}]}}, thrown by handlers. Every answer gets
 * a fresh random {@code id}, as the real service's log correlation id.
 */
final class PingOneError extends SandboxResponseException {
  private static final long serialVersionUID = 1L;

  static final String INVALID_DATA = "INVALID_DATA";
  static final String UNAUTHORIZED = "UNAUTHORIZED";
  static final String ACCESS_FAILED = "ACCESS_FAILED";
  static final String NOT_FOUND = "NOT_FOUND";
  static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
  static final String REQUEST_LIMITED = "REQUEST_LIMITED";
  static final String UNEXPECTED_SERVER_ERROR = "UNEXPECTED_SERVER_ERROR";
  static final String SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE";

  /** The detail code of a rejected parameter value. */
  static final String INVALID_VALUE = "INVALID_VALUE";

  static final String MSG_INVALID_DATA =
      "The request could not be completed. One or more validation errors were in the request.";
  static final String MSG_NO_ACCESS =
      "The request could not be completed. You do not have access to this resource.";
  static final String MSG_TOKEN_EXPIRED =
      "The request could not be completed. The access token has expired.";
  static final String MSG_NOT_FOUND = "The requested resource was not found.";
  static final String MSG_REQUEST_LIMITED =
      "The request could not be completed. You have exceeded your request limit.";

  private PingOneError(SandboxResponse response, String message) {
    super(response, message);
  }

  PingOneError(int httpStatus, String code, String message) {
    this(response(httpStatus, code, message), message);
  }

  /** 400 INVALID_DATA with one INVALID_VALUE detail for {@code target}. */
  static PingOneError invalidValue(String target, String detailMessage) {
    return new PingOneError(invalidValueResponse(target, detailMessage), detailMessage);
  }

  static PingOneError notFound(String message) {
    return new PingOneError(404, NOT_FOUND, message);
  }

  static SandboxResponse response(int httpStatus, String code, String message) {
    return SandboxResponse.json(httpStatus, body(code, message));
  }

  static SandboxResponse invalidValueResponse(String target, String detailMessage) {
    ObjectNode body = body(INVALID_DATA, MSG_INVALID_DATA);
    ArrayNode details = body.putArray("details");
    ObjectNode detail = details.addObject();
    detail.put("code", INVALID_VALUE);
    detail.put("target", target);
    detail.put("message", detailMessage);
    return SandboxResponse.json(400, body);
  }

  private static ObjectNode body(String code, String message) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("id", UUID.randomUUID().toString());
    body.put("code", code);
    body.put("message", message);
    return body;
  }

  /** The error body PingOne sends with a given HTTP status (used by the failure fault). */
  static SandboxResponse forStatus(int httpStatus) {
    return switch (httpStatus) {
      case 400 -> response(400, INVALID_DATA, MSG_INVALID_DATA);
      case 401 -> response(401, UNAUTHORIZED, MSG_NO_ACCESS);
      case 403 -> response(403, ACCESS_FAILED, MSG_NO_ACCESS);
      case 404 -> response(404, NOT_FOUND, MSG_NOT_FOUND);
      case 429 -> response(429, REQUEST_LIMITED, MSG_REQUEST_LIMITED);
      case 503 ->
          response(
              503,
              SERVICE_UNAVAILABLE,
              "The request could not be completed. The service is temporarily unavailable.");
      default ->
          response(
              httpStatus,
              UNEXPECTED_SERVER_ERROR,
              "The request could not be completed. An unexpected error occurred.");
    };
  }
}
