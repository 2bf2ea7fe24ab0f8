package io.saasql.mirror;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One SaaS table and its Postgres mirror in Heroku Connect's shape: the source's columns in lower
 * case with Postgres types, the source's key (Salesforce's {@code Id} as {@code sfid}, another
 * source's {@code Id} as {@code <schema>_id}, since {@code id} is the mirror's own serial), and
 * the bookkeeping columns {@code id}, {@code systemmodstamp}, {@code isdeleted},
 * {@code _hc_lastop} and {@code _hc_err}.
 *
 * @param source     the SaaS schema, as the model names it
 * @param table      the SaaS table, as the schema names it
 * @param mirrorName the Postgres table's name: the SaaS table's, in lower case
 * @param columns    the mirrored columns, in the source's order
 * @param modstamp   the source column that says when a record last changed (Salesforce's
 *                   {@code SystemModstamp}, Backlog's {@code Updated}, Bitbucket's
 *                   {@code UpdatedOn}); null when the table has none, and each cycle compares
 *                   the whole table
 * @param writable   whether the source takes INSERT, UPDATE and DELETE on the table
 */
record MirrorTable(String source, String table, String mirrorName, List<Column> columns,
    Column modstamp, boolean writable) {

  /** Source columns that say when a record last changed, in order of preference. */
  private static final List<String> MODSTAMPS =
      List.of("SystemModstamp", "Updated", "UpdatedOn", "UpdatedAt", "LastModifiedDate");

  /** The bookkeeping columns; a source column of the same name is stored in it. */
  static final Set<String> BOOKKEEPING =
      Set.of("id", "systemmodstamp", "isdeleted", "_hc_lastop", "_hc_err");

  /**
   * A mirrored column.
   *
   * @param name     the source's name
   * @param pgName   the mirror's name
   * @param sqlType  its {@link Types} code
   * @param pgType   its Postgres type
   * @param key      whether it is (part of) the source's key
   * @param settable  whether a write may set it (the API computes the others)
   */
  record Column(String name, String pgName, int sqlType, String pgType, boolean key,
      boolean settable) {
    String quoted() {
      return '"' + pgName + '"';
    }

    String sourceQuoted() {
      return '"' + name.replace("\"", "\"\"") + '"';
    }
  }

  /** Reads a SaaS table's columns and key from a {@code jdbc:saasql:} connection's metadata. */
  static MirrorTable describe(DatabaseMetaData meta, String source, String table,
      boolean writable) throws SQLException {
    List<String> keys = new ArrayList<>();
    try (ResultSet rs = meta.getPrimaryKeys(null, source, table)) {
      while (rs.next()) {
        keys.add(rs.getString("COLUMN_NAME"));
      }
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException(source + "." + table + " has no key: a mirror upserts"
          + " on the source's key, so only tables with one can be mirrored");
    }
    List<Column> columns = new ArrayList<>();
    try (ResultSet rs = meta.getColumns(null, source, table, null)) {
      while (rs.next()) {
        String name = rs.getString("COLUMN_NAME");
        int type = rs.getInt("DATA_TYPE");
        boolean key = keys.contains(name);
        boolean settable = !"YES".equals(rs.getString("IS_GENERATEDCOLUMN"));
        columns.add(new Column(name, pgName(source, name), type, pgType(type), key, settable));
      }
    }
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("No table " + source + "." + table
          + " in the model: name one of its SaaS tables as SOURCE.TABLE");
    }
    Column modstamp = null;
    for (String candidate : MODSTAMPS) {
      for (Column c : columns) {
        if (modstamp == null && c.name().equalsIgnoreCase(candidate)
            && (c.sqlType() == Types.TIMESTAMP || c.sqlType() == Types.TIMESTAMP_WITH_TIMEZONE)) {
          modstamp = c;
        }
      }
    }
    return new MirrorTable(source, table, table.toLowerCase(Locale.ROOT), List.copyOf(columns),
        modstamp, writable);
  }

  private static String pgName(String source, String column) {
    String lower = column.toLowerCase(Locale.ROOT);
    if (lower.equals("id")) {
      return source.equalsIgnoreCase("salesforce") ? "sfid"
          : source.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_") + "_id";
    }
    return lower;
  }

  private static String pgType(int sqlType) {
    return switch (sqlType) {
      case Types.BOOLEAN, Types.BIT -> "boolean";
      case Types.TINYINT, Types.SMALLINT -> "smallint";
      case Types.INTEGER -> "integer";
      case Types.BIGINT -> "bigint";
      case Types.REAL, Types.FLOAT -> "real";
      case Types.DOUBLE -> "double precision";
      case Types.DECIMAL, Types.NUMERIC -> "numeric";
      case Types.DATE -> "date";
      case Types.TIME -> "time";
      case Types.TIMESTAMP -> "timestamp";
      case Types.TIMESTAMP_WITH_TIMEZONE -> "timestamptz";
      default -> "text";
    };
  }

  /**
   * This mirror of a Postgres table that existed before (a Heroku Connect mapping, say): its
   * columns alone are mirrored; the source's key must be one of them.
   */
  MirrorTable within(Set<String> existing) {
    for (Column k : keyColumns()) {
      if (!existing.contains(k.pgName())) {
        throw new IllegalArgumentException("The table " + mirrorName + " exists without the"
            + " column " + k.pgName() + " that holds " + source + "." + table + "'s key "
            + k.name() + ": add it, or mirror into another schema");
      }
    }
    return new MirrorTable(source, table, mirrorName,
        columns.stream().filter(c -> existing.contains(c.pgName())).toList(), modstamp,
        writable);
  }

  /** Bookkeeping columns a table that existed before may lack. */
  static final List<String> BOOKKEEPING_DDL = List.of("systemmodstamp timestamp",
      "isdeleted boolean DEFAULT false", "_hc_lastop varchar(32)", "_hc_err text");

  String qualified(String pgSchema) {
    return '"' + pgSchema + "\".\"" + mirrorName + '"';
  }

  String sourceQualified() {
    return '"' + source + "\".\"" + table + '"';
  }

  List<Column> keyColumns() {
    return columns.stream().filter(Column::key).toList();
  }

  /**
   * The mirrored columns besides the bookkeeping ones they may fill: the columns of
   * {@link #upsertSql}'s parameters, in order (the modstamp after them).
   */
  List<Column> upsertColumns() {
    return columns.stream().filter(c -> !BOOKKEEPING.contains(c.pgName())).toList();
  }

  /** The statements that create the mirror table, its indexes and (writable) its triggers. */
  List<String> createStatements(String pgSchema) {
    String q = qualified(pgSchema);
    StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(q)
        .append(" (id serial PRIMARY KEY");
    for (Column c : upsertColumns()) {
      ddl.append(", ").append(c.quoted()).append(' ').append(c.pgType());
    }
    BOOKKEEPING_DDL.forEach(c -> ddl.append(", ").append(c));
    ddl.append(')');
    List<String> out = new ArrayList<>();
    out.add(ddl.toString());
    String keyList = keyColumns().stream().map(Column::quoted).collect(Collectors.joining(", "));
    out.add("CREATE UNIQUE INDEX IF NOT EXISTS \"" + mirrorName + "_source_key\" ON " + q + " ("
        + keyList + ")");
    out.add("CREATE INDEX IF NOT EXISTS \"" + mirrorName + "_systemmodstamp\" ON " + q
        + " (systemmodstamp)");
    // Changes to a writable table are logged to be sent; a read-only one refuses them.
    out.add("DROP TRIGGER IF EXISTS \"" + mirrorName + "_logger\" ON " + q);
    out.add("CREATE TRIGGER \"" + mirrorName + "_logger\" BEFORE INSERT OR UPDATE OR DELETE ON "
        + q + " FOR EACH ROW EXECUTE FUNCTION \"" + pgSchema + "\"."
        + (writable ? "saasql_log_change()"
            : "saasql_read_only('" + (source + "." + table).replace("'", "''") + "')"));
    return out;
  }

  /**
   * {@code INSERT … ON CONFLICT (key) DO UPDATE}: {@code rows} source rows (of distinct keys)
   * into the mirror, as synced, not deleted; returns, per row written, whether it was new
   * ({@code xmax = 0}); a row the source did not change is not written.
   */
  String upsertSql(String pgSchema, int rows) {
    List<Column> own = upsertColumns();
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(qualified(pgSchema))
        .append(" AS m (");
    List<String> names = new ArrayList<>();
    own.forEach(c -> names.add(c.quoted()));
    names.add("systemmodstamp");
    names.add("isdeleted");
    names.add("_hc_lastop");
    names.add("_hc_err");
    sql.append(String.join(", ", names)).append(") VALUES ");
    String row = "(" + "?, ".repeat(own.size() + 1) + "false, 'SYNCED', NULL)";
    sql.append(String.join(", ", java.util.Collections.nCopies(rows, row))).append(" ON CONFLICT (")
        .append(keyColumns().stream().map(Column::quoted).collect(Collectors.joining(", ")))
        .append(") DO UPDATE SET ");
    List<String> sets = new ArrayList<>();
    for (String n : names) {
      sets.add(n + " = EXCLUDED." + n);
    }
    // A row the source did not change is left alone, and not counted as updated.
    sql.append(String.join(", ", sets)).append(" WHERE (")
        .append(names.stream().map(x -> "m." + x).collect(Collectors.joining(", ")))
        .append(") IS DISTINCT FROM (")
        .append(names.stream().map(x -> "EXCLUDED." + x).collect(Collectors.joining(", ")))
        .append(") RETURNING (xmax = 0)");
    return sql.toString();
  }

  /** Rows per upsert statement: up to {@link Mirror#BATCH}, within 32,767 parameters. */
  int rowsPerUpsert() {
    return Math.max(1, Math.min(Mirror.BATCH, 32_000 / (upsertColumns().size() + 1)));
  }

}
