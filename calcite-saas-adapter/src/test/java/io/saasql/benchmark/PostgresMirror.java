package io.saasql.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonPointer;
import io.saasql.testing.PostgresCopies;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Copies of the sandboxes' data in Postgres (schema {@value #SCHEMA}), made from the sandboxes' own
 * JSON, so that the benchmark's SQL can also be answered by Postgres alone. Column names are the
 * adapter's column names in lower case, so the same SQL text runs on both sides.
 */
final class PostgresMirror {
  static final String SCHEMA = "bench";

  enum Type {
    INTEGER("integer", Types.INTEGER), BIGINT("bigint", Types.BIGINT),
    DOUBLE("double precision", Types.DOUBLE), TEXT("varchar", Types.VARCHAR),
    BOOLEAN("boolean", Types.BOOLEAN), TIMESTAMP("timestamp", Types.TIMESTAMP),
    DATE("date", Types.DATE);

    final String sql;
    /** The JDBC type its values are written with ({@link PostgresCopies#insert}). */
    final int jdbc;

    Type(String sql, int jdbc) {
      this.sql = sql;
      this.jdbc = jdbc;
    }
  }

  /** A column: its name, type and where its value is in a record (a JSON pointer or a function). */
  record Column(String name, Type type, Function<JsonNode, JsonNode> value) {
    static Column of(String name, Type type, String pointer) {
      JsonPointer p = JsonPointer.compile(pointer);
      return new Column(name, type, n -> n.at(p));
    }
  }

  private PostgresMirror() {}

  /** (Re)creates {@code bench.table} with these columns and rows; {@code key} is indexed. */
  static void load(Connection pg, String table, List<Column> columns, List<? extends JsonNode> rows,
      String key) throws SQLException {
    List<String> defs = new ArrayList<>();
    List<PostgresCopies.Column> copied = new ArrayList<>();
    for (Column c : columns) {
      defs.add(c.name() + " " + c.type().sql);
      copied.add(new PostgresCopies.Column(c.name(), c.type().jdbc, c.value()));
    }
    String qualified = SCHEMA + "." + table;
    try (Statement s = pg.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
      s.execute("DROP TABLE IF EXISTS " + qualified);
      s.execute("CREATE TABLE " + qualified + " (" + String.join(", ", defs) + ")");
    }
    PostgresCopies.insert(pg, qualified, copied, rows);
    try (Statement s = pg.createStatement()) {
      if (key != null) {
        s.execute("CREATE INDEX ON " + qualified + " (" + key + ")");
      }
      s.execute("ANALYZE " + qualified);
    }
  }

  static void drop(Connection pg) throws SQLException {
    try (Statement s = pg.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
  }
}
