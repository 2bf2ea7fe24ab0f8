package io.saasql.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.saasql.core.http.SourceClient;
import io.saasql.core.declare.WriteSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Creates up to 200 records of one object per call through sObject Collections
 * ({@code POST /composite/sobjects}, {@code allOrNone: false}): each record succeeds or fails on
 * its own, and the answer says which, in order.
 */
final class SalesforceCollections implements WriteSpec.BatchCreate {
  static final int MAX = 200;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String object;

  SalesforceCollections(String object) {
    this.object = object;
  }

  @Override public int max() {
    return MAX;
  }

  @Override public List<WriteSpec.BatchResult> create(SourceClient client, List<JsonNode> records) {
    ObjectNode body = JSON.createObjectNode().put("allOrNone", false);
    ArrayNode array = body.putArray("records");
    for (JsonNode r : records) {
      ObjectNode record = array.addObject();
      record.putObject("attributes").put("type", object);
      record.setAll((ObjectNode) r);
    }
    JsonNode reply = client.write("POST", "/composite/sobjects", WriteSpec.BodyFormat.JSON, body,
        null).body();
    List<WriteSpec.BatchResult> results = new ArrayList<>();
    for (JsonNode r : reply) {
      if (r.path("success").asBoolean()) {
        results.add(new WriteSpec.BatchResult(r.path("id").asText(), null));
      } else {
        List<String> errors = new ArrayList<>();
        for (JsonNode e : r.path("errors")) {
          errors.add(e.path("message").asText() + " (" + e.path("statusCode").asText() + ")");
        }
        results.add(new WriteSpec.BatchResult(null,
            errors.isEmpty() ? "the record was not created" : String.join("; ", errors)));
      }
    }
    return results;
  }
}
