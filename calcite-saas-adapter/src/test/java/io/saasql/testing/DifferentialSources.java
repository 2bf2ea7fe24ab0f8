package io.saasql.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.saasql.sandbox.backlog.BacklogSandbox;
import io.saasql.sandbox.bitbucket.BitbucketSandbox;
import io.saasql.sandbox.pingone.PingOneSandbox;
import io.saasql.sandbox.salesforce.SalesforceSandbox;
import io.saasql.testing.Differential.Table;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.saasql.testing.Differential.literal;
import static io.saasql.testing.Differential.pick;

/**
 * The tables each source's generated differential queries run on, for the tests and the
 * benchmark: per source its main table first, then smaller ones that cover the other column types
 * and date-time columns; each with a copy in Postgres made from the sandbox's own JSON (schema
 * {@value #SCHEMA}), the raw values the API keeps where SQL sees less of them (Bitbucket's
 * microseconds), and the hand-written atoms of the earlier differential tests.
 */
public final class DifferentialSources {
  /** The Postgres schema of the copies. */
  public static final String SCHEMA = "differential";

  private DifferentialSources() {}

  // ---- Backlog ----

  /** Issues, Projects and Users of the Backlog sandbox. */
  public static List<Table> backlog(Connection calcite, String pushed, String naive,
      BacklogSandbox sandbox, Connection pg) throws SQLException {
    Table issues = new Table(calcite, pushed, naive, "Issues", sandbox)
        .atoms(r -> backlogPredicate(r, 0));
    copy(pg, issues, "backlog_issues", sandbox.issues(), BACKLOG_ISSUE_FIELDS);
    Table projects = new Table(calcite, pushed, naive, "Projects", sandbox);
    copy(pg, projects, "backlog_projects", sandbox.projects(), BACKLOG_PROJECT_FIELDS);
    Table users = new Table(calcite, pushed, naive, "Users", sandbox);
    copy(pg, users, "backlog_users", sandbox.users(), BACKLOG_USER_FIELDS);
    return List.of(issues, projects, users);
  }

  /** Where each column of Backlog's Issues is in the API's JSON. */
  static final Map<String, String> BACKLOG_ISSUE_FIELDS = Map.ofEntries(
      Map.entry("Id", "/id"), Map.entry("IssueKey", "/issueKey"), Map.entry("KeyId", "/keyId"),
      Map.entry("ProjectId", "/projectId"), Map.entry("IssueTypeId", "/issueType/id"),
      Map.entry("IssueTypeName", "/issueType/name"), Map.entry("Summary", "/summary"),
      Map.entry("Description", "/description"), Map.entry("PriorityId", "/priority/id"),
      Map.entry("PriorityName", "/priority/name"), Map.entry("StatusId", "/status/id"),
      Map.entry("StatusName", "/status/name"), Map.entry("ResolutionId", "/resolution/id"),
      Map.entry("ResolutionName", "/resolution/name"), Map.entry("AssigneeId", "/assignee/id"),
      Map.entry("AssigneeName", "/assignee/name"),
      Map.entry("AssigneeMail", "/assignee/mailAddress"),
      Map.entry("ParentIssueId", "/parentIssueId"), Map.entry("StartDate", "/startDate"),
      Map.entry("DueDate", "/dueDate"), Map.entry("EstimatedHours", "/estimatedHours"),
      Map.entry("ActualHours", "/actualHours"), Map.entry("CreatedUserId", "/createdUser/id"),
      Map.entry("CreatedUserName", "/createdUser/name"), Map.entry("Created", "/created"),
      Map.entry("UpdatedUserId", "/updatedUser/id"), Map.entry("Updated", "/updated"));

  /** Where each column of Backlog's Projects is in the API's JSON. */
  static final Map<String, String> BACKLOG_PROJECT_FIELDS = Map.of("Id", "/id",
      "ProjectKey", "/projectKey", "Name", "/name", "ChartEnabled", "/chartEnabled",
      "SubtaskingEnabled", "/subtaskingEnabled", "TextFormattingRule",
      "/textFormattingRule", "Archived", "/archived");

