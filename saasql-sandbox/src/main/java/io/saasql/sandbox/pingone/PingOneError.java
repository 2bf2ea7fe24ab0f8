package io.saasql.sandbox.pingone;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.saasql.sandbox.SandboxResponse;
import io.saasql.sandbox.SandboxResponseException;
import java.util.List;
import java.util.UUID;

/**
 * A PingOne Platform API error answer, {@code {"id":"<uuid>","code":"…","message":"…",
 * "details":[{"code":"…","target":"…","message":"…"}]}}, thrown by handlers. Every answer gets
 * a fresh random {@code id}, as the real service's log correlation id.
 */
final class PingOneError extends SandboxResponseException {
  private static final long serialVersionUID = 1L;

  static final String INVALID_DATA = "INVALID_DATA";
  static final String INVALID_REQUEST = "INVALID_REQUEST";
  static final String UNIQUENESS_VIOLATION = "UNIQUENESS_VIOLATION";
  static final String UNAUTHORIZED = "UNAUTHORIZED";
  static final String ACCESS_FAILED = "ACCESS_FAILED";
  static final String NOT_FOUND = "NOT_FOUND";
  static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
  static final String REQUEST_LIMITED = "REQUEST_LIMITED";
  static final String UNEXPECTED_SERVER_ERROR = "UNEXPECTED_SERVER_ERROR";
  static final String SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE";

  /** The detail code of a rejected parameter or attribute value. */
  static final String INVALID_VALUE = "INVALID_VALUE";
  /** The detail code of a required attribute that is missing, null or blank. */
  static final String REQUIRED_VALUE = "REQUIRED_VALUE";

  /** One entry of an error's {@code details}. */
  record Detail(String code, String target, String message) {}

  static final String MSG_INVALID_DATA =
      "The request could not be completed. One or more validation errors were in the request.";
  static final String MSG_NO_ACCESS =
      "The request could not be completed. You do not have access to this resource.";
  static final String MSG_TOKEN_EXPIRED =
      "The request could not be completed. The access token has expired.";
  static final String MSG_NOT_FOUND = "The requested resource was not found.";
  static final String MSG_REQUEST_LIMITED =
      "The request could not be completed. You have exceeded your request limit.";
  static final String MSG_INVALID_REQUEST =
      "The request could not be completed. The request was malformed or invalid.";
  static final String MSG_UNSUPPORTED_MEDIA_TYPE =
      "The request could not be completed. The request's Content-Type is not supported.";
  static final String MSG_UNIQUENESS_VIOLATION =
      "The request could not be completed. A resource with the same unique value already exists.";

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

  /** 400 INVALID_DATA with every detail found, in the order found. */
  static PingOneError invalidData(List<Detail> details) {
    return new PingOneError(withDetails(400, INVALID_DATA, MSG_INVALID_DATA, details),
        details.isEmpty() ? MSG_INVALID_DATA : details.get(0).message());
  }

  /** 400 INVALID_REQUEST: a body that is not a JSON object. */
  static PingOneError invalidRequest(String detailMessage) {
    return new PingOneError(
        withDetails(400, INVALID_REQUEST, MSG_INVALID_REQUEST,
            List.of(new Detail(INVALID_VALUE, "body", detailMessage))),
        detailMessage);
  }

  /** 415 INVALID_REQUEST: a body that is not sent as JSON. */
  static PingOneError unsupportedMediaType(String contentType) {
    String detail =
        "Content-Type " + (contentType == null ? "(none)" : "'" + contentType + "'")
            + " is not supported; send application/json";
    return new PingOneError(
        withDetails(415, INVALID_REQUEST, MSG_UNSUPPORTED_MEDIA_TYPE,
            List.of(new Detail(INVALID_VALUE, "Content-Type", detail))),
        detail);
  }

  /** 409 UNIQUENESS_VIOLATION with one UNIQUENESS_VIOLATION detail for {@code target}. */
  static PingOneError uniquenessViolation(String target, String detailMessage) {
    return new PingOneError(
        withDetails(409, UNIQUENESS_VIOLATION, MSG_UNIQUENESS_VIOLATION,
            List.of(new Detail(UNIQUENESS_VIOLATION, target, detailMessage))),
        detailMessage);
  }

  static PingOneError notFound(String message) {
    return new PingOneError(404, NOT_FOUND, message);
  }

  static SandboxResponse response(int httpStatus, String code, String message) {
    return SandboxResponse.json(httpStatus, body(code, message));
  }

  static SandboxResponse invalidValueResponse(String target, String detailMessage) {
    return withDetails(
        400, INVALID_DATA, MSG_INVALID_DATA,
        List.of(new Detail(INVALID_VALUE, target, detailMessage)));
  }

  private static SandboxResponse withDetails(
      int httpStatus, String code, String message, List<Detail> details) {
    ObjectNode body = body(code, message);
    ArrayNode array = body.putArray("details");
    for (Detail d : details) {
      ObjectNode detail = array.addObject();
      detail.put("code", d.code());
      detail.put("target", d.target());
      detail.put("message", d.message());
    }
    return SandboxResponse.json(httpStatus, body);
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
      case 409 -> response(409, UNIQUENESS_VIOLATION, MSG_UNIQUENESS_VIOLATION);
      case 415 -> response(415, INVALID_REQUEST, MSG_UNSUPPORTED_MEDIA_TYPE);
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
