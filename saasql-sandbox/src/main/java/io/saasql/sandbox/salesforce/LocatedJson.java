package io.saasql.sandbox.salesforce;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A request body parsed into a tree that remembers where each value was: Salesforce's JSON
 * errors name the token and its position, e.g. {@code Cannot deserialize instance of date from
 * VALUE_STRING value 2024-13-01 or request may be missing a required field at [line:1,
 * column:27]}. Values are addressed by JSON pointer ({@code /records/3/Amount}).
 */
final class LocatedJson {
  static final String JSON_PARSER_ERROR = "JSON_PARSER_ERROR";

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final JsonNodeFactory F = JsonNodeFactory.withExactBigDecimals(true);

  /** Where a value was: its token, its text as sent and the position just after it. */
  record Position(JsonToken token, String text, int line, int column) {
    String at() {
      return "at [line:" + line + ", column:" + column + "]";
    }
  }

  private final Map<String, Position> positions = new HashMap<>();
  private JsonNode root;

  private LocatedJson() {}

  /**
   * Parses a request body; an empty body or broken JSON is the API's 400 {@code
   * JSON_PARSER_ERROR}.
   */
  static LocatedJson parse(String body) {
    if (body == null || body.isBlank()) {
      throw SalesforceError.api(400, JSON_PARSER_ERROR,
          "The HTTP entity body is required, but this request has no entity body.");
    }
    LocatedJson json = new LocatedJson();
    try (JsonParser p = FACTORY.createParser(body)) {
      p.nextToken();
      json.root = json.read(p, "");
      return json;
    } catch (JsonProcessingException e) {
      JsonLocation l = e.getLocation();
      String where = l == null ? ""
          : " at [line:" + l.getLineNr() + ", column:" + l.getColumnNr() + "]";
      throw SalesforceError.api(400, JSON_PARSER_ERROR, e.getOriginalMessage() + where);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonNode root() {
    return root;
  }

  /** The position of the value at a JSON pointer ("" for the root). */
  Position position(String pointer) {
    Position p = positions.get(pointer);
    if (p == null) {
      throw new IllegalArgumentException("no value at " + pointer);
    }
    return p;
  }

  /**
   * The 400 JSON_PARSER_ERROR for a value that does not fit its target type, as Salesforce's
   * deserializer words it.
   */
  SalesforceError cannotDeserialize(String typeName, String pointer) {
    Position p = position(pointer);
    return SalesforceError.api(400, JSON_PARSER_ERROR,
        "Cannot deserialize instance of " + typeName + " from " + p.token().name() + " value "
            + p.text() + " or request may be missing a required field " + p.at());
  }

  /** The pointer of a member of the object at {@code pointer}. */
  static String child(String pointer, String name) {
    return pointer + "/" + name.replace("~", "~0").replace("/", "~1");
  }

  static String child(String pointer, int index) {
    return pointer + "/" + index;
  }

  private JsonNode read(JsonParser p, String pointer) throws IOException {
    JsonToken token = p.currentToken();
    if (token == null) {
      throw SalesforceError.api(400, JSON_PARSER_ERROR,
          "The HTTP entity body is required, but this request has no entity body.");
    }
    String text = p.getText(); // first: string tokens are read lazily, and the end moves with it
    JsonLocation end = p.currentLocation();
    positions.put(pointer, new Position(token, text, end.getLineNr(), end.getColumnNr()));
    switch (token) {
      case START_OBJECT: {
        ObjectNode o = F.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          o.set(name, read(p, child(pointer, name)));
        }
        return o;
      }
      case START_ARRAY: {
        ArrayNode a = F.arrayNode();
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          a.add(read(p, child(pointer, i++)));
        }
        return a;
      }
      case VALUE_STRING:
        return F.textNode(p.getText());
      case VALUE_NUMBER_INT:
        return F.numberNode(p.getBigIntegerValue());
      case VALUE_NUMBER_FLOAT:
        return F.numberNode(p.getDecimalValue());
      case VALUE_TRUE:
        return F.booleanNode(true);
      case VALUE_FALSE:
        return F.booleanNode(false);
      case VALUE_NULL:
        return F.nullNode();
      default:
        throw new IllegalStateException("unexpected token " + token);
    }
  }
}
