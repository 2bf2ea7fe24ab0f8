package io.saasql.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.saasql.sandbox.backlog.BacklogSandbox;
import io.saasql.sandbox.bitbucket.BitbucketSandbox;
import io.saasql.sandbox.pingone.PingOneSandbox;
import io.saasql.sandbox.postgres.DemoPostgres;
import io.saasql.sandbox.salesforce.SalesforceSandbox;
import io.saasql.testing.Differential.Atom;
import io.saasql.testing.Differential.Param;
import io.saasql.testing.Differential.Table;
import io.saasql.testing.JoinDifferential.Col;
import io.saasql.testing.JoinDifferential.Kind;
import io.saasql.testing.JoinDifferential.Link;
import io.saasql.testing.JoinDifferential.Pair;
import io.saasql.testing.JoinDifferential.Side;
import io.saasql.testing.JoinDifferential.TableName;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The sources of {@link JoinDifferential}'s joins and the pairs it tests: one Calcite connection
 * with each API's schema with pushdown and without ({@code …_nopush}) and schema {@code pg}, a
 * JDBC schema over Postgres schema {@value #SCHEMA}, which holds copies of the APIs' data (made
 * from the sandboxes' own JSON) and tables of awkward keys.
 *
 * <p>The sources: the small Backlog sandbox ({@link TestSources#smallBacklog()}, 250 issues: its
 * scan is 3 requests), PingOne's smaller environment (Production, 1,200 users), Salesforce (a
 * sandbox of this class's own, see {@link #salesforce}) and Bitbucket's workspace {@code acme}. The key tables mix keys the other side has with the same
 * keys in another case or with a space, keys it lacks, quotes, double quotes, backslashes,
 * non-ASCII text, text that looks like the APIs' filter syntax, NULLs and duplicates; column
 * {@code grp} (0–15) selects a few keys or hundreds.
 */
public final class JoinSources implements AutoCloseable {
  /** The Postgres schema of the copies and key tables. */
  public static final String SCHEMA = "joindiff";

  /** Text that must reach an API intact, or not match, in a batch of keys. */
  static final List<String> AWKWARD = List.of("o'brien@example.com", "O'Brien",
      "\"quoted\"@example.com", "back\\slash@example.com", "C:\\temp\\", "a b@example.com", " ",
      "", "ü@example.com", "Zoë", "日本@example.jp", "🚀@example.com", "Σοφία", "a\"b'c\\d",
      "x) or (email eq \"y\"", "x\" or email pr or \"", "' OR Name != '", "a\" OR state = \"new",
      "%", "_", "*", "a,b", "id[]=1&x=2", "null", "NULL", "tab\there", "ANNA@EXAMPLE.COM");

  public final Connection calcite;
  public final Connection postgres;
  public final BacklogSandbox backlog = TestSources.smallBacklog();
  public final PingOneSandbox pingone = TestSources.pingone();
  /**
   * A Salesforce sandbox of this class's own, closed with it: the sandbox keeps every query's
   * rows for 15 minutes behind its query locator (as Salesforce does), and the joins read
   * Contact's 2,337 rows hundreds of times (a locator each, about a megabyte); the Salesforce
   * pairs release the locators after every statement, and none is left for the tests after.
   */
  public final SalesforceSandbox salesforce = new SalesforceSandbox().start();
  public final BitbucketSandbox bitbucket = TestSources.bitbucket();

  private final Random random = new Random(20260301L);

  private Side issues;
  private Side users;
  private Side sfUser;
  private Side contact;
  private Side account;
  private Side bbIssues;
  private Side issuesCopy;
  private Side usersCopy;
  private Side backlogUsersCopy;
  private Side backlogProjectsCopy;
  private Side bbIssuesCopy;
  private Side contactCopy;
  private Side accountCopy;
  private Side emailKeys;
  private Side intKeys;
  private Side slugKeys;
  private Side repoKeys;
  private Side sfidKeys;
  private final List<List<Object>> emailPool = new ArrayList<>();
  private final List<List<Object>> intPool = new ArrayList<>();
  private final List<List<Object>> slugPool = new ArrayList<>();
  private final List<List<Object>> sfidPool = new ArrayList<>();

  /** Starts (or reuses) the sandboxes and Postgres, makes the copies and key tables, connects. */
  public JoinSources() throws Exception {
    DemoPostgres pg = DemoPostgres.shared();
    postgres = GeneratedQueries.postgres();
    try (Statement s = postgres.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      s.execute("CREATE SCHEMA " + SCHEMA);
    }
    TestSources.smallBacklogModel(); // sets BACKLOG_SMALL_API_KEY
    String model = "{\"version\":\"1.0\",\"schemas\":["
        + TestSources.backlogSchema("backlog_small", backlog.baseUrl(), "BACKLOG_SMALL_API_KEY",
            true) + ","
        + TestSources.backlogSchema("backlog_small_nopush", backlog.baseUrl(),
            "BACKLOG_SMALL_API_KEY", false) + ","
        + TestSources.pingoneSchema("Production", "Production", true, "") + ","
        + TestSources.pingoneSchema("Production_nopush", "Production", false, "") + ","
        + salesforceSchema("salesforce", true) + ","
        + salesforceSchema("salesforce_nopush", false) + ","
        + TestSources.bitbucketSchema("bitbucket", "acme", true, "") + ","
        + TestSources.bitbucketSchema("bitbucket_nopush", "acme", false, "") + ","
        + "{\"name\":\"pg\",\"type\":\"jdbc\",\"jdbcUrl\":\"" + pg.jdbcUrl() + "\","
        + "\"jdbcUser\":\"" + pg.user() + "\",\"jdbcPassword\":\"" + pg.password() + "\","
        + "\"jdbcSchema\":\"" + SCHEMA + "\"}]}";
    // Calcite reads the tables of schema pg when a query first names it: after they exist.
    calcite = TestSources.connect(model);
    copies();
    keyTables();
  }

  /** A schema over this class's Salesforce sandbox, as {@link TestSources} makes them. */
  private String salesforceSchema(String name, boolean pushdown) {
    System.setProperty("JOINDIFF_SALESFORCE_SECRET", salesforce.clientSecret());
    return "{\"name\":\"" + name + "\",\"type\":\"custom\","
        + "\"factory\":\"io.saasql.salesforce.SalesforceSchemaFactory\",\"operand\":{"
        + "\"clientId\":\"" + salesforce.clientId() + "\",\"loginUrl\":\""
        + salesforce.loginUrl() + "\",\"clientSecret\":\"${JOINDIFF_SALESFORCE_SECRET}\","
        + "\"maxRetryWaitSeconds\":\"5\",\"pushdown\":" + pushdown + "}}";
  }

  // ---- copies of the APIs' data, and the API sides ----

  private void copies() throws SQLException {
    Table issueTable = copied("backlog_small", "Issues", backlog, "backlog_issues",
        backlog.issues(), DifferentialSources.BACKLOG_ISSUE_FIELDS);
    issues = Side.api(issueTable, names("backlog_small", "Issues", "backlog_issues"), "i", "Id");
    issuesCopy = Side.copy(issueTable, pgName("backlog_issues"), "ci", "Id");
    backlogUsersCopy = Side.copy(copied("backlog_small", "Users", backlog, "backlog_users",
        backlog.users(), DifferentialSources.BACKLOG_USER_FIELDS), pgName("backlog_users"), "bu",
        "Id");
    backlogProjectsCopy = Side.copy(copied("backlog_small", "Projects", backlog,
        "backlog_projects", backlog.projects(), DifferentialSources.BACKLOG_PROJECT_FIELDS),
        pgName("backlog_projects"), "bp", "Id");

    Table userTable = copied("Production", "Users", pingone, "pingone_users",
        pingone.users("Production"), DifferentialSources.PINGONE_USER_FIELDS);
    users = Side.api(userTable, names("Production", "Users", "pingone_users"), "u", "Id");
    usersCopy = Side.copy(userTable, pgName("pingone_users"), "cu", "Id");

    sfUser = Side.api(copied("salesforce", "User", salesforce, "salesforce_user",
        salesforce.liveRecords("User"), Map.of()), new TableName("salesforce.\"User\"",
        "salesforce_nopush.\"User\"", SCHEMA + ".salesforce_user"), "s", "Id");
    Table contactTable = copied("salesforce", "Contact", salesforce, "salesforce_contact",
        salesforce.liveRecords("Contact"), Map.of());
    contact = Side.api(contactTable, names("salesforce", "Contact", "salesforce_contact"), "c",
        "Id");
    contactCopy = Side.copy(contactTable, pgName("salesforce_contact"), "cc", "Id");
    Table accountTable = copied("salesforce", "Account", salesforce, "salesforce_account",
        salesforce.liveRecords("Account"), Map.of());
    account = Side.api(accountTable, names("salesforce", "Account", "salesforce_account"), "a",
        "Id");
    accountCopy = Side.copy(accountTable, pgName("salesforce_account"), "ca", "Id");

    Table bbTable = copied("bitbucket", "Issues", bitbucket, "bitbucket_issues",
        bitbucketIssues(), DifferentialSources.BITBUCKET_ISSUE_FIELDS);
    bbIssues = Side.api(bbTable, names("bitbucket", "Issues", "bitbucket_issues"), "b",
        "RepoSlug", "Id");
    bbIssuesCopy = Side.copy(bbTable, pgName("bitbucket_issues"), "cb", "RepoSlug", "Id");
  }

  /**
   * An API table, sampled for the predicate generator, and its copy {@code SCHEMA.copy} in
   * Postgres made from the sandbox's {@code records} ({@code pointers}: where a column's value
   * is, when not at its own name).
   */
  private Table copied(String schema, String name, io.saasql.sandbox.SandboxServer sandbox,
      String copy, List<? extends JsonNode> records, Map<String, String> pointers)
      throws SQLException {
    Table t = api(schema, name, sandbox);
    DifferentialSources.copyTo(postgres, t, SCHEMA + "." + copy, records, pointers);
    return t;
  }

  /** An API table, sampled (columns and values) for the predicate generator. */
  private Table api(String schema, String name, io.saasql.sandbox.SandboxServer sandbox)
      throws SQLException {
    Table t = new Table(calcite, schema, schema + "_nopush", name, sandbox);
    Differential.sample(t);
    return t;
  }

  private static TableName names(String schema, String table, String copy) {
    return new TableName(schema + "." + table, schema + "_nopush." + table, SCHEMA + "." + copy);
  }

  private static TableName pgName(String table) {
    return new TableName("pg." + table, "pg." + table, SCHEMA + "." + table);
  }

  private List<ObjectNode> bitbucketIssues() {
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectNode repo : bitbucket.repositories("acme")) {
      if (repo.get("has_issues").asBoolean()) {
        out.addAll(bitbucket.issues("acme", repo.get("slug").asText()));
      }
    }
    return out;
  }

  // ---- key tables ----

  private void keyTables() throws SQLException {
    List<String> emails = new ArrayList<>();
    List<ObjectNode> pingoneUsers = pingone.users("Production");
    for (int i = 0; i < pingoneUsers.size(); i++) {
      String e = pingoneUsers.get(i).get("email").asText();
      if (i % 4 == 0) {
        emails.add(e);
      }
      if (i % 37 == 1) {
        emails.add(e.toUpperCase(Locale.ROOT));
      }
      if (i % 41 == 2) {
        emails.add(Character.toUpperCase(e.charAt(0)) + e.substring(1));
      }
      if (i % 53 == 3) {
        emails.add(e + " ");
      }
      if (i % 59 == 4) {
        emails.add(" " + e);
      }
    }
    for (ObjectNode u : backlog.users()) {
      emails.add(u.get("mailAddress").asText());
    }
    for (ObjectNode u : salesforce.liveRecords("User")) {
      emails.add(u.path("Email").asText(null));
    }
    List<ObjectNode> contacts = salesforce.liveRecords("Contact");
    for (int i = 0; i < contacts.size(); i += 25) {
      emails.add(contacts.get(i).path("Email").asText(null));
    }
    emails.addAll(AWKWARD);
    finish(emails, 15, 30);
    create("email_keys", "k varchar COLLATE \"C\"", emails.stream().map(e -> new Object[] {e})
        .toList());
    emailKeys = keys("email_keys", "k", List.of(new Col("k", Kind.TEXT)));
    emails.forEach(e -> emailPool.add(Collections.singletonList(e)));

    List<Integer> ints = new ArrayList<>();
    for (int n = 1; n <= 260; n++) {
      ints.add(n);
    }
    ints.addAll(List.of(0, -1, 1000, 99_999, Integer.MAX_VALUE, Integer.MIN_VALUE));
    for (int n = 1; n <= 14; n++) {
      ints.add(n);
    }
    finish(ints, 12, 40);
    create("int_keys", "n integer", ints.stream().map(n -> new Object[] {n}).toList());
    intKeys = keys("int_keys", "k", List.of(new Col("n", Kind.INT)));
    ints.forEach(n -> intPool.add(Collections.singletonList(n)));

    List<Object[]> slugs = new ArrayList<>();
    List<ObjectNode> bb = bitbucketIssues();
    for (int i = 0; i < bb.size(); i++) {
      String repo = bb.get(i).at("/repository/name").asText();
      int id = bb.get(i).get("id").asInt();
      if (i % 3 == 0) {
        slugs.add(new Object[] {repo, id});
      }
      if (i % 70 == 5) {
        slugs.add(new Object[] {repo, id + 1000});
      }
    }
    for (Object[] extra : new Object[][] {{"API", 1}, {"API", 2}, {"api ", 3}, {" web", 2},
        {"Web", 4}, {"nope", 1}, {"it's", 1}, {"a\"b", 2}, {"back\\slash", 3}, {"日本", 4},
        {null, 1}, {null, 2}, {"api", null}, {"web", null}, {"mobile", 0}, {"infra", 1}}) {
      slugs.add(extra);
    }
    finishRows(slugs, 20);
    create("slug_keys", "slug varchar COLLATE \"C\", id integer", slugs);
    slugKeys = keys("slug_keys", "k", List.of(new Col("slug", Kind.TEXT),
        new Col("id", Kind.INT)));
    slugs.forEach(s -> slugPool.add(Arrays.asList(s)));

    List<Object[]> repos = new ArrayList<>();
    for (String s : new String[] {"api", "web", "mobile", "infra", "platform", "API", " web",
        "web ", "Mobile", "nope", "it's", "a\"b", "back\\slash", "日本", null, "api", "mobile",
        ""}) {
      repos.add(new Object[] {s});
    }
    create("repo_keys", "slug varchar COLLATE \"C\"", repos);
    repoKeys = keys("repo_keys", "r", List.of(new Col("slug", Kind.TEXT)));

    List<String> sfids = new ArrayList<>();
    List<ObjectNode> accounts = salesforce.liveRecords("Account");
    for (int i = 0; i < accounts.size(); i++) {
      String id = accounts.get(i).get("Id").asText();
      if (i % 2 == 0) {
        sfids.add(id);
      }
      if (i % 40 == 1) {
        sfids.add(id.substring(0, 15));
      }
      if (i % 40 == 3) {
        sfids.add(id.toLowerCase(Locale.ROOT));
      }
      if (i % 40 == 5) {
        sfids.add(id.toUpperCase(Locale.ROOT));
      }
    }
    for (int i = 0; i < contacts.size(); i += 20) {
      sfids.add(contacts.get(i).path("AccountId").asText(null));
    }
    for (int i = 7; i < contacts.size(); i += 30) {
      sfids.add(contacts.get(i).get("Id").asText());
    }
    sfids.addAll(List.of("001000000000000AAA", "001xx000003DGb2AAG", "003000000000000AAA",
        "001'000000000AAA", "001\"00000000AAA", "001\\000000000AAA", "001 00000000000AAA"));
    sfids.addAll(AWKWARD.subList(0, 8));
    finish(sfids, 10, 20);
    create("sfid_keys", "k varchar COLLATE \"C\"", sfids.stream().map(s -> new Object[] {s})
        .toList());
    sfidKeys = keys("sfid_keys", "k", List.of(new Col("k", Kind.TEXT)));
    sfids.forEach(s -> sfidPool.add(Collections.singletonList(s)));
  }

  /** Adds {@code nulls} NULLs and {@code duplicates} repeated keys, then shuffles. */
  private <T> void finish(List<T> keys, int nulls, int duplicates) {
    for (int i = 0; i < duplicates; i++) {
      keys.add(keys.get(random.nextInt(keys.size())));
    }
    for (int i = 0; i < nulls; i++) {
      keys.add(null);
    }
    Collections.shuffle(keys, random);
  }

  private void finishRows(List<Object[]> rows, int duplicates) {
    for (int i = 0; i < duplicates; i++) {
      rows.add(rows.get(random.nextInt(rows.size())));
    }
    Collections.shuffle(rows, random);
  }

  /**
   * Creates {@code SCHEMA.name (kid integer, <columns>, grp integer)}: {@code kid} numbers the
   * rows from 1, {@code grp} is {@code kid % 16}.
   */
  private void create(String name, String columns, List<Object[]> rows) throws SQLException {
    String table = SCHEMA + "." + name;
    try (Statement s = postgres.createStatement()) {
      s.execute("CREATE TABLE " + table + " (kid integer, " + columns + ", grp integer)");
    }
    int width = rows.get(0).length;
    String marks = "?, ".repeat(width + 1) + "?";
    try (PreparedStatement ps = postgres.prepareStatement("INSERT INTO " + table + " VALUES ("
        + marks + ")")) {
      for (int i = 0; i < rows.size(); i++) {
        ps.setInt(1, i + 1);
        for (int c = 0; c < width; c++) {
          Object v = rows.get(i)[c];
          if (v == null) {
            ps.setNull(c + 2, columns.split(",")[c].contains("integer") ? Types.INTEGER
                : Types.VARCHAR);
          } else {
            ps.setObject(c + 2, v);
          }
        }
        ps.setInt(width + 2, (i + 1) % 16);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    try (Statement s = postgres.createStatement()) {
      s.execute("ANALYZE " + table);
    }
  }

  /** A key table as a side: its key columns, kid and grp, predicates on kid and grp. */
  private static Side keys(String name, String alias, List<Col> keyColumns) {
    List<Col> columns = new ArrayList<>();
    columns.add(new Col("kid", Kind.INT));
    columns.addAll(keyColumns);
    columns.add(new Col("grp", Kind.INT));
    return Side.table(pgName(name), alias, columns, keysPredicate(alias), "kid");
  }

  /**
   * Predicates on a key table: a few groups of keys, many, or a range of rows; the numbers
   * written as literals or as {@code ?}.
   */
  private static JoinDifferential.Predicates keysPredicate(String alias) {
    return new JoinDifferential.Predicates() {
      @Override
      public Atom literal(Random shape) {
        Atom a = parameter(shape.nextLong(), shape);
        String sql = a.sql();
        for (Param p : a.params()) {
          sql = sql.replaceFirst("\\?", p.value().toString());
        }
        return new Atom(sql, List.of());
      }

      @Override
      public Atom parameter(long shape, Random values) {
        String grp = alias + ".\"grp\"";
        List<Param> params = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          params.add(new Param(Types.INTEGER, values.nextInt(16)));
        }
        return switch (new Random(shape).nextInt(7)) {
          case 0 -> new Atom(grp + " = ?", params.subList(0, 1));
          case 1, 2 -> new Atom(grp + " < ?", List.of(new Param(Types.INTEGER,
              1 + (Integer) params.get(0).value())));
          case 3 -> new Atom(grp + " >= ?", params.subList(0, 1));
          case 4 -> new Atom(grp + " IN (?, ?, ?)", params);
          case 5 -> new Atom(alias + ".\"kid\" BETWEEN ? AND ?", List.of(
              new Param(Types.INTEGER, 1 + values.nextInt(300)),
              new Param(Types.INTEGER, 301 + values.nextInt(300))));
          default -> new Atom(grp + " <> ?", params.subList(0, 1));
        };
      }
    };
  }

  // ---- the pairs ----

  /** Backlog's issues and PingOne's users, by the assignee's e-mail. */
  public Pair backlogPingOne() {
    return new Pair("Backlog Issues × PingOne Users", calcite, postgres, List.of(
        Link.of(issues, "AssigneeMail", users, "Email", 1)), backlog, pingone);
  }

  /** Salesforce's users and PingOne's, by e-mail, and by family and given name. */
  public Pair salesforcePingOne() {
    return new Pair("Salesforce User × PingOne Users", calcite, postgres, List.of(
        Link.of(sfUser, "Email", users, "Email", 4),
        Link.of(sfUser, "LastName", users, "NameFamily", 1),
        Link.of(sfUser, "FirstName", users, "NameGiven", 1)), salesforce, pingone)
        .betweenBatches(salesforce::releaseQueryLocators);
  }

  /** Postgres tables and VALUES lists with PingOne's users. */
  public Pair postgresPingOne() {
    Side values = Side.values("VALUES of e-mails", "v", List.of(Kind.TEXT), emailPool);
    return new Pair("Postgres × PingOne Users", calcite, postgres, List.of(
        Link.of(emailKeys, "k", users, "Email", 4),
        Link.of(usersCopy, "Email", users, "Email", 2),
        Link.of(usersCopy, "Username", users, "Username", 1),
        Link.of(usersCopy, "NameFamily", users, "NameFamily", 1)
            .guarded("cu.\"EmployeeType\" = 'Intern'"),
        Link.of(values, "k1", users, "Email", 3)), pingone);
  }

  /** Postgres tables and VALUES lists with Bitbucket's issues, by repository and id. */
  public Pair postgresBitbucket() {
    Side values = Side.values("VALUES of (slug, id)", "v", List.of(Kind.TEXT, Kind.INT),
        slugPool);
    return new Pair("Postgres × Bitbucket Issues", calcite, postgres, List.of(
        new Link(slugKeys, List.of("slug", "id"), bbIssues, List.of("RepoSlug", "Id"), 4, null,
            300),
        Link.of(slugKeys, "id", bbIssues, "Id", 1),
        Link.of(repoKeys, "slug", bbIssues, "RepoSlug", 2),
        new Link(bbIssuesCopy, List.of("RepoSlug", "Id"), bbIssues, List.of("RepoSlug", "Id"), 2,
            null, 300),
        new Link(values, List.of("k1", "k2"), bbIssues, List.of("RepoSlug", "Id"), 2, null, 300),
        Link.of(values, "k1", bbIssues, "RepoSlug", 1).atMost(6)), bitbucket);
  }

  /** Postgres tables and VALUES lists with Backlog's issues, by id, project and assignee. */
  public Pair postgresBacklog() {
    Side values = Side.values("VALUES of integers", "v", List.of(Kind.INT), intPool);
    return new Pair("Postgres × Backlog Issues", calcite, postgres, List.of(
        Link.of(intKeys, "n", issues, "Id", 4),
        Link.of(intKeys, "n", issues, "AssigneeId", 1),
        Link.of(intKeys, "n", issues, "ProjectId", 1),
        Link.of(backlogUsersCopy, "Id", issues, "AssigneeId", 2),
        Link.of(backlogProjectsCopy, "Id", issues, "ProjectId", 1),
        Link.of(issuesCopy, "Id", issues, "Id", 2),
        Link.of(values, "k1", issues, "Id", 2),
        Link.of(values, "k1", issues, "AssigneeId", 1).atMost(12),
        Link.of(values, "k1", issues, "ProjectId", 1).atMost(8)), backlog);
  }

  /** Postgres tables and VALUES lists with Salesforce's accounts and contacts. */
  public Pair postgresSalesforce() {
    Side ids = Side.values("VALUES of ids", "v", List.of(Kind.TEXT), sfidPool);
    Side mails = Side.values("VALUES of e-mails", "w", List.of(Kind.TEXT), emailPool);
    return new Pair("Postgres × Salesforce", calcite, postgres, List.of(
        Link.of(sfidKeys, "k", account, "Id", 3),
        Link.of(sfidKeys, "k", contact, "AccountId", 2),
        Link.of(emailKeys, "k", contact, "Email", 2),
        Link.of(accountCopy, "Id", contact, "AccountId", 2),
        Link.of(contactCopy, "Email", contact, "Email", 1),
        Link.of(contactCopy, "Id", contact, "Id", 1),
        Link.of(ids, "k1", account, "Id", 2),
        Link.of(ids, "k1", contact, "AccountId", 1),
        Link.of(mails, "k1", contact, "Email", 1)), salesforce)
        .betweenBatches(salesforce::releaseQueryLocators);
  }

  /** Every pair, in the order the test runs them. */
  public List<Pair> pairs() {
    return List.of(backlogPingOne(), salesforcePingOne(), postgresPingOne(), postgresBitbucket(),
        postgresBacklog(), postgresSalesforce());
  }

  /** Closes the connections and this class's Salesforce sandbox, and drops the copies. */
  @Override
  public void close() throws SQLException {
    calcite.close();
    salesforce.close();
    try (Statement s = postgres.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
    postgres.close();
  }
}
