package io.saasql.sandbox.salesforce;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Why one record could not be saved (a DML error): a status code such as {@code
 * REQUIRED_FIELD_MISSING}, the message and the fields involved. sObject Collections report it in
 * the record's result as {@code {"statusCode":…,"message":…,"fields":[…]}}; a single-record
 * request answers 400 with {@code [{"message":…,"errorCode":…,"fields":[…]}]}.
 */
record SaveError(String statusCode, String message, List<String> fields) {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  SaveError {
    fields = List.copyOf(fields);
  }

  static SaveError of(String statusCode, String message, String... fields) {
    return new SaveError(statusCode, message, List.of(fields));
  }

  /** The entry of a collection result's {@code errors} array. */
  ObjectNode toJson() {
    ObjectNode e = F.objectNode();
    e.put("statusCode", statusCode);
    e.put("message", message);
    ArrayNode names = e.putArray("fields");
    fields.forEach(names::add);
    return e;
  }

  /** The 400 answer of a single-record create or update that failed this way. */
  SalesforceError toException() {
    return SalesforceError.save(400, statusCode, message, fields);
  }
}
