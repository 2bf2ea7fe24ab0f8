package io.saasql.sandbox.backlog;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Builds the default data set: four projects, twelve users and 2,650 issues, the same on every
 * run (a fixed {@link Random} seed, no clock). Issue ids follow creation time, so {@code id}
 * order is {@code created} order; keyIds count per project the same way.
 *
 * <p>Generated summaries and descriptions use plain ASCII letters, digits, spaces and {@code
 * - : . , / ( ) & #} only; the issues listed in {@link #AWKWARD} carry every awkward character
 * (quotes, backslash, percent, underscore, non-ASCII), and those in {@link #EDGE_CASES} text that
 * differs only by case or spaces, Japanese, Greek and emoji, so a test knows exactly which rows
 * have them.
 */
final class BacklogSeed {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  static final long SEED = 20240305L;
  static final Instant FIRST = Instant.parse("2023-01-01T00:00:00Z");
  static final Instant LAST = Instant.parse("2025-12-31T23:59:59Z");
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private record ProjectSpec(
      long id, String key, String name, boolean archived, int issues, Instant from, Instant to) {}

  private static final List<ProjectSpec> PROJECTS =
      List.of(
          new ProjectSpec(1, "SALES", "Sales Pipeline", false, 1000, FIRST, LAST),
          new ProjectSpec(2, "SUPPORT", "Customer Support", false, 900, FIRST, LAST),
          new ProjectSpec(3, "INFRA", "Infrastructure", false, 600, FIRST, LAST),
          new ProjectSpec(
              4, "LEGACY", "Legacy CRM", true, 150, FIRST, Instant.parse("2023-12-31T23:59:59Z")));

  /** Issue key → {summary, description} for the issues with awkward characters. */
  static final Map<String, String[]> AWKWARD =
      Map.of(
          "SALES-7",
          new String[] {
            "Fix \"quoted\" path C:\\temp",
            "The export writes to C:\\temp\\new and the \" in the name breaks it."
          },
          "SALES-42",
          new String[] {"100% done_now", "Progress shows 100% while the flag done_now is false."},
          "SALES-300",
          new String[] {
            "O'Brien & Sons: \"urgent\" renewal", "Customer's contract ends soon; it's urgent."
          },
          "SUPPORT-12",
          new String[] {"Café löschen", "Der Kunde möchte das Konto \"Café\" löschen."},
          "SUPPORT-99",
          new String[] {
            "Customer's invoice can't be sent", "The mail server says: 'relay denied'."
          },
          "SUPPORT-200",
          new String[] {"日本語の問い合わせ: ログインできない", "ログイン画面でエラーが表示されます。"},
          "INFRA-5",
          new String[] {
            "Escape backslash \\ in log_path", "Windows agents log to D:\\logs\\app_1 and fail."
          },
          "INFRA-50",
          new String[] {"Disk at 95% on db_primary", "Usage grew 5% per day; 100% by Friday."},
          "LEGACY-3",
          new String[] {"Ünïcödé export ✓ 🚀", "Names like Zoë and Søren export as ?."});

  /**
   * Issue key → {summary, description} of issues whose text differs from others only by case or
   * by trailing spaces, or is Japanese (Backlog is a Japanese product), Greek or emoji, so that
   * differential tests meet values an ASCII-only data set hides. Applied like {@link #AWKWARD}.
   */
  static final Map<String, String[]> EDGE_CASES =
      Map.ofEntries(
          Map.entry("SALES-20", new String[] {"Prepare quote for Globex", "Quote for 20 seats."}),
          Map.entry("SALES-21",
              new String[] {"PREPARE QUOTE FOR GLOBEX", "Same request, typed in caps."}),
          Map.entry("SALES-22",
              new String[] {"prepare quote for globex ", "Same again, with a trailing space."}),
          Map.entry("SALES-310", new String[] {"株式会社さくらテック 更新の見積もり", "来週までに見積もりを送付してください。"}),
          Map.entry("SALES-311", new String[] {"Renewal signed 🎉", "Signed for three years 🎉🎉."}),
          Map.entry("SUPPORT-210", new String[] {"請求書の金額が間違っている", "先月の請求書に二重の請求があります。"}),
          Map.entry("SUPPORT-211", new String[] {"パスワード再設定メールが届かない", "迷惑メールフォルダも確認済みです。"}),
          Map.entry("SUPPORT-212",
              new String[] {"Ωmega login fails", "Greek capital omega in the tenant name."}),
          Map.entry("SUPPORT-213",
              new String[] {"ωmega login fails", "The same tenant, lower-case omega."}),
          Map.entry("SUPPORT-214",
              new String[] {"  Leading and trailing spaces  ", "Copied from an e-mail."}),
          Map.entry("INFRA-60", new String[] {"バックアップサーバーのディスク容量不足 🔥", "残り容量が5%を切りました。"}),
          Map.entry("INFRA-61",
              new String[] {
                "Rotate keys for svc_backup (50% done)", "Half of the hosts use the new key_v2."
              }));

  private record UserSpec(String first, String last, String lang) {}

  private static final List<UserSpec> USERS =
      List.of(
          new UserSpec("Aiko", "Tanaka", "ja"),
          new UserSpec("Ben", "Carter", "en"),
          new UserSpec("Chloe", "Martin", "en"),
          new UserSpec("Daniel", "Okafor", "en"),
          new UserSpec("Emma", "Schneider", "en"),
          new UserSpec("Felix", "Wagner", "en"),
          new UserSpec("Grace", "Lee", "en"),
          new UserSpec("Hiroshi", "Sato", "ja"),
          new UserSpec("Isabel", "Costa", "en"),
          new UserSpec("Jonas", "Berg", "en"),
          new UserSpec("Kenji", "Watanabe", "ja"),
          new UserSpec("Laura", "Rossi", null)); // never chose a language: null

  private static final String[][] STATUSES = {
    {"1", "Open", "#ed8077", "1000"},
    {"2", "In Progress", "#4488c5", "2000"},
    {"3", "Resolved", "#5eb5a6", "3000"},
    {"4", "Closed", "#b0be3c", "4000"},
  };
  static final long WAITING_FOR_CUSTOMER = 100;

  private static final String[][] ISSUE_TYPES = {
    {"Bug", "#990000"}, {"Task", "#7ea800"}, {"Request", "#ff9200"}, {"Other", "#2779ca"},
  };

  private static final String[][] CATEGORIES = {
    {"Leads", "Quotes", "Renewals", "Partners"},
    {"Billing", "Login", "Performance", "Feature request"},
    {"Network", "Database", "CI/CD", "Security"},
    {"Data migration", "Reports", "Integrations", "Cleanup"},
  };

  private static final String[] RESOLUTIONS = {
    "Fixed", "Won't Fix", "Invalid", "Duplication", "Cannot Reproduce"
  };

  private static final String[] COMPANIES = {
    "Acme Corp", "Globex", "Initech", "Umbrella Health", "Stark Logistics", "Wayne Foods",
    "Hooli", "Vandelay Imports", "Soylent Labs", "Tyrell Systems", "Cyberdyne", "Wonka Retail",
  };
  private static final String[] SYSTEMS = {
    "PostgreSQL", "Kubernetes", "nginx", "Jenkins", "Redis", "Kafka", "Terraform", "Grafana",
    "the VPN gateway", "the backup server",
  };
  private static final String[] HOSTS = {"web-01", "web-02", "db-01", "db-02", "ci-01", "mq-01"};

  private static final String[][] SUMMARIES = {
    {
      "Follow up with {company} on renewal",
      "Prepare quote for {company}",
      "Update CRM record for {company}",
      "Schedule demo with {company}",
      "Send contract draft to {company}",
      "Negotiate discount with {company}",
      "Qualify inbound lead from {company}",
      "Forecast review for {company} deal",
      "Onboarding call with {company}",
      "Collect feedback from {company} pilot",
    },
    {
      "Customer cannot log in at {company}",
      "Refund request from {company}",
      "Invoice shows wrong amount for {company}",
      "Password reset mail not received by {company}",
      "Slow dashboard reported by {company}",
      "Export to CSV fails for {company}",
      "Feature request: dark mode from {company}",
      "Account merge request from {company}",
      "Two-factor setup problem at {company}",
      "Billing address change for {company}",
    },
    {
      "Upgrade {system} on {host}",
      "Disk usage alert on {host}",
      "Rotate TLS certificates for {system}",
      "Patch security advisory in {system}",
      "Backup restore drill for {system}",
      "Investigate latency spikes on {host}",
      "Move {system} to new cluster",
      "Add monitoring for {system}",
      "Decommission {host}",
      "Tune memory settings of {system}",
    },
    {
      "Migrate {company} records from legacy CRM",
      "Archive old reports for {company}",
      "Fix duplicate contacts of {company}",
      "Map legacy fields for {company}",
      "Remove unused integration with {company}",
    },
  };
  private static final String[][] SENTENCES = {
    {
      "The customer asked for an updated proposal.",
      "Pricing was approved by the sales lead.",
      "Next step is a call with procurement.",
      "Budget is confirmed for next quarter.",
      "Decision expected by end of month.",
      "Competitor offer is 10 percent lower.",
    },
    {
      "The customer reported this by phone.",
      "Steps to reproduce are attached in the ticket history.",
      "Happens only in the mobile app.",
      "Workaround: clear the browser cache.",
      "Several users at the same site are affected.",
      "Customer expects an answer within two days.",
    },
    {
      "Alert fired at night and was acknowledged.",
      "Change window is Saturday morning.",
      "Runbook needs an update afterwards.",
      "Rollback plan: restore the last snapshot.",
      "Owner team must approve the change.",
      "Metrics are on the operations dashboard.",
    },
    {
      "Legacy system will be switched off.",
      "Data quality is poor for old records.",
      "Mapping sheet is in the shared drive.",
      "Needs sign-off from finance.",
    },
  };

  private BacklogSeed() {}

  static BacklogDataSet create() {
    BacklogDataSet data = new BacklogDataSet();
    Random random = new Random(SEED);
    seedCatalogs(data);
    seedIssues(data, random);
    data.normalizeAll();
    return data;
  }

  /** The projects, users and catalogs of the default data set, without any issue. */
  static BacklogDataSet catalogs() {
    BacklogDataSet data = new BacklogDataSet();
    seedCatalogs(data);
    data.normalizeAll();
    return data;
  }

  static String formatDateTime(Instant instant) {
    return DATE_TIME.format(instant);
  }

  private static void seedCatalogs(BacklogDataSet data) {
    for (ProjectSpec p : PROJECTS) {
      ObjectNode project = F.objectNode();
      project.put("id", p.id());
      project.put("projectKey", p.key());
      project.put("name", p.name());
      project.put("chartEnabled", p.id() != 4);
      project.put("subtaskingEnabled", true);
      project.put("projectLeaderCanEditProjectLeader", false);
      project.put("textFormattingRule", "markdown");
      project.put("archived", p.archived());
      data.projects.put(p.id(), project);
      data.lastKeyId.put(p.id(), 0L);

      List<ObjectNode> statuses = new ArrayList<>();
      for (String[] s : STATUSES) {
        statuses.add(status(p.id(), Long.parseLong(s[0]), s[1], s[2], Integer.parseInt(s[3])));
      }
      if (p.id() == 2) {
        statuses.add(2, status(2, WAITING_FOR_CUSTOMER, "Waiting for customer", "#f42858", 2500));
      }
      data.statuses.put(p.id(), statuses);

      List<ObjectNode> types = new ArrayList<>();
      for (int i = 0; i < ISSUE_TYPES.length; i++) {
        ObjectNode t = F.objectNode();
        t.put("id", p.id() * 10 + i + 1);
        t.put("projectId", p.id());
        t.put("name", ISSUE_TYPES[i][0]);
        t.put("color", ISSUE_TYPES[i][1]);
        t.put("displayOrder", i);
        t.putNull("templateSummary");
        t.putNull("templateDescription");
        types.add(t);
      }
      data.issueTypes.put(p.id(), types);

      List<ObjectNode> categories = new ArrayList<>();
      String[] names = CATEGORIES[(int) p.id() - 1];
      for (int i = 0; i < names.length; i++) {
        ObjectNode c = F.objectNode();
        c.put("id", p.id() * 100 + i + 1);
        c.put("projectId", p.id());
        c.put("name", names[i]);
        c.put("displayOrder", i);
        categories.add(c);
      }
      data.categories.put(p.id(), categories);

      List<ObjectNode> versions = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        LocalDate start = LocalDate.of(2023, 1, 1).plusMonths(7L * i);
        ObjectNode v = F.objectNode();
        v.put("id", p.id() * 1000 + i + 1);
        v.put("projectId", p.id());
        v.put("name", (i / 2 + 1) + "." + (i % 2) + ".0");
        v.put("description", "Release " + (i + 1) + " of " + p.name());
        v.put("startDate", start + "T00:00:00Z");
        v.put("releaseDueDate", start.plusMonths(6) + "T00:00:00Z");
        v.put("archived", i < 2);
        v.put("displayOrder", i);
        versions.add(v);
      }
      data.versions.put(p.id(), versions);
    }

    for (int i = 0; i < USERS.size(); i++) {
      UserSpec u = USERS.get(i);
      ObjectNode user = F.objectNode();
      user.put("id", i + 1);
      user.put("userId", (u.first().charAt(0) + u.last()).toLowerCase(java.util.Locale.ROOT));
      user.put("name", u.first() + " " + u.last());
      user.put("roleType", i < 2 ? 1 : 2);
      if (u.lang() == null) {
        user.putNull("lang");
      } else {
        user.put("lang", u.lang());
      }
      user.put(
          "mailAddress",
          (u.first() + "." + u.last()).toLowerCase(java.util.Locale.ROOT) + "@example.com");
      user.put(
          "lastLoginTime",
          formatDateTime(
              Instant.parse("2025-12-20T08:00:00Z").plus(i * 7L + 3, ChronoUnit.HOURS)));
      data.users.put((long) i + 1, user);
    }

    String[][] priorities = {{"2", "High"}, {"3", "Normal"}, {"4", "Low"}};
    for (String[] p : priorities) {
      ObjectNode priority = F.objectNode();
      priority.put("id", Integer.parseInt(p[0]));
      priority.put("name", p[1]);
      data.priorities.add(priority);
    }
    for (int i = 0; i < RESOLUTIONS.length; i++) {
      ObjectNode r = F.objectNode();
      r.put("id", i);
      r.put("name", RESOLUTIONS[i]);
      data.resolutions.add(r);
    }
  }

  private static ObjectNode status(long projectId, long id, String name, String color, int order) {
    ObjectNode s = F.objectNode();
    s.put("id", id);
    s.put("projectId", projectId);
    s.put("name", name);
    s.put("color", color);
    s.put("displayOrder", order);
    return s;
  }

  /** The user fields embedded in issues (assignee, createdUser, updatedUser). */
  static ObjectNode userSummary(ObjectNode user) {
    ObjectNode u = F.objectNode();
    for (String field : List.of("id", "userId", "name", "roleType", "lang", "mailAddress")) {
      u.set(field, user.get(field).deepCopy());
    }
    return u;
  }

  /** Issue type as embedded in issues: without the templates. */
  static ObjectNode issueTypeSummary(ObjectNode type) {
    ObjectNode t = type.deepCopy();
    t.remove("templateSummary");
    t.remove("templateDescription");
    return t;
  }

  private record Draft(ProjectSpec project, Instant created) {}

  private static void seedIssues(BacklogDataSet data, Random random) {
    List<Draft> drafts = new ArrayList<>();
    for (ProjectSpec p : PROJECTS) {
      long span = p.to().getEpochSecond() - p.from().getEpochSecond();
      for (int i = 0; i < p.issues(); i++) {
        drafts.add(new Draft(p, p.from().plusSeconds((long) (random.nextDouble() * span))));
      }
    }
    drafts.sort(
        Comparator.comparing(Draft::created).thenComparing(d -> d.project().id()));

    Map<Long, List<Long>> parentCandidates = new HashMap<>();
    long id = 0;
    for (Draft d : drafts) {
      id++;
      ProjectSpec p = d.project();
      long keyId = data.lastKeyId.merge(p.id(), 1L, Long::sum);
      List<Long> candidates = parentCandidates.computeIfAbsent(p.id(), k -> new ArrayList<>());
      ObjectNode issue = issue(data, random, id, keyId, p, d.created(), candidates);
      if (issue.get("parentIssueId").isNull()) {
        candidates.add(id);
      }
      data.issues.put(id, issue);
    }
    data.lastIssueId = id;
  }

  private static ObjectNode issue(
      BacklogDataSet data,
      Random random,
      long id,
      long keyId,
      ProjectSpec p,
      Instant created,
      List<Long> parentCandidates) {
    int projectIndex = (int) p.id() - 1;
    String issueKey = p.key() + "-" + keyId;

    ObjectNode issue = F.objectNode();
    issue.put("id", id);
    issue.put("projectId", p.id());
    issue.put("issueKey", issueKey);
    issue.put("keyId", keyId);

    List<ObjectNode> types = data.issueTypes.get(p.id());
    issue.set("issueType", issueTypeSummary(pick(random, types, 30, 40, 20, 10)));

    String template = SUMMARIES[projectIndex][random.nextInt(SUMMARIES[projectIndex].length)];
    String summary =
        template
            .replace("{company}", COMPANIES[random.nextInt(COMPANIES.length)])
            .replace("{system}", SYSTEMS[random.nextInt(SYSTEMS.length)])
            .replace("{host}", HOSTS[random.nextInt(HOSTS.length)]);
    String description = "";
    if (random.nextInt(10) > 0) {
      String[] sentences = SENTENCES[projectIndex];
      int n = 1 + random.nextInt(3);
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < n; i++) {
        text.append(i == 0 ? "" : i == 1 ? "\n" : " ")
            .append(sentences[random.nextInt(sentences.length)]);
      }
      description = text.toString();
    }
    String[] awkward = AWKWARD.getOrDefault(issueKey, EDGE_CASES.get(issueKey));
    if (awkward != null) {
      summary = awkward[0];
      description = awkward[1];
    }
    issue.put("summary", summary);
    issue.put("description", description);

    // status: archived project is mostly closed; project 2 uses its custom status too
    List<ObjectNode> statuses = data.statuses.get(p.id());
    ObjectNode status;
    if (p.archived()) {
      status = byId(statuses, random.nextInt(10) < 9 ? 4 : 3);
    } else if (p.id() == 2) {
      status = pick(random, statuses, 22, 18, 10, 15, 35);
    } else {
      status = pick(random, statuses, 25, 20, 15, 40);
    }
    long statusId = status.get("id").asLong();
    boolean done = statusId == 3 || statusId == 4;
    if (done && random.nextInt(100) < 85) {
      issue.set("resolution", pick(random, data.resolutions, 70, 10, 8, 7, 5).deepCopy());
    } else {
      issue.putNull("resolution");
    }
    issue.set("priority", pick(random, data.priorities, 20, 60, 20).deepCopy());
    issue.set("status", status.deepCopy());

    List<ObjectNode> users = new ArrayList<>(data.users.values());
    if (random.nextInt(100) < 15) {
      issue.putNull("assignee");
    } else {
      issue.set("assignee", userSummary(users.get(random.nextInt(users.size()))));
    }

    ArrayNode category = issue.putArray("category");
    int categoryCount = random.nextInt(10) < 4 ? 0 : random.nextInt(10) < 8 ? 1 : 2;
    List<ObjectNode> projectCategories = new ArrayList<>(data.categories.get(p.id()));
    for (int i = 0; i < categoryCount; i++) {
      category.add(projectCategories.remove(random.nextInt(projectCategories.size())).deepCopy());
    }
    List<ObjectNode> versions = data.versions.get(p.id());
    ArrayNode affected = issue.putArray("versions");
    if (random.nextInt(10) < 3) {
      affected.add(versions.get(random.nextInt(versions.size())).deepCopy());
    }
    ArrayNode milestone = issue.putArray("milestone");
    if (random.nextInt(10) < 5) {
      milestone.add(versions.get(random.nextInt(versions.size())).deepCopy());
    }

    LocalDate createdDate = created.atZone(ZoneOffset.UTC).toLocalDate();
    LocalDate startDate = random.nextInt(10) < 6 ? createdDate.plusDays(random.nextInt(11)) : null;
    LocalDate dueDate =
        random.nextInt(10) < 6
            ? (startDate != null ? startDate : createdDate).plusDays(1 + random.nextInt(45))
            : null;
    putDate(issue, "startDate", startDate);
    putDate(issue, "dueDate", dueDate);
    putHours(issue, "estimatedHours", random.nextInt(10) < 5 ? 1 + random.nextInt(80) : 0);
    putHours(
        issue,
        "actualHours",
        statusId != 1 && random.nextInt(10) < 6 ? 1 + random.nextInt(100) : 0);

    if (!parentCandidates.isEmpty() && random.nextInt(100) < 10) {
      int from = Math.max(0, parentCandidates.size() - 50);
      issue.put(
          "parentIssueId",
          parentCandidates.get(from + random.nextInt(parentCandidates.size() - from)));
    } else {
      issue.putNull("parentIssueId");
    }

    ObjectNode createdUser = users.get(random.nextInt(users.size()));
    issue.set("createdUser", userSummary(createdUser));
    issue.put("created", formatDateTime(created));
    Instant updated = created;
    ObjectNode updatedUser = createdUser;
    if (random.nextInt(10) >= 2) {
      long maxSeconds = Math.min(120L * 86_400, LAST.getEpochSecond() - created.getEpochSecond());
      updated = created.plusSeconds((long) (random.nextDouble() * maxSeconds));
      updatedUser = users.get(random.nextInt(users.size()));
    }
    issue.set("updatedUser", userSummary(updatedUser));
    issue.put("updated", formatDateTime(updated));
    issue.putArray("customFields");
    issue.putArray("attachments");
    issue.putArray("sharedFiles");
    issue.putArray("stars");
    return issue;
  }

  private static void putDate(ObjectNode issue, String field, LocalDate date) {
    if (date == null) {
      issue.putNull(field);
    } else {
      issue.put(field, date + "T00:00:00Z");
    }
  }

  /** {@code halfHours == 0} means null; otherwise {@code halfHours * 0.5}. */
  private static void putHours(ObjectNode issue, String field, int halfHours) {
    if (halfHours == 0) {
      issue.putNull(field);
    } else {
      issue.put(field, halfHours * 0.5);
    }
  }

  private static ObjectNode byId(List<ObjectNode> nodes, long id) {
    return nodes.stream().filter(n -> n.get("id").asLong() == id).findFirst().orElseThrow();
  }

  /** Picks one element with the given relative weights (one per element). */
  private static ObjectNode pick(Random random, List<ObjectNode> nodes, int... weights) {
    if (weights.length != nodes.size()) {
      throw new IllegalArgumentException(weights.length + " weights for " + nodes.size());
    }
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int r = random.nextInt(total);
    for (int i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) {
        return nodes.get(i);
      }
    }
    throw new AssertionError();
  }
}
