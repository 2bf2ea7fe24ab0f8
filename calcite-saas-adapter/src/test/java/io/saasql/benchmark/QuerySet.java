package io.saasql.benchmark;

import io.saasql.benchmark.BenchmarkQuery.Bound;
import io.saasql.benchmark.BenchmarkQuery.Counts;
import io.saasql.benchmark.BenchmarkQuery.LowerBound;
import io.saasql.benchmark.BenchmarkQuery.Prepared;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import okhttp3.HttpUrl;

/**
 * The fixed query set: for each source a point lookup by id, a selective filter (at most 1 % of
 * the rows), an IN list, a date range, LIMIT 10, a full scan, a join of two sources, a join with
 * Postgres, an aggregate with GROUP BY, and a PreparedStatement point lookup executed many times.
 *
 * <p>Page sizes: Backlog 100 (offset paging), Bitbucket 100 (next links), PingOne 200 (next
 * links; PingOne caps user pages at 200 whatever {@code limit} says), Salesforce 2,000 (query
 * batches). A filtered listing needs at least ⌈matching rows / page size⌉ requests, and one when
 * nothing matches. Keys sent as a filter (a join's keys, bind joins) are packed into requests as
 * the API takes them ({@link Packing}): Backlog 100 {@code id[]} values per request, a SOQL WHERE
 * of at most 4,000 characters, a BBQL or SCIM filter of at most 8,000 characters URL-encoded.
 *
 * <p>Bind joins ({@code BJ…}, {@code TJ…}, {@code PJ…}, {@code SJ…}): Postgres keys from
 * {@code bench.bind_keys} (1, 100 and 1,000 of them) joined with each API's main table on its id
 * or e-mail.
 */
final class QuerySet {
  static final int BACKLOG_PAGE = 100;
  static final int BITBUCKET_PAGE = 100;
  static final int PINGONE_PAGE = 200;
  static final int SALESFORCE_BATCH = 2000;
  /** Independent requests of one query at the same time (maxConcurrentRequests' default). */
  static final int CONCURRENT_REQUESTS = 4;
  /** The bind-join queries' key counts. */
  static final List<Integer> BIND_KEY_COUNTS = List.of(1, 100, BenchEnvironment.BIND_KEYS);

  /**
   * How an API takes many key values in one request, and so how many requests a list of values
   * needs. The values go into requests in the order given, each request filled as far as the
   * API's limit allows before the next one starts (next fit): at most {@code maxValues} values,
   * and a filter {@code open + term(v1) + separator + term(v2) + … + close} of at most
   * {@code maxLength} characters, counted as sent: URL-encoded as a query parameter value
   * (OkHttp's {@code HttpUrl.Builder.addQueryParameter}: space {@code %20}, {@code ()"=@,}
   * and the like percent-encoded) when {@code urlEncoded}, else as written.
   *
   * @param request   the request, for the bound's text
   * @param term      the filter term for one value
   * @param open      text before the first term
   * @param separator text between terms
   * @param close     text after the last term
   * @param maxLength the longest filter the API takes
   * @param urlEncoded whether {@code maxLength} counts the URL-encoded filter
   * @param maxValues the most values one request takes
   */
  record Packing(String request, Function<String, String> term, String open, String separator,
      String close, int maxLength, boolean urlEncoded, int maxValues) {

    /** Backlog: up to 100 {@code id[]} values per request. */
    static final Packing BACKLOG_IDS = new Packing("GET /issues?id[]=…&id[]=… (≤ 100 values)",
        v -> v, "", "", "", Integer.MAX_VALUE, false, 100);
    /** Bitbucket: a BBQL {@code q=(id = 3 OR id = 5 …)} of at most 8,000 characters encoded. */
    static final Packing BBQL_IDS = new Packing(
        "GET …/api/issues?q=(id = 3 OR id = 5 …) (≤ 8,000 characters URL-encoded)",
        v -> "id = " + v, "(", " OR ", ")", 8000, true, Integer.MAX_VALUE);
    /** PingOne: a SCIM {@code filter=(email eq "a") or …} of at most 8,000 characters encoded. */
    static final Packing SCIM_EMAILS = new Packing(
        "GET …/users?filter=(email eq \"a\") or (email eq \"b\") … (≤ 8,000 characters"
            + " URL-encoded)", v -> "(email eq " + quoted(v, '"') + ")", "", " or ", "", 8000,
        true, Integer.MAX_VALUE);

    /** Salesforce: SOQL {@code WHERE field IN ('a', 'b', …)} of at most 4,000 characters. */
    static Packing soqlIn(String field) {
      return new Packing("SOQL … WHERE " + field + " IN ('…', '…') (WHERE ≤ 4,000 characters)",
          v -> quoted(v, '\''), field + " IN (", ", ", ")", 4000, false, Integer.MAX_VALUE);
    }

    /** The values, as the requests that carry them. */
    List<List<String>> batches(List<String> values) {
      List<List<String>> batches = new ArrayList<>();
      List<String> batch = new ArrayList<>();
      long length = 0;
      int empty = length(open) + length(close);
      int between = length(separator);
      for (String v : values) {
        int t = length(term.apply(v));
        long grown = batch.isEmpty() ? empty + t : length + between + t;
        if (!batch.isEmpty() && (grown > maxLength || batch.size() == maxValues)) {
          batches.add(batch);
          batch = new ArrayList<>();
          grown = empty + t;
        }
        batch.add(v);
        length = grown;
      }
      if (!batch.isEmpty()) {
        batches.add(batch);
      }
      return batches;
    }

    private int length(String text) {
      if (!urlEncoded || text.isEmpty()) {
        return text.length();
      }
      String query = new HttpUrl.Builder().scheme("http").host("localhost")
          .addQueryParameter("f", text).build().encodedQuery();
      return query.length() - "f=".length();
    }

    /** A quoted string literal: the quote and the backslash escaped by a backslash. */
    private static String quoted(String v, char quote) {
      StringBuilder b = new StringBuilder().append(quote);
      for (char c : v.toCharArray()) {
        if (c == quote || c == '\\') {
          b.append('\\');
        }
        b.append(c);
      }
      return b.append(quote).toString();
    }
  }

