package io.saasql.server;

import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.config.CalciteConnectionProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which connection properties a remote client may send when it opens a connection: an allow-list,
 * checked before anything is loaded. The server serves one model with its own name matching; a
 * client may tune how SQL is read and typed ({@code fun}, {@code conformance}, {@code timeZone},
 * …) but never choose the model, a schema, or any class or file. Anything not on the list is
 * refused with an error naming the property (never its value, which may be a password).
 *
 * <p>Property names are matched as Calcite matches them: ignoring case, and in either spelling
 * ({@code schemaFactory} or {@code SCHEMA_FACTORY}).
 */
public final class ConnectionPropertyPolicy {

  /** Connection property, read by the server only, that lowers its query timeout (seconds). */
  public static final String QUERY_TIMEOUT = "queryTimeout";

  /**
   * Connection property {@code cache=false}: the connection's reads go past the SaaS sources'
   * response caches ({@code cacheTtlSeconds}), for a client that must see the API's answer now.
   */
  public static final String CACHE = "cache";

  /** SQL state of a refused connection: "SQL-server rejected establishment of SQL-connection". */
  static final String REFUSED_SQL_STATE = "08004";
  /** Avatica error code of a refused connection property. */
  static final int REFUSED_ERROR_CODE = 4001;

  /**
   * Calcite properties that only change how SQL text is read, typed or evaluated. None of them
   * names a class or a file: {@code fun} picks built-in operator libraries by name
   * ({@code SqlLibrary}), the others are enums, booleans and zone or locale names.
   */
  private static final Set<CalciteConnectionProperty> FORWARDED = Collections.unmodifiableSet(
      EnumSet.of(
          CalciteConnectionProperty.FUN,
          CalciteConnectionProperty.CONFORMANCE,
          CalciteConnectionProperty.QUOTING,
          CalciteConnectionProperty.TIME_ZONE,
          CalciteConnectionProperty.LOCALE,
          CalciteConnectionProperty.DEFAULT_NULL_COLLATION,
          CalciteConnectionProperty.TYPE_COERCION,
          CalciteConnectionProperty.LENIENT_OPERATOR_LOOKUP,
          CalciteConnectionProperty.APPROXIMATE_DISTINCT_COUNT,
          CalciteConnectionProperty.APPROXIMATE_TOP_N,
          CalciteConnectionProperty.APPROXIMATE_DECIMAL));

  /**
   * JDBC's standard credentials: tools send them with every connection ({@code sqlline -n -p}).
   * Accepted and dropped: the server authenticates at the HTTP layer, and Calcite has no use for
   * them.
   */
  private static final Set<String> DROPPED = Set.of("USER", "PASSWORD");

  /** Why a well-known property is refused, by upper-cased name (both spellings). */
  private static final Map<String, String> REASONS = reasons();

  private final Duration serverQueryTimeout;

  /** @param serverQueryTimeout the server's own limit; zero means none */
  public ConnectionPropertyPolicy(Duration serverQueryTimeout) {
    this.serverQueryTimeout = serverQueryTimeout;
  }

  /** The properties a client may set, as documented (camel-case spelling), sorted. */
  public static List<String> allowedNames() {
    Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    FORWARDED.forEach(p -> names.add(p.camelName()));
    names.add(QUERY_TIMEOUT);
    names.add(CACHE);
    names.add("user");
    names.add("password");
    return List.copyOf(names);
  }

  /** What a client's connection properties amount to once checked. */
  public record Accepted(Map<String, String> calciteProperties, Duration queryTimeout) {
  }

