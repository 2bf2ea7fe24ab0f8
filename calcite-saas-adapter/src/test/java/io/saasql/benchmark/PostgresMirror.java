package io.saasql.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonPointer;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
    INTEGER("integer"), BIGINT("bigint"), DOUBLE("double precision"), TEXT("varchar"),
    BOOLEAN("boolean"), TIMESTAMP("timestamp"), DATE("date");

    final String sql;

    Type(String sql) {
      this.sql = sql;
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
    List<String> marks = new ArrayList<>();
    for (Column c : columns) {
      defs.add(c.name() + " " + c.type().sql);
      marks.add("?");
    }
    String qualified = SCHEMA + "." + table;
    try (Statement s = pg.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
      s.execute("DROP TABLE IF EXISTS " + qualified);
      s.execute("CREATE TABLE " + qualified + " (" + String.join(", ", defs) + ")");
    }
    boolean autoCommit = pg.getAutoCommit();
    pg.setAutoCommit(false);
    try (PreparedStatement ps = pg.prepareStatement(
        "INSERT INTO " + qualified + " VALUES (" + String.join(", ", marks) + ")")) {
      int n = 0;
      for (JsonNode row : rows) {
        for (int i = 0; i < columns.size(); i++) {
          set(ps, i + 1, columns.get(i).type(), columns.get(i).value().apply(row));
        }
        ps.addBatch();
        if (++n % 5000 == 0) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
      pg.commit();
    } finally {
      pg.setAutoCommit(autoCommit);
    }
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

  private static void set(PreparedStatement ps, int i, Type type, JsonNode v) throws SQLException {
    if (v == null || v.isMissingNode() || v.isNull()) {
      ps.setNull(i, switch (type) {
        case INTEGER -> Types.INTEGER;
        case BIGINT -> Types.BIGINT;
        case DOUBLE -> Types.DOUBLE;
        case TEXT -> Types.VARCHAR;
        case BOOLEAN -> Types.BOOLEAN;
        case TIMESTAMP -> Types.TIMESTAMP;
        case DATE -> Types.DATE;
      });
      return;
    }
    switch (type) {
      case INTEGER -> ps.setInt(i, v.asInt());
      case BIGINT -> ps.setLong(i, v.asLong());
      case DOUBLE -> ps.setDouble(i, v.asDouble());
      case TEXT -> ps.setString(i, v.asText());
      case BOOLEAN -> ps.setBoolean(i, v.asBoolean());
      case TIMESTAMP -> ps.setTimestamp(i, timestamp(v.asText()));
      case DATE -> ps.setDate(i, Date.valueOf(LocalDate.parse(v.asText().substring(0, 10))));
    }
  }

  /** An API date-time as its UTC wall clock, to the millisecond (what the adapter returns). */
  static Timestamp timestamp(String text) {
    // Salesforce writes offsets as +0000; java.time wants +00:00.
    String iso = text.matches(".*[+-]\\d{4}$")
        ? text.substring(0, text.length() - 2) + ":" + text.substring(text.length() - 2) : text;
    Instant instant = OffsetDateTime.parse(iso).toInstant();
    long millis = instant.toEpochMilli();
    return Timestamp.valueOf(Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC).toLocalDateTime());
  }
}