  /** Where each column of Backlog's Users is in the API's JSON. */
  static final Map<String, String> BACKLOG_USER_FIELDS = Map.of("Id", "/id",
      "UserId", "/userId", "Name", "/name", "RoleType", "/roleType", "Lang", "/lang",
      "MailAddress", "/mailAddress");

  private static final String[] BACKLOG_INT_COLUMNS = {"Id", "ProjectId", "StatusId",
      "IssueTypeId", "PriorityId", "AssigneeId", "CreatedUserId", "ParentIssueId", "KeyId",
      "ResolutionId"};
  private static final String[] BACKLOG_TS_COLUMNS = {"Created", "Updated"};
  private static final String[] BACKLOG_DATE_COLUMNS = {"StartDate", "DueDate"};

  /** The earlier Backlog differential test's predicates: ids, keys, day-aligned ranges. */
  static String backlogPredicate(Random r, int depth) {
    int kind = r.nextInt(depth > 1 ? 10 : 8);
    switch (kind) {
      case 8:
        return "(" + backlogPredicate(r, depth + 1) + (r.nextBoolean() ? " AND " : " OR ")
            + backlogPredicate(r, depth + 1) + ")";
      case 9:
        return "NOT (" + backlogPredicate(r, depth + 1) + ")";
      default:
        break;
    }
    int which = r.nextInt(10);
    if (which < 6) {
      String c = BACKLOG_INT_COLUMNS[r.nextInt(BACKLOG_INT_COLUMNS.length)];
      int v = backlogInt(r, c);
      return switch (r.nextInt(9)) {
        case 0 -> c + " = " + v;
        case 1 -> c + " = '" + v + "'";
        case 2 -> c + " <> " + v;
        case 3 -> c + (r.nextBoolean() ? " < " : " >= ") + v;
        case 4 -> c + " IN (" + v + ", " + backlogInt(r, c) + ", " + backlogInt(r, c) + ")";
        case 5 -> c + " NOT IN (" + v + ", " + backlogInt(r, c) + ")";
        case 6 -> c + " BETWEEN " + v + " AND " + (v + r.nextInt(5));
        case 7 -> c + (r.nextBoolean() ? " IS NULL" : " IS NOT NULL");
        default -> "(" + c + " = " + v + " OR " + c + " = " + backlogInt(r, c) + ")";
      };
    }
    if (which < 8) {
      boolean ts = r.nextBoolean();
      String c = ts ? BACKLOG_TS_COLUMNS[r.nextInt(2)] : BACKLOG_DATE_COLUMNS[r.nextInt(2)];
      String lit = ts
          ? "TIMESTAMP '" + (2023 + r.nextInt(3)) + "-" + two(1 + r.nextInt(12)) + "-"
              + two(1 + r.nextInt(28)) + " " + two(r.nextInt(24)) + ":" + two(r.nextInt(60))
              + ":00'"
          : "DATE '" + (2023 + r.nextInt(3)) + "-" + two(1 + r.nextInt(12)) + "-"
              + two(1 + r.nextInt(28)) + "'";
      return switch (r.nextInt(6)) {
        case 0 -> c + " >= " + lit;
        case 1 -> c + " < " + lit;
        case 2 -> c + " > " + lit;
        case 3 -> c + " <= " + lit;
        case 4 -> c + (r.nextBoolean() ? " IS NULL" : " IS NOT NULL");
        default -> c + " = " + lit;
      };
    }
    return switch (r.nextInt(4)) {
      case 0 -> "IssueKey = '" + (r.nextBoolean() ? "SALES" : "SUPPORT") + "-"
          + (1 + r.nextInt(40)) + "'";
      case 1 -> "IssueKey IN ('SALES-1', 'INFRA-" + (1 + r.nextInt(20)) + "')";
      case 2 -> "Summary LIKE '%" + (char) ('a' + r.nextInt(26)) + "%'";
      default -> "StatusName = 'Open'";
    };
  }

