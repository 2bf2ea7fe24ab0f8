package io.saasql.cli;

import io.saasql.core.declare.RestSchema;
import io.saasql.core.jdbc.SystemSchema;
import io.saasql.core.plan.RestTable;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.LikePattern;

/**
 * Opens a model the way sqlline would, so that a bad model (an unknown operand, an unset
 * {@code ${VAR}}, a wrong factory, bad JSON) is reported by its root cause, in one line that names
 * the schema, instead of sqlline's "Error instantiating JsonCustomSchema(name=…)".
 */
final class ModelCheck {
  /** Calcite's wrapper messages name the schema as {@code JsonCustomSchema(name=b)}. */
  private static final Pattern SCHEMA_NAME = Pattern.compile("Json\\w*Schema\\(name=([^)]*)\\)");

  private ModelCheck() {
  }

  /** Connects to {@code url}; null when the model loads, else the root cause in one line. */
  static String connectProblem(String url) {
    try (Connection ignored = connect(url)) {
      return null;
    } catch (SQLException | RuntimeException | LinkageError e) {
      return rootCause(e);
    }
  }

  /** A connection to {@code url} through saasql's driver. */
  static Connection connect(String url) throws SQLException {
    try {
      Class.forName(Main.DRIVER);
    } catch (ClassNotFoundException e) {
      throw new SQLException("saasql's JDBC driver is not on the class path: " + Main.DRIVER, e);
    }
    return DriverManager.getConnection(url, "", "");
  }

  /**
   * The deepest cause's message, on one line, prefixed with {@code Schema 'NAME': } when a
   * wrapper named the schema and the cause does not.
   */
  static String rootCause(Throwable failure) {
    String schema = null;
    Throwable root = failure;
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
      if (t.getMessage() != null) {
        Matcher m = SCHEMA_NAME.matcher(t.getMessage());
        if (m.find()) {
          schema = m.group(1);
        }
      }
      root = t;
    }
    String message = root.getMessage() == null || root.getMessage().isBlank()
        ? root.getClass().getName() : root.getMessage();
    if (root instanceof ClassNotFoundException) {
      message = "class " + message + " not found (check the factory and the class path)";
    } else if (root instanceof com.fasterxml.jackson.core.JsonProcessingException json) {
      message = "the model is not valid JSON or YAML: " + json.getOriginalMessage()
          + (json.getLocation() == null ? ""
              : " (line " + json.getLocation().getLineNr() + ", column "
                  + json.getLocation().getColumnNr() + ")");
    }
    if (schema != null && !message.contains("'" + schema + "'")) {
      message = "Schema '" + schema + "': " + message;
    }
    return message.replaceAll("\\s*\\R\\s*", " ").strip();
  }

  /** What {@code saasql check} found for one schema of the model. */
  record SourceResult(String schema, boolean ok, long millis, int tables, String error) {
    /** One line: status, schema, latency, tables, and the error (no secrets) on failure. */
    String line() {
      return String.format(Locale.ROOT, "%-6s  %-20s %7d ms  %s%s", ok ? "OK" : "FAILED", schema,
          millis, tables < 0 ? "    - tables" : String.format(Locale.ROOT, "%4d tables", tables),
          ok ? "" : "  " + error);
    }
  }

  /**
   * {@code saasql check}: loads the model (a failure is reported as {@code saasql: <cause>}), then
   * per schema lists its tables and, for a SaaS source, reads one row of its first table that
   * needs no parent (one authenticated call, plus the token and, for Salesforce, the listing and
   * one describe); prints one line per schema and returns 0 when every source answered, else 1.
   */
  static int check(String url, PrintStream out, PrintStream err) {
    try (Connection connection = connect(url)) {
      List<SourceResult> results = checkSources(connection);
      results.forEach(r -> out.println(r.line()));
      long failed = results.stream().filter(r -> !r.ok()).count();
      out.println(failed == 0 ? results.size() + " source(s) OK"
          : failed + " of " + results.size() + " source(s) FAILED");
      out.flush();
      return failed == 0 ? 0 : 1;
    } catch (SQLException | RuntimeException | LinkageError e) {
      err.println("saasql: " + rootCause(e));
      err.flush();
      return 1;
    }
  }

  static List<SourceResult> checkSources(Connection connection) throws SQLException {
    SchemaPlus root = connection.unwrap(CalciteConnection.class).getRootSchema();
    List<String> names = new ArrayList<>(root.subSchemas().getNames(LikePattern.any()));
    names.remove("metadata"); // Calcite's own
    // saasql's own (keys for tools), unless the model has a schema of that name
    names.removeIf(n -> SystemSchema.is(root.subSchemas().get(n)));
    names.sort(String.CASE_INSENSITIVE_ORDER);
    List<SourceResult> results = new ArrayList<>();
    for (String name : names) {
      results.add(checkSource(connection, name, root.subSchemas().get(name)));
    }
    return results;
  }

  private static SourceResult checkSource(Connection connection, String name, SchemaPlus schema) {
    long start = System.nanoTime();
    int tables = -1;
    try {
      List<String> tableNames = new ArrayList<>(schema.tables().getNames(LikePattern.any()));
      tables = tableNames.size();
      if (isRestSchema(schema)) {
        String probe = probeTable(schema, tableNames);
        if (probe != null) {
          try (Statement s = connection.createStatement();
               ResultSet rs = s.executeQuery("SELECT * FROM " + quote(name) + "." + quote(probe)
                   + " LIMIT 1")) {
            rs.next();
          }
        }
      }
      // A database (JdbcSchema): listing its tables was a round trip, authenticated.
      return new SourceResult(name, true, millisSince(start), tables, null);
    } catch (SQLException | RuntimeException e) {
      return new SourceResult(name, false, millisSince(start), tables, rootCause(e));
    }
  }

  private static boolean isRestSchema(SchemaPlus schema) {
    try {
      return schema.unwrap(RestSchema.class) != null;
    } catch (RuntimeException e) {
      return false; // e.g. JdbcSchema throws instead of answering null
    }
  }

  /** The first table (by name) whose listing needs no parent table's values, or null. */
  private static String probeTable(SchemaPlus schema, List<String> tableNames) {
    List<String> sorted = new ArrayList<>(tableNames);
    sorted.sort(String.CASE_INSENSITIVE_ORDER);
    for (String table : sorted) {
      Table t = schema.tables().get(table);
      if (t instanceof RestTable rest && rest.def().listPath() != null
          && !rest.def().listPath().contains("{")) {
        return table;
      }
    }
    return null;
  }

  private static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  private static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }
}
