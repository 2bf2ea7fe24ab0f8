package io.saasql.benchmark;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One query of the benchmark: its SQL written over logical table names ({@code {backlog.Issues}})
 * so that the same text runs with pushdown, without it, in Postgres and with pushdown one request
 * at a time; the fewest requests the
 * API needs to answer it (the lower bound, with how it was worked out); and, when the adapter is
 * expected to need more, why.
 *
 * @param source     the source it measures (the report's section)
 * @param id         a short name, e.g. {@code B3}
 * @param kind       what it is, e.g. "IN list"
 * @param sql        the SQL over logical table names
 * @param lowerBound the lower bound, computed from the Postgres copies before the run
 * @param excess     why the adapter makes more requests than the lower bound (null: it should not)
 * @param ordered    false when only the number of rows can be compared (LIMIT without ORDER BY)
 * @param prepared   for a PreparedStatement executed many times: its parameters; else null
 * @param bind       for a bind-join row (Postgres keys joined with a REST table): its pair and
 *                   key count; else null
 */
record BenchmarkQuery(String source, String id, String kind, String sql, LowerBound lowerBound,
    String excess, boolean ordered, Prepared prepared, BindJoin bind) {

  /** A bind-join row: which sources it joins (e.g. "Postgres × Backlog") and with how many keys. */
  record BindJoin(String pair, int keys) {}

  /** Where a query runs. */
  enum Mode {
    /** The adapter with pushdown. */
    OURS,
    /** The same sources with pushdown switched off: every table read whole. */
    NAIVE,
    /** Postgres alone, over copies of the data. */
    POSTGRES,
    /** The adapter with pushdown, one request at a time ({@code "maxConcurrentRequests": 1}). */
    SERIAL,
    /** The adapter with pushdown and {@code rateLimit} set to the sandboxes' enforced limit. */
    LIMITED
  }

  /**
   * Logical table → its name in each mode, in the order of {@link Mode}: with pushdown, without,
   * in Postgres (null: no copy), one request at a time, with the enforced rate limit.
   */
  private static final Map<String, String[]> TABLES = new LinkedHashMap<>();

  static {
    rest("backlog.Issues", "backlog", "Issues", "bench.backlog_issues");
    rest("large.Issues", "backlog_large", "Issues", "bench.backlog_large");
    rest("bitbucket.Issues", "bitbucket", "Issues", "bench.bitbucket_issues");
    rest("pingone.Users", "Administrators", "Users", "bench.pingone_users");
    rest("salesforce.Account", "salesforce", "Account", "bench.sf_account");
    rest("salesforce.Contact", "salesforce", "Contact", "bench.sf_contact");
    rest("salesforce.Opportunity", "salesforce", "Opportunity", "bench.sf_opportunity");
    rest("salesforce.User", "salesforce", "\"User\"", "bench.sf_user");
    table("pg.account", "pg.account", "pg.account", "salesforce.account", "pg.account",
        "pg.account");
    table("pg.contact", "pg.contact", "pg.contact", "salesforce.contact", "pg.contact",
        "pg.contact");
    table("pg.keys", "pgbench.bind_keys", "pgbench.bind_keys", "bench.bind_keys",
        "pgbench.bind_keys", "pgbench.bind_keys");
  }

  /**
   * A REST table: {@code schema}, {@code schema_nopush}, its copy, {@code schema_serial},
   * {@code schema_limited}.
   */
  private static void rest(String logical, String schema, String table, String postgres) {
    table(logical, schema + "." + table, schema + "_nopush." + table, postgres,
        schema + "_serial." + table, schema + "_limited." + table);
  }

  private static void table(String logical, String ours, String naive, String postgres,
      String serial, String limited) {
    TABLES.put(logical, new String[] {ours, naive, postgres, serial, limited});
  }

  private static final Pattern TABLE = Pattern.compile("\\{([A-Za-z_.]+)}");

  /** The SQL for a mode; null when a table it reads has no copy in Postgres. */
  static String expand(String template, Mode mode) {
    Matcher m = TABLE.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String[] names = TABLES.get(m.group(1));
      if (names == null) {
        throw new IllegalArgumentException("unknown table " + m.group(1) + " in " + template);
      }
      String name = names[mode.ordinal()];
      if (name == null) {
        return null;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(name));
    }
    m.appendTail(out);
    return out.toString();
  }

  String sql(Mode mode) {
    return expand(sql, mode);
  }

  /** The fewest requests, and the most of them that must wait for one another. */
  record Bound(long requests, long criticalPath, String how) {}

  /** Works out a lower bound, counting rows in the Postgres copies. */
  interface LowerBound {
    Bound of(Counts counts) throws SQLException;
  }

  /** A PreparedStatement executed {@code executions} times with these parameter values. */
  record Prepared(List<Object> parameters, int executions, int naiveExecutions) {
    Object parameter(int execution) {
      return parameters.get(execution % parameters.size());
    }
  }

  /** Row counts from the Postgres copies, for lower bounds. */
  static final class Counts {
    private final Connection postgres;

    Counts(Connection postgres) {
      this.postgres = postgres;
    }

    /** The single number a query (over logical tables) returns. */
    long number(String template) throws SQLException {
      try (Statement s = postgres.createStatement();
           ResultSet rs = s.executeQuery(expand(template, Mode.POSTGRES))) {
        rs.next();
        return rs.getLong(1);
      }
    }

    /** The first column of a query's rows (over logical tables), as text, in order. */
    List<String> strings(String template) throws SQLException {
      List<String> out = new ArrayList<>();
      try (Statement s = postgres.createStatement();
           ResultSet rs = s.executeQuery(expand(template, Mode.POSTGRES))) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    }

    /** A query's first column (as text) → its second (a number), e.g. rows per key. */
    Map<String, Long> numbersBy(String template) throws SQLException {
      Map<String, Long> out = new HashMap<>();
      try (Statement s = postgres.createStatement();
           ResultSet rs = s.executeQuery(expand(template, Mode.POSTGRES))) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getLong(2));
        }
      }
      return out;
    }

    /** Requests to list {@code rows} rows with pages of {@code pageSize}: an empty result costs one. */
    static long pages(long rows, int pageSize) {
      return rows == 0 ? 1 : (rows + pageSize - 1) / pageSize;
    }

    /** One filtered listing: ⌈rows / page⌉ requests, one after another. */
    Bound listing(String countSql, int pageSize, String request) throws SQLException {
      long rows = number(countSql);
      long pages = pages(rows, pageSize);
      return new Bound(pages, pages, String.format(java.util.Locale.ROOT,
          "%s: ⌈%,d rows / %,d⌉ = %d", request, rows, pageSize, pages));
    }

    /**
     * A listing paged by offset (Backlog): ⌈rows / page⌉ requests; on the critical path the first
     * page, then the second (with the count that says how many follow), then the rest four at a
     * time ({@code maxConcurrentRequests} 4): 2 + ⌈(pages − 2) / 4⌉.
     */
    Bound offsetListing(String countSql, int pageSize, String request) throws SQLException {
      Bound b = listing(countSql, pageSize, request);
      long pages = b.requests();
      long path = pages <= 2 ? pages : 2 + (pages - 2 + 3) / 4;
      return new Bound(pages, path, b.how() + (pages > 2 ? "; pages after the second four at a"
          + " time: " + path + " on the critical path" : ""));
    }
  }
}