  /**
   * Requests for a table read by keys, batch by batch as {@code packing} takes them: each batch
   * ⌈its matching rows / page⌉ requests (at least 1), the batches {@value #CONCURRENT_REQUESTS}
   * at a time, so the critical path is max(longest batch, ⌈requests / 4⌉).
   *
   * @param keys       the distinct non-NULL key values, in the order they are sent
   * @param rowsPerKey the API's rows per key value (as text)
   * @param page       the page size of the API
   */
  static Bound byKeys(List<String> keys, Packing packing, Map<String, Long> rowsPerKey,
      int page) {
    List<List<String>> batches = packing.batches(keys);
    long requests = 0;
    long longest = 0;
    for (List<String> batch : batches) {
      long rows = 0;
      for (String key : batch) {
        rows += rowsPerKey.getOrDefault(key, 0L);
      }
      long pages = Counts.pages(rows, page);
      requests += pages;
      longest = Math.max(longest, pages);
    }
    long path = Math.max(longest, (requests + CONCURRENT_REQUESTS - 1) / CONCURRENT_REQUESTS);
    return new Bound(requests, path, String.format(Locale.ROOT,
        "%s: %,d key(s) in %,d batch(es), %,d request(s)%s%s", packing.request(), keys.size(),
        batches.size(), requests, requests > batches.size() ? String.format(Locale.ROOT,
            " (a batch's matching rows in pages of %d)", page) : "",
        batches.size() > 1 ? String.format(Locale.ROOT,
            ", %d at a time: critical path max(longest batch %d, ⌈%d / %d⌉) = %d",
            CONCURRENT_REQUESTS, longest, requests, CONCURRENT_REQUESTS, path) : ""));
  }

  /**
   * PingOne users by e-mail: the distinct non-NULL e-mails a query (over logical tables) returns,
   * packed into SCIM filters ({@link Packing#SCIM_EMAILS}).
   */
  private static Bound usersByEmail(Counts c, String emails) throws java.sql.SQLException {
    return byKeys(c.strings(emails), Packing.SCIM_EMAILS,
        c.numbersBy("SELECT Email, COUNT(*) FROM {pingone.Users} WHERE Email IS NOT NULL"
            + " GROUP BY Email"), PINGONE_PAGE);
  }

  /** Why a Backlog listing of more than one page makes one request more than its bound. */
  private static final String OFFSET_COUNT =
      "One request more than the bound: after a full first page, `GET /issues/count` is asked"
          + " with the second page, so that the pages after it run four at a time (the time"
          + " column); `maxConcurrentRequests: 1` makes exactly the bound, in turn.";

  private final BenchEnvironment env;
  private final int executions;
  private final int naiveExecutions;
  private final List<BenchmarkQuery> queries = new ArrayList<>();

  private QuerySet(BenchEnvironment env, int executions, int naiveExecutions) {
    this.env = env;
    this.executions = executions;
    this.naiveExecutions = naiveExecutions;
  }

  static List<BenchmarkQuery> build(BenchEnvironment env, int executions, int naiveExecutions) {
    QuerySet set = new QuerySet(env, executions, naiveExecutions);
    set.backlog();
    set.bitbucket();
    set.pingone();
    set.salesforce();
    return set.queries;
  }

  private void add(String source, String id, String kind, String sql, LowerBound bound,
      String excess) {
    queries.add(new BenchmarkQuery(source, id, kind, sql, bound, excess, !sql.contains("LIMIT"),
        null, null));
  }

