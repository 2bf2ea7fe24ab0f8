package io.saasql.core.jdbc;

import io.saasql.core.declare.RestSchema;
import io.saasql.core.write.BatchedInsert;
import io.saasql.core.write.WriteJournal;

import org.apache.calcite.schema.SchemaPlus;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The JDBC driver for {@code jdbc:saasql:<Calcite connect string>}, e.g.
 * {@code jdbc:saasql:model=/path/model.json}: Calcite's driver with the name matching users
 * expect (unquoted and quoted names keep their case, matching ignores it) and honest transaction
 * semantics. Writes to SaaS sources are applied by each statement as it runs (SaaS APIs have no
 * transactions), so {@code rollback()} after such a write throws an SQLException that lists them
 * instead of pretending; {@code commit()} accepts them. The JDBC batch of a one-row INSERT runs
 * as multi-row INSERTs ({@link BatchedInsert}), so its rows reach the APIs' batch calls.
 *
 * <p>Every connection has the schema {@code saasql} ({@link SystemSchema}): the SaaS tables'
 * keys, which {@code DatabaseMetaData.getPrimaryKeys} reports, and the keys the connection's
 * last INSERT created. {@code getColumns} marks the columns writes cannot set as generated
 * ({@link SaasqlMetaColumnFactory}).
 */
public final class SaasqlDriver implements Driver {
  public static final String PREFIX = "jdbc:saasql:";

  /** Name matching, and which columns are generated, unless the URL says otherwise. */
  private static final String[][] DEFAULTS = {
      {"caseSensitive", "false"}, {"unquotedCasing", "UNCHANGED"}, {"quotedCasing", "UNCHANGED"},
      {"metaColumnFactory", SaasqlMetaColumnFactory.class.getName()}};

  static {
    try {
      DriverManager.registerDriver(new SaasqlDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Driver calcite = new org.apache.calcite.jdbc.Driver();

  @Override public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    Properties props = new Properties();
    for (String[] d : DEFAULTS) {
      if (!url.contains(d[0] + "=")) {
        props.setProperty(d[0], d[1]);
      }
    }
    if (info != null) {
      props.putAll(info);
    }
    Connection inner = calcite.connect("jdbc:calcite:" + url.substring(PREFIX.length()), props);
    SchemaPlus root = inner.unwrap(org.apache.calcite.jdbc.CalciteConnection.class)
        .getRootSchema();
    SystemSchema.addTo(root);
    if ("false".equalsIgnoreCase(props.getProperty("cache"))) {
      for (String name : root.subSchemas().getNames(
          org.apache.calcite.schema.lookup.LikePattern.any())) {
        RestSchema rest = restSchema(root.subSchemas().get(name));
        if (rest != null) {
          rest.bypassCache();
        }
      }
    }
    return (Connection) Proxy.newProxyInstance(SaasqlDriver.class.getClassLoader(),
        new Class<?>[] {Connection.class, org.apache.calcite.jdbc.CalciteConnection.class},
        new Transactions(inner));
  }

  /** The SaaS schema behind a schema of the connection, or null for any other. */
  static RestSchema restSchema(SchemaPlus schema) {
    try {
      return schema == null ? null : schema.unwrap(RestSchema.class);
    } catch (RuntimeException e) {
      return null; // not a SaaS schema
    }
  }

  /**
   * Intercepts the transaction calls (Calcite's connection has no transactions; the state of
   * auto-commit is kept here so tools that turn it off keep working); everything else goes to
   * Calcite's connection.
   */
  private static final class Transactions implements InvocationHandler {
    private final Connection inner;
    private boolean autoCommit = true;

    Transactions(Connection inner) {
      this.inner = inner;
    }

    @Override public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      switch (method.getName()) {
      case "rollback": {
        List<String> writes = WriteJournal.take(inner);
        if (!writes.isEmpty()) {
          throw new SQLException("Cannot roll back: SaaS APIs are not transactional, and this "
              + "connection's writes were applied when they ran (" + String.join(", ", writes)
              + " records). Undo them with the opposite statements if needed.", "25000");
        }
        return null;
      }
      case "commit":
        WriteJournal.take(inner);
        return null;
      case "setAutoCommit":
        if (!autoCommit && (Boolean) args[0]) {
          WriteJournal.take(inner); // turning auto-commit on commits
        }
        autoCommit = (Boolean) args[0];
        return null;
      case "getAutoCommit":
        return autoCommit;
      case "getMetaData":
        return primaryKeysFromSystemSchema((Connection) proxy, inner.getMetaData());
      case "prepareStatement":
        if (args != null && args.length == 1 && args[0] instanceof String sql) {
          return BatchedInsert.wrap((Connection) proxy, inner.prepareStatement(sql), sql);
        }
        break;
      case "unwrap":
        if (((Class<?>) args[0]).isInstance(proxy)) {
          return proxy;
        }
        break;
      case "isWrapperFor":
        if (((Class<?>) args[0]).isInstance(proxy)) {
          return true;
        }
        break;
      default:
        break;
      }
      try {
        return method.invoke(inner, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }

  /**
   * The connection's metadata, whose {@code getPrimaryKeys} reads {@code saasql.PRIMARY_KEYS}
   * (Calcite's answers with no rows).
   */
  private static DatabaseMetaData primaryKeysFromSystemSchema(Connection connection,
      DatabaseMetaData inner) {
    return (DatabaseMetaData) Proxy.newProxyInstance(SaasqlDriver.class.getClassLoader(),
        new Class<?>[] {DatabaseMetaData.class}, (proxy, method, args) -> {
          if (method.getName().equals("getPrimaryKeys") && args != null && args.length == 3) {
            StringBuilder sql = new StringBuilder("SELECT TABLE_CAT, TABLE_SCHEM, TABLE_NAME,"
                + " COLUMN_NAME, KEY_SEQ, PK_NAME FROM \"" + SystemSchema.NAME + "\".\""
                + SystemSchema.PRIMARY_KEYS + "\" WHERE TRUE");
            if (args[1] != null) {
              sql.append(" AND TABLE_SCHEM = ").append(literal((String) args[1]));
            }
            if (args[2] != null) {
              sql.append(" AND TABLE_NAME = ").append(literal((String) args[2]));
            }
            sql.append(" ORDER BY COLUMN_NAME");
            Statement statement = connection.createStatement();
            statement.closeOnCompletion();
            return statement.executeQuery(sql.toString());
          }
          if (method.getName().equals("getConnection")) {
            return connection;
          }
          try {
            return method.invoke(inner, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  @Override public boolean acceptsURL(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  @Override public DriverPropertyInfo[] getPropertyInfo(String url, Properties info)
      throws SQLException {
    return calcite.getPropertyInfo("jdbc:calcite:" + url.substring(PREFIX.length()), info);
  }

  @Override public int getMajorVersion() {
    return 0;
  }

  @Override public int getMinorVersion() {
    return 1;
  }

  @Override public boolean jdbcCompliant() {
    return false;
  }

  @Override public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("java.util.logging is not used");
  }
}
