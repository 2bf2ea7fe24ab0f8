package io.saasql.sandbox.bitbucket;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.saasql.sandbox.SandboxResponse;
import io.saasql.sandbox.SandboxResponseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A Bitbucket error answer, {@code {"type":"error","error":{"message":"…","detail":"…"}}}, thrown
 * by handlers. The {@code detail} member is left out when there is none, as Bitbucket does. A
 * rejected request body ({@link #invalid}) names its fields instead: {@code
 * {"type":"error","error":{"message":"title: This field is required.","fields":{"title":["This
 * field is required."]}}}}.
 */
final class BitbucketError extends SandboxResponseException {
  private static final long serialVersionUID = 1L;

  /** Bitbucket's answer for a path no API lives at. */
  static final String NO_API_DETAIL =
      "There is no API hosted at this URL.\n\nFor information about our API's, please refer to the"
          + " documentation at: https://developer.atlassian.com/bitbucket/api/2/reference/";

  /** Bitbucket's 404 for a repository that does not exist or cannot be seen. */
  static final String NO_REPOSITORY =
      "You may not have access to this repository or it no longer exists in this workspace. If"
          + " you think this repository exists and you have access, make sure you are"
          + " authenticated.";

  BitbucketError(int httpStatus, String message) {
    this(httpStatus, message, null);
  }

  BitbucketError(int httpStatus, String message, String detail) {
    super(response(httpStatus, message, detail), message);
  }

  private BitbucketError(SandboxResponse response, String message) {
    super(response, message);
  }

  /**
   * A 400 for a request body with invalid fields: {@code error.fields} maps each field, in the
   * order given, to its messages, and {@code error.message} joins them as {@code field: message}
   * with {@code "; "}. The field {@code ""} stands for the body as a whole; its message alone
   * gives {@code "Bad request"}, as Bitbucket answers a body that is not a JSON object.
   */
  static BitbucketError invalid(Map<String, List<String>> fields) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    String message =
        fields.entrySet().stream()
            .flatMap(e -> e.getValue().stream()
                .map(m -> e.getKey().isEmpty() ? "Bad request" : e.getKey() + ": " + m))
            .distinct()
            .collect(Collectors.joining("; "));
    ObjectNode error = f.objectNode();
    error.put("message", message);
    ObjectNode byField = error.putObject("fields");
    fields.forEach((field, messages) -> messages.forEach(byField.putArray(field)::add));
    ObjectNode body = f.objectNode();
    body.put("type", "error");
    body.set("error", error);
    return new BitbucketError(SandboxResponse.json(400, body), message);
  }

  static BitbucketError badRequest(String message) {
    return new BitbucketError(400, message);
  }

  static BitbucketError notFound(String message) {
    return new BitbucketError(404, message);
  }

  static SandboxResponse response(int httpStatus, String message) {
    return response(httpStatus, message, null);
  }

  static SandboxResponse response(int httpStatus, String message, String detail) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode error = f.objectNode();
    error.put("message", message);
    if (detail != null) {
      error.put("detail", detail);
    }
    ObjectNode body = f.objectNode();
    body.put("type", "error");
    body.set("error", error);
    return SandboxResponse.json(httpStatus, body);
  }

  /** The error body Bitbucket sends with a given HTTP status when nothing more is known. */
  static SandboxResponse forStatus(int httpStatus) {
    return switch (httpStatus) {
      case 400 -> response(400, "Bad request");
      case 401 -> unauthorized("Unauthorized");
      case 403 -> response(403, "Forbidden");
      case 404 -> response(404, "Resource not found");
      case 405 -> response(405, "Method not allowed");
      case 410 -> response(410, "Resource removed");
      case 429 -> response(429, BitbucketSandbox.RATE_LIMITED);
      default -> somethingWentWrong(httpStatus);
    };
  }

  /** A 401 with the {@code WWW-Authenticate} challenge Bitbucket sends. */
  static SandboxResponse unauthorized(String message) {
    return response(401, message)
        .withHeader("WWW-Authenticate", "Basic realm=\"Bitbucket.org HTTP\"");
  }

  /** Bitbucket's 5xx body: {@code {"message":"Something went wrong","id":"<hex>"}}. */
  private static SandboxResponse somethingWentWrong(int httpStatus) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode error = f.objectNode();
    error.put("message", "Something went wrong");
    error.put("id", UUID.randomUUID().toString().replace("-", ""));
    ObjectNode body = f.objectNode();
    body.put("type", "error");
    body.set("error", error);
    return SandboxResponse.json(httpStatus, body);
  }
}