  private void prepared(String source, String id, String sql, List<Object> parameters,
      String request) {
    queries.add(new BenchmarkQuery(source, id,
        String.format(Locale.ROOT, "PreparedStatement lookup × %,d", executions), sql,
        c -> new Bound(executions, executions, String.format(Locale.ROOT,
            "one %s per execution, each waiting for the previous one: %,d", request, executions)),
        null, true, new Prepared(parameters, executions, naiveExecutions), null));
  }

  private static Bound one(String request) {
    return new Bound(1, 1, request);
  }

  /**
   * A table joined with Postgres keys ({@code bench.bind_keys}) in the bind-join rows.
   *
   * @param source     the source, also the keys' {@code pair}
   * @param prefix     the rows' id prefix (the key count follows)
   * @param api        the source's name in the rows' kind
   * @param select     the selected columns ({@code k} is the keys, the table has its alias)
   * @param join       the table with its alias and its ON condition
   * @param keyColumn  the key column of {@code bind_keys} ({@code ikey} or {@code skey})
   * @param filter     more of the WHERE clause (" AND …"), or ""
   * @param packing    how the API takes the keys
   * @param rowsPerKey a query of the table's key values and their rows (with {@code filter})
   * @param page       the API's page size
   * @param listing    a query counting the table's rows with {@code filter}
   * @param request    the request that lists them
   */
  private record BindTarget(String source, String prefix, String api, String select, String join,
      String keyColumn, String filter, Packing packing, String rowsPerKey, int page,
      String listing, String request) {}

  /**
   * Bind-join rows: the target's table joined with 1, 100 and 1,000 Postgres keys. Lower bound:
   * the fewer of the keys' batches ({@link #byKeys}) and the whole listing with the other filters.
   */
  private void bindJoins(BindTarget t) {
    for (int keys : BIND_KEY_COUNTS) {
      String where = " WHERE k.pair = '" + t.source() + "' AND k.n <= " + keys;
      String sql = "SELECT " + t.select() + " FROM {pg.keys} k JOIN " + t.join() + where
          + t.filter();
      String kind = String.format(Locale.ROOT, "bind join, Postgres × %s, %,d key%s", t.api(),
          keys, keys == 1 ? "" : "s");
      queries.add(new BenchmarkQuery(t.source(), t.prefix() + keys, kind, sql,
          c -> bindBound(c, t, keys), null, true, null,
          new BenchmarkQuery.BindJoin("Postgres × " + t.api(), keys)));
    }
  }

  private static Bound bindBound(Counts c, BindTarget t, int keys) throws java.sql.SQLException {
    String column = t.keyColumn();
    List<String> values = c.strings("SELECT " + column + " FROM {pg.keys} WHERE pair = '"
        + t.source() + "' AND n <= " + keys + " AND " + column + " IS NOT NULL GROUP BY "
        + column + " ORDER BY MIN(n)");
    Bound batches = byKeys(values, t.packing(), c.numbersBy(t.rowsPerKey()), t.page());
    Bound listing = c.listing(t.listing(), t.page(), t.request());
    boolean bind = batches.requests() < listing.requests()
        || batches.requests() == listing.requests()
            && batches.criticalPath() <= listing.criticalPath();
    Bound best = bind ? batches : listing;
    return new Bound(best.requests(), best.criticalPath(), String.format(Locale.ROOT,
        "the %,d key(s) from Postgres (no request), %,d distinct and not NULL; by key: %s;"
            + " or the whole listing, %s; the fewer: %s (%,d)", keys, values.size(),
        batches.how(), listing.how(), bind ? "by key" : "the listing", best.requests()));
  }

  // ---- Backlog: 2,650 seeded issues; 20,000 generated ones for the large scan ----

