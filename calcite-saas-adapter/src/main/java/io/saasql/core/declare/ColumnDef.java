package io.saasql.core.declare;

import org.apache.calcite.sql.type.SqlTypeName;

import java.util.Objects;

/**
 * One column of a REST table: its SQL name and type, and where its value sits in the API's JSON
 * object, as a dotted path ({@code status.id}, {@code assignee.name}). A missing or JSON-null value
 * reads as SQL NULL. How it is filtered and written is declared with it, on the
 * {@link RestTableDef.Builder}.
 *
 * @param name     the SQL column name, as users write it ({@code StatusId})
 * @param type     the SQL type; one of the types {@link SqlValues} knows
 * @param jsonPath dotted path into the API object, or {@code @} for the value of the route's
 *                 path variable (see {@link Pushdown.PathVariable})
 * @param description what the column holds, in one line (the README's reference prints it)
 */
public record ColumnDef(String name, SqlTypeName type, String jsonPath, String description) {
  public ColumnDef {
    Objects.requireNonNull(name);
    Objects.requireNonNull(type);
    Objects.requireNonNull(jsonPath);
    Objects.requireNonNull(description);
    SqlValues.family(type); // fails early on a type the core cannot convert
  }
}
