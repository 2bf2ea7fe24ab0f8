package io.saasql.core.write;

import io.saasql.core.jdbc.SaasqlDriver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.WeakHashMap;

/**
 * What each connection has written to SaaS sources: the writes since its last commit or rollback
 * (SaaS APIs apply each call at once and cannot roll back, so {@link SaasqlDriver} uses them to
 * make {@code rollback()} after such a write fail loudly instead of pretending), and the keys its
 * last INSERT into a SaaS table created (the system table {@code saasql.LAST_INSERT_KEYS}).
 * Connections are held weakly.
 */
public final class WriteJournal {
  private static final Map<Object, List<String>> WRITES = new WeakHashMap<>();
  private static final Map<Object, InsertedKeys> LAST_INSERTS = new WeakHashMap<>();

  private WriteJournal() {}

  /**
   * The keys one INSERT created.
   *
   * @param schema the source's schema name
   * @param table  the table
   * @param column the table's key column, or null when it declares none
   * @param keys   by the row's position in the statement (1-based): the key the API gave it
   *               (null when the API's answer named none); rows not written are absent
   */
  public record InsertedKeys(String schema, String table, String column,
      Map<Integer, String> keys) {
    public InsertedKeys {
      keys = java.util.Collections.unmodifiableMap(new TreeMap<>(keys));
    }
  }

  /** Records that a statement on {@code connection} wrote {@code count} records of a table. */
  static synchronized void record(Object connection, String table, long count) {
    if (connection != null && count > 0) {
      WRITES.computeIfAbsent(connection, c -> new ArrayList<>()).add(count + " in " + table);
    }
  }

  /** Records the keys an INSERT on {@code connection} created; they replace the previous ones. */
  static synchronized void recordInsert(Object connection, InsertedKeys keys) {
    if (connection != null) {
      LAST_INSERTS.put(connection, keys);
    }
  }

  /** The keys created by the last INSERT into a SaaS table on a connection, or null. */
  public static synchronized InsertedKeys lastInsert(Object connection) {
    return LAST_INSERTS.get(connection);
  }

  /** The writes recorded for a connection, and forgets them. */
  public static synchronized List<String> take(Object connection) {
    List<String> writes = WRITES.remove(connection);
    return writes == null ? List.of() : writes;
  }
}