  private void backlog() {
    String s = "backlog";
    add(s, "B1", "point lookup by id",
        "SELECT Id, IssueKey, Summary, StatusName FROM {backlog.Issues} WHERE Id = 1234",
        c -> one("GET /issues/1234"), null);
    add(s, "B2", "selective filter",
        "SELECT Id, IssueKey, Summary FROM {backlog.Issues}"
            + " WHERE ProjectId = 3 AND StatusId = 1 AND AssigneeId = 5",
        c -> c.offsetListing("SELECT COUNT(*) FROM {backlog.Issues}"
                + " WHERE ProjectId = 3 AND StatusId = 1 AND AssigneeId = 5", BACKLOG_PAGE,
            "GET /issues?projectId[]=3&statusId[]=1&assigneeId[]=5"), OFFSET_COUNT);
    add(s, "B3", "IN list",
        "SELECT Id, IssueKey, StatusName FROM {backlog.Issues} WHERE Id IN (101, 202, 303, 404, 505)",
        c -> one("GET /issues?id[]=101&…&id[]=505"), null);
    add(s, "B4", "date range",
        "SELECT Id, IssueKey, Created FROM {backlog.Issues}"
            + " WHERE Created >= TIMESTAMP '2025-06-01 00:00:00'"
            + " AND Created < TIMESTAMP '2025-07-01 00:00:00'",
        c -> c.offsetListing("SELECT COUNT(*) FROM {backlog.Issues}"
                + " WHERE Created >= TIMESTAMP '2025-06-01 00:00:00'"
                + " AND Created < TIMESTAMP '2025-07-01 00:00:00'", BACKLOG_PAGE,
            "GET /issues?createdSince=2025-06-01&createdUntil=2025-06-30"), OFFSET_COUNT);
    add(s, "B5", "LIMIT 10",
        "SELECT Id, Summary FROM {backlog.Issues} LIMIT 10",
        c -> one("GET /issues?count=10"), null);
    add(s, "B6", "full scan (2,650 seeded rows)",
        "SELECT Id, Summary, StatusName FROM {backlog.Issues}",
        c -> c.offsetListing("SELECT COUNT(*) FROM {backlog.Issues}", BACKLOG_PAGE,
            "GET /issues"), OFFSET_COUNT);
    add(s, "B6L", "full scan (generated rows)",
        "SELECT Id, Summary, StatusName FROM {large.Issues}",
        c -> c.offsetListing("SELECT COUNT(*) FROM {large.Issues}", BACKLOG_PAGE,
            "GET /issues"), OFFSET_COUNT + " When the row count is a multiple of 100 the count"
            + " costs nothing: the empty page after a full last one is no longer asked for.");
    add(s, "B7", "join with Postgres",
        "SELECT a.name, COUNT(*) AS open_issues FROM {pg.account} a"
            + " JOIN {backlog.Issues} i ON i.ProjectId = a.backlog_project_id__c"
            + " WHERE i.StatusId = 1 AND a.isdeleted = false GROUP BY a.name",
        c -> c.offsetListing("SELECT COUNT(*) FROM {backlog.Issues}"
                + " WHERE StatusId = 1 AND ProjectId IN (SELECT backlog_project_id__c FROM {pg.account} WHERE isdeleted = false)",
            BACKLOG_PAGE, "the accounts' projects from Postgres (no request), then"
                + " GET /issues?statusId[]=1&projectId[]=…"), OFFSET_COUNT);
    add(s, "B8", "join of two sources (Backlog × PingOne)",
        "SELECT u.Username, u.Title, COUNT(*) AS open_issues FROM {backlog.Issues} i"
            + " JOIN {pingone.Users} u ON u.Email = i.AssigneeMail"
            + " WHERE i.StatusId = 1 GROUP BY u.Username, u.Title",
        c -> {
          Bound issues = c.offsetListing("SELECT COUNT(*) FROM {backlog.Issues}"
              + " WHERE StatusId = 1", BACKLOG_PAGE, "GET /issues?statusId[]=1");
          Bound users = usersByEmail(c, "SELECT DISTINCT AssigneeMail FROM {backlog.Issues}"
              + " WHERE StatusId = 1 AND AssigneeMail IS NOT NULL ORDER BY AssigneeMail");
          return new Bound(issues.requests() + users.requests(),
              issues.criticalPath() + users.criticalPath(), issues.how()
                  + "; then PingOne users by the assignee e-mails: " + users.how());
        },
        OFFSET_COUNT);
    add(s, "B9", "aggregate with GROUP BY",
        "SELECT StatusName, COUNT(*) AS issues FROM {backlog.Issues}"
            + " WHERE ProjectId = 2 AND Created >= TIMESTAMP '2025-01-01 00:00:00'"
            + " GROUP BY StatusName",
        c -> c.offsetListing("SELECT COUNT(*) FROM {backlog.Issues}"
                + " WHERE ProjectId = 2 AND Created >= TIMESTAMP '2025-01-01 00:00:00'",
            BACKLOG_PAGE, "GET /issues?projectId[]=2&createdSince=2025-01-01 (one"
                + " `GET /issues/count` per status would take 1 + 5)"), OFFSET_COUNT);
    add(s, "B9C", "aggregate: COUNT(*) alone",
        "SELECT COUNT(*) AS open_issues FROM {backlog.Issues} WHERE StatusId = 1",
        c -> one("GET /issues/count?statusId[]=1"), null);
    add(s, "B11", "ORDER BY … LIMIT 10",
        "SELECT Id, Summary, Created FROM {backlog.Issues} ORDER BY Created DESC LIMIT 10",
        c -> one("GET /issues?sort=created&order=desc&count=11"), null);
    List<Object> ids = new ArrayList<>();
    int n = env.backlog.issueCount();
    for (int k = 0; k < n; k++) {
      ids.add(1 + (k * 37) % n);
    }
    bindJoins(new BindTarget(s, "BJ", "Backlog", "k.n, i.Id, i.IssueKey, i.StatusName",
        "{backlog.Issues} i ON i.Id = k.ikey", "ikey", "", Packing.BACKLOG_IDS,
        "SELECT Id, COUNT(*) FROM {backlog.Issues} GROUP BY Id", BACKLOG_PAGE,
        "SELECT COUNT(*) FROM {backlog.Issues}", "GET /issues"));
    prepared(s, "B10", "SELECT Id, IssueKey, Summary, StatusName FROM {backlog.Issues} WHERE Id = ?",
        ids, "GET /issues/{id}");
  }

