package io.saasql.sandbox.salesforce;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.saasql.sandbox.SandboxResponse;
import io.saasql.sandbox.SandboxResponseException;
import java.util.List;

/**
 * A Salesforce error answer, thrown by handlers. The REST API answers a JSON array, {@code
 * [{"message":"…","errorCode":"…"}]}; the OAuth token endpoint an object, {@code
 * {"error":"…","error_description":"…"}}.
 */
final class SalesforceError extends SandboxResponseException {
  private static final long serialVersionUID = 1L;
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  static final String NOT_FOUND_MESSAGE = "The requested resource does not exist";

  private SalesforceError(SandboxResponse response, String message) {
    super(response, message);
  }

  /** An API error, {@code [{"message":…,"errorCode":…}]}. */
  static SalesforceError api(int httpStatus, String errorCode, String message) {
    return new SalesforceError(apiResponse(httpStatus, errorCode, message),
        errorCode + ": " + message);
  }

  /**
   * A save error of one record (a DML error), {@code [{"message":…,"errorCode":…,"fields":[…]}]}:
   * the API answers these with the fields involved, an empty list when none.
   */
  static SalesforceError save(int httpStatus, String errorCode, String message,
      List<String> fields) {
    ArrayNode body = F.arrayNode();
    ObjectNode e = body.addObject();
    e.put("message", message);
    e.put("errorCode", errorCode);
    ArrayNode names = e.putArray("fields");
    fields.forEach(names::add);
    return new SalesforceError(SandboxResponse.json(httpStatus, body), errorCode + ": " + message);
  }

  /** 404 NOT_FOUND, as the REST framework words it (errorCode first). */
  static SalesforceError notFound() {
    return new SalesforceError(notFoundResponse(), "NOT_FOUND");
  }

  /** An OAuth error of the token endpoint, HTTP 400. */
  static SalesforceError oauth(String error, String description) {
    return new SalesforceError(oauthResponse(400, error, description), error + ": " + description);
  }

  static SandboxResponse apiResponse(int httpStatus, String errorCode, String message) {
    ArrayNode body = F.arrayNode();
    ObjectNode e = body.addObject();
    e.put("message", message);
    e.put("errorCode", errorCode);
    return SandboxResponse.json(httpStatus, body);
  }

  static SandboxResponse notFoundResponse() {
    return frameworkResponse(404, "NOT_FOUND", NOT_FOUND_MESSAGE);
  }

  /** Errors of the REST framework itself put errorCode before message. */
  static SandboxResponse frameworkResponse(int httpStatus, String errorCode, String message) {
    ArrayNode body = F.arrayNode();
    ObjectNode e = body.addObject();
    e.put("errorCode", errorCode);
    e.put("message", message);
    return SandboxResponse.json(httpStatus, body);
  }

  static SandboxResponse oauthResponse(int httpStatus, String error, String description) {
    ObjectNode body = F.objectNode();
    body.put("error", error);
    body.put("error_description", description);
    return SandboxResponse.json(httpStatus, body)
        .withHeader("Cache-Control", "no-cache,must-revalidate,max-age=0,no-store,private");
  }

  /** 401 INVALID_SESSION_ID. */
  static SandboxResponse invalidSession() {
    return apiResponse(401, "INVALID_SESSION_ID", "Session expired or invalid")
        .withHeader("WWW-Authenticate", "Token");
  }
}