  private static int backlogInt(Random r, String column) {
    return switch (column) {
      case "Id", "ParentIssueId" -> 1 + r.nextInt(2700);
      case "KeyId" -> 1 + r.nextInt(900);
      case "ProjectId" -> 1 + r.nextInt(5);
      case "StatusId" -> 1 + r.nextInt(4);
      case "IssueTypeId" -> 10 * (1 + r.nextInt(4)) + 1 + r.nextInt(4);
      case "PriorityId" -> 2 + r.nextInt(3);
      case "ResolutionId" -> r.nextInt(5);
      default -> 1 + r.nextInt(13);
    };
  }

  private static String two(int v) {
    return v < 10 ? "0" + v : Integer.toString(v);
  }

  // ---- Bitbucket ----

  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

  /**
   * Issues, PullRequests, Repositories and Workspaces of a Bitbucket workspace; the date-time
   * columns also get their raw microsecond values as literals ({@code .029833}, which SQL sees as
   * {@code .029}).
   */
  public static List<Table> bitbucket(Connection calcite, String pushed, String naive,
      BitbucketSandbox sandbox, String workspace, Connection pg) throws SQLException {
    List<ObjectNode> issues = new ArrayList<>();
    List<ObjectNode> pullRequests = new ArrayList<>();
    for (ObjectNode repo : sandbox.repositories(workspace)) {
      String slug = repo.get("slug").asText();
      if (repo.get("has_issues").asBoolean()) {
        issues.addAll(sandbox.issues(workspace, slug));
      }
      pullRequests.addAll(sandbox.pullRequests(workspace, slug));
    }
    Table issueTable = new Table(calcite, pushed, naive, "Issues", sandbox)
        .atoms(DifferentialSources::bitbucketAtom)
        .literals("CreatedOn", micros(issues, "created_on"))
        .literals("UpdatedOn", micros(issues, "updated_on"))
        .literals("EditedOn", micros(issues, "edited_on"));
    copy(pg, issueTable, "bitbucket_issues", issues, BITBUCKET_ISSUE_FIELDS);
    Table prTable = new Table(calcite, pushed, naive, "PullRequests", sandbox)
        .literals("CreatedOn", micros(pullRequests, "created_on"))
        .literals("UpdatedOn", micros(pullRequests, "updated_on"));
    copy(pg, prTable, "bitbucket_pullrequests", pullRequests, Map.ofEntries(
        Map.entry("Id", "/id"), Map.entry("RepoSlug", "/destination/repository/name"),
        Map.entry("Title", "/title"), Map.entry("Description", "/description"),
        Map.entry("State", "/state"), Map.entry("AuthorUuid", "/author/uuid"),
        Map.entry("AuthorDisplayName", "/author/display_name"),
        Map.entry("SourceBranch", "/source/branch/name"),
        Map.entry("DestinationBranch", "/destination/branch/name"),
        Map.entry("CommentCount", "/comment_count"), Map.entry("TaskCount", "/task_count"),
        Map.entry("CloseSourceBranch", "/close_source_branch"),
        Map.entry("CreatedOn", "/created_on"), Map.entry("UpdatedOn", "/updated_on")));
    List<ObjectNode> repositories = sandbox.repositories(workspace);
    Table repoTable = new Table(calcite, pushed, naive, "Repositories", sandbox)
        .literals("CreatedOn", micros(repositories, "created_on"))
        .literals("UpdatedOn", micros(repositories, "updated_on"));
    copy(pg, repoTable, "bitbucket_repositories", repositories, Map.ofEntries(
        Map.entry("Uuid", "/uuid"), Map.entry("Slug", "/slug"), Map.entry("Name", "/name"),
        Map.entry("FullName", "/full_name"), Map.entry("Description", "/description"),
        Map.entry("IsPrivate", "/is_private"), Map.entry("Language", "/language"),
        Map.entry("HasIssues", "/has_issues"), Map.entry("MainBranch", "/mainbranch/name"),
        Map.entry("ProjectKey", "/project/key"), Map.entry("ProjectName", "/project/name"),
        Map.entry("CreatedOn", "/created_on"), Map.entry("UpdatedOn", "/updated_on")));
    List<ObjectNode> workspaces = sandbox.workspaces();
    Table wsTable = new Table(calcite, pushed, naive, "Workspaces", sandbox)
        .literals("CreatedOn", micros(workspaces, "created_on"));
    copy(pg, wsTable, "bitbucket_workspaces", workspaces, Map.of("Uuid", "/uuid",
        "Slug", "/slug", "Name", "/name", "IsPrivate", "/is_private",
        "CreatedOn", "/created_on"));
    return List.of(issueTable, prTable, repoTable, wsTable);
  }

