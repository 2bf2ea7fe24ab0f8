package io.saasql.core.plan;

import io.saasql.core.declare.ColumnDef;
import io.saasql.core.declare.Pushdown;
import io.saasql.core.declare.RestTableDef;
import io.saasql.core.declare.SqlValues;
import io.saasql.core.http.SaasApiException;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Reads the projected columns of one API object into a Calcite row (internal values, see
 * {@link SqlValues}). A column whose JSON path is {@code @} takes the value of the route's path
 * variable where the object was read (the repository slug of
 * {@code /repositories/acme/api/issues}), as the object itself states it when the path variable
 * declares an echo ({@link Pushdown.PathVariable#echo()}: the text after the last {@code /} of
 * {@code repository.full_name}), never the value the query put in the path.
 */
final class RowReader {
  /** The JSON path that stands for the route's path-variable value. */
  static final String PATH_VARIABLE = "@";

  private final ColumnDef[] columns;
  private final JsonPointer[] pointers;
  /** Where each row states its path value ({@link Pushdown.PathVariable#echo()}), or null. */
  private final JsonPointer echo;

  RowReader(RestTableDef table, int[] projects) {
    int n = projects == null ? table.columns().size() : projects.length;
    String echoPath = table.pushdowns().stream()
        .filter(p -> p instanceof Pushdown.PathVariable)
        .map(p -> ((Pushdown.PathVariable) p).echo())
        .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    echo = echoPath == null ? null : pointer(echoPath);
    columns = new ColumnDef[n];
    pointers = new JsonPointer[n];
    for (int i = 0; i < n; i++) {
      ColumnDef c = table.columns().get(projects == null ? i : projects[i]);
      columns[i] = c;
      pointers[i] = c.jsonPath().equals(PATH_VARIABLE) ? null : pointer(c.jsonPath());
    }
  }

  private static JsonPointer pointer(String dotted) {
    return JsonPointer.compile("/" + dotted.replace(".", "/"));
  }

  /** Whether rows state their path value (the table's path variable has an echo). */
  boolean hasEcho() {
    return echo != null;
  }

  /**
   * The path value a row states (the text after the last {@code /} at the echo), or null when
   * it states none.
   */
  String statedPathValue(JsonNode object) {
    JsonNode node = echo == null ? null : object.at(echo);
    if (node == null || !node.isTextual()) {
      return null;
    }
    String text = node.asText();
    return text.substring(text.lastIndexOf('/') + 1);
  }

  Object[] read(JsonNode object, String pathValue, String source, String tableName) {
    Object[] row = new Object[columns.length];
    for (int i = 0; i < columns.length; i++) {
      JsonNode node;
      if (pointers[i] != null) {
        node = object.at(pointers[i]);
      } else {
        String value = echo != null ? statedPathValue(object) : pathValue;
        node = value == null ? null : TextNode.valueOf(value);
      }
      try {
        row[i] = SqlValues.fromJson(node, columns[i].type());
      } catch (RuntimeException e) {
        throw new SaasApiException(source, 200, source + "." + tableName + "." + columns[i].name()
            + ": cannot read API value " + node + " as " + columns[i].type() + " (" + e.getMessage()
            + ")", e);
      }
    }
    return row;
  }
}
