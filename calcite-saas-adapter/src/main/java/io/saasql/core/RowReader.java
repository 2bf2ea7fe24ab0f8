package io.saasql.core;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the projected columns of one API object into a Calcite row (internal values, see
 * {@link SqlValues}).
 */
final class RowReader {
  private final ColumnDef[] columns;
  private final JsonPointer[] pointers;

  RowReader(RestTableDef table, int[] projects) {
    int n = projects == null ? table.columns().size() : projects.length;
    columns = new ColumnDef[n];
    pointers = new JsonPointer[n];
    for (int i = 0; i < n; i++) {
      ColumnDef c = table.columns().get(projects == null ? i : projects[i]);
      columns[i] = c;
      pointers[i] = JsonPointer.compile("/" + c.jsonPath().replace(".", "/"));
    }
  }

  Object[] read(JsonNode object, String source, String tableName) {
    Object[] row = new Object[columns.length];
    for (int i = 0; i < columns.length; i++) {
      JsonNode node = object.at(pointers[i]);
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