  /** Where each column of Bitbucket's Issues is in the API's JSON. */
  static final Map<String, String> BITBUCKET_ISSUE_FIELDS = Map.ofEntries(Map.entry("Id", "/id"),
      Map.entry("RepoSlug", "/repository/name"), Map.entry("Title", "/title"),
      Map.entry("ContentRaw", "/content/raw"), Map.entry("State", "/state"),
      Map.entry("Kind", "/kind"), Map.entry("Priority", "/priority"),
      Map.entry("ReporterUuid", "/reporter/uuid"),
      Map.entry("ReporterDisplayName", "/reporter/display_name"),
      Map.entry("AssigneeUuid", "/assignee/uuid"),
      Map.entry("AssigneeDisplayName", "/assignee/display_name"),
      Map.entry("MilestoneName", "/milestone/name"),
      Map.entry("ComponentName", "/component/name"), Map.entry("VersionName", "/version/name"),
      Map.entry("Votes", "/votes"), Map.entry("CreatedOn", "/created_on"),
      Map.entry("UpdatedOn", "/updated_on"), Map.entry("EditedOn", "/edited_on"));

  /** Some of the API's date-times as SQL literals with every microsecond the API keeps. */
  private static List<String> micros(List<? extends JsonNode> objects, String field) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < objects.size() && out.size() < 60; i += 1 + objects.size() / 60) {
      JsonNode v = objects.get(i).get(field);
      if (v != null && v.isTextual()) {
        Instant t = java.time.OffsetDateTime.parse(v.asText()).toInstant();
        out.add("TIMESTAMP '" + MICROS.format(t) + "'");
      }
    }
    return out;
  }

  /** The earlier Bitbucket differential test's atoms. */
  static String bitbucketAtom(Random r) {
    return switch (r.nextInt(17)) {
      case 0 -> "State = " + literal(pick(r, "new", "open", "resolved", "on hold", "closed",
          "Open"));
      case 1 -> "State IN ('new', 'open', 'on hold')";
      case 2 -> "State <> 'closed'";
      case 3 -> "Kind = " + literal(pick(r, "bug", "enhancement", "proposal", "task"));
      case 4 -> "Priority IN ('major', 'critical', 'blocker')";
      case 5 -> "AssigneeUuid IS NULL";
      case 6 -> "AssigneeUuid IS NOT NULL";
      case 7 -> "Title LIKE " + literal(pick(r, "%fix%", "%Fix%", "%\"quoted\"%", "%100\\%%",
          "Rocket%", "%log_path"));
      case 8 -> "Title = " + literal(pick(r, "Fix \"quoted\" path C:\\temp", "100% done_now",
          "Escape backslash \\ in log_path"));
      case 9 -> "CreatedOn >= TIMESTAMP '202" + (3 + r.nextInt(3)) + "-0" + (1 + r.nextInt(9))
          + "-1" + r.nextInt(10) + " 0" + r.nextInt(10) + ":00:00'";
      case 10 -> "UpdatedOn < TIMESTAMP '2024-06-01 00:00:00'";
      case 11 -> "Votes > " + r.nextInt(10);
      case 12 -> "Id BETWEEN " + r.nextInt(100) + " AND " + (100 + r.nextInt(200));
      case 13 -> "MilestoneName IS NULL";
      case 14 -> "RepoSlug = " + literal(pick(r, "api", "web", "mobile", "infra", "nope"));
      case 15 -> "ContentRaw LIKE '%the%'";
      default -> "CreatedOn > TIMESTAMP '2024-0" + (1 + r.nextInt(9)) + "-01 00:00:00'";
    };
  }

  // ---- PingOne ----

  /** Users, Groups, Populations and Environments of one PingOne environment's schema. */
  public static List<Table> pingone(Connection calcite, String pushed, String naive,
      PingOneSandbox sandbox, String environment, Connection pg) throws SQLException {
    List<ObjectNode> users = sandbox.users(environment);
    List<String> populations = sandbox.populations(environment).stream()
        .map(p -> p.get("id").asText()).toList();
    Table userTable = new Table(calcite, pushed, naive, "Users", sandbox)
        .atoms(r -> pingoneAtom(r, users, populations));
    copy(pg, userTable, "pingone_users_" + environment.toLowerCase(java.util.Locale.ROOT), users,
        PINGONE_USER_FIELDS);
    Table groups = new Table(calcite, pushed, naive, "Groups", sandbox);
    copy(pg, groups, "pingone_groups_" + environment.toLowerCase(java.util.Locale.ROOT),
        sandbox.groups(environment), Map.of("Id", "/id", "Name", "/name",
            "Description", "/description", "PopulationId", "/population/id",
            "ExternalId", "/externalId", "CreatedAt", "/createdAt", "UpdatedAt", "/updatedAt"));
    Table populationTable = new Table(calcite, pushed, naive, "Populations", sandbox);
    copy(pg, populationTable,
        "pingone_populations_" + environment.toLowerCase(java.util.Locale.ROOT),
        sandbox.populations(environment), Map.of("Id", "/id", "Name", "/name",
            "Description", "/description", "UserCount", "/userCount",
            "CreatedAt", "/createdAt", "UpdatedAt", "/updatedAt"));
    // The sandbox shows environments only through the API: no copy, pushdown on and off only.
    Table environments = new Table(calcite, pushed, naive, "Environments", sandbox);
    return List.of(userTable, groups, populationTable, environments);
  }

  /** Where each column of PingOne's Users is in the API's JSON. */
  static final Map<String, String> PINGONE_USER_FIELDS = Map.ofEntries(Map.entry("Id", "/id"),
      Map.entry("Username", "/username"),
      Map.entry("Email", "/email"), Map.entry("EmailVerified", "/emailVerified"),
      Map.entry("EmployeeType", "/type"), Map.entry("Title", "/title"),
      Map.entry("NameGiven", "/name/given"), Map.entry("NameMiddle", "/name/middle"),
      Map.entry("NameFamily", "/name/family"),
      Map.entry("NameFormatted", "/name/formatted"), Map.entry("Nickname", "/nickname"),
      Map.entry("PopulationId", "/population/id"), Map.entry("Enabled", "/enabled"),
      Map.entry("LifecycleStatus", "/lifecycle/status"),
      Map.entry("AccountStatus", "/account/status"), Map.entry("MfaEnabled", "/mfaEnabled"),
      Map.entry("Locale", "/locale"), Map.entry("PreferredLanguage", "/preferredLanguage"),
      Map.entry("Timezone", "/timezone"), Map.entry("ExternalId", "/externalId"),
      Map.entry("PrimaryPhone", "/primaryPhone"), Map.entry("MobilePhone", "/mobilePhone"),
      Map.entry("CreatedAt", "/createdAt"), Map.entry("UpdatedAt", "/updatedAt"));

  /** The earlier PingOne differential test's atoms. */
  static String pingoneAtom(Random r, List<ObjectNode> users, List<String> populations) {
    return switch (r.nextInt(16)) {
      case 0 -> "EmployeeType = " + literal(pick(r, "Contractor", "Employee", "Intern", "Temp",
          "External", "Unknown", "contractor"));
      case 1 -> "EmployeeType IN ('Temp', 'Intern', 'Contractor')";
      case 2 -> "Username = " + literal(userValue(r, users, "/username"));
      case 3 -> "Email LIKE " + literal(pick(r, "a%", "j%", "%@partner.example.net", "%.com",
          "ana+%", "%smith%", "Mark%"));
      case 4 -> "NameFamily = " + literal(pick(r, "Smith", "Jones", "O'Brien", "smith",
          userValue(r, users, "/name/family")));
      case 5 -> "NameGiven LIKE " + literal(
          userValue(r, users, "/name/given").substring(0, 1) + "%");
      case 6 -> "Title = " + literal(userValue(r, users, "/title"));
      case 7 -> "PopulationId = " + literal(populations.get(r.nextInt(populations.size())));
      case 8 -> "Enabled = " + pick(r, "true", "false");
      case 9 -> "Locale = " + literal(pick(r, "en-US", "ja-JP", "de-DE", "fr-FR"));
      case 10 -> "LifecycleStatus = 'VERIFICATION_REQUIRED'";
      case 11 -> "CreatedAt > TIMESTAMP '202" + (2 + r.nextInt(4)) + "-0" + (1 + r.nextInt(9))
          + "-01 00:00:00'";
      case 12 -> "EmployeeType <> 'Employee'";
      case 13 -> "Title IS NULL";
      case 14 -> "NameFamily IN (" + literal(userValue(r, users, "/name/family"))
          + ", 'Li', 'Smith-Jones')";
      default -> "Nickname LIKE " + literal(pick(r, "B%", "Bobby \"%", "%s"));
    };
  }

  private static String userValue(Random r, List<ObjectNode> users, String pointer) {
    ObjectNode u = users.get(r.nextInt(users.size()));
    String v = u.at(pointer).asText("");
    return v.isEmpty() ? "x" : v;
  }

  // ---- Salesforce ----

  /**
   * Account, Opportunity, Contact, Invoice__c (a multi-select picklist, a time) and User of the
   * Salesforce sandbox (the records a query sees: not those in the recycle bin); every column is
   * the field of its name.
   */
  public static List<Table> salesforce(Connection calcite, String pushed, String naive,
      SalesforceSandbox sandbox, Connection pg) throws SQLException {
    List<ObjectNode> accounts = live(sandbox, "Account");
    Table account = new Table(calcite, pushed, naive, "Account", sandbox)
        .atoms(r -> salesforceAtom(r, accounts));
    copy(pg, account, "salesforce_account", accounts, Map.of());
    Table opportunity = new Table(calcite, pushed, naive, "Opportunity", sandbox);
    copy(pg, opportunity, "salesforce_opportunity", live(sandbox, "Opportunity"), Map.of());
    Table contact = new Table(calcite, pushed, naive, "Contact", sandbox);
    copy(pg, contact, "salesforce_contact", live(sandbox, "Contact"), Map.of());
    Table invoice = new Table(calcite, pushed, naive, "Invoice__c", sandbox);
    copy(pg, invoice, "salesforce_invoice", live(sandbox, "Invoice__c"), Map.of());
    Table user = new Table(calcite, pushed, naive, "User", sandbox);
    copy(pg, user, "salesforce_user", live(sandbox, "User"), Map.of());
    return List.of(account, opportunity, contact, invoice, user);
  }

  private static List<ObjectNode> live(SalesforceSandbox sandbox, String sObject) {
    return sandbox.liveRecords(sObject);
  }

  /** The earlier Salesforce differential test's atoms. */
  static String salesforceAtom(Random r, List<ObjectNode> accounts) {
    return switch (r.nextInt(18)) {
      case 0 -> "Industry = " + literal(pick(r, "Energy", "Retail", "Technology", "technology",
          "Banking", "Engineering"));
      case 1 -> "Industry IN ('Energy', 'Retail', 'Food & Beverage')";
      case 2 -> "Industry <> 'Technology'";
      case 3 -> "Industry IS NULL";
      case 4 -> "Name = " + literal(pick(r,
          accounts.get(r.nextInt(accounts.size())).path("Name").asText(), "ACME Widgets",
          "acme widgets", "It's 50% Off_Retail \\ \"Outlet\"", "O'Reilly Media",
          "Back\\Slash Studios"));
      case 5 -> "Name LIKE " + literal(pick(r, "Ac%", "%Labs", "%Natural%", "100\\%%",
          "Under_score%", "%'%", "_cme%", "O''%"));
      case 6 -> "AnnualRevenue > " + pick(r, "1000000", "50000000", "1000000000");
      case 7 -> "AnnualRevenue BETWEEN 10000000 AND 200000000";
      case 8 -> "AnnualRevenue IS NULL";
      case 9 -> "NumberOfEmployees IN (" + pick(r, "80, 150", "12000, 48000, 45", "320") + ")";
      case 10 -> "NumberOfEmployees >= " + pick(r, "100", "5000");
      case 11 -> "Type = " + literal(pick(r, "Prospect", "Customer - Direct", "Other"));
      case 12 -> "BillingCountry IN ('Japan', 'France', 'USA')";
      case 13 -> "CreatedDate >= TIMESTAMP '202" + r.nextInt(5) + "-0" + (1 + r.nextInt(9))
          + "-15 12:00:00'";
      case 14 -> "CreatedDate < TIMESTAMP '2022-01-01 00:00:00'";
      case 15 -> "Description LIKE '%a%'";
      case 16 -> "Rating = " + literal(pick(r, "Hot", "Warm", "Cold"));
      default -> "NumberOfEmployees <> 1200";
    };
  }

  // ---- copies ----

  /**
   * Copies {@code rows} into {@code <SCHEMA>.<name>} with the table's columns, each read from the
   * JSON at its pointer ({@code /<Column>} when not given), typed as Calcite types the column; and
   * tells the table to compare with it. Does nothing without a Postgres connection.
   */
  static void copy(Connection pg, Table table, String name, List<? extends JsonNode> rows,
      Map<String, String> pointers) throws SQLException {
    if (pg == null) {
      return;
    }
    copyTo(pg, table, SCHEMA + "." + name, rows, pointers);
    table.postgres(pg, SCHEMA + "." + name);
  }

  /**
   * Copies {@code rows} into {@code qualified} ({@code schema.table}) with the columns of the
   * table in Calcite ({@link #copy}), without telling the table.
   */
  static void copyTo(Connection pg, Table table, String qualified, List<? extends JsonNode> rows,
      Map<String, String> pointers) throws SQLException {
    List<PostgresCopies.Column> columns = new ArrayList<>();
    Map<String, Integer> types = new HashMap<>();
    try (ResultSet rs = table.calcite.getMetaData().getColumns(null, table.naive, table.name,
        null)) {
      while (rs.next()) {
        types.put(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"));
        String column = rs.getString("COLUMN_NAME");
        String pointer = pointers.isEmpty() ? "/" + column : pointers.get(column);
        if (pointer == null) {
          throw new IllegalStateException("no JSON pointer for " + table.name + "." + column);
        }
        columns.add(PostgresCopies.Column.of(column, rs.getInt("DATA_TYPE"), pointer));
      }
    }
    PostgresCopies.load(pg, qualified, columns, rows);
  }

  /** Drops the copies. */
  public static void drop(Connection pg) throws SQLException {
    if (pg != null) {
      try (var s = pg.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      }
    }
  }
}
