package io.saasql.benchmark;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One query of the benchmark: its SQL written over logical table names ({@code {backlog.Issues}})
 * so that the same text runs with pushdown, without it, and in Postgres; the fewest requests the
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
 */
record BenchmarkQuery(String source, String id, String kind, String sql, LowerBound lowerBound,
    String excess, boolean ordered, Prepared prepared) {

  /** Where a query runs. */
  enum Mode {
    /** The adapter with pushdown. */
    OURS,
    /** The same sources with pushdown switched off: every table read whole. */
    NAIVE,
    /** Postgres alone, over copies of the data. */
    POSTGRES
  }

  /** Logical table → its name with pushdown, without, and in Postgres (null: no copy). */
  private static final Map<String, String[]> TABLES = new LinkedHashMap<>();

  static {
    table("backlog.Issues", "backlog.Issues", "backlog_nopush.Issues", "bench.backlog_issues");
    table("large.Issues", "backlog_large.Issues", "backlog_large_nopush.Issues",
        "bench.backlog_large");
    table("bitbucket.Issues", "bitbucket.Issues", "bitbucket_nopush.Issues",
        "bench.bitbucket_issues");
    table("pingone.Users", "Administrators.Users", "Administrators_nopush.Users",
        "bench.pingone_users");
    table("salesforce.Account", "salesforce.Account", "salesforce_nopush.Account",
        "bench.sf_account");
    table("salesforce.Contact", "salesforce.Contact", "salesforce_nopush.Contact",
        "bench.sf_contact");
    table("salesforce.Opportunity", "salesforce.Opportunity", "salesforce_nopush.Opportunity",
        "bench.sf_opportunity");
    table("salesforce.User", "salesforce.\"User\"", "salesforce_nopush.\"User\"", "bench.sf_user");
    table("pg.account", "pg.account", "pg.account", "salesforce.account");
    table("pg.contact", "pg.contact", "pg.contact", "salesforce.contact");
  }

  private static void table(String logical, String ours, String naive, String postgres) {
    TABLES.put(logical, new String[] {ours, naive, postgres});
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
  }
}