  /**
   * Checks a client's properties; returns those to hand to Calcite and the query timeout for the
   * connection.
   *
   * @throws AvaticaRuntimeException (SQL state {@value #REFUSED_SQL_STATE}) naming every refused
   *     property; the client receives it as the error of its {@code getConnection}
   */
  public Accepted check(Map<String, String> clientProperties) {
    Map<String, String> forwarded = new LinkedHashMap<>();
    Duration timeout = serverQueryTimeout;
    List<String> refused = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    if (clientProperties != null) {
      for (Map.Entry<String, String> e : clientProperties.entrySet()) {
        String name = e.getKey();
        String key = name.toUpperCase(Locale.ROOT);
        if (DROPPED.contains(key)) {
          continue;
        }
        if (key.equals(QUERY_TIMEOUT.toUpperCase(Locale.ROOT)) || key.equals("QUERY_TIMEOUT")) {
          timeout = clientTimeout(name, e.getValue());
          continue;
        }
        if (key.equals(CACHE.toUpperCase(Locale.ROOT))) {
          if (!e.getValue().equalsIgnoreCase("true") && !e.getValue().equalsIgnoreCase("false")) {
            throw refusal("connection property '" + name + "' must be true or false");
          }
          forwarded.put(CACHE, e.getValue().toLowerCase(Locale.ROOT));
          continue;
        }
        if (isForwarded(key)) {
          forwarded.put(name, e.getValue());
          continue;
        }
        refused.add(name);
        String reason = REASONS.getOrDefault(key, "it is not a property a remote client may set");
        if (!reasons.contains(reason)) {
          reasons.add(reason);
        }
      }
    }
    if (!refused.isEmpty()) {
      throw refusal("connection propert" + (refused.size() == 1 ? "y " : "ies ")
          + String.join(", ", refused.stream().map(n -> "'" + n + "'").toList())
          + " refused: " + String.join("; ", reasons) + ". Remove "
          + (refused.size() == 1 ? "it" : "them") + " from the JDBC URL or connection properties."
          + " A client may set: " + String.join(", ", allowedNames()) + ".");
    }
    return new Accepted(Collections.unmodifiableMap(forwarded), timeout);
  }

  private static boolean isForwarded(String upperCaseName) {
    for (CalciteConnectionProperty p : FORWARDED) {
      if (p.camelName().toUpperCase(Locale.ROOT).equals(upperCaseName)
          || p.name().equals(upperCaseName)) {
        return true;
      }
    }
    return false;
  }

  /** A client's {@code queryTimeout}: whole seconds, at most the server's own limit. */
  private Duration clientTimeout(String name, String value) {
    long seconds;
    try {
      seconds = Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      seconds = -1;
    }
    if (seconds < 0) {
      throw refusal("connection property '" + name + "' must be a whole number of seconds"
          + " (0 for the server's limit), not '" + value + "'.");
    }
    Duration asked = Duration.ofSeconds(seconds);
    if (seconds == 0) {
      return serverQueryTimeout;
    }
    return serverQueryTimeout.isZero() || asked.compareTo(serverQueryTimeout) < 0
        ? asked : serverQueryTimeout;
  }

  static AvaticaRuntimeException refusal(String message) {
    return new AvaticaRuntimeException("saasql server: " + message, REFUSED_ERROR_CODE,
        REFUSED_SQL_STATE, AvaticaSeverity.ERROR);
  }

  private static Map<String, String> reasons() {
    Map<String, String> m = new LinkedHashMap<>();
    String model = "the server serves one model, chosen when it was started";
    String classes = "it names a class to load, which a remote client may not do";
    String names = "the server fixes name matching (case-insensitive; unquoted and quoted"
        + " names keep their case) so that every client resolves names alike";
    String schema = "the server's model defines the schemas (use Connection.setSchema to pick the"
        + " default one)";
    put(m, CalciteConnectionProperty.MODEL, model);
    put(m, CalciteConnectionProperty.SCHEMA_FACTORY, classes);
    put(m, CalciteConnectionProperty.SCHEMA_TYPE, schema);
    put(m, CalciteConnectionProperty.SCHEMA, schema);
    put(m, CalciteConnectionProperty.PARSER_FACTORY, classes);
    put(m, CalciteConnectionProperty.TYPE_SYSTEM, classes);
    put(m, CalciteConnectionProperty.META_TABLE_FACTORY, classes);
    put(m, CalciteConnectionProperty.META_COLUMN_FACTORY, classes);
    put(m, CalciteConnectionProperty.SPARK, "it switches execution to Spark classes");
    put(m, CalciteConnectionProperty.LEX, names);
    put(m, CalciteConnectionProperty.CASE_SENSITIVE, names);
    put(m, CalciteConnectionProperty.QUOTED_CASING, names);
    put(m, CalciteConnectionProperty.UNQUOTED_CASING, names);
    // Avatica's own: "factory" names the driver's factory class.
    m.put("FACTORY", classes);
    return Collections.unmodifiableMap(m);
  }

  private static void put(Map<String, String> m, CalciteConnectionProperty p, String reason) {
    m.put(p.camelName().toUpperCase(Locale.ROOT), reason);
    m.put(p.name(), reason);
  }
}
