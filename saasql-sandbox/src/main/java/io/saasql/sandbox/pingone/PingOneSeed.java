package io.saasql.sandbox.pingone;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Builds the default data set, the same on every run: ids are derived from names by hashing, every
 * other value comes from a {@link Random} with a fixed seed, no clock is read.
 *
 * <p>Two environments, {@code Administrators} (2,500 users) and {@code Production} (1,200 users).
 * Each has populations, ten groups with members, and users spread over every {@code type}. Users
 * are stored (and listed) in {@code createdAt} order. Generated names, usernames and e-mails are
 * plain ASCII; the awkward values (apostrophe, double quote, backslash, non-ASCII, {@code +},
 * mixed case) are only on the fixed users listed in {@link #FIXED_ADMINISTRATORS} and, in both
 * environments, on the users of {@link #EDGE_CASE_USERS} (values differing only by case or spaces,
 * Japanese, Greek, emoji) and {@link #MINIMAL_USER}; twelve Administrators users share their
 * e-mail with the Backlog sandbox's users ({@link #BACKLOG}).
 */
final class PingOneSeed {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  static final long SEED = 20240611L;

  static final String ADMINISTRATORS = "Administrators";
  static final String PRODUCTION = "Production";
  static final int ADMINISTRATORS_USERS = 2500;
  static final int PRODUCTION_USERS = 1200;

  static final Instant USERS_FROM = Instant.parse("2021-01-04T08:00:00Z");
  static final Instant USERS_TO = Instant.parse("2025-06-30T18:00:00Z");
  static final Instant LAST_UPDATE = Instant.parse("2025-12-31T23:00:00Z");

  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** The types PingOne's documentation gives as examples; null means no type. */
  static final List<String> TYPES =
      List.of("Employee", "Contractor", "Intern", "Temp", "External", "Unknown");

  private static final int[] TYPE_WEIGHTS = {40, 16, 8, 8, 10, 6, 12}; // last: no type

  /** A fixed user: every value given, nothing drawn. */
  record FixedUser(
      String given,
      String middle,
      String family,
      String prefix,
      String suffix,
      String username,
      String email,
      String type,
      String department,
      String title,
      String nickname,
      String locale) {}

  /** The twelve users of the Backlog sandbox (first, last, language), same names and e-mails. */
  static final List<String[]> BACKLOG =
      List.of(
          new String[] {"Aiko", "Tanaka", "ja"},
          new String[] {"Ben", "Carter", "en"},
          new String[] {"Chloe", "Martin", "en"},
          new String[] {"Daniel", "Okafor", "en"},
          new String[] {"Emma", "Schneider", "en"},
          new String[] {"Felix", "Wagner", "en"},
          new String[] {"Grace", "Lee", "en"},
          new String[] {"Hiroshi", "Sato", "ja"},
          new String[] {"Isabel", "Costa", "en"},
          new String[] {"Jonas", "Berg", "en"},
          new String[] {"Kenji", "Watanabe", "ja"},
          new String[] {"Laura", "Rossi", "en"});

  /** Index in the Administrators user list of the i-th Backlog user. */
  static int backlogIndex(int i) {
    return 17 + 200 * i;
  }

  /** Administrators users at fixed positions (index in creation order) with awkward values. */
  static final Map<Integer, FixedUser> FIXED_ADMINISTRATORS = new LinkedHashMap<>();

  static {
    Map<Integer, FixedUser> m = FIXED_ADMINISTRATORS;
    m.put(5, new FixedUser("Conor", null, "O'Brien", null, null, "cobrien",
        "conor.obrien@example.com", "Employee", "Support", "Support Team Lead", null, "en-IE"));
    m.put(10, new FixedUser("Robert", null, "Tables", null, null, "rtables",
        "robert.tables@example.com", "Employee", "Engineering", "Database Administrator",
        "Bobby \"Tables\"", "en-US"));
    m.put(11, new FixedUser("Priya", null, "Patel", null, null, "ppatel",
        "priya.patel@example.com", "Contractor", "Sales", "Sales\\Marketing Liaison", null,
        "en-GB"));
    m.put(20, new FixedUser("José", null, "García", null, null, "jgarcia",
        "jose.garcia@example.com", "Employee", "Engineering", "Software Engineer", "Pepe",
        "es-ES"));
    m.put(21, new FixedUser("Zoë", null, "Müller", null, null, "zmuller",
        "zoe.muller@example.com", "Intern", "Marketing", "Marketing Intern", null, "de-DE"));
    m.put(30, new FixedUser("Ana", null, "Souza", null, null, "asouza",
        "ana+test@example.com", "Temp", "Support", "Support Engineer", null, "pt-BR"));
    m.put(42, new FixedUser("Mary", "Ann", "Smith-Jones", "Dr.", "PhD", "msmithjones",
        "mary.smith-jones@example.com", "Employee", "Engineering", "Staff Engineer", null,
        "en-US"));
    m.put(43, new FixedUser("Mark", null, "Twain", null, null, "mtwain",
        "Mark.Twain@Example.com", "External", null, "Partner Consultant", null, "en-US"));
  }

  /**
   * Users of both environments (index in creation order) whose values differ from another user's
   * only by case or trailing spaces, or are Japanese, Greek or emoji: {given, family, nickname,
   * title}, null keeping the drawn value. Applied after every user is drawn, so the others stay
   * as drawn; usernames, e-mails and types are never changed. The user at {@link #MINIMAL_USER}
   * keeps only what PingOne requires or sets itself (no name, locale, language, time zone, title,
   * nickname, address or phones).
   */
  static final Map<Integer, String[]> EDGE_CASE_USERS =
      Map.of(
          60, new String[] {"Mary", "Smith", null, null},
          61, new String[] {"MARY", "SMITH", null, null},
          62, new String[] {"mary", "smith ", null, null},
          63, new String[] {"太郎", "山田", "たろう", "エンジニア"},
          64, new String[] {"Σοφία", "Παπαδοπούλου", null, null},
          65, new String[] {"ΣΟΦΊΑ", "ΠΑΠΑΔΟΠΟΎΛΟΥ", null, null},
          66, new String[] {null, null, "🚀 Rocket", "Software Engineer "},
          67, new String[] {null, null, "100%_sure", "QA_Engineer"});

  /** Index of the user with no optional attribute, in both environments. */
  static final int MINIMAL_USER = 68;

  record Department(String name, int weight, List<String> titles) {}

  static final List<Department> DEPARTMENTS =
      List.of(
          new Department("Engineering", 30, List.of("Software Engineer",
              "Senior Software Engineer", "Staff Engineer", "Engineering Manager", "QA Engineer",
              "DevOps Engineer")),
          new Department("Sales", 18, List.of("Account Executive", "Sales Manager",
              "Sales Development Representative", "Solutions Consultant")),
          new Department("Support", 16, List.of("Support Engineer", "Customer Success Manager",
              "Support Team Lead")),
          new Department("Marketing", 10, List.of("Marketing Specialist", "Content Strategist",
              "Product Marketing Manager")),
          new Department("Finance", 8, List.of("Accountant", "Financial Analyst", "Controller")),
          new Department("Human Resources", 6, List.of("HR Generalist", "Recruiter",
              "People Partner")),
          new Department("Operations", 12, List.of("Operations Analyst", "Office Manager",
              "IT Administrator")));

  /** The ten groups of each environment, in creation order. */
  static final List<String> GROUPS =
      List.of("Engineering", "Sales", "Support", "Marketing", "Finance", "Human Resources",
          "Operations", "Admins", "Security", "Partner Portal");

  private static final List<String> FIRST_NAMES =
      List.of("James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda",
          "William", "Elizabeth", "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica",
          "Thomas", "Sarah", "Charles", "Karen", "Christopher", "Nancy", "Daniel", "Lisa",
          "Matthew", "Margaret", "Anthony", "Betty", "Mark", "Sandra", "Donald", "Ashley",
          "Steven", "Kimberly", "Paul", "Emily", "Andrew", "Donna", "Joshua", "Michelle",
          "Kenneth", "Carol", "Kevin", "Amanda", "Brian", "Melissa", "George", "Deborah",
          "Timothy", "Stephanie", "Ronald", "Rebecca", "Jason", "Laura", "Edward", "Helen",
          "Jeffrey", "Sharon", "Ryan", "Cynthia", "Jacob", "Kathleen", "Gary", "Amy", "Nicholas",
          "Angela", "Eric", "Anna", "Jonathan", "Olivia", "Stephen", "Sophia", "Larry", "Chloe",
          "Justin", "Mia", "Scott", "Hannah", "Brandon", "Lena", "Wei", "Mei", "Raj", "Anika",
          "Lars", "Ingrid", "Mateo", "Lucia", "Kwame", "Amara", "Yuki", "Sota", "Omar", "Fatima",
          "Ivan", "Olga", "Liam", "Noah", "Ethan", "Ava");

  private static final List<String> LAST_NAMES =
      List.of("Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson",
          "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "White", "Harris", "Thompson",
          "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott",
          "Hill", "Green", "Adams", "Baker", "Nelson", "Campbell", "Mitchell", "Roberts",
          "Turner", "Phillips", "Parker", "Evans", "Edwards", "Collins", "Stewart", "Morris",
          "Murphy", "Cook", "Rogers", "Morgan", "Cooper", "Peterson", "Reed", "Bailey", "Bell",
          "Kelly", "Howard", "Ward", "Cox", "Richardson", "Wood", "Watson", "Brooks", "Bennett",
          "Gray", "Hughes", "Price", "Sanders", "Myers", "Long", "Ross", "Foster", "Chen", "Wang",
          "Li", "Kim", "Nguyen", "Singh", "Kumar", "Sharma", "Fischer", "Weber", "Meyer",
          "Hoffmann", "Novak", "Kowalski", "Ivanova", "Petrov", "Larsen", "Hansen", "Nielsen",
          "Johansson", "Lindberg", "Rossi", "Russo", "Bianchi", "Romano", "Silva", "Santos",
          "Oliveira", "Mensah", "Okoro", "Haddad", "Suzuki", "Takahashi", "Yamamoto", "Nakamura");

  private static final List<String> MIDDLE_NAMES =
      List.of("A.", "B.", "C.", "D.", "E.", "J.", "K.", "L.", "M.", "R.", "S.", "T.", "Lee",
          "Marie", "James", "Ann", "Grace", "Paul");

  private static final Map<String, String> NICKNAMES =
      Map.ofEntries(Map.entry("Robert", "Bob"), Map.entry("William", "Will"),
          Map.entry("Elizabeth", "Liz"), Map.entry("Richard", "Rick"),
          Map.entry("Joseph", "Joe"), Map.entry("Christopher", "Chris"),
          Map.entry("Margaret", "Maggie"), Map.entry("Anthony", "Tony"),
          Map.entry("Jennifer", "Jen"), Map.entry("Michael", "Mike"),
          Map.entry("Matthew", "Matt"), Map.entry("Kimberly", "Kim"),
          Map.entry("Nicholas", "Nick"), Map.entry("Jonathan", "Jon"),
          Map.entry("Timothy", "Tim"), Map.entry("Stephanie", "Steph"),
          Map.entry("Rebecca", "Becky"), Map.entry("Katherine", "Kate"),
          Map.entry("Benjamin", "Ben"), Map.entry("Daniel", "Dan"), Map.entry("Samuel", "Sam"));

  /** city, region, postal code, country, locale, language, timezone, phone prefix. */
  private static final String[][] PLACES = {
    {"Denver", "CO", "80202", "US", "en-US", "en", "America/Denver", "+1303"},
    {"Austin", "TX", "78701", "US", "en-US", "en", "America/Chicago", "+1512"},
    {"New York", "NY", "10001", "US", "en-US", "en", "America/New_York", "+1212"},
    {"San Francisco", "CA", "94105", "US", "en-US", "en", "America/Los_Angeles", "+1415"},
    {"Seattle", "WA", "98101", "US", "en-US", "en", "America/Los_Angeles", "+1206"},
    {"Boston", "MA", "02110", "US", "en-US", "en", "America/New_York", "+1617"},
    {"Toronto", "ON", "M5H 2N2", "CA", "en-CA", "en", "America/Toronto", "+1416"},
    {"London", "England", "EC1A 1BB", "GB", "en-GB", "en", "Europe/London", "+4420"},
    {"Dublin", "Leinster", "D02 X285", "IE", "en-IE", "en", "Europe/Dublin", "+3531"},
    {"Berlin", "Berlin", "10115", "DE", "de-DE", "de", "Europe/Berlin", "+4930"},
    {"Paris", "Ile-de-France", "75001", "FR", "fr-FR", "fr", "Europe/Paris", "+331"},
    {"Madrid", "Madrid", "28013", "ES", "es-ES", "es", "Europe/Madrid", "+3491"},
    {"Tokyo", "Tokyo", "100-0005", "JP", "ja-JP", "ja", "Asia/Tokyo", "+813"},
    {"Sydney", "NSW", "2000", "AU", "en-AU", "en", "Australia/Sydney", "+612"},
    {"Sao Paulo", "SP", "01310-100", "BR", "pt-BR", "pt", "America/Sao_Paulo", "+5511"},
  };

  private static final List<String> STREETS =
      List.of("Main St", "Oak Ave", "Maple Dr", "Cedar Ln", "Park Rd", "Elm St", "Pine St",
          "Lake View Rd", "Market St", "Hill Rd", "River Rd", "Station Rd");

  private PingOneSeed() {}

  static PingOneDataSet create() {
    PingOneDataSet data = new PingOneDataSet(uuid("organization"));
    Random random = new Random(SEED);
    environment(data, random, ADMINISTRATORS, "Organization administrators and workforce",
        Instant.parse("2020-11-02T15:04:05.123Z"),
        List.of("Default", "Contractors", "Partners"), ADMINISTRATORS_USERS, true);
    environment(data, random, PRODUCTION, "Production workforce and customers",
        Instant.parse("2021-01-03T09:30:00.456Z"),
        List.of("Default", "Contractors", "Partners", "Customers"), PRODUCTION_USERS, false);
    return data;
  }

  static String formatDateTime(Instant instant) {
    return DATE_TIME.format(instant);
  }

  /** A stable version-4-looking UUID derived from a name. */
  static String uuid(String name) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      ByteBuffer b = ByteBuffer.wrap(hash);
      long msb = (b.getLong() & ~0xF000L) | 0x4000L;
      long lsb = (b.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
      return new UUID(msb, lsb).toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void environment(
      PingOneDataSet data,
      Random random,
      String name,
      String description,
      Instant created,
      List<String> populationNames,
      int userCount,
      boolean administrators) {
    String envId = uuid("environment:" + name);
    ObjectNode env = F.objectNode();
    env.put("id", envId);
    env.putObject("organization").put("id", data.organizationId);
    env.put("name", name);
    env.put("description", description);
    env.put("type", "PRODUCTION");
    env.put("region", "NA");
    env.putObject("license").put("id", uuid("license"));
    env.put("createdAt", formatDateTime(created));
    env.put("updatedAt", formatDateTime(created.plus(400, ChronoUnit.DAYS)));
    PingOneDataSet.Environment e =
        new PingOneDataSet.Environment(envId, name, env, uuid("worker-app:" + name));
    data.environments.put(name, e);

    Map<String, String> populationIds = new LinkedHashMap<>();
    for (int i = 0; i < populationNames.size(); i++) {
      String p = populationNames.get(i);
      ObjectNode population = F.objectNode();
      String id = uuid(name + ":population:" + p);
      populationIds.put(p, id);
      population.put("id", id);
      population.putObject("environment").put("id", envId);
      population.put("name", p);
      if (!p.equals("Partners")) { // a population without a description, which PingOne allows
        population.put("description", populationDescription(p));
      }
      population.put("default", i == 0);
      Instant at = created.plus(i, ChronoUnit.DAYS).plusMillis(3_517L * (i + 1));
      population.put("createdAt", formatDateTime(at));
      population.put("updatedAt", formatDateTime(at.plus(30, ChronoUnit.DAYS)));
      e.populations.add(population);
    }

    Map<String, String> groupIds = new LinkedHashMap<>();
    for (int i = 0; i < GROUPS.size(); i++) {
      String g = GROUPS.get(i);
      ObjectNode group = F.objectNode();
      String id = uuid(name + ":group:" + g);
      groupIds.put(g, id);
      group.put("id", id);
      group.putObject("environment").put("id", envId);
      group.put("name", g);
      if (!g.equals("Security")) { // a group without a description, which PingOne allows
        group.put("description", groupDescription(g));
      }
      if (g.equals("Partner Portal")) {
        group.putObject("population").put("id", populationIds.get("Partners"));
      }
      if (i < DEPARTMENTS.size()) {
        group.put("externalId", "grp-" + g.toLowerCase(Locale.ROOT).replace(' ', '-'));
      }
      Instant at = created.plus(2 + i, ChronoUnit.DAYS).plusMillis(7_919L * (i + 1));
      group.put("createdAt", formatDateTime(at));
      group.put("updatedAt", formatDateTime(at.plus(90, ChronoUnit.DAYS)));
      e.groups.add(group);
    }

    users(e, random, userCount, administrators, populationIds, groupIds);
  }

  private static String populationDescription(String name) {
    return switch (name) {
      case "Default" -> "Default population for employees";
      case "Contractors" -> "External contractors with time-limited access";
      case "Partners" -> "Users of partner organisations";
      default -> "Customer identities";
    };
  }

  private static String groupDescription(String name) {
    return switch (name) {
      case "Admins" -> "Administrators of internal systems";
      case "Security" -> "Security team and incident responders";
      case "Partner Portal" -> "Partner users with access to the partner portal";
      default -> "Members of the " + name + " department";
    };
  }

  private record Draft(
      String given,
      String middle,
      String family,
      String prefix,
      String suffix,
      String username,
      String email,
      String type,
      Department department,
      String title,
      String nickname,
      String[] place) {}

  private static void users(
      PingOneDataSet.Environment env,
      Random random,
      int count,
      boolean administrators,
      Map<String, String> populationIds,
      Map<String, String> groupIds) {
    Set<String> usernames = new HashSet<>();
    Set<String> emails = new HashSet<>();
    Map<Integer, FixedUser> fixed = new LinkedHashMap<>();
    if (administrators) {
      fixed.putAll(FIXED_ADMINISTRATORS);
      for (int i = 0; i < BACKLOG.size(); i++) {
        String[] b = BACKLOG.get(i);
        boolean ja = b[2].equals("ja");
        String dept = i % 3 == 0 ? "Engineering" : i % 3 == 1 ? "Sales" : "Support";
        fixed.put(backlogIndex(i), new FixedUser(b[0], null, b[1], null, null,
            (b[0].charAt(0) + b[1]).toLowerCase(Locale.ROOT),
            (b[0] + "." + b[1]).toLowerCase(Locale.ROOT) + "@example.com", "Employee", dept,
            department(dept).titles().get(0), null, ja ? "ja-JP" : "en-US"));
      }
      for (FixedUser f : fixed.values()) {
        usernames.add(f.username());
        emails.add(f.email().toLowerCase(Locale.ROOT));
      }
    }

    long span = USERS_TO.toEpochMilli() - USERS_FROM.toEpochMilli();
    long step = span / count;
    int employeeNumber = 100_000;
    for (int i = 0; i < count; i++) {
      Instant created =
          USERS_FROM.plusMillis(step * i + (long) (random.nextDouble() * (step - 1)));
      FixedUser f = fixed.get(i);
      Draft d = f != null ? fromFixed(f, random) : draft(random, usernames, emails);
      String id = uuid(env.name + ":user:" + i);

      ObjectNode user = F.objectNode();
      user.put("id", id);
      user.putObject("environment").put("id", env.id);
      boolean locked = random.nextInt(100) < 4;
      ObjectNode account = user.putObject("account");
      account.put("canAuthenticate", !locked);
      account.put("status", locked ? "LOCKED" : "OK");
      String type = d.type();
      if ("Contractor".equals(type) || "External".equals(type)) {
        user.put("accountId", "A" + (200_000 + random.nextInt(800_000)));
      }
      String[] place = d.place();
      if (random.nextInt(100) < 60) {
        ObjectNode address = user.putObject("address");
        address.put(
            "streetAddress", (1 + random.nextInt(2000)) + " " + pick(random, STREETS));
        address.put("locality", place[0]);
        address.put("region", place[1]);
        address.put("postalCode", place[2]);
        address.put("countryCode", place[3]);
      }
      user.put("createdAt", formatDateTime(created));
      user.put("email", d.email());
      user.put("emailVerified", random.nextInt(100) < 85);
      user.put("enabled", random.nextInt(100) < 90);
      if (type != null && List.of("Employee", "Intern", "Temp").contains(type)) {
        user.put("externalId", "E" + (employeeNumber + i));
      }
      user.putObject("identityProvider").put("type", "PING_ONE");
      user.putObject("lifecycle")
          .put("status", random.nextInt(100) < 12 ? "VERIFICATION_REQUIRED" : "ACCOUNT_OK");
      user.put("locale", place[4]);
      user.put("mfaEnabled", random.nextInt(100) < 65);
      if (random.nextInt(100) < 40) {
        user.put("mobilePhone", place[7] + (5_550_000 + random.nextInt(10_000)));
      }
      ObjectNode name = user.putObject("name");
      name.put("formatted", formatted(d));
      name.put("given", d.given());
      if (d.middle() != null) {
        name.put("middle", d.middle());
      }
      name.put("family", d.family());
      if (d.prefix() != null) {
        name.put("honorificPrefix", d.prefix());
      }
      if (d.suffix() != null) {
        name.put("honorificSuffix", d.suffix());
      }
      if (d.nickname() != null) {
        user.put("nickname", d.nickname());
      }
      if (random.nextInt(100) < 15) {
        user.putObject("photo")
            .put("href", "https://images.example.com/avatars/" + d.username() + ".png");
      }
      user.putObject("population").put("id", populationIds.get(population(type, administrators)));
      user.put("preferredLanguage", place[5]);
      if (random.nextInt(100) < 50) {
        user.put("primaryPhone", place[7] + (5_550_000 + random.nextInt(10_000)));
      }
      if (type != null && List.of("Contractor", "Intern", "Temp").contains(type)) {
        LocalDate start = created.atZone(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1);
        user.put("startDate", start.toString());
        if (random.nextInt(100) < 70) {
          user.put("endDate", start.plusMonths(6 + random.nextInt(13)).minusDays(1).toString());
        }
      }
      user.put("timezone", place[6]);
      if (d.title() != null) {
        user.put("title", d.title());
      }
      if (type != null) {
        user.put("type", type);
      }
      Instant updated = created.plusSeconds((long) (random.nextDouble() * 400 * 86_400));
      user.put("updatedAt", formatDateTime(updated.isAfter(LAST_UPDATE) ? LAST_UPDATE : updated));
      user.put("username", d.username());
      env.users.add(user);

      if (d.department() != null) {
        env.addMember(groupIds.get(d.department().name()), id);
        String dept = d.department().name();
        if ((dept.equals("Engineering") || dept.equals("Operations"))
            && random.nextInt(100) < 8) {
          env.addMember(groupIds.get("Admins"), id);
        }
        if (random.nextInt(100) < 5) {
          env.addMember(groupIds.get("Security"), id);
        }
      }
      if ("External".equals(type)) {
        env.addMember(groupIds.get("Partner Portal"), id);
      }
    }
    EDGE_CASE_USERS.forEach(
        (index, values) -> edgeCase(env.users.get(uuid(env.name + ":user:" + index)), values));
    minimal(env.users.get(uuid(env.name + ":user:" + MINIMAL_USER)));
  }

  private static void edgeCase(ObjectNode user, String[] values) {
    ObjectNode name = (ObjectNode) user.get("name");
    if (values[0] != null) {
      name.put("given", values[0]);
    }
    if (values[1] != null) {
      name.put("family", values[1]);
    }
    if (values[0] != null || values[1] != null) {
      name.put("formatted", name.path("given").asText() + " " + name.path("family").asText());
    }
    if (values[2] != null) {
      user.put("nickname", values[2]);
    }
    if (values[3] != null) {
      user.put("title", values[3]);
    }
  }

  private static void minimal(ObjectNode user) {
    user.remove(List.of("name", "nickname", "title", "locale", "preferredLanguage", "timezone",
        "address", "primaryPhone", "mobilePhone", "photo"));
  }

  private static String population(String type, boolean administrators) {
    if ("Contractor".equals(type)) {
      return "Contractors";
    } else if ("External".equals(type)) {
      return "Partners";
    } else if (type == null && !administrators) {
      return "Customers";
    }
    return "Default";
  }

  private static String formatted(Draft d) {
    StringBuilder s = new StringBuilder();
    if (d.prefix() != null) {
      s.append(d.prefix()).append(' ');
    }
    s.append(d.given());
    if (d.middle() != null) {
      s.append(' ').append(d.middle());
    }
    s.append(' ').append(d.family());
    if (d.suffix() != null) {
      s.append(", ").append(d.suffix());
    }
    return s.toString();
  }

  private static Draft fromFixed(FixedUser f, Random random) {
    random.nextInt(); // keep the stream in step with drawn users
    return new Draft(f.given(), f.middle(), f.family(), f.prefix(), f.suffix(), f.username(),
        f.email(), f.type(), f.department() == null ? null : department(f.department()),
        f.title(), f.nickname(), placeFor(f.locale()));
  }

  private static String[] placeFor(String locale) {
    for (String[] p : PLACES) {
      if (p[4].equals(locale)) {
        return p;
      }
    }
    return PLACES[0];
  }

  private static Department department(String name) {
    return DEPARTMENTS.stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
  }

  private static Draft draft(Random random, Set<String> usernames, Set<String> emails) {
    String given = pick(random, FIRST_NAMES);
    String family = pick(random, LAST_NAMES);
    String middle = random.nextInt(100) < 30 ? pick(random, MIDDLE_NAMES) : null;
    String type = weightedType(random);
    Department department = null;
    if (!"External".equals(type)
        && (type != null && !type.equals("Unknown") || random.nextBoolean())) {
      department = weightedDepartment(random);
    }
    String title;
    if ("External".equals(type)) {
      title = random.nextBoolean() ? "Partner Consultant" : "Partner Engineer";
    } else if (department == null) {
      title = null;
    } else if ("Intern".equals(type)) {
      title = department.name() + " Intern";
    } else {
      title = pick(random, department.titles());
    }
    String nickname =
        NICKNAMES.containsKey(given) && random.nextInt(100) < 50 ? NICKNAMES.get(given) : null;
    String[] place = PLACES[random.nextInt(PLACES.length)];

    String base = (given.charAt(0) + family).toLowerCase(Locale.ROOT);
    String username = base;
    for (int n = 2; !usernames.add(username); n++) {
      username = base + n;
    }
    String domain = "External".equals(type) ? "partner.example.net" : "example.com";
    String local = ascii(given + "." + family).toLowerCase(Locale.ROOT);
    String email = local + "@" + domain;
    for (int n = 2; !emails.add(email.toLowerCase(Locale.ROOT)); n++) {
      email = local + n + "@" + domain;
    }
    return new Draft(given, middle, family, null, null, username, email, type, department, title,
        nickname, place);
  }

  private static String ascii(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("[^\\p{ASCII}]", "");
  }

  private static String weightedType(Random random) {
    int total = 0;
    for (int w : TYPE_WEIGHTS) {
      total += w;
    }
    int r = random.nextInt(total);
    for (int i = 0; i < TYPE_WEIGHTS.length; i++) {
      r -= TYPE_WEIGHTS[i];
      if (r < 0) {
        return i < TYPES.size() ? TYPES.get(i) : null;
      }
    }
    throw new AssertionError();
  }

  private static Department weightedDepartment(Random random) {
    int total = DEPARTMENTS.stream().mapToInt(Department::weight).sum();
    int r = random.nextInt(total);
    for (Department d : DEPARTMENTS) {
      r -= d.weight();
      if (r < 0) {
        return d;
      }
    }
    throw new AssertionError();
  }

  private static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
