package io.saasql.sandbox.bitbucket;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Builds the default data set, the same on every run (a fixed {@link Random} seed, no clock):
 * twelve users, two workspaces ({@code acme}, {@code globex}) of eight members each, six
 * repositories, 1,118 live issues (two deleted ids) with their comments, and 550 pull requests.
 *
 * <p>Every number is put as an {@code int}, as Jackson parses small numbers from the wire, so the
 * objects compare equal to HTTP answers without a round trip through JSON.
 *
 * <p>Issue and pull-request ids count from 1 per repository and follow creation time, so {@code
 * id} order is {@code created_on} order. Uuids are name-based, so a user's uuid does not change
 * when the seed grows.
 *
 * <p>Generated titles use plain ASCII letters, digits and spaces only, and generated texts add
 * {@code . , : -}; the issues in {@link #AWKWARD_ISSUES} and pull requests in {@link
 * #AWKWARD_PULL_REQUESTS} carry every awkward character (double and single quotes, backslash,
 * percent, underscore, non-ASCII, an emoji), so a test knows exactly which rows have them; those
 * in {@link #EDGE_CASE_ISSUES} and {@link #EDGE_CASE_PULL_REQUESTS} differ only by case or
 * trailing spaces, or are Japanese or Greek, and {@link #EDGE_CASE_MICROS} puts some creation
 * times on sub-millisecond boundaries. Two users' display names are awkward too: {@code Elena
 * García} and {@code Liam O'Connor}.
 */
final class BitbucketSeed {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  static final long SEED = 20240305L;
  static final Instant FIRST = Instant.parse("2023-01-01T00:00:00Z");
  static final Instant LAST = Instant.parse("2025-12-31T23:59:59Z");
  static final String API = "https://api.bitbucket.org/2.0";
  static final String WEB = "https://bitbucket.org";
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'").withZone(ZoneOffset.UTC);

  private record UserSpec(String first, String last, String nickname) {}

  /** Users 0–7 are members of acme, users 4–11 of globex. */
  static final List<UserSpec> USERS =
      List.of(
          new UserSpec("Alice", "Chen", "achen"),
          new UserSpec("Bruno", "Silva", "bsilva"),
          new UserSpec("Chiara", "Rossi", "crossi"),
          new UserSpec("Dmitri", "Volkov", "dvolkov"),
          new UserSpec("Elena", "García", "egarcia"),
          new UserSpec("Farah", "Khan", "fkhan"),
          new UserSpec("Gustav", "Lindqvist", "glindqvist"),
          new UserSpec("Hana", "Kobayashi", "hkobayashi"),
          new UserSpec("Ivan", "Petrov", "ipetrov"),
          new UserSpec("Jamal", "Carter", "jcarter"),
          new UserSpec("Kirsten", "Berg", "kberg"),
          new UserSpec("Liam", "O'Connor", "loconnor"));

  private record WorkspaceSpec(String slug, String name, int firstMember, Instant created) {}

  static final List<WorkspaceSpec> WORKSPACES =
      List.of(
          new WorkspaceSpec("acme", "Acme Engineering", 0, Instant.parse("2021-03-04T10:11:12Z")),
          new WorkspaceSpec("globex", "Globex Labs", 4, Instant.parse("2021-09-15T08:30:00Z")));

  private record RepoSpec(
      String workspace,
      String slug,
      String description,
      String language,
      boolean isPrivate,
      boolean hasIssues,
      String mainBranch,
      String projectKey,
      String projectName,
      int issues,
      int pullRequests,
      Instant created,
      String[] titles) {}

  private static final String[] API_TITLES = {
    "Fix {thing} in {area} endpoint",
    "Add pagination to {area} API",
    "Timeout when calling {area} service",
    "Improve error message for {area}",
    "Upgrade {lib} to latest version",
    "Rate limiter rejects valid {area} requests",
    "Document {area} response fields",
    "Null pointer in {area} handler",
  };
  private static final String[] WEB_TITLES = {
    "Button misaligned on {area} page",
    "Dark mode colors wrong on {area} page",
    "Add sorting to {area} table",
    "Broken link in {area} footer",
    "Slow load of {area} page",
    "Form validation missing on {area} page",
  };
  private static final String[] MOBILE_TITLES = {
    "Crash on {device} when opening {area}",
    "Push notifications delayed on {device}",
    "Login screen freezes on {device}",
    "Add offline mode for {area}",
    "Battery drain in {area} screen",
  };
  private static final String[] INFRA_TITLES = {
    "Rotate certificates for {lib}", "Upgrade {lib} on staging", "Add alerts for {lib}",
  };
  private static final String[] PLATFORM_TITLES = {
    "Scale {lib} horizontally",
    "Flaky test in {area} module",
    "Memory leak in {area} worker",
    "Migrate {lib} to new cluster",
    "Add metrics to {area} service",
    "Deadlock in {area} scheduler",
  };
  private static final String[] DOCS_TITLES = {
    "Typo in {area} guide",
    "Update screenshots in {area} guide",
    "Explain {area} configuration",
    "Broken code sample in {area} page",
    "Translate {area} page",
  };

  static final List<RepoSpec> REPOSITORIES =
      List.of(
          new RepoSpec("acme", "api", "Public REST API of the Acme platform", "java", true, true,
              "main", "CORE", "Core Services", 320, 150, Instant.parse("2022-02-01T09:00:00Z"),
              API_TITLES),
          new RepoSpec("acme", "web", "Customer web application", "typescript", true, true,
              "main", "WEB", "Web Frontend", 260, 120, Instant.parse("2022-03-10T14:20:00Z"),
              WEB_TITLES),
          new RepoSpec("acme", "mobile", "iOS and Android apps", "kotlin", true, true, "develop",
              "MOB", "Mobile Apps", 180, 80, Instant.parse("2022-05-23T11:45:00Z"),
              MOBILE_TITLES),
          new RepoSpec("acme", "infra", "Terraform and deployment scripts", "shell", true, false,
              "main", "OPS", "Operations", 0, 60, Instant.parse("2022-01-12T07:05:00Z"),
              INFRA_TITLES),
          new RepoSpec("globex", "platform", "Globex data platform", "go", true, true, "master",
              "PLAT", "Platform", 240, 100, Instant.parse("2021-10-01T16:00:00Z"),
              PLATFORM_TITLES),
          new RepoSpec("globex", "docs", "Product documentation", "", false, true, "main", "DOC",
              "Documentation", 120, 40, Instant.parse("2022-06-30T12:00:00Z"), DOCS_TITLES));

  /** Issue ids (per repository full name) that are deleted: {@code GET} answers 410. */
  static final Map<String, Set<Long>> DELETED_ISSUES = Map.of("acme/api", Set.of(17L, 203L));

  /** "full_name#id" → {title, content.raw} of the issues with awkward characters. */
  static final Map<String, String[]> AWKWARD_ISSUES =
      Map.of(
          "acme/api#7",
          new String[] {
            "Fix \"quoted\" path C:\\temp",
            "The export writes to C:\\temp\\new and the \" in the name breaks it."
          },
          "acme/api#42",
          new String[] {"100% done_now", "Progress shows 100% while the flag done_now is false."},
          "acme/api#100",
          new String[] {"Rocket 🚀 emoji breaks the changelog", "Commit messages with 🚀 fail."},
          "acme/web#3",
          new String[] {"Customer's login can't be saved", "The form says: 'invalid session'."},
          "acme/web#12",
          new String[] {"Café löschen – Ünïcödé ✓", "Der Kunde möchte das Konto \"Café\" löschen."},
          "acme/mobile#5",
          new String[] {"日本語の問い合わせ: ログインできない", "ログイン画面でエラーが表示されます。"},
          "globex/platform#9",
          new String[] {
            "Escape backslash \\ in log_path", "Windows agents log to D:\\logs\\app_1 and fail."
          },
          "globex/docs#4",
          new String[] {"Disk at 95% on db_primary", "Usage grew 5% per day; 100% by Friday."});

  /**
   * "full_name#id" → {title, content.raw} of issues whose title differs from another only by case
   * or trailing spaces, or is Japanese, Greek or emoji: the values an ASCII-only data set hides
   * from differential tests. Applied like {@link #AWKWARD_ISSUES}.
   */
  static final Map<String, String[]> EDGE_CASE_ISSUES =
      Map.ofEntries(
          Map.entry("acme/api#20", new String[] {"Timeout when calling billing service", ""}),
          Map.entry("acme/api#21", new String[] {"timeout when calling billing service", ""}),
          Map.entry("acme/api#22", new String[] {"TIMEOUT WHEN CALLING BILLING SERVICE", ""}),
          Map.entry("acme/api#23",
              new String[] {"Document orders response fields ", "Trailing space."}),
          Map.entry("acme/web#20",
              new String[] {"ログイン画面のボタンがずれる 🐛", "Safariでのみ発生します。"}),
          Map.entry("acme/web#21", new String[] {"Ωmega theme broken", "Greek capital omega."}),
          Map.entry("acme/web#22", new String[] {"ωmega theme broken", "Greek small omega."}),
          Map.entry("acme/mobile#20",
              new String[] {"Crash on iPhone 14 when opening profile", "Since 2.1."}),
          Map.entry("acme/mobile#21",
              new String[] {"crash on iphone 14 when opening profile", "Same, typed on a phone."}),
          Map.entry("acme/mobile#22",
              new String[] {"Sync stuck at 100% in sync_queue", "The _ and % are literal."}),
          Map.entry("globex/platform#20", new String[] {"設定ファイルの文字化け", "UTF-8 で保存してください。"}));

  /**
   * "full_name#id" → the microseconds of the issue's {@code created_on} (its second is kept, so
   * id order stays creation order): the boundaries a millisecond view of the time meets, such as
   * {@code .029833}, which SQL sees as {@code .029}.
   */
  static final Map<String, Integer> EDGE_CASE_MICROS =
      Map.of(
          "acme/api#10", 29_833,
          "acme/api#11", 0,
          "acme/api#12", 999_999,
          "acme/api#13", 1,
          "acme/api#14", 29_000,
          "acme/api#15", 500_000,
          "acme/web#10", 999_000,
          "acme/mobile#10", 123_456);

  /** "full_name#id" → title of the pull requests with awkward characters. */
  static final Map<String, String> AWKWARD_PULL_REQUESTS =
      Map.of(
          "acme/api#5", "Handle \"quoted\" names and C:\\paths",
          "acme/web#2", "Ünïcödé support in search ✓",
          "globex/platform#3", "Reach 100% coverage for parser_utils");

  /** "full_name#id" → title of the pull requests that differ only by case, or are Japanese. */
  static final Map<String, String> EDGE_CASE_PULL_REQUESTS =
      Map.of(
          "acme/api#10", "Bump Jackson to 2.17",
          "acme/api#11", "bump jackson to 2.17",
          "acme/web#10", "検索結果の並び順を修正 ✨",
          "acme/mobile#10", "Ωmega icons");

  private static final String[] AREAS = {
    "billing", "accounts", "search", "orders", "reports", "settings", "checkout", "inventory",
    "profile", "dashboard",
  };
  private static final String[] THINGS = {
    "date parsing", "sorting", "caching", "encoding", "validation", "retry logic",
  };
  private static final String[] LIBS = {
    "Jackson", "Netty", "PostgreSQL", "Kubernetes", "nginx", "Redis", "Kafka", "Terraform",
  };
  private static final String[] DEVICES = {"Pixel 7", "iPhone 14", "Galaxy S23", "iPad Air"};
  private static final String[] SENTENCES = {
    "Reported by a customer through support.",
    "Steps to reproduce are in the description below.",
    "Happens only after a fresh deploy.",
    "Workaround: restart the service.",
    "Several users in the same team are affected.",
    "Logs show a timeout after 30 seconds.",
    "Needs a decision from the product owner.",
    "Regression since the last release.",
    "Could be related to the cache layer.",
    "Low risk change, covered by tests.",
  };
  private static final String[] COMMENTS = {
    "I can reproduce this on the latest build.",
    "Fixed in the next release.",
    "Can you attach the logs?",
    "Looks like a duplicate of an older issue.",
    "Moving this to the next milestone.",
    "Thanks, confirmed.",
    "Working on it now.",
    "This needs a design review first.",
  };
  private static final String[] MILESTONES = {"2023.Q3", "2024.Q1", "2024.Q3", "2025.Q1",
      "2025.Q3"};
  private static final String[] VERSIONS = {"1.0", "1.1", "2.0", "2.1", "3.0"};
  private static final String[] COMPONENTS = {"backend", "frontend", "database", "build", "docs"};

  static final List<String> ISSUE_STATES =
      List.of(
          "submitted", "new", "open", "resolved", "on hold", "invalid", "duplicate", "wontfix",
          "closed");
  private static final int[] STATE_WEIGHTS = {5, 20, 22, 15, 6, 5, 5, 7, 15};
  static final List<String> KINDS = List.of("bug", "enhancement", "proposal", "task");
  private static final int[] KIND_WEIGHTS = {40, 30, 10, 20};
  static final List<String> PRIORITIES = List.of("trivial", "minor", "major", "critical",
      "blocker");
  private static final int[] PRIORITY_WEIGHTS = {8, 25, 40, 18, 9};
  static final List<String> PR_STATES = List.of("OPEN", "MERGED", "DECLINED", "SUPERSEDED");
  private static final int[] PR_STATE_WEIGHTS = {25, 50, 15, 10};
  private static final String[] BRANCH_KINDS = {"feature", "feature", "feature", "bugfix",
      "hotfix"};

  private BitbucketSeed() {}

  static BitbucketDataSet create() {
    BitbucketDataSet data = new BitbucketDataSet();
    Random random = new Random(SEED);
    for (UserSpec u : USERS) {
      ObjectNode user = user(u);
      data.users.put(user.get("uuid").asText(), user);
    }
    List<String> userUuids = new ArrayList<>(data.users.keySet());
    for (WorkspaceSpec w : WORKSPACES) {
      data.workspaces.put(w.slug(), workspace(w));
      data.members.put(w.slug(),
          List.copyOf(userUuids.subList(w.firstMember(), w.firstMember() + 8)));
    }
    for (RepoSpec r : REPOSITORIES) {
      ObjectNode repo = repository(r, data.workspaces.get(r.workspace()), random);
      String fullName = repo.get("full_name").asText();
      data.repositories.put(fullName, repo);
      List<ObjectNode> members = new ArrayList<>();
      data.members.get(r.workspace()).forEach(uuid -> members.add(data.users.get(uuid)));
      if (r.hasIssues()) {
        data.trackers.put(fullName, tracker(data, r, repo, members, random));
      }
      data.pullRequests.put(fullName, pullRequests(r, repo, members, random));
    }
    return data;
  }

  /**
   * The nickname of the account every credential acts as: the reporter of the issues the API
   * creates. Elena García is a member of both workspaces.
   */
  static final String API_USER = "egarcia";

  static String formatDateTime(Instant instant) {
    return DATE_TIME.format(instant);
  }

  /** A name-based uuid in braces, e.g. {@code {0b7e…}}. */
  static String uuid(String name) {
    return "{" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)) + "}";
  }

  // ---- users, workspaces, repositories ----

  private static ObjectNode user(UserSpec u) {
    String uuid = uuid("user:" + u.nickname());
    String encoded = uuid.replace("{", "%7B").replace("}", "%7D");
    ObjectNode user = F.objectNode();
    user.put("type", "user");
    user.put("display_name", u.first() + " " + u.last());
    user.put("uuid", uuid);
    user.put("account_id", "557058:" + UUID.nameUUIDFromBytes(
        ("account:" + u.nickname()).getBytes(StandardCharsets.UTF_8)));
    user.put("nickname", u.nickname());
    ObjectNode links = user.putObject("links");
    links.putObject("self").put("href", API + "/users/" + encoded);
    links.putObject("avatar").put("href",
        "https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/initials/"
            + u.first().charAt(0) + u.last().charAt(0) + "-3.png");
    links.putObject("html").put("href", WEB + "/" + encoded + "/");
    return user;
  }

  private static ObjectNode workspace(WorkspaceSpec w) {
    ObjectNode ws = F.objectNode();
    ws.put("type", "workspace");
    ws.put("uuid", uuid("workspace:" + w.slug()));
    ws.put("name", w.name());
    ws.put("slug", w.slug());
    ws.put("is_private", true);
    ws.put("is_privacy_enforced", false);
    ws.put("forking_mode", "allow_forks");
    ws.put("created_on", formatDateTime(w.created().plusNanos(123_456_000L)));
    ObjectNode links = ws.putObject("links");
    links.putObject("self").put("href", API + "/workspaces/" + w.slug());
    links.putObject("html").put("href", WEB + "/" + w.slug() + "/");
    links.putObject("members").put("href", API + "/workspaces/" + w.slug() + "/members");
    links.putObject("repositories").put("href", API + "/repositories/" + w.slug());
    links.putObject("projects").put("href", API + "/workspaces/" + w.slug() + "/projects");
    return ws;
  }

  /** The workspace as embedded in repositories and memberships. */
  static ObjectNode workspaceSummary(ObjectNode ws) {
    ObjectNode s = F.objectNode();
    s.put("type", "workspace");
    s.set("uuid", ws.get("uuid").deepCopy());
    s.set("name", ws.get("name").deepCopy());
    s.set("slug", ws.get("slug").deepCopy());
    ObjectNode links = s.putObject("links");
    links.set("self", ws.get("links").get("self").deepCopy());
    links.set("html", ws.get("links").get("html").deepCopy());
    return s;
  }

  private static ObjectNode repository(RepoSpec r, ObjectNode ws, Random random) {
    String fullName = r.workspace() + "/" + r.slug();
    ObjectNode repo = F.objectNode();
    repo.put("type", "repository");
    repo.put("uuid", uuid("repository:" + fullName));
    repo.put("full_name", fullName);
    repo.put("name", r.slug());
    repo.put("slug", r.slug());
    repo.put("description", r.description());
    repo.put("scm", "git");
    repo.putNull("website");
    repo.put("is_private", r.isPrivate());
    repo.put("language", r.language());
    repo.put("size", 1_000_000 + random.nextInt(90_000_000));
    repo.put("fork_policy", r.isPrivate() ? "no_public_forks" : "allow_forks");
    repo.put("created_on", formatDateTime(withMicros(r.created(), random)));
    repo.put("updated_on",
        formatDateTime(withMicros(LAST.minusSeconds(86_400L * (1 + random.nextInt(20))), random)));
    repo.put("has_issues", r.hasIssues());
    repo.put("has_wiki", false);
    ObjectNode mainbranch = repo.putObject("mainbranch");
    mainbranch.put("name", r.mainBranch());
    mainbranch.put("type", "branch");
    ObjectNode project = repo.putObject("project");
    project.put("type", "project");
    project.put("key", r.projectKey());
    project.put("uuid", uuid("project:" + r.workspace() + "/" + r.projectKey()));
    project.put("name", r.projectName());
    project.putObject("links").putObject("self").put("href",
        API + "/workspaces/" + r.workspace() + "/projects/" + r.projectKey());
    repo.set("workspace", workspaceSummary(ws));
    ObjectNode owner = repo.putObject("owner");
    owner.put("type", "team");
    owner.set("display_name", ws.get("name").deepCopy());
    owner.set("uuid", ws.get("uuid").deepCopy());
    owner.set("username", ws.get("slug").deepCopy());
    repo.putNull("parent");
    ObjectNode links = repo.putObject("links");
    links.putObject("self").put("href", API + "/repositories/" + fullName);
    links.putObject("html").put("href", WEB + "/" + fullName);
    if (r.hasIssues()) {
      links.putObject("issues").put("href", API + "/repositories/" + fullName + "/issues");
    }
    links.putObject("pullrequests")
        .put("href", API + "/repositories/" + fullName + "/pullrequests");
    return repo;
  }

  /** The repository as embedded in issues and pull requests. */
  static ObjectNode repositorySummary(ObjectNode repo) {
    ObjectNode s = F.objectNode();
    s.put("type", "repository");
    s.set("full_name", repo.get("full_name").deepCopy());
    s.set("name", repo.get("name").deepCopy());
    s.set("uuid", repo.get("uuid").deepCopy());
    ObjectNode links = s.putObject("links");
    links.set("self", repo.get("links").get("self").deepCopy());
    links.set("html", repo.get("links").get("html").deepCopy());
    return s;
  }

  // ---- issues ----

  private static BitbucketDataSet.Tracker tracker(
      BitbucketDataSet data, RepoSpec r, ObjectNode repo, List<ObjectNode> members, Random random) {
    String fullName = repo.get("full_name").asText();
    BitbucketDataSet.Tracker tracker = new BitbucketDataSet.Tracker();
    List<Instant> created = creationTimes(r.issues(), random);
    Set<Long> deleted = DELETED_ISSUES.getOrDefault(fullName, Set.of());
    ObjectNode[] milestones = named("milestone", MILESTONES, fullName);
    ObjectNode[] versions = named("version", VERSIONS, fullName);
    ObjectNode[] components = named("component", COMPONENTS, fullName);
    for (ObjectNode n : milestones) {
      tracker.milestones.put(n.get("name").asText(), n);
    }
    for (ObjectNode n : versions) {
      tracker.versions.put(n.get("name").asText(), n);
    }
    for (ObjectNode n : components) {
      tracker.components.put(n.get("name").asText(), n);
    }
    for (int i = 0; i < created.size(); i++) {
      long id = i + 1;
      ObjectNode issue =
          issue(r, repo, id, created.get(i), members, milestones, versions, components, random);
      List<ObjectNode> comments = comments(data, issue, members, random);
      tracker.lastId = id;
      if (deleted.contains(id)) {
        tracker.deleted.add(id);
        continue;
      }
      tracker.issues.put(id, issue);
      tracker.comments.put(id, comments);
    }
    return tracker;
  }

  /** Tracker settings (milestones, versions, components) of one repository. */
  private static ObjectNode[] named(String type, String[] names, String fullName) {
    ObjectNode[] result = new ObjectNode[names.length];
    for (int i = 0; i < names.length; i++) {
      ObjectNode n = F.objectNode();
      n.put("type", type);
      n.put("id", Math.floorMod((fullName + "/" + type + "/" + names[i]).hashCode(), 900_000)
          + 100_000);
      n.put("name", names[i]);
      result[i] = n;
    }
    return result;
  }

  private static ObjectNode issue(
      RepoSpec r,
      ObjectNode repo,
      long id,
      Instant created,
      List<ObjectNode> members,
      ObjectNode[] milestones,
      ObjectNode[] versions,
      ObjectNode[] components,
      Random random) {
    String fullName = repo.get("full_name").asText();
    Integer micros = EDGE_CASE_MICROS.get(fullName + "#" + id);
    if (micros != null) {
      created = Instant.ofEpochSecond(created.getEpochSecond(), micros * 1_000L);
    }
    String title = title(r.titles(), random);
    String raw = text(random);
    String[] awkward =
        AWKWARD_ISSUES.getOrDefault(fullName + "#" + id, EDGE_CASE_ISSUES.get(fullName + "#" + id));
    if (awkward != null) {
      title = awkward[0];
      raw = awkward[1];
    }
    String state = pick(random, ISSUE_STATES, STATE_WEIGHTS);
    String kind = pick(random, KINDS, KIND_WEIGHTS);
    String priority = pick(random, PRIORITIES, PRIORITY_WEIGHTS);
    ObjectNode reporter =
        random.nextInt(100) < 3 ? null : members.get(random.nextInt(members.size()));
    ObjectNode assignee =
        random.nextInt(100) < 20 ? null : members.get(random.nextInt(members.size()));
    Instant updated = later(created, random);
    Instant edited =
        random.nextInt(100) < 25 && updated.isAfter(created)
            ? created.plusSeconds((long) (random.nextDouble()
                * (updated.getEpochSecond() - created.getEpochSecond())))
            : null;
    ObjectNode milestone =
        random.nextInt(100) < 45 ? milestones[random.nextInt(milestones.length)] : null;
    ObjectNode version =
        random.nextInt(100) < 35 ? versions[random.nextInt(versions.length)] : null;
    ObjectNode component =
        random.nextInt(100) < 55 ? components[random.nextInt(components.length)] : null;
    int votes = random.nextInt(2) == 0 ? 0 : 1 + random.nextInt(20);
    int watches = 1 + random.nextInt(6);

    ObjectNode issue = F.objectNode();
    issue.put("type", "issue");
    issue.put("id", Math.toIntExact(id));
    issue.put("title", title);
    issue.set("content", rendered(raw));
    issue.put("state", state);
    issue.put("kind", kind);
    issue.put("priority", priority);
    putCopy(issue, "reporter", reporter);
    putCopy(issue, "assignee", assignee);
    issue.put("created_on", formatDateTime(created));
    issue.put("updated_on", formatDateTime(updated));
    if (edited == null) {
      issue.putNull("edited_on");
    } else {
      issue.put("edited_on", formatDateTime(edited));
    }
    putCopy(issue, "milestone", milestone);
    putCopy(issue, "version", version);
    putCopy(issue, "component", component);
    issue.put("votes", votes);
    issue.put("watches", watches);
    issue.set("repository", repositorySummary(repo));
    issue.set("links", issueLinks(fullName, id));
    return issue;
  }

  /**
   * An issue as {@code POST …/issues} creates it before the request body is applied, with the
   * members in the order of a seeded issue: kind {@code bug}, priority {@code major}, state {@code
   * new}, empty content, no assignee, milestone, version or component, no votes, watched by its
   * reporter, never edited.
   */
  static ObjectNode newIssue(ObjectNode repo, long id, ObjectNode reporter, Instant created) {
    String fullName = repo.get("full_name").asText();
    ObjectNode issue = F.objectNode();
    issue.put("type", "issue");
    issue.put("id", Math.toIntExact(id));
    issue.put("title", "");
    issue.set("content", rendered(""));
    issue.put("state", "new");
    issue.put("kind", "bug");
    issue.put("priority", "major");
    putCopy(issue, "reporter", reporter);
    issue.putNull("assignee");
    issue.put("created_on", formatDateTime(created));
    issue.put("updated_on", formatDateTime(created));
    issue.putNull("edited_on");
    issue.putNull("milestone");
    issue.putNull("version");
    issue.putNull("component");
    issue.put("votes", 0);
    issue.put("watches", 1);
    issue.set("repository", repositorySummary(repo));
    issue.set("links", issueLinks(fullName, id));
    return issue;
  }

  static ObjectNode issueLinks(String fullName, long id) {
    ObjectNode links = F.objectNode();
    links.putObject("self").put("href", API + "/repositories/" + fullName + "/issues/" + id);
    links.putObject("html").put("href", WEB + "/" + fullName + "/issues/" + id);
    links.putObject("comments").put("href",
        API + "/repositories/" + fullName + "/issues/" + id + "/comments");
    return links;
  }

  private static List<ObjectNode> comments(
      BitbucketDataSet data, ObjectNode issue, List<ObjectNode> members, Random random) {
    int n = pickIndex(random, 35, 30, 20, 10, 5);
    List<ObjectNode> comments = new ArrayList<>();
    Instant from = Instant.parse(issue.get("created_on").asText().replace("+00:00", "Z"));
    Instant to = Instant.parse(issue.get("updated_on").asText().replace("+00:00", "Z"));
    long span = Math.max(1, to.getEpochSecond() - from.getEpochSecond());
    List<Instant> times = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // plusNanos, not withMicros: a comment is never older than its issue
      times.add(from.plusSeconds((long) (random.nextDouble() * span))
          .plusNanos(random.nextInt(1_000_000) * 1_000L));
    }
    times.sort(null);
    String fullName = issue.get("repository").get("full_name").asText();
    long issueId = issue.get("id").asLong();
    for (Instant created : times) {
      long id = 60_000_001L + data.lastCommentId++;
      ObjectNode c = F.objectNode();
      c.put("type", "issue_comment");
      c.put("id", Math.toIntExact(id));
      c.set("content", rendered(COMMENTS[random.nextInt(COMMENTS.length)]));
      c.set("user", members.get(random.nextInt(members.size())).deepCopy());
      c.put("created_on", formatDateTime(created));
      c.put("updated_on",
          formatDateTime(random.nextInt(10) < 8 ? created : later(created, random)));
      ObjectNode embedded = c.putObject("issue");
      embedded.put("type", "issue");
      embedded.put("id", Math.toIntExact(issueId));
      embedded.set("title", issue.get("title").deepCopy());
      embedded.set("repository", issue.get("repository").deepCopy());
      embedded.putObject("links").set("self", issue.get("links").get("self").deepCopy());
      ObjectNode links = c.putObject("links");
      links.putObject("self").put("href",
          API + "/repositories/" + fullName + "/issues/" + issueId + "/comments/" + id);
      links.putObject("html").put("href",
          WEB + "/" + fullName + "/issues/" + issueId + "#comment-" + id);
      comments.add(c);
    }
    return comments;
  }

  // ---- pull requests ----

  private static TreeMap<Long, ObjectNode> pullRequests(
      RepoSpec r, ObjectNode repo, List<ObjectNode> members, Random random) {
    String fullName = repo.get("full_name").asText();
    TreeMap<Long, ObjectNode> result = new TreeMap<>();
    List<Instant> created = creationTimes(r.pullRequests(), random);
    for (int i = 0; i < created.size(); i++) {
      long id = i + 1;
      result.put(id, pullRequest(r, repo, id, created.get(i), members, random));
    }
    return result;
  }

  private static ObjectNode pullRequest(
      RepoSpec r, ObjectNode repo, long id, Instant created, List<ObjectNode> members,
      Random random) {
    String fullName = repo.get("full_name").asText();
    String title = title(r.titles(), random);
    String awkward =
        AWKWARD_PULL_REQUESTS.getOrDefault(
            fullName + "#" + id, EDGE_CASE_PULL_REQUESTS.get(fullName + "#" + id));
    if (awkward != null) {
      title = awkward;
    }
    String state = pick(random, PR_STATES, PR_STATE_WEIGHTS);
    String description = random.nextInt(10) < 2 ? "" : text(random);
    ObjectNode author = members.get(random.nextInt(members.size()));
    String branchKind = BRANCH_KINDS[random.nextInt(BRANCH_KINDS.length)];
    String sourceBranch =
        branchKind + "/" + r.projectKey().toLowerCase(Locale.ROOT) + "-" + (100 + id) + "-"
            + AREAS[random.nextInt(AREAS.length)];
    String destinationBranch =
        random.nextInt(100) < 80
            ? r.mainBranch()
            : "release/" + (2023 + random.nextInt(3)) + "." + (1 + random.nextInt(4));
    Instant updated = later(created, random);

    ObjectNode pr = F.objectNode();
    pr.put("type", "pullrequest");
    pr.put("id", Math.toIntExact(id));
    pr.put("title", title);
    pr.put("description", description);
    pr.put("state", state);
    pr.put("draft", state.equals("OPEN") && random.nextInt(10) == 0);
    pr.set("author", author.deepCopy());
    pr.set("source", endpoint(sourceBranch, repo, random));
    pr.set("destination", endpoint(destinationBranch, repo, random));
    if (state.equals("MERGED")) {
      pr.set("merge_commit", commit(random));
    } else {
      pr.putNull("merge_commit");
    }
    pr.put("comment_count", pickIndex(random, 30, 20, 15, 10, 8, 6, 5, 3, 3)
        + (random.nextInt(10) == 0 ? 10 : 0));
    pr.put("task_count", pickIndex(random, 60, 20, 10, 6, 4));
    pr.put("close_source_branch", random.nextInt(10) < 6);
    boolean closed = state.equals("MERGED") || state.equals("DECLINED");
    putCopy(pr, "closed_by", closed ? members.get(random.nextInt(members.size())) : null);
    pr.put("reason", state.equals("DECLINED") && random.nextBoolean() ? "Not needed anymore" : "");
    pr.put("created_on", formatDateTime(created));
    pr.put("updated_on", formatDateTime(updated));
    ArrayNode reviewers = pr.putArray("reviewers");
    List<ObjectNode> candidates = new ArrayList<>(members);
    candidates.remove(author);
    int reviewerCount = random.nextInt(4);
    for (int i = 0; i < reviewerCount; i++) {
      reviewers.add(candidates.remove(random.nextInt(candidates.size())).deepCopy());
    }
    pr.set("summary", rendered(description));
    ObjectNode links = pr.putObject("links");
    links.putObject("self").put("href", API + "/repositories/" + fullName + "/pullrequests/" + id);
    links.putObject("html").put("href", WEB + "/" + fullName + "/pull-requests/" + id);
    return pr;
  }

  private static ObjectNode endpoint(String branch, ObjectNode repo, Random random) {
    ObjectNode e = F.objectNode();
    e.putObject("branch").put("name", branch);
    e.set("commit", commit(random));
    e.set("repository", repositorySummary(repo));
    return e;
  }

  private static ObjectNode commit(Random random) {
    byte[] bytes = new byte[6];
    random.nextBytes(bytes);
    ObjectNode c = F.objectNode();
    c.put("type", "commit");
    c.put("hash", HexFormat.of().formatHex(bytes));
    return c;
  }

  // ---- helpers ----

  /** {@code n} creation times in 2023–2025 with microseconds, ascending. */
  private static List<Instant> creationTimes(int n, Random random) {
    long span = LAST.getEpochSecond() - FIRST.getEpochSecond();
    List<Instant> times = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      times.add(withMicros(FIRST.plusSeconds((long) (random.nextDouble() * span)), random));
    }
    times.sort(null);
    return times;
  }

  /** The same instant or up to 200 days later, never after {@link #LAST}. */
  private static Instant later(Instant from, Random random) {
    if (random.nextInt(10) < 2) {
      return from;
    }
    long max = Math.min(200L * 86_400, LAST.getEpochSecond() - from.getEpochSecond());
    return withMicros(
        from.plusSeconds(1 + (long) (random.nextDouble() * Math.max(0, max - 1))), random);
  }

  private static Instant withMicros(Instant instant, Random random) {
    return Instant.ofEpochSecond(instant.getEpochSecond(), random.nextInt(1_000_000) * 1_000L);
  }

  private static String title(String[] templates, Random random) {
    return templates[random.nextInt(templates.length)]
        .replace("{area}", AREAS[random.nextInt(AREAS.length)])
        .replace("{thing}", THINGS[random.nextInt(THINGS.length)])
        .replace("{lib}", LIBS[random.nextInt(LIBS.length)])
        .replace("{device}", DEVICES[random.nextInt(DEVICES.length)]);
  }

  private static String text(Random random) {
    int n = 1 + random.nextInt(3);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < n; i++) {
      text.append(i == 0 ? "" : i == 1 ? "\n\n" : " ")
          .append(SENTENCES[random.nextInt(SENTENCES.length)]);
    }
    return text.toString();
  }

  /** {@code {raw, markup:"markdown", html, type:"rendered"}}; paragraphs become {@code <p>}. */
  static ObjectNode rendered(String raw) {
    ObjectNode content = F.objectNode();
    content.put("raw", raw);
    content.put("markup", "markdown");
    StringBuilder html = new StringBuilder();
    if (!raw.isEmpty()) {
      for (String paragraph : raw.split("\n\n")) {
        html.append(html.length() == 0 ? "" : "\n").append("<p>").append(escapeHtml(paragraph))
            .append("</p>");
      }
    }
    content.put("html", html.toString());
    content.put("type", "rendered");
    return content;
  }

  private static String escapeHtml(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  private static void putCopy(ObjectNode target, String field, ObjectNode value) {
    if (value == null) {
      target.putNull(field);
    } else {
      target.set(field, value.deepCopy());
    }
  }

  private static String pick(Random random, List<String> values, int... weights) {
    if (weights.length != values.size()) {
      throw new IllegalArgumentException(weights.length + " weights for " + values.size());
    }
    return values.get(pickIndex(random, weights));
  }

  /** An index with the given relative weights. */
  private static int pickIndex(Random random, int... weights) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int r = random.nextInt(total);
    for (int i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) {
        return i;
      }
    }
    throw new AssertionError();
  }
}