  // ---- Bitbucket: workspace acme, repositories api (318 issues), web (260), mobile (180) and
  // infra (no issue tracker) ----

  private Bound fanOut(Counts c, String where, String what) throws java.sql.SQLException {
    long requests = 1;
    long longest = 0;
    StringBuilder how = new StringBuilder("GET /repositories/acme (1), then per repository with"
        + " an issue tracker GET …/issues" + what + ":");
    for (String repo : BenchEnvironment.REPOSITORIES) {
      long rows = c.number("SELECT COUNT(*) FROM {bitbucket.Issues} WHERE RepoSlug = '" + repo
          + "'" + (where.isEmpty() ? "" : " AND " + where));
      long pages = Counts.pages(rows, BITBUCKET_PAGE);
      requests += pages;
      longest = Math.max(longest, pages);
      how.append(String.format(Locale.ROOT, " %s ⌈%d/100⌉ = %d;", repo, rows, pages));
    }
    how.append(" the repositories in parallel");
    return new Bound(requests, 1 + longest, how.toString());
  }

  private void bitbucket() {
    String s = "bitbucket";
    add(s, "T1", "point lookup by id",
        "SELECT Id, Title, State, Kind FROM {bitbucket.Issues} WHERE RepoSlug = 'api' AND Id = 7",
        c -> one("GET /repositories/acme/api/issues/7"), null);
    add(s, "T2", "selective filter",
        "SELECT RepoSlug, Id, Title FROM {bitbucket.Issues}"
            + " WHERE Kind = 'proposal' AND Priority = 'blocker'",
        c -> fanOut(c, "Kind = 'proposal' AND Priority = 'blocker'",
            "?q=kind=\"proposal\" AND priority=\"blocker\""), null);
    add(s, "T3", "IN list",
        "SELECT Id, Title, State FROM {bitbucket.Issues}"
            + " WHERE RepoSlug = 'api' AND Id IN (3, 5, 8, 13, 21)",
        c -> one("GET /repositories/acme/api/issues?q=(id=3 OR id=5 OR …)"),
        null);
    add(s, "T4", "date range",
        "SELECT Id, Title, CreatedOn FROM {bitbucket.Issues} WHERE RepoSlug = 'api'"
            + " AND CreatedOn >= TIMESTAMP '2025-01-01 00:00:00'"
            + " AND CreatedOn < TIMESTAMP '2025-04-01 00:00:00'",
        c -> c.listing("SELECT COUNT(*) FROM {bitbucket.Issues} WHERE RepoSlug = 'api'"
                + " AND CreatedOn >= TIMESTAMP '2025-01-01 00:00:00'"
                + " AND CreatedOn < TIMESTAMP '2025-04-01 00:00:00'", BITBUCKET_PAGE,
            "GET …/api/issues?q=created_on >= … AND created_on < …"), null);
    add(s, "T5", "LIMIT 10 (every repository)",
        "SELECT RepoSlug, Id, Title FROM {bitbucket.Issues} LIMIT 10",
        c -> new Bound(2, 2, "GET /repositories/acme, then the first repository's first page"),
        null);
    add(s, "T6", "full scan (758 rows)",
        "SELECT RepoSlug, Id, Title, State FROM {bitbucket.Issues}",
        c -> fanOut(c, "", ""), null);
    add(s, "T7", "join with Postgres",
        "SELECT a.name, b.RepoSlug, COUNT(*) AS bugs FROM {pg.account} a"
            + " JOIN {bitbucket.Issues} b ON b.RepoSlug = a.bitbucket_repo__c"
            + " WHERE b.Kind = 'bug' AND a.isdeleted = false GROUP BY a.name, b.RepoSlug",
        c -> linkedRepos(c, "Kind = 'bug'"),
        null);
    add(s, "T8", "join of two sources (Bitbucket × Backlog, via the Postgres accounts)",
        "SELECT a.name, COUNT(DISTINCT b.Id) AS bugs, COUNT(DISTINCT i.Id) AS open_issues"
            + " FROM {pg.account} a"
            + " JOIN {bitbucket.Issues} b ON b.RepoSlug = a.bitbucket_repo__c"
            + " JOIN {backlog.Issues} i ON i.ProjectId = a.backlog_project_id__c"
            + " WHERE b.Kind = 'bug' AND i.StatusId = 1 AND a.isdeleted = false GROUP BY a.name",
        c -> {
          Bound repos = linkedRepos(c, "Kind = 'bug'");
          Bound issues = c.offsetListing("SELECT COUNT(*) FROM {backlog.Issues} WHERE StatusId = 1"
                  + " AND ProjectId IN (SELECT backlog_project_id__c FROM {pg.account}"
                  + " WHERE isdeleted = false AND bitbucket_repo__c IS NOT NULL)", BACKLOG_PAGE,
              "Backlog GET /issues?statusId[]=1&projectId[]=…");
          return new Bound(repos.requests() + issues.requests(),
              Math.max(repos.criticalPath(), issues.criticalPath()),
              "Bitbucket: " + repos.how() + "; " + issues.how() + "; both sources in parallel");
        },
        OFFSET_COUNT);
    add(s, "T9", "aggregate with GROUP BY",
        "SELECT RepoSlug, COUNT(*) AS open_bugs FROM {bitbucket.Issues}"
            + " WHERE State IN ('new', 'open') AND Kind = 'bug' GROUP BY RepoSlug",
        c -> fanOut(c, "State IN ('new', 'open') AND Kind = 'bug'",
            "?q=(state=\"new\" OR state=\"open\") AND kind=\"bug\""), null);
    add(s, "T11", "ORDER BY … LIMIT 10 (one repository)",
        "SELECT Id, Title, CreatedOn FROM {bitbucket.Issues} WHERE RepoSlug = 'api'"
            + " ORDER BY CreatedOn DESC LIMIT 10",
        c -> one("GET …/api/issues?sort=-created_on&pagelen=11"), null);
    List<Object> ids = new ArrayList<>();
    for (int k = 0; k < 320; k++) {
      ids.add(1 + (k * 37) % 320);
    }
    bindJoins(new BindTarget(s, "TJ", "Bitbucket", "k.n, i.Id, i.Title, i.State",
        "{bitbucket.Issues} i ON i.Id = k.ikey", "ikey", " AND i.RepoSlug = 'api'",
        Packing.BBQL_IDS,
        "SELECT Id, COUNT(*) FROM {bitbucket.Issues} WHERE RepoSlug = 'api' GROUP BY Id",
        BITBUCKET_PAGE, "SELECT COUNT(*) FROM {bitbucket.Issues} WHERE RepoSlug = 'api'",
        "GET …/api/issues"));
    prepared(s, "T10",
        "SELECT Id, Title, State FROM {bitbucket.Issues} WHERE RepoSlug = 'api' AND Id = ?", ids,
        "GET …/api/issues/{id}");
  }

