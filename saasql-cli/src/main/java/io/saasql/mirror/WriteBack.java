package io.saasql.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends the changes Postgres clients made to mirror tables, as the trigger recorded them in
 * {@value Mirror#TRIGGER_LOG}, to the APIs through the same SQL writers as any INSERT, UPDATE or
 * DELETE, oldest first. Exactly once: a change is marked {@code SENDING} (committed) before it
 * is sent, so one whose outcome a crash left unknown is reported ({@code UNKNOWN}), never sent
 * again; an outcome the writer itself could not learn is reported the same way. A change the API
 * refuses is {@code FAILED} with the API's message, in the log's {@code sf_message} and the row's
 * {@code _hc_err}; the row's {@code _hc_lastop} says {@code SYNCED} or {@code FAILED}.
 *
 * <p>An UPDATE sends only the columns it changed, so a column changed in the source and not in
 * Postgres keeps the source's value; one changed on both sides takes Postgres's, since the
 * changes are sent before the cycle reads the source.
 */
final class WriteBack {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Connection saas;
  private final Connection pg;
  private final String log;
  private final String pgSchema;

  WriteBack(Connection saas, Connection pg, String pgSchema) {
    this.saas = saas;
    this.pg = pg;
    this.pgSchema = pgSchema;
    this.log = '"' + pgSchema + "\"." + Mirror.TRIGGER_LOG;
  }

  /** Changes a stopped mirror was sending: their outcome is unknown; they are not resent. */
  void markInterrupted() throws SQLException {
    try (PreparedStatement ps = pg.prepareStatement("UPDATE " + log + " SET state = 'UNKNOWN',"
        + " updated_at = now(), processed_at = now(), sf_message = 'The mirror stopped while"
        + " sending this change: whether the API applied it is unknown. Check the record in the"
        + " source; the change is not sent again.' WHERE state = 'SENDING'")) {
      ps.executeUpdate();
    }
    pg.commit();
  }

  /** Sends the table's new changes; returns how many were sent (applied or refused). */
  long send(MirrorTable t) throws SQLException {
    if (!t.writable()) {
      return 0;
    }
    record Change(long id, String action, int recordId, JsonNode old, JsonNode values,
        String sfid) {}
    List<Change> changes = new ArrayList<>();
    try (PreparedStatement ps = pg.prepareStatement("SELECT id, action, record_id, old,"
        + " \"values\", sfid FROM " + log
        + " WHERE state = 'NEW' AND table_name = ? ORDER BY id")) {
      ps.setString(1, t.mirrorName());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          changes.add(new Change(rs.getLong(1), rs.getString(2), rs.getInt(3),
              fields(rs.getString(4)), fields(rs.getString(5)), rs.getString(6)));
        }
      }
    }
    long sent = 0;
    for (Change c : changes) {
      setState(c.id(), "SENDING", null, null);
      pg.commit();
      try {
        int count = switch (c.action()) {
          case "INSERT" -> insert(t, c.recordId(), c.values());
          case "UPDATE" -> update(t, withKey(t, c.old(), c.sfid()), c.values());
          default -> delete(t, withKey(t, c.old(), c.sfid()));
        };
        if (count == 0 && !c.action().equals("INSERT")) {
          fail(t, c.id(), c.recordId(), "FAILED", "The record is no longer in the source");
        } else {
          setState(c.id(), "SUCCESS", count, null);
          rowState(t, c.recordId(), "SYNCED", null);
        }
      } catch (SQLException e) {
        boolean unknown = causes(e, io.saasql.core.http.WriteOutcomeUnknownException.class);
        fail(t, c.id(), c.recordId(), unknown ? "UNKNOWN" : "FAILED", e.getMessage());
      }
      pg.commit();
      sent++;
    }
    return sent;
  }

  private static boolean causes(Throwable e, Class<?> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private void fail(MirrorTable t, long id, int recordId, String state, String message)
      throws SQLException {
    setState(id, state, null, message);
    rowState(t, recordId, "FAILED", message);
  }

  private void setState(long id, String state, Integer result, String message)
      throws SQLException {
    try (PreparedStatement ps = pg.prepareStatement("UPDATE " + log + " SET state = ?,"
        + " updated_at = now(), sf_result = ?, sf_message = ?, processed_at = CASE WHEN ?"
        + " THEN now() END, processed_tx = CASE WHEN ? THEN txid_current() END WHERE id = ?")) {
      boolean done = !state.equals("SENDING");
      ps.setString(1, state);
      ps.setObject(2, result, Types.INTEGER);
      ps.setString(3, message);
      ps.setBoolean(4, done);
      ps.setBoolean(5, done);
      ps.setLong(6, id);
      ps.executeUpdate();
    }
  }

  private void rowState(MirrorTable t, int recordId, String lastOp, String error)
      throws SQLException {
    try (PreparedStatement ps = pg.prepareStatement("UPDATE " + t.qualified(pgSchema)
        + " SET _hc_lastop = ?, _hc_err = ? WHERE id = ?")) {
      ps.setString(1, lastOp);
      ps.setString(2, error);
      ps.setInt(3, recordId);
      ps.executeUpdate();
    }
  }

  private int insert(MirrorTable t, int recordId, JsonNode values) throws SQLException {
    List<MirrorTable.Column> set = new ArrayList<>();
    for (MirrorTable.Column c : t.upsertColumns()) {
      if (c.settable() && !c.key() && !values.path(c.pgName()).isNull()
          && !values.path(c.pgName()).isMissingNode()) {
        set.add(c);
      }
    }
    String sql = "INSERT INTO " + t.sourceQualified() + " ("
        + String.join(", ", set.stream().map(MirrorTable.Column::sourceQuoted).toList())
        + ") VALUES (" + String.join(", ", set.stream().map(c -> "?").toList()) + ")";
    try (PreparedStatement ps = saas.prepareStatement(sql)) {
      for (int i = 0; i < set.size(); i++) {
        bind(ps, i + 1, set.get(i), values.get(set.get(i).pgName()));
      }
      ps.executeUpdate();
    }
    // The key the API gave the record goes on the Postgres row, so that the next read of the
    // source updates this row instead of adding another.
    List<String> assignments = new ArrayList<>();
    List<String> keyValues = new ArrayList<>();
    try (PreparedStatement ps = saas.prepareStatement(
        "SELECT COLUMN_NAME, KEY_VALUE FROM saasql.LAST_INSERT_KEYS");
         ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        for (MirrorTable.Column k : t.keyColumns()) {
          if (k.name().equalsIgnoreCase(rs.getString(1))) {
            assignments.add(k.quoted() + " = CAST(? AS " + k.pgType() + ")");
            keyValues.add(rs.getString(2));
          }
        }
      }
    }
    if (!assignments.isEmpty()) {
      try (PreparedStatement ps = pg.prepareStatement("UPDATE " + t.qualified(pgSchema)
          + " SET " + String.join(", ", assignments) + " WHERE id = ?")) {
        for (int i = 0; i < keyValues.size(); i++) {
          ps.setString(i + 1, keyValues.get(i));
        }
        ps.setInt(keyValues.size() + 1, recordId);
        ps.executeUpdate();
      }
    }
    return 1;
  }

  private int update(MirrorTable t, JsonNode old, JsonNode values) throws SQLException {
    List<MirrorTable.Column> changed = new ArrayList<>();
    for (MirrorTable.Column c : t.upsertColumns()) {
      if (c.settable() && !c.key() && values.has(c.pgName())
          && !Objects.equals(old.get(c.pgName()), values.get(c.pgName()))) {
        changed.add(c);
      }
    }
    if (changed.isEmpty()) {
      return 1; // only bookkeeping changed: nothing to send
    }
    String sql = "UPDATE " + t.sourceQualified() + " SET "
        + String.join(", ", changed.stream().map(c -> c.sourceQuoted() + " = ?").toList())
        + " WHERE " + keyCondition(t);
    try (PreparedStatement ps = saas.prepareStatement(sql)) {
      int i = 1;
      for (MirrorTable.Column c : changed) {
        bind(ps, i++, c, values.get(c.pgName()));
      }
      bindKey(ps, i, t, old);
      return ps.executeUpdate();
    }
  }

  private int delete(MirrorTable t, JsonNode old) throws SQLException {
    if (!old.hasNonNull(t.keyColumns().get(0).pgName())) {
      return 1; // never reached the source: nothing to delete there
    }
    try (PreparedStatement ps = saas.prepareStatement("DELETE FROM " + t.sourceQualified()
        + " WHERE " + keyCondition(t))) {
      bindKey(ps, 1, t, old);
      return ps.executeUpdate();
    }
  }

  private static String keyCondition(MirrorTable t) {
    return String.join(" AND ", t.keyColumns().stream().map(k -> k.sourceQuoted() + " = ?")
        .toList());
  }

  private static void bindKey(PreparedStatement ps, int from, MirrorTable t, JsonNode old)
      throws SQLException {
    int i = from;
    for (MirrorTable.Column k : t.keyColumns()) {
      bind(ps, i++, k, old.get(k.pgName()));
    }
  }

  /** A value of {@code to_jsonb(row)} as the column's SQL type. */
  private static void bind(PreparedStatement ps, int index, MirrorTable.Column c, JsonNode v)
      throws SQLException {
    if (v == null || v.isNull()) {
      ps.setNull(index, c.sqlType());
      return;
    }
    switch (c.sqlType()) {
      case Types.BOOLEAN, Types.BIT -> ps.setBoolean(index, v.asBoolean());
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> ps.setInt(index, v.asInt());
      case Types.BIGINT -> ps.setLong(index, v.asLong());
      case Types.REAL, Types.FLOAT, Types.DOUBLE -> ps.setDouble(index, v.asDouble());
      case Types.DECIMAL, Types.NUMERIC -> ps.setBigDecimal(index, new BigDecimal(v.asText()));
      case Types.DATE -> ps.setDate(index, java.sql.Date.valueOf(v.asText()));
      case Types.TIMESTAMP -> ps.setTimestamp(index, Timestamp.valueOf(v.asText()
          .replace('T', ' ')));
      default -> ps.setString(index, v.asText());
    }
  }

  /**
   * A change's fields: the whole row as JSON (this mirror's trigger), or the changed fields in
   * hstore's text form, {@code "numberofemployees"=>"420"} (Heroku Connect's trigger log).
   */
  static ObjectNode fields(String text) throws SQLException {
    if (text == null || text.isBlank()) {
      return JSON.createObjectNode();
    }
    try {
      if (text.strip().startsWith("{")) {
        return (ObjectNode) JSON.readTree(text);
      }
    } catch (java.io.IOException | ClassCastException e) {
      throw new SQLException("Unreadable change in " + Mirror.TRIGGER_LOG + ": " + text, e);
    }
    ObjectNode out = JSON.createObjectNode();
    Matcher m = HSTORE_PAIR.matcher(text);
    int end = 0;
    while (m.find() && m.start() == end) {
      String key = unescape(m.group(1));
      if (m.group(2) != null) {
        out.put(key, unescape(m.group(2)));
      } else {
        out.putNull(key);
      }
      end = m.end();
    }
    if (end != text.length()) {
      throw new SQLException("Unreadable change in " + Mirror.TRIGGER_LOG + " at character "
          + end + ": " + text);
    }
    return out;
  }

  private static final Pattern HSTORE_PAIR = Pattern.compile(
      "\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*=>\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|NULL)\\s*,?");

  private static String unescape(String s) {
    return s.replaceAll("\\\\(.)", "$1");
  }

  /** The old fields with the key, from the log's {@code sfid} when they lack it. */
  private static JsonNode withKey(MirrorTable t, JsonNode old, String sfid) {
    List<MirrorTable.Column> keys = t.keyColumns();
    String key = keys.get(0).pgName();
    if (keys.size() == 1 && !old.hasNonNull(key) && sfid != null && old instanceof ObjectNode o) {
      o.put(key, sfid);
    }
    return old;
  }
}
