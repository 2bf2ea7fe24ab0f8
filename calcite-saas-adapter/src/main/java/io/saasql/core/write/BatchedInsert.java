package io.saasql.core.write;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PreparedStatement {@code INSERT … VALUES (?, …)} whose JDBC batch ({@code executeBatch}, the
 * DB-API {@code executemany}) runs as multi-row INSERTs of up to {@value #ROWS} rows, so that the
 * rows reach the API's batch calls (Salesforce: 200 records a call) instead of one statement, and
 * one call, per row. Everything else is passed to Calcite's statement.
 */
public final class BatchedInsert implements InvocationHandler {
  static final int ROWS = 200;
  private static final Pattern SINGLE_ROW_INSERT = Pattern.compile(
      "(?is)\\s*(INSERT\\s+INTO\\s+.*?\\bVALUES\\s*)(\\(.*\\))\\s*;?\\s*");

  private final Connection connection;
  private final PreparedStatement inner;
  private final String head;
  private final String tuple;
  private final int parameters;
  /** The parameter settings of the row being built: method and arguments. */
  private List<Object[]> current = new ArrayList<>();
  private final List<List<Object[]>> batch = new ArrayList<>();

  private BatchedInsert(Connection connection, PreparedStatement inner, String head, String tuple,
      int parameters) {
    this.connection = connection;
    this.inner = inner;
    this.head = head;
    this.tuple = tuple;
    this.parameters = parameters;
  }

  /** The statement, batching its rows when it is a one-row INSERT with parameters. */
  public static PreparedStatement wrap(Connection connection, PreparedStatement inner,
      String sql) {
    Matcher m = SINGLE_ROW_INSERT.matcher(sql);
    if (!m.matches()) {
      return inner;
    }
    int parameters = countParameters(m.group(2));
    if (parameters == 0 || m.group(2).indexOf("),") >= 0) {
      return inner;
    }
    return (PreparedStatement) Proxy.newProxyInstance(BatchedInsert.class.getClassLoader(),
        new Class<?>[] {PreparedStatement.class},
        new BatchedInsert(connection, inner, m.group(1), m.group(2), parameters));
  }

  private static int countParameters(String text) {
    int count = 0;
    boolean quoted = false;
    for (char c : text.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
      } else if (c == '?' && !quoted) {
        count++;
      }
    }
    return count;
  }

  @Override public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer
        && method.getParameterTypes()[0] == int.class) {
      current.add(new Object[] {method, args});
    } else if (name.equals("clearParameters")) {
      current = new ArrayList<>();
    } else if (name.equals("addBatch") && (args == null || args.length == 0)) {
      batch.add(current);
      current = new ArrayList<>(current); // JDBC keeps parameter values across rows
      return null;
    } else if (name.equals("clearBatch")) {
      batch.clear();
      return null;
    } else if (name.equals("executeBatch")) {
      return executeBatch();
    }
    try {
      return method.invoke(inner, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /**
   * Runs the batch as INSERTs of up to {@value #ROWS} rows; the keys they create are recorded as
   * those of one INSERT, numbered by the rows of the whole batch.
   */
  private int[] executeBatch() throws Throwable {
    int[] counts = new int[batch.size()];
    Object calcite = null;
    WriteJournal.InsertedKeys merged = null;
    // Planning a statement of hundreds of parameters takes long: each size is prepared once.
    java.util.Map<Integer, PreparedStatement> prepared = new java.util.HashMap<>();
    try {
      for (int from = 0; from < batch.size(); from += ROWS) {
        List<List<Object[]>> rows = batch.subList(from, Math.min(batch.size(), from + ROWS));
        String sql = head + String.join(", ", java.util.Collections.nCopies(rows.size(), tuple));
        PreparedStatement ps = prepared.get(rows.size());
        if (ps == null) {
          ps = connection.prepareStatement(sql);
          prepared.put(rows.size(), ps);
        } else {
          ps.clearParameters();
        }
        for (int r = 0; r < rows.size(); r++) {
          for (Object[] call : rows.get(r)) {
            Object[] args = ((Object[]) call[1]).clone();
            args[0] = (Integer) args[0] + r * parameters;
            ((Method) call[0]).invoke(ps, args);
          }
        }
        calcite = ps.getConnection();
        WriteJournal.InsertedKeys before = WriteJournal.lastInsert(calcite);
        try {
          int n = ps.executeUpdate();
          Arrays.fill(counts, from, from + rows.size(),
              n == rows.size() ? 1 : Statement.SUCCESS_NO_INFO);
        } finally {
          WriteJournal.InsertedKeys chunk = WriteJournal.lastInsert(calcite);
          if (chunk != null && chunk != before) {
            merged = append(merged, chunk, from);
          }
        }
      }
    } catch (InvocationTargetException e) {
      throw e.getCause();
    } finally {
      batch.clear();
      for (PreparedStatement ps : prepared.values()) {
        ps.close();
      }
      if (merged != null) {
        WriteJournal.recordInsert(calcite, merged);
      }
    }
    return counts;
  }

  private static WriteJournal.InsertedKeys append(WriteJournal.InsertedKeys soFar,
      WriteJournal.InsertedKeys chunk, int offset) {
    java.util.Map<Integer, String> keys = new java.util.TreeMap<>();
    if (soFar != null) {
      keys.putAll(soFar.keys());
    }
    chunk.keys().forEach((row, key) -> keys.put(row + offset, key));
    return new WriteJournal.InsertedKeys(chunk.schema(), chunk.table(), chunk.column(), keys);
  }
}
