package io.saasql.mirror;

import io.saasql.cli.ConnectionUrls;
import io.saasql.core.jdbc.RelationsJdbcSchema;
import io.saasql.core.plan.RestTable;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Keeps SaaS tables in Postgres tables of Heroku Connect's shape ({@link MirrorTable}), one cycle
 * at a time: first the changes made in Postgres are sent to the APIs ({@link WriteBack}), then
 * what changed in the sources since the last cycle is read and upserted on the source's key.
 *
 * <p>A table's first cycle copies it whole, up to {@value #BATCH} rows a statement and a
 * transaction; a copy that stops half-way is done again whole by the next cycle, upserting, so it
 * ends without duplicates.
 * Later cycles read only the records whose modstamp is at or after the highest the mirror holds,
 * pushed down as the source's own modified-since filter (SOQL {@code SystemModstamp >=}, Backlog
 * {@code updatedSince}, BBQL {@code updated_on >=}); a table without a modstamp (PingOne's) is read
 * whole each cycle and compared. Records gone from the source are found by comparing keys, on a
 * full read and otherwise every {@code deletesEvery}, and marked {@code isdeleted}. The state
 * table {@value #STATE_TABLE} says, per table, how the last cycle went.
 *
 * <p>The reads and writes go through a {@code jdbc:saasql:} connection on the model, so they
 * are the same requests, rate limits and writers as any SQL query's.
 */
public final class Mirror implements AutoCloseable {
  /** Rows per Postgres transaction of a copy. */
  static final int BATCH = 500;
  /** The state table, in the mirror's Postgres schema. */
  public static final String STATE_TABLE = "_saasql_mirror_state";
  /** Heroku Connect's trigger log, in the mirror's Postgres schema. */
  public static final String TRIGGER_LOG = "_trigger_log";

  private static final java.time.format.DateTimeFormatter HIGH_WATER =
      java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  private final Connection saas;
  private final Connection pg;
  private final String pgSchema;
  private final Duration deletesEvery;
  private final PrintStream progress;
  private final List<MirrorTable> tables = new ArrayList<>();

  private Mirror(Connection saas, Connection pg, String pgSchema, Duration deletesEvery,
      PrintStream progress) {
    this.saas = saas;
    this.pg = pg;
    this.pgSchema = pgSchema;
    this.deletesEvery = deletesEvery;
    this.progress = progress;
  }

  /**
   * Opens a mirror of {@code tableNames} ({@code SOURCE.TABLE}; empty: every SaaS table of the
   * model) into the model's JDBC schema {@code into}, creating what is missing in Postgres.
   */
  public static Mirror open(Path model, String into, List<String> tableNames,
      Duration deletesEvery, PrintStream progress) throws SQLException {
    Connection saas = DriverManager.getConnection(ConnectionUrls.forModel(model));
    Connection pg = null;
    try {
      SchemaPlus target = saas.unwrap(CalciteConnection.class).getRootSchema()
          .getSubSchema(into);
      RelationsJdbcSchema jdbc = target == null ? null
          : target.unwrap(RelationsJdbcSchema.class);
      if (jdbc == null) {
        throw new IllegalArgumentException((target == null ? "No schema " + into + " in "
            + model : "Schema " + into + " is not a JDBC (Postgres) schema")
            + ": --into names the model's Postgres schema the mirror tables go to");
      }
      pg = jdbc.getDataSource().getConnection();
      String pgSchema = jdbc.databaseSchema();
      Mirror mirror = new Mirror(saas, pg, pgSchema == null ? "public" : pgSchema, deletesEvery,
          progress);
      mirror.describe(into, tableNames);
      mirror.createObjects();
      return mirror;
    } catch (SQLException | RuntimeException e) {
      saas.close();
      if (pg != null) {
        pg.close();
      }
      throw e;
    }
  }

  private void describe(String into, List<String> names) throws SQLException {
    SchemaPlus root = saas.unwrap(CalciteConnection.class).getRootSchema();
    List<String[]> wanted = new ArrayList<>();
    if (names.isEmpty()) {
      for (String source : root.getSubSchemaNames()) {
        SchemaPlus s = root.getSubSchema(source);
        if (source.equals(into) || source.equals("saasql") || s == null) {
          continue;
        }
        for (String t : s.getTableNames()) {
          if (s.getTable(t) instanceof RestTable) {
            wanted.add(new String[] {source, t});
          }
        }
      }
    } else {
      for (String n : names) {
        int dot = n.indexOf('.');
        if (dot <= 0 || dot == n.length() - 1) {
          throw new IllegalArgumentException("Table '" + n + "': name it SOURCE.TABLE, e.g."
              + " backlog.Issues");
        }
        wanted.add(new String[] {n.substring(0, dot), n.substring(dot + 1)});
      }
    }
    Set<String> mirrorNames = new HashSet<>();
    for (String[] w : wanted) {
      SchemaPlus s = root.getSubSchema(w[0]);
      Table t = s == null ? null : s.getTable(w[1]);
      if (!(t instanceof RestTable rest)) {
        throw new IllegalArgumentException("No SaaS table " + w[0] + "." + w[1] + " in the"
            + " model: name one as SOURCE.TABLE, e.g. backlog.Issues");
      }
      MirrorTable table = MirrorTable.describe(saas.getMetaData(), w[0], w[1],
          rest.def().writes() != null);
      if (!mirrorNames.add(table.mirrorName())) {
        throw new IllegalArgumentException("Two mirrored tables would be called "
            + table.mirrorName() + " in " + pgSchema + ": mirror them into different schemas");
      }
      tables.add(table);
    }
  }

  List<MirrorTable> tables() {
    return tables;
  }

  private void createObjects() throws SQLException {
    pg.setAutoCommit(false);
    try (Statement st = pg.createStatement()) {
      // The mirror's own writes are not changes to send back.
      st.execute("SELECT set_config('saasql.mirror', 'on', false)");
      String s = '"' + pgSchema + '"';
      st.execute("CREATE SCHEMA IF NOT EXISTS " + s);
      st.execute("CREATE TABLE IF NOT EXISTS " + s + "." + STATE_TABLE + " (table_name text"
          + " PRIMARY KEY, source_table text NOT NULL, mode text, copy_complete boolean NOT NULL"
          + " DEFAULT false, high_water timestamp, last_cycle_at timestamp, last_delete_check"
          + " timestamp, rows_inserted bigint, rows_updated bigint, rows_deleted bigint,"
          + " api_calls bigint, changes_sent bigint, last_error text)");
      st.execute("CREATE TABLE IF NOT EXISTS " + s + "." + TRIGGER_LOG + " (id bigserial PRIMARY"
          + " KEY, txid bigint, created_at timestamp DEFAULT now(), updated_at timestamp DEFAULT"
          + " now(), processed_at timestamp, processed_tx bigint, state varchar(8) NOT NULL"
          + " DEFAULT 'NEW', action varchar(7) NOT NULL, table_name varchar(128) NOT NULL,"
          + " record_id integer NOT NULL, sfid varchar(255), old jsonb, \"values\" jsonb,"
          + " sf_result integer, sf_message text)");
      st.execute("CREATE OR REPLACE FUNCTION " + s + ".saasql_read_only() RETURNS trigger"
          + " LANGUAGE plpgsql AS $$ BEGIN"
          + " IF current_setting('saasql.mirror', true) = 'on' THEN"
          + "   IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END IF;"
          + " RAISE EXCEPTION 'saasql mirror: % is a mirror of %, which its API does not let"
          + " anyone write: change it in the source', TG_TABLE_NAME, TG_ARGV[0]"
          + " USING ERRCODE = 'read_only_sql_transaction'; END $$");
      st.execute("CREATE OR REPLACE FUNCTION " + s + ".saasql_log_change() RETURNS trigger"
          + " LANGUAGE plpgsql AS $$ BEGIN"
          + " IF current_setting('saasql.mirror', true) = 'on' THEN"
          + "   IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END IF;"
          + " IF TG_OP = 'DELETE' THEN"
          + "   INSERT INTO " + s + "." + TRIGGER_LOG + " (txid, action, table_name, record_id,"
          + "   old) VALUES (txid_current(), 'DELETE', TG_TABLE_NAME, OLD.id, to_jsonb(OLD));"
          + "   RETURN OLD; END IF;"
          + " NEW._hc_lastop := 'PENDING'; NEW._hc_err := NULL;"
          + " INSERT INTO " + s + "." + TRIGGER_LOG + " (txid, action, table_name, record_id, old,"
          + " \"values\") VALUES (txid_current(), TG_OP, TG_TABLE_NAME, NEW.id,"
          + " CASE WHEN TG_OP = 'UPDATE' THEN to_jsonb(OLD) END, to_jsonb(NEW));"
          + " RETURN NEW; END $$");
      for (int i = 0; i < tables.size(); i++) {
        MirrorTable t = tables.get(i);
        for (String ddl : t.createStatements(pgSchema)) {
          st.execute(ddl);
        }
        for (String column : MirrorTable.BOOKKEEPING_DDL) {
          st.execute("ALTER TABLE " + t.qualified(pgSchema) + " ADD COLUMN IF NOT EXISTS "
              + column);
        }
        t = t.within(existingColumns(t));
        tables.set(i, t);
        try (PreparedStatement ps = pg.prepareStatement("INSERT INTO " + s + "." + STATE_TABLE
            + " (table_name, source_table, mode) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
          ps.setString(1, t.mirrorName());
          ps.setString(2, t.source() + "." + t.table());
          ps.setString(3, t.modstamp() == null ? "full comparison"
              : "incremental by " + t.modstamp().name());
          ps.executeUpdate();
        }
      }
      pg.commit();
    } catch (SQLException e) {
      pg.rollback();
      throw e;
    }
  }

  private Set<String> existingColumns(MirrorTable t) throws SQLException {
    Set<String> names = new HashSet<>();
    try (ResultSet rs = pg.getMetaData().getColumns(null, pgSchema, t.mirrorName(), null)) {
      while (rs.next()) {
        names.add(rs.getString("COLUMN_NAME"));
      }
    }
    return names;
  }

  /** What one cycle did to one table. */
  public record TableCycle(String table, long inserted, long updated, long deleted, long sent,
      long apiCalls, String error) {
    @Override public String toString() {
      return table + ": " + inserted + " inserted, " + updated + " updated, " + deleted
          + " deleted, " + sent + " changes sent, " + apiCalls + " API calls"
          + (error == null ? "" : "; FAILED: " + error);
    }
  }

  /** Runs one cycle over every mirrored table; a table's failure is recorded, not thrown. */
  public List<TableCycle> cycle() throws SQLException {
    List<TableCycle> out = new ArrayList<>();
    WriteBack writeBack = new WriteBack(saas, pg, pgSchema);
    writeBack.markInterrupted();
    for (MirrorTable t : tables) {
      out.add(cycle(t, writeBack));
    }
    return out;
  }

  private TableCycle cycle(MirrorTable t, WriteBack writeBack) throws SQLException {
    long before = apiCalls(t.source());
    long[] counts = new long[3];
    long sent = 0;
    String error = null;
    try {
      sent = writeBack.send(t);
      pull(t, counts);
    } catch (SQLException | RuntimeException e) {
      pg.rollback();
      error = e.getMessage();
    }
    long calls = apiCalls(t.source()) - before;
    try (PreparedStatement ps = pg.prepareStatement("UPDATE \"" + pgSchema + "\"." + STATE_TABLE
        + " SET last_cycle_at = now(), rows_inserted = ?, rows_updated = ?, rows_deleted = ?,"
        + " api_calls = ?, changes_sent = ?, last_error = ? WHERE table_name = ?")) {
      ps.setLong(1, counts[0]);
      ps.setLong(2, counts[1]);
      ps.setLong(3, counts[2]);
      ps.setLong(4, calls);
      ps.setLong(5, sent);
      ps.setString(6, error);
      ps.setString(7, t.mirrorName());
      ps.executeUpdate();
      pg.commit();
    }
    return new TableCycle(t.source() + "." + t.table(), counts[0], counts[1], counts[2], sent,
        calls, error);
  }

  private long apiCalls(String source) throws SQLException {
    try (PreparedStatement ps = saas.prepareStatement(
        "SELECT REQUESTS FROM saasql.API_USAGE WHERE SOURCE = ?")) {
      ps.setString(1, source);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  /** Reads what changed in the source (or all of it) and upserts it; marks deleted records. */
  private void pull(MirrorTable t, long[] counts) throws SQLException {
    String state = "\"" + pgSchema + "\"." + STATE_TABLE;
    boolean copied;
    Timestamp highWater;
    Timestamp lastDeleteCheck;
    try (PreparedStatement ps = pg.prepareStatement("SELECT copy_complete, high_water,"
        + " last_delete_check FROM " + state + " WHERE table_name = ?")) {
      ps.setString(1, t.mirrorName());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        copied = rs.getBoolean(1);
        highWater = rs.getTimestamp(2);
        lastDeleteCheck = rs.getTimestamp(3);
      }
    }
    boolean whole = !copied || t.modstamp() == null || highWater == null;
    List<String> select = new ArrayList<>();
    t.upsertColumns().forEach(c -> select.add(c.sourceQuoted()));
    select.add(t.modstamp() == null ? "CAST(NULL AS TIMESTAMP)" : t.modstamp().sourceQuoted());
    String sql = "SELECT " + String.join(", ", select) + " FROM " + t.sourceQualified()
        // The high-water mark as a literal of whole seconds, which every API's filter takes
        // exactly (SOQL has no fractions of a second): a filter the planner always pushes.
        + (whole ? "" : " WHERE " + t.modstamp().sourceQuoted() + " >= TIMESTAMP '"
            + HIGH_WATER.format(highWater.toLocalDateTime()) + "'");
    Set<List<Object>> seen = whole ? new HashSet<>() : null;
    Timestamp newHighWater = highWater;
    Instant start = Instant.now();
    Instant lastLine = start;
    long rows = 0;
    List<MirrorTable.Column> columns = t.upsertColumns();
    int[] keyPositions = t.keyColumns().stream().mapToInt(k -> columns.indexOf(k) + 1).toArray();
    int perStatement = t.rowsPerUpsert();
    // Rows waiting to be written, by key: a key read twice (offset pages of a listing that
    // changed while it was read) is written once, as last read.
    Map<List<Object>, Object[]> pending = new LinkedHashMap<>();
    try (PreparedStatement read = saas.prepareStatement(sql);
         PreparedStatement upsert = pg.prepareStatement(t.upsertSql(pgSchema, perStatement))) {
      try (ResultSet rs = read.executeQuery()) {
        while (rs.next()) {
          Object[] values = new Object[columns.size() + 1];
          for (int i = 0; i < columns.size(); i++) {
            values[i] = rs.getObject(i + 1);
          }
          Timestamp modstamp = rs.getTimestamp(columns.size() + 1);
          values[columns.size()] = modstamp;
          if (modstamp != null && (newHighWater == null || modstamp.after(newHighWater))) {
            newHighWater = modstamp;
          }
          List<Object> key = key(rs, keyPositions);
          if (seen != null) {
            seen.add(key);
          }
          pending.remove(key);
          pending.put(key, values);
          rows++;
          if (pending.size() == perStatement) {
            write(upsert, pending.values(), counts);
            pending.clear();
            pg.commit();
            Instant now = Instant.now();
            if (Duration.between(lastLine, now).toMillis() >= 2000) {
              progress(t, rows, start, now);
              lastLine = now;
            }
          }
        }
      }
      if (!pending.isEmpty()) {
        try (PreparedStatement last = pg.prepareStatement(t.upsertSql(pgSchema,
            pending.size()))) {
          write(last, pending.values(), counts);
        }
      }
    }
    if (!whole && deletesEvery != null && (lastDeleteCheck == null || lastDeleteCheck.toInstant()
        .plus(deletesEvery).isBefore(Instant.now().plusMillis(1)))) {
      seen = sourceKeys(t);
    }
    if (seen != null) {
      counts[2] = markDeleted(t, seen);
    }
    try (PreparedStatement ps = pg.prepareStatement("UPDATE " + state + " SET copy_complete ="
        + " true, high_water = ?" + (seen != null ? ", last_delete_check = now()" : "")
        + " WHERE table_name = ?")) {
      ps.setTimestamp(1, newHighWater);
      ps.setString(2, t.mirrorName());
      ps.executeUpdate();
    }
    pg.commit();
    if (whole && rows >= BATCH) {
      progress(t, rows, start, Instant.now());
    }
  }

  /** One upsert of several rows; counts the rows inserted and updated. */
  private static void write(PreparedStatement upsert, java.util.Collection<Object[]> rows,
      long[] counts) throws SQLException {
    int i = 1;
    for (Object[] values : rows) {
      for (Object v : values) {
        if (v instanceof Timestamp ts) {
          upsert.setTimestamp(i++, ts);
        } else {
          upsert.setObject(i++, v);
        }
      }
    }
    try (ResultSet r = upsert.executeQuery()) {
      while (r.next()) {
        counts[r.getBoolean(1) ? 0 : 1]++;
      }
    }
  }

  private void progress(MirrorTable t, long rows, Instant start, Instant now) {
    double seconds = Math.max(0.001, Duration.between(start, now).toMillis() / 1000.0);
    progress.printf(Locale.ROOT, "%s.%s: %,d rows, %,.0f rows/s%n", t.source(), t.table(), rows,
        rows / seconds);
  }

  /**
   * A record's key, from the columns at these positions, as text: the same key read from the
   * source and from Postgres compares equal whatever types the two drivers return.
   */
  private static List<Object> key(ResultSet rs, int[] positions) throws SQLException {
    List<Object> key = new ArrayList<>(positions.length);
    for (int p : positions) {
      key.add(String.valueOf(rs.getObject(p)));
    }
    return key;
  }

  /** The source's keys, read alone (a listing of the key columns only). */
  private Set<List<Object>> sourceKeys(MirrorTable t) throws SQLException {
    Set<List<Object>> keys = new HashSet<>();
    List<String> names = t.keyColumns().stream().map(MirrorTable.Column::sourceQuoted).toList();
    try (Statement st = saas.createStatement();
         ResultSet rs = st.executeQuery("SELECT " + String.join(", ", names) + " FROM "
             + t.sourceQualified())) {
      int[] positions = java.util.stream.IntStream.rangeClosed(1, names.size()).toArray();
      while (rs.next()) {
        keys.add(key(rs, positions));
      }
    }
    return keys;
  }

  /** Marks {@code isdeleted} the synced rows whose key the source no longer has. */
  private long markDeleted(MirrorTable t, Set<List<Object>> present) throws SQLException {
    List<MirrorTable.Column> keys = t.keyColumns();
    List<Integer> gone = new ArrayList<>();
    try (Statement st = pg.createStatement();
         ResultSet rs = st.executeQuery("SELECT id, " + String.join(", ",
             keys.stream().map(MirrorTable.Column::quoted).toList()) + " FROM "
             + t.qualified(pgSchema) + " WHERE isdeleted IS NOT TRUE AND " + keys.get(0).quoted()
             + " IS NOT NULL")) {
      int[] positions = java.util.stream.IntStream.rangeClosed(2, keys.size() + 1).toArray();
      while (rs.next()) {
        if (!present.contains(key(rs, positions))) {
          gone.add(rs.getInt(1));
        }
      }
    }
    try (PreparedStatement ps = pg.prepareStatement("UPDATE " + t.qualified(pgSchema)
        + " SET isdeleted = true, _hc_lastop = 'SYNCED' WHERE id = ?")) {
      for (int id : gone) {
        ps.setInt(1, id);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    return gone.size();
  }

  @Override public void close() throws SQLException {
    try {
      saas.close();
    } finally {
      pg.close();
    }
  }
}