  /** The repositories the live Postgres accounts name, each read with a filter. */
  private Bound linkedRepos(Counts c, String where) throws java.sql.SQLException {
    long requests = 0;
    long longest = 0;
    StringBuilder how = new StringBuilder("the repositories named by the accounts come from"
        + " Postgres (no request); per repository GET …/issues?q=…:");
    for (String repo : BenchEnvironment.REPOSITORIES) {
      long linked = c.number("SELECT COUNT(*) FROM {pg.account} WHERE isdeleted = false"
          + " AND bitbucket_repo__c = '" + repo + "'");
      if (linked == 0) {
        continue;
      }
      long rows = c.number("SELECT COUNT(*) FROM {bitbucket.Issues} WHERE RepoSlug = '" + repo
          + "' AND " + where);
      long pages = Counts.pages(rows, BITBUCKET_PAGE);
      requests += pages;
      longest = Math.max(longest, pages);
      how.append(String.format(Locale.ROOT, " %s ⌈%d/100⌉ = %d;", repo, rows, pages));
    }
    long infra = c.number("SELECT COUNT(*) FROM {pg.account} WHERE isdeleted = false"
        + " AND bitbucket_repo__c = 'infra'");
    if (infra > 0) {
      requests += 1;
      longest = Math.max(longest, 1);
      how.append(" infra (no issue tracker) 1, its 404 or a GET of the repository;");
    }
    how.append(" in parallel");
    return new Bound(requests, longest, how.toString());
  }

  // ---- PingOne: environment Administrators, 2,500 users ----

