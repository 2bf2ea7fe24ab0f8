package io.saasql.core.declare;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operands of a schema in model.json, checked and resolved: unknown names and missing required
 * ones fail with a message naming them, and a string written {@code ${NAME}} (or
 * {@code ${NAME:-default}}) is read from the environment variable NAME, else from the Java system
 * property NAME, so secrets stay out of model files.
 */
public final class Operands {
  /** Keys Calcite itself adds to every custom schema's operand map. */
  private static final Set<String> CALCITE_KEYS = Set.of("modelUri", "baseDirectory", "tables");
  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.]*)(:-([^}]*))?}");

  private final String schema;
  private final Map<String, Object> raw;

  /**
   * Checks the operand names.
   *
   * @param schema the schema name, for messages
   * @param raw    the operand map from the model
   * @param known  every operand name this kind of schema accepts
   */
  public Operands(String schema, Map<String, Object> raw, Set<String> known) {
    this.schema = schema;
    this.raw = raw == null ? Map.of() : raw;
    Set<String> unknown = new TreeSet<>();
    for (String key : this.raw.keySet()) {
      if (!known.contains(key) && !CALCITE_KEYS.contains(key)) {
        unknown.add(key);
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("Schema '" + schema + "': unknown operand(s) " + unknown
          + ". Accepted operands: " + new TreeSet<>(known) + ".");
    }
  }

  /**
   * The resolved string value, or null when absent or empty — so {@code "${NAME:-}"} means "from
   * the environment when set, else the default the source derives".
   */
  /** The schema whose operands these are. */
  public String schema() {
    return schema;
  }

  public String string(String name) {
    Object v = raw.get(name);
    if (v == null) {
      return null;
    }
    String s = v instanceof String text ? resolve(name, text) : v.toString();
    return s.isEmpty() ? null : s;
  }

  /** The resolved string value; fails with a clear message when absent or empty. */
  public String required(String name, String what) {
    String v = string(name);
    if (v == null || v.isEmpty()) {
      throw new IllegalArgumentException("Schema '" + schema + "': operand '" + name
          + "' is required (" + what + ").");
    }
    return v;
  }

  public boolean bool(String name, boolean defaultValue) {
    String v = string(name);
    if (v == null) {
      return defaultValue;
    }
    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(v);
    }
    throw new IllegalArgumentException("Schema '" + schema + "': operand '" + name
        + "' must be true or false, not '" + v + "'.");
  }

  public int integer(String name, int defaultValue, int min, int max) {
    String v = string(name);
    if (v == null) {
      return defaultValue;
    }
    try {
      int i = new java.math.BigDecimal(v).intValueExact();
      if (i >= min && i <= max) {
        return i;
      }
    } catch (ArithmeticException | NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("Schema '" + schema + "': operand '" + name
        + "' must be a whole number from " + min + " to " + max + ", not '" + v + "'.");
  }

  private String resolve(String name, String value) {
    Matcher m = REFERENCE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String var = m.group(1);
      String v = System.getenv(var);
      if (v == null) {
        v = System.getProperty(var);
      }
      if (v == null) {
        v = m.group(3);
      }
      if (v == null) {
        throw new IllegalArgumentException("Schema '" + schema + "': operand '" + name
            + "' refers to ${" + var + "}, which is not set. Set the environment variable " + var
            + " (or the Java system property -D" + var + "=…).");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    m.appendTail(out);
    return out.toString();
  }
}
