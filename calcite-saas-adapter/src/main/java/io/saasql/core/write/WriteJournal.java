package io.saasql.core.write;

import io.saasql.core.jdbc.SaasqlDriver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Which connections have written to SaaS sources since their last commit or rollback. SaaS APIs
 * apply each call at once and cannot roll back, so {@link SaasqlDriver} uses this to make
 * {@code rollback()} after such a write fail loudly instead of pretending.
 */
public final class WriteJournal {
  private static final Map<Object, List<String>> WRITES = new WeakHashMap<>();

  private WriteJournal() {}

  /** Records that a statement on {@code connection} wrote {@code count} records of a table. */
  static synchronized void record(Object connection, String table, long count) {
    if (connection != null && count > 0) {
      WRITES.computeIfAbsent(connection, c -> new ArrayList<>()).add(count + " in " + table);
    }
  }

  /** The writes recorded for a connection, and forgets them. */
  public static synchronized List<String> take(Object connection) {
    List<String> writes = WRITES.remove(connection);
    return writes == null ? List.of() : writes;
  }
}