  private void pingone() {
    String s = "pingone";
    List<Object> userIds = new ArrayList<>();
    env.pingone.users(BenchEnvironment.ENVIRONMENT).forEach(u -> userIds.add(u.get("id").asText()));
    add(s, "P1", "point lookup by id",
        "SELECT Id, Username, Email, Title FROM {pingone.Users} WHERE Id = '" + userIds.get(1234)
            + "'",
        c -> one("GET …/users/{id}"), null);
    add(s, "P2", "selective filter",
        "SELECT Id, Username, Email FROM {pingone.Users} WHERE Title = 'Finance Intern'",
        c -> c.listing("SELECT COUNT(*) FROM {pingone.Users} WHERE Title = 'Finance Intern'",
            PINGONE_PAGE, "GET …/users?filter=title eq \"Finance Intern\""), null);
    add(s, "P3", "IN list",
        "SELECT Id, Username, Title FROM {pingone.Users}"
            + " WHERE Username IN ('bcarter', 'cmartin', 'hsato', 'jberg', 'fwagner')",
        c -> one("GET …/users?filter=(username eq \"bcarter\") or …"), null);
    add(s, "P4", "date range",
        "SELECT Id, Username, CreatedAt FROM {pingone.Users}"
            + " WHERE CreatedAt >= TIMESTAMP '2024-01-01 00:00:00'"
            + " AND CreatedAt < TIMESTAMP '2024-04-01 00:00:00'",
        c -> c.listing("SELECT COUNT(*) FROM {pingone.Users}", PINGONE_PAGE,
            "PingOne cannot filter users on createdAt, so every user is listed"), null);
    add(s, "P5", "LIMIT 10",
        "SELECT Id, Username FROM {pingone.Users} LIMIT 10",
        c -> one("GET …/users?limit=10"), null);
    add(s, "P6", "full scan (2,500 rows)",
        "SELECT Id, Username, Email, Title FROM {pingone.Users}",
        c -> c.listing("SELECT COUNT(*) FROM {pingone.Users}", PINGONE_PAGE, "GET …/users"),
        null);
    add(s, "P7", "join with Postgres",
        "SELECT c.name, u.Username, u.Title FROM {pg.contact} c"
            + " JOIN {pingone.Users} u ON u.Email = c.email",
        c -> {
          Bound users = usersByEmail(c, "SELECT DISTINCT email FROM {pg.contact}"
              + " WHERE email IS NOT NULL ORDER BY email");
          return new Bound(users.requests(), users.criticalPath(), "the contacts' e-mails from"
              + " Postgres (no request), then " + users.how());
        },
        null);
    add(s, "P8", "join of two sources (Salesforce × PingOne)",
        "SELECT s.Name, u.Username, u.Title FROM {salesforce.User} s"
            + " JOIN {pingone.Users} u ON u.Email = s.Email",
        c -> {
          Bound users = usersByEmail(c, "SELECT DISTINCT Email FROM {salesforce.User}"
              + " WHERE Email IS NOT NULL ORDER BY Email");
          return new Bound(1 + users.requests(), 1 + users.criticalPath(),
              "SOQL SELECT … FROM User (1), then PingOne users by its e-mails: " + users.how());
        },
        null);
    add(s, "P9", "aggregate with GROUP BY",
        "SELECT Title, COUNT(*) AS contractors FROM {pingone.Users}"
            + " WHERE EmployeeType = 'Contractor' GROUP BY Title",
        c -> c.listing("SELECT COUNT(*) FROM {pingone.Users} WHERE EmployeeType = 'Contractor'",
            PINGONE_PAGE, "GET …/users?filter=type eq \"Contractor\""), null);
    add(s, "P11", "ORDER BY … LIMIT 10",
        "SELECT Id, Username, CreatedAt FROM {pingone.Users} ORDER BY CreatedAt DESC LIMIT 10",
        c -> c.listing("SELECT COUNT(*) FROM {pingone.Users}", PINGONE_PAGE,
            "PingOne's users listing has no sort parameter, so every user is listed"), null);
    bindJoins(new BindTarget(s, "PJ", "PingOne", "k.n, u.Id, u.Username, u.Email",
        "{pingone.Users} u ON u.Email = k.skey", "skey", "", Packing.SCIM_EMAILS,
        "SELECT Email, COUNT(*) FROM {pingone.Users} WHERE Email IS NOT NULL GROUP BY Email",
        PINGONE_PAGE, "SELECT COUNT(*) FROM {pingone.Users}", "GET …/users"));
    prepared(s, "P10", "SELECT Id, Username, Email FROM {pingone.Users} WHERE Id = ?", userIds,
        "GET …/users/{id}");
  }

  // ---- Salesforce: 500 accounts, 2,337 live contacts, 1,500 opportunities ----

