package io.saasql.testing;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Copies of sandbox data in Postgres, straight from the sandboxes' own JSON (not through the
 * adapter), so that the same SQL can be answered by Postgres alone and compared.
 */
public final class PostgresCopies {
  private PostgresCopies() {}

  /** Backlog issues as table {@code copies.backlog_issues}. */
  public static void backlogIssues(Connection pg, List<? extends JsonNode> issues) throws Exception {
    create(pg, "backlog_issues", "id integer, projectid integer, statusid integer,"
        + " statusname varchar, priorityname varchar, assigneeid integer, created timestamp,"
        + " estimatedhours double precision");
    try (PreparedStatement ps = pg.prepareStatement(
        "INSERT INTO copies.backlog_issues VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (JsonNode i : issues) {
        ps.setInt(1, i.get("id").asInt());
        ps.setInt(2, i.get("projectId").asInt());
        ps.setInt(3, i.at("/status/id").asInt());
        ps.setString(4, i.at("/status/name").asText());
        ps.setString(5, i.at("/priority/name").asText());
        setInt(ps, 6, i.at("/assignee/id"));
        ps.setTimestamp(7, timestamp(i.get("created")));
        if (i.get("estimatedHours").isNull()) {
          ps.setNull(8, Types.DOUBLE);
        } else {
          ps.setDouble(8, i.get("estimatedHours").asDouble());
        }
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Bitbucket issues of some repositories as table {@code copies.bitbucket_issues}. */
  public static void bitbucketIssues(Connection pg, String repoSlug, List<? extends JsonNode> issues,
      boolean create) throws Exception {
    if (create) {
      create(pg, "bitbucket_issues", "reposlug varchar, id integer, title varchar, state varchar,"
          + " kind varchar, priority varchar, assigneeuuid varchar, votes integer,"
          + " createdon timestamp");
    }
    try (PreparedStatement ps = pg.prepareStatement(
        "INSERT INTO copies.bitbucket_issues VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (JsonNode i : issues) {
        ps.setString(1, repoSlug);
        ps.setInt(2, i.get("id").asInt());
        ps.setString(3, i.get("title").asText());
        ps.setString(4, i.get("state").asText());
        ps.setString(5, i.get("kind").asText());
        ps.setString(6, i.get("priority").asText());
        JsonNode assignee = i.at("/assignee/uuid");
        ps.setString(7, assignee.isMissingNode() || assignee.isNull() ? null : assignee.asText());
        ps.setInt(8, i.get("votes").asInt());
        ps.setTimestamp(9, timestamp(i.get("created_on")));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /**
   * A column of a copy: its name (the adapter's column name; Postgres folds it to lower case, so
   * the same SQL text runs on both), its JDBC type and where its value is in a JSON record.
   */
  public record Column(String name, int type, Function<JsonNode, JsonNode> value) {
    /** A column whose value is at a JSON pointer. */
    public static Column of(String name, int type, String pointer) {
      JsonPointer p = JsonPointer.compile(pointer);
      return new Column(name, type, n -> n.at(p));
    }
  }

  /**
   * (Re)creates {@code table} (schema-qualified) with these columns and rows, so that Postgres
   * compares like Calcite over the adapter's rows: text in code-point order ({@code COLLATE
   * "C"}), date-times as their UTC wall clock truncated to milliseconds, missing values NULL.
   */
  public static void load(Connection pg, String table, List<Column> columns,
      List<? extends JsonNode> rows) throws SQLException {
    List<String> defs = new ArrayList<>();
    for (Column c : columns) {
      defs.add(c.name() + " " + sqlType(c.type()));
    }
    try (Statement s = pg.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS " + table.substring(0, table.indexOf('.')));
      s.execute("DROP TABLE IF EXISTS " + table);
      s.execute("CREATE TABLE " + table + " (" + String.join(", ", defs) + ")");
    }
    insert(pg, table, columns, rows);
    try (Statement s = pg.createStatement()) {
      s.execute("ANALYZE " + table);
    }
  }

  /**
   * Inserts the rows into an existing {@code table} whose columns are {@code columns}, in one
   * transaction, in batches; date-times as their UTC wall clock truncated to milliseconds.
   */
  public static void insert(Connection pg, String table, List<Column> columns,
      List<? extends JsonNode> rows) throws SQLException {
    List<String> marks = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      marks.add("?");
    }
    boolean autoCommit = pg.getAutoCommit();
    pg.setAutoCommit(false);
    try (PreparedStatement ps = pg.prepareStatement(
        "INSERT INTO " + table + " VALUES (" + String.join(", ", marks) + ")")) {
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
  }

  private static String sqlType(int type) {
    return switch (type) {
      case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> "integer";
      case Types.BIGINT -> "bigint";
      case Types.DOUBLE, Types.FLOAT, Types.REAL -> "double precision";
      case Types.DECIMAL, Types.NUMERIC -> "numeric";
      case Types.BOOLEAN, Types.BIT -> "boolean";
      case Types.TIMESTAMP -> "timestamp(3)";
      case Types.DATE -> "date";
      default -> "varchar COLLATE \"C\"";
    };
  }

  private static void set(PreparedStatement ps, int i, int type, JsonNode v) throws SQLException {
    if (v == null || v.isMissingNode() || v.isNull()) {
      ps.setNull(i, switch (type) {
        case Types.TIMESTAMP, Types.DATE, Types.INTEGER, Types.BIGINT, Types.DOUBLE,
            Types.BOOLEAN -> type;
        default -> Types.VARCHAR;
      });
      return;
    }
    switch (type) {
      case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> ps.setInt(i, v.asInt());
      case Types.BIGINT -> ps.setLong(i, v.asLong());
      case Types.DOUBLE, Types.FLOAT, Types.REAL -> ps.setDouble(i, v.asDouble());
      case Types.DECIMAL, Types.NUMERIC -> ps.setBigDecimal(i, v.decimalValue());
      case Types.BOOLEAN, Types.BIT -> ps.setBoolean(i, v.asBoolean());
      case Types.TIMESTAMP -> ps.setTimestamp(i, timestamp(v));
      case Types.DATE -> ps.setDate(i, java.sql.Date.valueOf(v.asText().substring(0, 10)));
      default -> ps.setString(i, v.isValueNode() ? v.asText() : v.toString());
    }
  }

  /** Drops the copies. */
  public static void drop(Connection pg) throws Exception {
    try (Statement s = pg.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS copies CASCADE");
    }
  }

  private static void create(Connection pg, String table, String columns) throws Exception {
    try (Statement s = pg.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS copies");
      s.execute("DROP TABLE IF EXISTS copies." + table);
      s.execute("CREATE TABLE copies." + table + " (" + columns + ")");
    }
  }

  private static void setInt(PreparedStatement ps, int i, JsonNode v) throws Exception {
    if (v == null || v.isMissingNode() || v.isNull()) {
      ps.setNull(i, Types.INTEGER);
    } else {
      ps.setInt(i, v.asInt());
    }
  }

  /** An API date-time as the UTC wall clock, truncated to milliseconds like the adapter's view. */
  private static Timestamp timestamp(JsonNode n) {
    String text = n.asText();
    // Salesforce writes offsets as +0000; java.time wants +00:00.
    if (text.matches(".*[+-]\\d{4}$")) {
      text = text.substring(0, text.length() - 2) + ":" + text.substring(text.length() - 2);
    }
    long millis = OffsetDateTime.parse(text).toInstant().toEpochMilli();
    return Timestamp.valueOf(java.time.Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC)
        .toLocalDateTime());
  }

  /** Rows as text, numbers normalised, so that two drivers' types compare. */
  public static List<List<String>> rows(Connection c, String sql) throws Exception {
    List<List<String>> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          Object v = rs.getObject(i);
          if (v instanceof Number n) {
            row.add(new java.math.BigDecimal(n.toString()).stripTrailingZeros().toPlainString());
          } else if (v instanceof Timestamp t) {
            row.add(t.toLocalDateTime().toString());
          } else {
            row.add(v == null ? null : v.toString());
          }
        }
        out.add(row);
      }
    }
    return out;
  }
}
