package io.saasql.core;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Reads the projected columns of one API object into a Calcite row (internal values, see
 * {@link SqlValues}). A column whose JSON path is {@code @} takes the value of the route's path
 * variable where the object was read (the repository slug of
 * {@code /repositories/acme/api/issues}).
 */
final class RowReader {
  /** The JSON path that stands for the route's path-variable value. */
  static final String PATH_VARIABLE = "@";

  private final ColumnDef[] columns;
  private final JsonPointer[] pointers;

  RowReader(RestTableDef table, int[] projects) {
    int n = projects == null ? table.columns().size() : projects.length;
    columns = new ColumnDef[n];
    pointers = new JsonPointer[n];
    for (int i = 0; i < n; i++) {
      ColumnDef c = table.columns().get(projects == null ? i : projects[i]);
      columns[i] = c;
      pointers[i] = c.jsonPath().equals(PATH_VARIABLE) ? null
          : JsonPointer.compile("/" + c.jsonPath().replace(".", "/"));
    }
  }

  Object[] read(JsonNode object, String pathValue, String source, String tableName) {
    Object[] row = new Object[columns.length];
    for (int i = 0; i < columns.length; i++) {
      JsonNode node = pointers[i] == null
          ? (pathValue == null ? null : TextNode.valueOf(pathValue)) : object.at(pointers[i]);
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