  private void salesforce() {
    String s = "salesforce";
    List<Object> contactIds = new ArrayList<>();
    env.live("Contact").forEach(r -> contactIds.add(r.get("Id").asText()));
    add(s, "S1", "point lookup by id",
        "SELECT Id, Name, Industry FROM {salesforce.Account} WHERE Id = '0015g0000000d1MAAQ'",
        c -> one("SOQL … WHERE Id = '0015g0000000d1MAAQ'"), null);
    add(s, "S2", "selective filter",
        "SELECT Id, Name FROM {salesforce.Account}"
            + " WHERE Industry = 'Energy' AND AnnualRevenue > 1000000000",
        c -> c.listing("SELECT COUNT(*) FROM {salesforce.Account}"
                + " WHERE Industry = 'Energy' AND AnnualRevenue > 1000000000", SALESFORCE_BATCH,
            "SOQL … WHERE Industry = 'Energy' AND AnnualRevenue > 1000000000"), null);
    StringBuilder in = new StringBuilder();
    for (int i : new int[] {10, 500, 1000, 1500, 2000}) {
      in.append(in.length() == 0 ? "" : ", ").append('\'').append(contactIds.get(i)).append('\'');
    }
    add(s, "S3", "IN list",
        "SELECT Id, Name, Email FROM {salesforce.Contact} WHERE Id IN (" + in + ")",
        c -> one("SOQL … WHERE Id IN (…)"), null);
    add(s, "S4", "date range",
        "SELECT Id, Name, Amount FROM {salesforce.Opportunity}"
            + " WHERE CloseDate >= DATE '2024-01-01' AND CloseDate < DATE '2024-02-01'",
        c -> c.listing("SELECT COUNT(*) FROM {salesforce.Opportunity}"
                + " WHERE CloseDate >= DATE '2024-01-01' AND CloseDate < DATE '2024-02-01'",
            SALESFORCE_BATCH, "SOQL … WHERE CloseDate >= 2024-01-01 AND CloseDate < 2024-02-01"),
        null);
    add(s, "S5", "LIMIT 10",
        "SELECT Id, Name FROM {salesforce.Contact} LIMIT 10",
        c -> one("SOQL … LIMIT 10"), null);
    add(s, "S6", "full scan (2,337 rows)",
        "SELECT Id, Name, Email, AccountId FROM {salesforce.Contact}",
        c -> c.listing("SELECT COUNT(*) FROM {salesforce.Contact}", SALESFORCE_BATCH,
            "SOQL SELECT … FROM Contact, then nextRecordsUrl"), null);
    add(s, "S7", "join with Postgres",
        "SELECT a.sfid, a.name, s.Name AS salesforce_name, s.SystemModstamp FROM {pg.account} a"
            + " JOIN {salesforce.Account} s ON s.Id = a.sfid"
            + " WHERE s.SystemModstamp > a.systemmodstamp",
        c -> one("the sfids from Postgres (no request), then one SOQL … WHERE Id IN (…)"), null);
    add(s, "S8", "join of two sources (Salesforce × Backlog)",
        "SELECT a.Name, COUNT(*) AS open_issues FROM {salesforce.Account} a"
            + " JOIN {backlog.Issues} i ON i.ProjectId = a.Backlog_Project_Id__c"
            + " WHERE i.StatusId = 1 GROUP BY a.Name",
        c -> {
          Bound issues = c.offsetListing("SELECT COUNT(*) FROM {backlog.Issues} WHERE StatusId = 1"
                  + " AND ProjectId IN (SELECT backlog_project_id__c FROM {salesforce.Account})",
              BACKLOG_PAGE, "GET /issues?statusId[]=1&projectId[]=…");
          return new Bound(1 + issues.requests(), 1 + issues.criticalPath(),
              "SOQL … WHERE Backlog_Project_Id__c != null (1), then Backlog " + issues.how());
        }, null);
    add(s, "S9", "aggregate with GROUP BY",
        "SELECT StageName, COUNT(*) AS deals, SUM(Amount) AS amount FROM {salesforce.Opportunity}"
            + " WHERE IsClosed = false GROUP BY StageName",
        c -> one("SOQL's own GROUP BY … WHERE IsClosed = false: 1 request, 8 rows"), null);
    add(s, "S9C", "aggregate: COUNT(*) with a filter",
        "SELECT COUNT(*) AS big_deals FROM {salesforce.Opportunity} WHERE Amount > 100000",
        c -> one("SOQL SELECT COUNT() … WHERE Amount > 100000"), null);
    add(s, "S11", "ORDER BY … LIMIT 10",
        "SELECT Id, Name, Amount FROM {salesforce.Opportunity}"
            + " ORDER BY Amount DESC NULLS LAST LIMIT 10",
        c -> one("SOQL … ORDER BY Amount DESC NULLS LAST LIMIT 10"), null);
    bindJoins(new BindTarget(s, "SJ", "Salesforce", "k.n, c.Id, c.Name, c.Email",
        "{salesforce.Contact} c ON c.Id = k.skey", "skey", "", Packing.soqlIn("Id"),
        "SELECT Id, COUNT(*) FROM {salesforce.Contact} GROUP BY Id", SALESFORCE_BATCH,
        "SELECT COUNT(*) FROM {salesforce.Contact}",
        "SOQL SELECT … FROM Contact, then nextRecordsUrl"));
    prepared(s, "S10", "SELECT Id, Name, Email FROM {salesforce.Contact} WHERE Id = ?",
        contactIds, "SOQL … WHERE Id = '…'");
  }
}
